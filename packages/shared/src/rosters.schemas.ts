import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common.schemas.js';

// Rosters (排班考勤 / 交接班): assigned shifts, leave (请假), shift swaps (换班), attendance and the handover log.

export const LEAVE_KINDS = ['personal', 'personal_urgent', 'sick', 'annual', 'compensatory', 'marriage', 'bereavement', 'business'] as const;
export type LeaveKind = (typeof LEAVE_KINDS)[number];
export const LEAVE_STATUSES = ['pending', 'pending_director', 'approved', 'rejected', 'cancelled'] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];
export const SWAP_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type SwapStatus = (typeof SWAP_STATUSES)[number];
export const HANDOVER_STATUSES = ['open', 'outgoing_signed', 'signed'] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];

export const rosterDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const text = (max: number) => z.string().trim().max(max);

/** One broken rule: the key of its message in rules/rosters.rules.ts and the placeholders. */
export const ruleViolationItemSchema = z.object({ rule: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) });
export type RuleViolationItem = z.infer<typeof ruleViolationItemSchema>;

export const rosterShiftInputSchema = z.object({
  userId: idSchema,
  date: rosterDateSchema,
  shiftCode: text(20).min(1),
  startsAt: isoDateTimeSchema,
  endsAt: isoDateTimeSchema,
  isNight: z.boolean().default(false),
  teamId: idSchema.nullable().optional(),
});
export type RosterShiftInput = z.infer<typeof rosterShiftInputSchema>;
export const rosterShiftsUpsertSchema = z.object({ shifts: z.array(rosterShiftInputSchema).min(1).max(2000) });

export const rosterShiftSchema = z.object({
  id: z.number(),
  userId: z.number(),
  userName: z.string(),
  date: z.string(),
  shiftCode: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  isNight: z.boolean(),
  teamId: z.number().nullable(),
  status: z.enum(['scheduled', 'leave']),
  leaveRequestId: z.number().nullable(),
  swapId: z.number().nullable(),
  version: z.number(),
});
export type RosterShift = z.infer<typeof rosterShiftSchema>;
export const rosterShiftQuerySchema = z.object({
  from: rosterDateSchema,
  to: rosterDateSchema,
  userId: idSchema.optional(),
  teamId: idSchema.optional(),
  mine: z.enum(['true', 'false']).optional(),
});

export const staffProfileInputSchema = z.object({ job: text(40).min(1), skillLevel: z.number().int().min(1).max(10) });

export const leaveRequestInputSchema = z.object({
  /** Someone else's id only for sick leave (病假可由他人代请). */
  userId: idSchema.optional(),
  kind: z.enum(LEAVE_KINDS),
  startsAt: isoDateTimeSchema,
  endsAt: isoDateTimeSchema,
  reason: text(500).default(''),
  /** Reference of the uploaded medical certificate (attachment id or file name). */
  certificateRef: text(200).min(1).nullable().optional(),
  emergency: z.boolean().default(false),
  /** Asked for a public holiday "in an exceptional case" (极特殊情况). */
  exceptional: z.boolean().default(false),
});
export type LeaveRequestInput = z.infer<typeof leaveRequestInputSchema>;

