import { z } from 'zod';
import { CALENDAR_PRESET_NAMES } from './calendars.schemas.js';
import { CUSTOMER_GRADES } from './customers.schemas.js';
import { CHANNELS, PRIORITIES } from './tickets.schemas.js';
import { ticketSlaSchema } from './sla-state.schemas.js';

export * from './sla-state.schemas.js';

/** "calendar": wall-clock minutes; "business": only the open minutes of the policy's calendar. */
export const SLA_TIME_BASES = ['calendar', 'business'] as const;
export type SlaTimeBasis = (typeof SLA_TIME_BASES)[number];

/** Why an order's resolution clock stands. waiting_customer follows the status; the others are explicit pauses. */
export const SLA_PAUSE_REASONS = ['waiting_customer', 'customer_unreachable', 'customer_request', 'other'] as const;
export type SlaPauseReason = (typeof SLA_PAUSE_REASONS)[number];

export const SLA_ESCALATION_RECIPIENTS = ['owner', 'shift_leader', 'manager'] as const;
export const SLA_NOTIFY_CHANNELS = ['live', 'email', 'wecom', 'dingtalk'] as const;
export type SlaNotifyChannel = (typeof SLA_NOTIFY_CHANNELS)[number];

export const SLA_LIMITS = {
  minutesMax: 366 * 24 * 60,
  ladderStepsMax: 10,
  percentMax: 1000,
} as const;

export const slaEscalationStepSchema = z.object({
  percent: z.number().int().min(1).max(SLA_LIMITS.percentMax),
  notify: z.enum(SLA_ESCALATION_RECIPIENTS),
  channels: z.array(z.enum(SLA_NOTIFY_CHANNELS)).min(1).max(SLA_NOTIFY_CHANNELS.length),
});
export type SlaEscalationStep = z.infer<typeof slaEscalationStepSchema>;

const minutes = z.number().int().min(1).max(SLA_LIMITS.minutesMax).nullable();

/**
 * A preset name, or a calendar definition object (validated in full by the server with calendarDefinitionSchema,
 * whose message names the failing field).
 */
export const slaCalendarSchema = z.union([z.enum(CALENDAR_PRESET_NAMES), z.record(z.string(), z.unknown())]);

export const slaPolicyCreateSchema = z.object({
  name: z.string().trim().min(1).max(100),
  typeKey: z.string().trim().min(1).max(40).nullable().default(null),
  priority: z.enum(PRIORITIES).nullable().default(null),
  channel: z.enum(CHANNELS).nullable().default(null),
  /** A–E, or 'VIP' for the big customers grading flags (whatever their grade). */
  customerGrade: z.enum([...CUSTOMER_GRADES, 'VIP']).nullable().default(null),
  sortOrder: z.number().int().min(0).max(10_000).default(100),
  calendar: slaCalendarSchema,
  timeBasis: z.enum(SLA_TIME_BASES),
  firstReplyMinutes: minutes.default(null),
  updateMinutes: minutes.default(null),
  resolutionMinutes: minutes.default(null),
  escalation: z.array(slaEscalationStepSchema).max(SLA_LIMITS.ladderStepsMax).default([]),
  active: z.boolean().default(true),
});
export type SlaPolicyCreate = z.infer<typeof slaPolicyCreateSchema>;

export const slaPolicyUpdateSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  typeKey: z.string().trim().min(1).max(40).nullable().optional(),
  priority: z.enum(PRIORITIES).nullable().optional(),
  channel: z.enum(CHANNELS).nullable().optional(),
  customerGrade: z.enum([...CUSTOMER_GRADES, 'VIP']).nullable().optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
  calendar: slaCalendarSchema.optional(),
  timeBasis: z.enum(SLA_TIME_BASES).optional(),
  firstReplyMinutes: minutes.optional(),
  updateMinutes: minutes.optional(),
  resolutionMinutes: minutes.optional(),
  escalation: z.array(slaEscalationStepSchema).max(SLA_LIMITS.ladderStepsMax).optional(),
  active: z.boolean().optional(),
});
export type SlaPolicyUpdate = z.infer<typeof slaPolicyUpdateSchema>;

export const slaPolicySchema = z.object({
  id: z.number(),
  name: z.string(),
  typeKey: z.string().nullable(),
  priority: z.string().nullable(),
  channel: z.string().nullable(),
  customerGrade: z.string().nullable(),
  sortOrder: z.number(),
  calendar: slaCalendarSchema,
  timeBasis: z.enum(SLA_TIME_BASES),
  firstReplyMinutes: z.number().nullable(),
  updateMinutes: z.number().nullable(),
  resolutionMinutes: z.number().nullable(),
  escalation: z.array(slaEscalationStepSchema),
  active: z.boolean(),
  builtinKey: z.string().nullable(),
});
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

export const slaPauseEntrySchema = z.object({
  id: z.number(),
  reason: z.string(),
  note: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  startedBy: z.number().nullable(),
  endedBy: z.number().nullable(),
});

export const ticketSlaDetailSchema = ticketSlaSchema.extend({ pausedMinutes: z.number(), pauses: z.array(slaPauseEntrySchema) });
export type TicketSlaDetail = z.infer<typeof ticketSlaDetailSchema>;

export const slaPauseRequestSchema = z.object({
  reason: z.enum(SLA_PAUSE_REASONS).exclude(['waiting_customer']),
  note: z.string().trim().max(500).optional(),
});
export const slaResumeRequestSchema = z.object({ note: z.string().trim().max(500).optional() });

/** SLA results over a period, grouped by the agent who holds the order (assignee, else responsible) or by team. */
export const SLA_REPORT_GROUPS = ['agent', 'team'] as const;
export const SLA_REPORT_DAYS_MAX = 366;
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
export const slaReportQuerySchema = z.object({
  /** First and last day (tenant time zone), inclusive; orders count by the day their clock started. */
  from: isoDay,
  to: isoDay,
  groupBy: z.enum(SLA_REPORT_GROUPS).default('agent'),
});
export type SlaReportQuery = z.infer<typeof slaReportQuerySchema>;

export const slaReportRowSchema = z.object({
  key: z.number().nullable(),
  name: z.string().nullable(),
  /** Orders with a clock started in the period. */
  orders: z.number(),
  resolved: z.number(),
  open: z.number(),
  /** Resolution target: met (resolved in time), breached (late, or open past due). Orders without the target count in neither. */
  met: z.number(),
  breached: z.number(),
  /** met ÷ (met + breached), in %, one decimal; null when nothing was decided yet. */
  metPct: z.number().nullable(),
  firstReplyMet: z.number(),
  firstReplyBreached: z.number(),
  firstReplyMetPct: z.number().nullable(),
  avgFirstReplyMinutes: z.number().nullable(),
  avgResolutionMinutes: z.number().nullable(),
  pausedMinutes: z.number(),
});
export type SlaReportRow = z.infer<typeof slaReportRowSchema>;

export const slaReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(SLA_REPORT_GROUPS),
  rows: z.array(slaReportRowSchema),
  totals: slaReportRowSchema,
});
export type SlaReport = z.infer<typeof slaReportSchema>;
