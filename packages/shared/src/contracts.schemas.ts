import { z } from 'zod';
import { DATE_YEAR_MAX, DATE_YEAR_MIN, idSchema, pagedSchema, pageQuerySchema, userRefSchema } from './common.schemas.js';
import { LIMITS } from './limits.js';

// Archives of seeds 001/002: customer contracts (协议) with renewal reminders, the service staff archive
// (家政服务人员档案) and the document lending register (借出单).

export const ARCHIVE_LIMITS = {
  /** Seed 001: the store is told 15 days before a contract ends. */
  reminderDaysDefault: 15,
  reminderDaysMax: 365,
  expiringWindowDefault: 30,
  expiringWindowMax: 365,
  amountFenMax: 100_000_000_000,
  deductionPointsMax: 1000,
  skillsMax: 20,
} as const;

/** A calendar date "YYYY-MM-DD" (the tenant's local day). */
export const archiveDateSchema = z.iso.date().refine((v) => Number(v.slice(0, 4)) >= DATE_YEAR_MIN && Number(v.slice(0, 4)) <= DATE_YEAR_MAX, {
  message: `year ${DATE_YEAR_MIN}–${DATE_YEAR_MAX}`,
});
export const archiveMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'YYYY-MM' });
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish().transform((v) => (v ? v : null));

