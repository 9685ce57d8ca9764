import { z } from 'zod';
import { idSchema, isoDateTimeSchema, pageQuerySchema, pagedSchema, userRefSchema } from './common.schemas.js';
import { LIMITS } from './limits.js';
import { ticketCreateSchema } from './tickets.schemas.js';

/** 一般投诉 (attitude, no loss) and 严重投诉 (property loss, injury, theft). */
export const COMPLAINT_GRADES = ['general', 'serious'] as const;
export type ComplaintGrade = (typeof COMPLAINT_GRADES)[number];

export const COMPLAINT_CATEGORIES = ['attitude', 'service_quality', 'billing', 'delay', 'property_loss', 'injury', 'theft', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** The procedure of seed 001 in order; `closed` is where every case ends. */
export const COMPLAINT_STEPS = ['accept', 'judge', 'investigate', 'propose', 'approve', 'reply', 'follow_up', 'close'] as const;
export type ComplaintStep = (typeof COMPLAINT_STEPS)[number];
export type ComplaintPosition = ComplaintStep | 'closed';

export const APPROVAL_LEVELS = ['manager', 'gm'] as const;
export type ApprovalLevel = (typeof APPROVAL_LEVELS)[number];

export const FOLLOW_UP_RESULTS = ['satisfied', 'unsatisfied', 'unreachable'] as const;
export type FollowUpResult = (typeof FOLLOW_UP_RESULTS)[number];

export const PAYOUT_KINDS = ['compensation', 'refund', 'gift'] as const;
export type PayoutKind = (typeof PAYOUT_KINDS)[number];

export const COMPLAINT_LIMITS = { payoutFenMax: 100_000_000, penaltyPointsMax: 100, payoutsPerProposal: 10 } as const;

const text = (max: number = LIMITS.noteMax) => z.string().trim().min(1).max(max);

export const complaintCreateSchema = z
  .object({
    /** An existing work order of type complaint… */
    ticketId: idSchema.optional(),
    /** …or the order to create together with the case (its type is set to complaint). */
    ticket: ticketCreateSchema.omit({ type: true }).optional(),
    grade: z.enum(COMPLAINT_GRADES).default('general'),
  })
  .refine((v) => (v.ticketId === undefined) !== (v.ticket === undefined), { message: 'ticketId or ticket, exactly one', path: ['ticketId'] });
export type ComplaintCreate = z.infer<typeof complaintCreateSchema>;
/** What a client sends (defaults not yet applied). */
export type ComplaintCreateInput = z.input<typeof complaintCreateSchema>;

export const ticketIdParamSchema = z.object({ ticketId: idSchema });
export const complaintStepParamSchema = z.object({ ticketId: idSchema, step: z.enum(COMPLAINT_STEPS) });

/** The step's fields are checked by the server's step rules (422 naming the missing field), not here. */
export const complaintStepSubmitSchema = z.object({
  version: z.number().int().min(1),
  data: z.record(z.string(), z.unknown()).default({}),
});
export type ComplaintStepSubmit = z.infer<typeof complaintStepSubmitSchema>;

export const complaintApproveSchema = z.object({ version: z.number().int().min(1), note: z.string().trim().max(LIMITS.noteMax).optional() });
export const complaintRejectSchema = z.object({ version: z.number().int().min(1), reason: text() });

export const payoutSchema = z.object({
  id: z.number(),
  kind: z.enum(PAYOUT_KINDS),
  amountFen: z.number(),
  note: z.string().nullable(),
  approvedBy: userRefSchema.nullable(),
  approvedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ComplaintPayout = z.infer<typeof payoutSchema>;
export const payoutPaidSchema = z.object({ paidAt: isoDateTimeSchema.optional() });
export const payoutParamSchema = z.object({ ticketId: idSchema, payoutId: idSchema });

export const penaltyCreateSchema = z
  .object({
    penalty: text(2000),
    points: z.number().int().min(0).max(COMPLAINT_LIMITS.penaltyPointsMax).optional(),
    amountFen: z.number().int().min(0).max(COMPLAINT_LIMITS.payoutFenMax).optional(),
  });
export type PenaltyCreate = z.infer<typeof penaltyCreateSchema>;
export const PENALTY_SIGNERS = ['staff', 'gm'] as const;
export const penaltySignSchema = z.object({ as: z.enum(PENALTY_SIGNERS) });
export const penaltyParamSchema = z.object({ penaltyId: idSchema });
export const penaltySchema = z.object({
  id: z.number(),
  ticketId: z.number(),
  ticketNumber: z.string(),
  user: userRefSchema,
  penalty: z.string(),
  points: z.number().nullable(),
  amountFen: z.number().nullable(),
  month: z.string(),
  staffSignedAt: z.string().nullable(),
  gmSignedBy: userRefSchema.nullable(),
  gmSignedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ComplaintPenalty = z.infer<typeof penaltySchema>;
export const penaltyListQuerySchema = z.object({
  userId: idSchema.optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional(),
});

export const progressCreateSchema = z.object({ body: text() });
export const progressEntrySchema = z.object({ id: z.number(), at: z.string(), author: userRefSchema.nullable(), body: z.string() });
export type ComplaintProgressEntry = z.infer<typeof progressEntrySchema>;

export const approvalSchema = z.object({
  round: z.number(),
  level: z.enum(APPROVAL_LEVELS),
  decision: z.enum(['approved', 'rejected']),
  note: z.string().nullable(),
  by: userRefSchema.nullable(),
  at: z.string(),
});
export type ComplaintApproval = z.infer<typeof approvalSchema>;

export const complaintCaseSchema = z.object({
  ticketId: z.number(),
  ticketNumber: z.string(),
  subject: z.string(),
  ticketStatus: z.string(),
  grade: z.enum(COMPLAINT_GRADES),
  category: z.enum(COMPLAINT_CATEGORIES).nullable(),
  justified: z.boolean().nullable(),
  responsibleUser: userRefSchema.nullable(),
  responsibleTeamId: z.number().nullable(),
  responsibleDepartment: z.string().nullable(),
  step: z.enum([...COMPLAINT_STEPS, 'closed']),
  /** The steps this case goes through (an unjustified complaint is answered and closed). */
  path: z.array(z.enum(COMPLAINT_STEPS)),
  /** Which approval it waits for (only at the approve step). */
  pendingApproval: z.enum(APPROVAL_LEVELS).nullable(),
  payoutTotalFen: z.number(),
  followUpResult: z.enum(FOLLOW_UP_RESULTS).nullable(),
  stepData: z.record(z.string(), z.record(z.string(), z.unknown())),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number(),
});
export type ComplaintCase = z.infer<typeof complaintCaseSchema>;

export const complaintDetailSchema = complaintCaseSchema.extend({
  approvals: z.array(approvalSchema),
  requiredApprovals: z.array(z.enum(APPROVAL_LEVELS)),
  payouts: z.array(payoutSchema),
  penalties: z.array(penaltySchema),
  progress: z.array(progressEntrySchema),
});
export type ComplaintDetail = z.infer<typeof complaintDetailSchema>;

export const complaintListQuerySchema = pageQuerySchema.extend({
  step: z.enum([...COMPLAINT_STEPS, 'closed']).optional(),
  grade: z.enum(COMPLAINT_GRADES).optional(),
  open: z.enum(['true', 'false']).optional(),
  justified: z.enum(['true', 'false']).optional(),
  responsibleUserId: idSchema.optional(),
  q: z.string().trim().max(LIMITS.searchQueryMax).optional(),
});
export type ComplaintListQuery = z.infer<typeof complaintListQuerySchema>;
export const complaintPageSchema = pagedSchema(complaintCaseSchema);
export type ComplaintPage = z.infer<typeof complaintPageSchema>;

export const complaintStatsQuerySchema = z.object({ from: isoDateTimeSchema, to: isoDateTimeSchema });
/** The monthly complaint analysis (seed 001: 每月 5 号前编写上月投诉分析汇报) and the satisfaction figure of a period. */
export const complaintStatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Cases opened in the period, by grade. */
  received: z.number(),
  receivedByGrade: z.record(z.string(), z.number()),
  /** Cases of the period still open now. */
  stillOpen: z.number(),
  /** Payouts approved in the period, in fen. */
  payoutsApprovedFen: z.number(),
  /** Penalty slips written in the period. */
  penalties: z.number(),
  closed: z.number(),
  justifiedClosed: z.number(),
  satisfied: z.number(),
  unsatisfied: z.number(),
  unreachable: z.number(),
  /** satisfied ÷ justified closed cases whose follow-up reached the customer; null when there were none. */
  satisfactionRate: z.number().nullable(),
  target: z.number(),
  meetsTarget: z.boolean().nullable(),
  byGrade: z.record(z.string(), z.number()),
  byCategory: z.record(z.string(), z.number()),
});
export type ComplaintStats = z.infer<typeof complaintStatsSchema>;