export const leaveRequestSchema = z.object({
  id: z.number(),
  userId: z.number(),
  userName: z.string(),
  kind: z.enum(LEAVE_KINDS),
  startsAt: z.string(),
  endsAt: z.string(),
  days: z.number(),
  reason: z.string(),
  certificateRef: z.string().nullable(),
  emergency: z.boolean(),
  exceptional: z.boolean(),
  needsDirector: z.boolean(),
  status: z.enum(LEAVE_STATUSES),
  requestedBy: z.number(),
  approvedBy: z.number().nullable(),
  approvedAt: z.string().nullable(),
  directedBy: z.number().nullable(),
  directedAt: z.string().nullable(),
  decidedNote: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type LeaveRequest = z.infer<typeof leaveRequestSchema>;
export const leaveListQuerySchema = z.object({
  status: z.enum([...LEAVE_STATUSES, 'open']).optional(),
  mine: z.enum(['true', 'false']).optional(),
  /** Requests this user can decide now. */
  inbox: z.enum(['true', 'false']).optional(),
});
export const rosterDecisionSchema = z.object({ version: z.number().int(), approve: z.boolean(), note: text(500).optional() });
export const rosterVersionSchema = z.object({ version: z.number().int() });

export const swapInputSchema = z.object({ requesterShiftId: idSchema, counterpartShiftId: idSchema, reason: text(500).default('') });
export const swapSchema = z.object({
  id: z.number(),
  requesterId: z.number(),
  requesterName: z.string(),
  requesterShift: rosterShiftSchema,
  counterpartId: z.number(),
  counterpartName: z.string(),
  counterpartShift: rosterShiftSchema,
  reason: z.string(),
  status: z.enum(SWAP_STATUSES),
  requesterLeaderId: z.number().nullable(),
  counterpartLeaderId: z.number().nullable(),
  decidedNote: z.string().nullable(),
  appliedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type Swap = z.infer<typeof swapSchema>;
export const swapListQuerySchema = z.object({ status: z.enum(SWAP_STATUSES).optional(), mine: z.enum(['true', 'false']).optional(), inbox: z.enum(['true', 'false']).optional() });
export const swapCheckSchema = z.object({ ok: z.boolean(), violations: z.array(ruleViolationItemSchema.extend({ message: z.string() })) });

export const clockInputSchema = z.object({ kind: z.enum(['in', 'out']) });
export const attendanceQuerySchema = z.object({ date: rosterDateSchema, teamId: idSchema.optional() });
export const attendanceRowSchema = z.object({
  userId: z.number(),
  userName: z.string(),
  shiftId: z.number(),
  shiftCode: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  onLeave: z.boolean(),
  clockInAt: z.string().nullable(),
  clockOutAt: z.string().nullable(),
  lateMinutes: z.number(),
  earlyLeaveMinutes: z.number(),
  longestAwayMinutes: z.number(),
  absent: z.boolean(),
  violations: z.array(z.enum(['late', 'early_leave', 'away', 'absent'])),
  scheduledMinutes: z.number(),
  workingMinutes: z.number(),
  /** Share of scheduled minutes in a working state, 0–1; null while on leave. */
  adherence: z.number().nullable(),
  source: z.enum(['agent_states', 'clock', 'none']),
  intervals: z.array(z.object({ start: z.string(), scheduledMinutes: z.number(), workingMinutes: z.number() })),
});
export type AttendanceRow = z.infer<typeof attendanceRowSchema>;
export const coverageQuerySchema = z.object({ date: rosterDateSchema, teamId: idSchema.optional(), intervalMinutes: z.coerce.number().int().refine((v) => [15, 30, 60].includes(v)).default(30) });
export const coverageSchema = z.object({
  date: z.string(),
  intervals: z.array(z.object({ start: z.string(), scheduled: z.number(), onLeave: z.number(), available: z.number() })),
});

export const handoverTicketSchema = z.object({ id: z.number(), number: z.string(), subject: z.string(), status: z.string(), priority: z.string(), assigneeName: z.string().nullable(), dueAt: z.string().nullable() });
export const handoverInputSchema = z.object({
  teamId: idSchema.nullable().optional(),
  shiftDate: rosterDateSchema,
  shiftCode: text(20).min(1),
  businessChanges: text(4000).default(''),
  systemProblems: text(4000).default(''),
  staffChanges: text(4000).default(''),
  notes: text(4000).default(''),
});
// No defaults here: a field left out stays as it is.
export const handoverUpdateSchema = z.object({
  version: z.number().int(),
  businessChanges: text(4000).optional(),
  systemProblems: text(4000).optional(),
  staffChanges: text(4000).optional(),
  notes: text(4000).optional(),
});
export const handoverSchema = z.object({
  id: z.number(),
  teamId: z.number().nullable(),
  shiftDate: z.string(),
  shiftCode: z.string(),
  outgoingLeaderId: z.number(),
  outgoingLeaderName: z.string(),
  incomingLeaderId: z.number().nullable(),
  incomingLeaderName: z.string().nullable(),
  openTickets: z.array(handoverTicketSchema),
  pendingComplaints: z.array(handoverTicketSchema),
  businessChanges: z.string(),
  systemProblems: z.string(),
  staffChanges: z.string(),
  notes: z.string(),
  status: z.enum(HANDOVER_STATUSES),
  outgoingSignedAt: z.string().nullable(),
  incomingSignedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type Handover = z.infer<typeof handoverSchema>;
export const handoverListQuerySchema = z.object({ q: text(100).optional(), from: rosterDateSchema.optional(), to: rosterDateSchema.optional(), teamId: idSchema.optional() });