// ---- contracts --------------------------------------------------------------------------------------------------
export const CONTRACT_STATUSES = ['draft', 'active', 'expired', 'terminated', 'renewed'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
/** 家政服务合同, 居间服务协议, 框架协议, 采购合同, 其他. */
export const CONTRACT_KINDS = ['service', 'agency', 'framework', 'purchase', 'other'] as const;

const contractFields = {
  number: text(60),
  customerId: idSchema,
  ourParty: text(LIMITS.nameMax),
  title: text(LIMITS.subjectMax),
  kind: z.enum(CONTRACT_KINDS),
  startDate: archiveDateSchema,
  endDate: archiveDateSchema,
  amountFen: z.number().int().min(0).max(ARCHIVE_LIMITS.amountFenMax),
  ownerId: idSchema.nullable(),
  staffIds: z.array(idSchema).max(50),
  reminderDays: z.number().int().min(0).max(ARCHIVE_LIMITS.reminderDaysMax),
  note: optionalText(2000),
};
export const contractInputSchema = z.object(contractFields).extend({
  amountFen: contractFields.amountFen.default(0),
  ownerId: contractFields.ownerId.default(null),
  staffIds: contractFields.staffIds.default([]),
  reminderDays: contractFields.reminderDays.default(ARCHIVE_LIMITS.reminderDaysDefault),
  /** A draft is not reminded; an active one is. */
  status: z.enum(['draft', 'active']).default('active'),
});
export type ContractInput = z.infer<typeof contractInputSchema>;
export const contractUpdateSchema = z.object({ version: z.number().int().min(1), ...contractFields }).partial().required({ version: true });
export type ContractUpdate = z.infer<typeof contractUpdateSchema>;
export const contractRenewSchema = z.object({
  version: z.number().int().min(1),
  number: text(60).optional(),
  startDate: archiveDateSchema,
  endDate: archiveDateSchema,
  amountFen: contractFields.amountFen.optional(),
});
export type ContractRenew = z.infer<typeof contractRenewSchema>;
export const contractTerminateSchema = z.object({ version: z.number().int().min(1), reason: text(500) });
export const archiveVersionSchema = z.object({ version: z.number().int().min(1) });

export const contractSchema = z.object({
  id: z.number(),
  number: z.string(),
  customer: userRefSchema,
  ourParty: z.string(),
  title: z.string(),
  kind: z.enum(CONTRACT_KINDS),
  startDate: z.string(),
  endDate: z.string(),
  amountFen: z.number(),
  owner: userRefSchema.nullable(),
  staff: z.array(userRefSchema),
  /** The stored status, with an active contract past its end shown as expired. */
  status: z.enum(CONTRACT_STATUSES),
  reminderDays: z.number(),
  reminderDueDate: z.string(),
  /** Days from the tenant's today to the end date (negative once ended). */
  daysLeft: z.number(),
  remindedAt: z.string().nullable(),
  renewedFromId: z.number().nullable(),
  renewedToId: z.number().nullable(),
  terminatedReason: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type Contract = z.infer<typeof contractSchema>;
export const contractListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(LIMITS.searchQueryMax).optional(),
  status: z.enum(CONTRACT_STATUSES).optional(),
  customerId: idSchema.optional(),
  ownerId: idSchema.optional(),
});
export const contractPageSchema = pagedSchema(contractSchema);
export const expiringContractsQuerySchema = z.object({
  days: z.coerce.number().int().min(0).max(ARCHIVE_LIMITS.expiringWindowMax).default(ARCHIVE_LIMITS.expiringWindowDefault),
});
export const expiringContractsSchema = z.object({ today: z.string(), days: z.number(), expiring: z.array(contractSchema), overdue: z.array(contractSchema) });
export type ExpiringContracts = z.infer<typeof expiringContractsSchema>;

// ---- service staff ----------------------------------------------------------------------------------------------
export const STAFF_STATUSES = ['new', 'on_duty', 'returned', 'resigned'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];
export const STAFF_GENDERS = ['female', 'male'] as const;
/**
 * Seed 001's movements (新到 / 上岗 / 返回 / 辞职), from each status the ones a store may report: a new arrival goes on
 * duty (or leaves before her first job); a worker on duty returns between jobs or resigns; a resigned one may come back.
 */
export const STAFF_MOVEMENTS: Record<StaffStatus, readonly StaffStatus[]> = {
  new: ['on_duty', 'resigned'],
  on_duty: ['returned', 'resigned'],
  returned: ['on_duty', 'resigned'],
  resigned: ['new'],
};
/** 18-character resident ID (last may be X) or the old 15-digit one. */
export const staffIdCardSchema = z.string().trim().toUpperCase().regex(/^(\d{17}[\dX]|\d{15})$/, { message: 'ID card: 18 characters (digits, last may be X) or 15 digits' });

const staffFields = {
  name: text(LIMITS.nameMax),
  gender: z.enum(STAFF_GENDERS),
  birthYear: z.number().int().min(1930).max(2020).nullable(),
  phone: optionalText(40),
  idCard: staffIdCardSchema.nullable(),
  skills: z.array(text(30)).max(ARCHIVE_LIMITS.skillsMax),
  level: optionalText(30),
  note: optionalText(2000),
};
export const staffInputSchema = z.object(staffFields).extend({
  birthYear: staffFields.birthYear.default(null),
  idCard: staffFields.idCard.default(null),
  skills: staffFields.skills.default([]),
  /** Date of the first movement ("new"); the tenant's today when absent. */
  joinedOn: archiveDateSchema.optional(),
});
export type StaffInput = z.infer<typeof staffInputSchema>;
export const staffUpdateSchema = z.object({ version: z.number().int().min(1), ...staffFields }).partial().required({ version: true });
export type StaffUpdate = z.infer<typeof staffUpdateSchema>;

export const staffPlacementSchema = z.object({
  id: z.number(),
  staff: userRefSchema,
  customer: userRefSchema,
  contract: z.object({ id: z.number(), number: z.string() }).nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number(),
});
export type StaffPlacement = z.infer<typeof staffPlacementSchema>;
export const staffSchema = z.object({
  id: z.number(),
  name: z.string(),
  gender: z.enum(STAFF_GENDERS),
  birthYear: z.number().nullable(),
  phone: z.string().nullable(),
  idCard: z.string().nullable(),
  /** True when phone and ID card are shown masked (the actor may not see personal data). */
  piiMasked: z.boolean(),
  skills: z.array(z.string()),
  level: z.string().nullable(),
  status: z.enum(STAFF_STATUSES),
  note: z.string().nullable(),
  currentPlacement: staffPlacementSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type Staff = z.infer<typeof staffSchema>;
export const staffListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(LIMITS.searchQueryMax).optional(),
  status: z.enum(STAFF_STATUSES).optional(),
  skill: z.string().trim().max(30).optional(),
});
export const staffPageSchema = pagedSchema(staffSchema);

export const staffMovementInputSchema = z.object({ version: z.number().int().min(1), kind: z.enum(STAFF_STATUSES), onDate: archiveDateSchema, note: optionalText(500) });
export type StaffMovementInput = z.infer<typeof staffMovementInputSchema>;
export const staffMovementSchema = z.object({
  id: z.number(),
  kind: z.enum(STAFF_STATUSES),
  fromStatus: z.enum(STAFF_STATUSES).nullable(),
  onDate: z.string(),
  note: z.string().nullable(),
  by: userRefSchema.nullable(),
  createdAt: z.string(),
});
export type StaffMovement = z.infer<typeof staffMovementSchema>;
export const staffPlacementInputSchema = z.object({ customerId: idSchema, contractId: idSchema.nullish(), startDate: archiveDateSchema, endDate: archiveDateSchema.nullish(), note: optionalText(500) });
export type StaffPlacementInput = z.infer<typeof staffPlacementInputSchema>;
export const staffPlacementEndSchema = z.object({ version: z.number().int().min(1), endDate: archiveDateSchema });
export const staffPlacementParamsSchema = z.object({ id: idSchema, placementId: idSchema });

export const staffDeductionInputSchema = z.object({
  month: archiveMonthSchema,
  points: z.number().int().min(0).max(ARCHIVE_LIMITS.deductionPointsMax).default(0),
  amountFen: z.number().int().min(0).max(ARCHIVE_LIMITS.amountFenMax).default(0),
  reason: text(500),
  /** The complaint (work order) the deduction comes from. */
  ticketId: idSchema.nullish(),
});
export type StaffDeductionInput = z.infer<typeof staffDeductionInputSchema>;
export const staffDeductionSchema = z.object({
  id: z.number(),
  staffId: z.number(),
  month: z.string(),
  points: z.number(),
  amountFen: z.number(),
  reason: z.string(),
  ticketId: z.number().nullable(),
  by: userRefSchema.nullable(),
  createdAt: z.string(),
});
export type StaffDeduction = z.infer<typeof staffDeductionSchema>;
export const staffMonthTotalSchema = z.object({ month: z.string(), count: z.number(), points: z.number(), amountFen: z.number() });
export const staffProfileSchema = z.object({
  staff: staffSchema,
  placements: z.array(staffPlacementSchema),
  movements: z.array(staffMovementSchema),
  deductions: z.array(staffDeductionSchema),
  monthlyTotals: z.array(staffMonthTotalSchema),
});
export type StaffProfile = z.infer<typeof staffProfileSchema>;
export const staffDeductionSummaryQuerySchema = z.object({ month: archiveMonthSchema });
export const staffDeductionSummarySchema = z.object({
  month: z.string(),
  items: z.array(z.object({ staffId: z.number(), name: z.string(), status: z.enum(STAFF_STATUSES), count: z.number(), points: z.number(), amountFen: z.number() })),
});
export type StaffDeductionSummary = z.infer<typeof staffDeductionSummarySchema>;
export const staffPiiSchema = z.object({ id: z.number(), phone: z.string().nullable(), idCard: z.string().nullable() });

// ---- document lending (借出单) ------------------------------------------------------------------------------------
export const LENDING_STATUSES = ['requested', 'approved', 'rejected', 'lent', 'returned', 'cancelled'] as const;
export type LendingStatus = (typeof LENDING_STATUSES)[number];
export const LENDING_ACTIONS = ['approve', 'reject', 'lend', 'return', 'cancel'] as const;
export type LendingAction = (typeof LENDING_ACTIONS)[number];
/** The slip's life (seed 002): approved by a manager before it is lent, closed when the document is back. */
export const LENDING_TRANSITIONS: Record<LendingStatus, Partial<Record<LendingAction, LendingStatus>>> = {
  requested: { approve: 'approved', reject: 'rejected', cancel: 'cancelled' },
  approved: { lend: 'lent', cancel: 'cancelled' },
  lent: { return: 'returned' },
  rejected: {},
  returned: {},
  cancelled: {},
};
export const LENDING_RETURN_CONDITIONS = ['intact', 'damaged', 'incomplete'] as const;

export const lendingRequestSchema = z.object({
  documentTitle: text(LIMITS.subjectMax),
  documentNo: optionalText(60),
  borrowerId: idSchema,
  purpose: text(500),
  expectedReturnDate: archiveDateSchema,
});
export type LendingRequest = z.infer<typeof lendingRequestSchema>;
export const lendingRejectSchema = z.object({ version: z.number().int().min(1), reason: text(500) });
export const lendingLendSchema = z.object({ version: z.number().int().min(1), lentOn: archiveDateSchema.optional() });
export const lendingReturnSchema = z.object({ version: z.number().int().min(1), returnedOn: archiveDateSchema, condition: z.enum(LENDING_RETURN_CONDITIONS), note: optionalText(500) });
export const lendingSchema = z.object({
  id: z.number(),
  documentTitle: z.string(),
  documentNo: z.string().nullable(),
  borrower: userRefSchema,
  purpose: z.string(),
  expectedReturnDate: z.string(),
  status: z.enum(LENDING_STATUSES),
  overdue: z.boolean(),
  daysOverdue: z.number(),
  requestedBy: userRefSchema.nullable(),
  requestedAt: z.string(),
  decidedBy: userRefSchema.nullable(),
  decidedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  lentOn: z.string().nullable(),
  returnedOn: z.string().nullable(),
  returnCondition: z.enum(LENDING_RETURN_CONDITIONS).nullable(),
  returnNote: z.string().nullable(),
  version: z.number(),
});
export type Lending = z.infer<typeof lendingSchema>;
export const lendingListQuerySchema = pageQuerySchema.extend({
  status: z.enum(LENDING_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(LIMITS.searchQueryMax).optional(),
});
export const lendingPageSchema = pagedSchema(lendingSchema);
