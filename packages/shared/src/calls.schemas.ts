import { z } from 'zod';
import { LIMITS } from './limits.js';
import { idSchema, isoDateTimeSchema, pageQuerySchema, pagedSchema, userRefSchema, csvList } from './common.schemas.js';
import { CUSTOMER_GRADES } from './customers.schemas.js';

export const CALL_DIRECTIONS = ['in', 'out'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

/** Zammad's generic CTI events, then our documented extensions. */
export const ZAMMAD_CTI_EVENTS = ['newCall', 'answer', 'hangup'] as const;
export const CTI_EVENTS = [...ZAMMAD_CTI_EVENTS, 'queueEnter', 'queueAbandon', 'hold', 'unhold', 'transfer', 'agentState'] as const;
export type CtiEventName = (typeof CTI_EVENTS)[number];

/** Zammad's hangup causes. Other values are stored as sent and treated like `cancel`. */
export const HANGUP_CAUSES = ['normalClearing', 'busy', 'cancel', 'noAnswer', 'congestion', 'notFound', 'forwarded'] as const;

/**
 * What became of a call, derived by the database from its timestamps and hangup cause (never written directly):
 * answered; abandoned_queue (caller gave up in a queue, or `queueAbandon`); abandoned_ringing (gave up before
 * any queue); busy, no_answer, failed (congestion / notFound), forwarded; blocked (rejected by the block list);
 * ongoing (no outcome yet).
 */
export const CALL_RESULTS = ['ongoing', 'answered', 'abandoned_queue', 'abandoned_ringing', 'busy', 'no_answer', 'failed', 'forwarded', 'blocked'] as const;
export type CallResult = (typeof CALL_RESULTS)[number];

export const AGENT_STATES = ['ready', 'on_call', 'after_call_work', 'break', 'offline'] as const;
export type AgentState = (typeof AGENT_STATES)[number];
/** The states an agent (or the PBX's `agentState` event) sets; on_call and after-call work also follow from calls. */
export const SETTABLE_AGENT_STATES = ['ready', 'break', 'offline', 'after_call_work', 'on_call'] as const;
export const PRESENCE_STATES = ['ready', 'break', 'offline'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

/** Defaults of the hotline figures: seed 000's 90 % of calls answered within 15 s; abandons under 5 s are "short". */
export const CALL_STATS_DEFAULTS = { thresholdSeconds: 15, shortAbandonSeconds: 5, targetServiceLevel: 0.9 } as const;
export const CALL_STATS_GROUPS = ['interval15', 'interval30', 'interval60', 'day', 'queue', 'agent', 'team'] as const;
export type CallStatsGroup = (typeof CALL_STATS_GROUPS)[number];

export const CTI_LIMITS = {
  callIdMax: 250,
  numberMax: 64,
  nameMax: 100,
  usersMax: 50,
  blockedNumbersMax: 1000,
  tokenMin: 16,
  tokenMax: 128,
  afterCallWorkSecondsMax: 3600,
  importRowsMax: 100_000,
  /** Days a stats query may span; interval groupings (15/30/60 min) at most statsIntervalDaysMax. */
  statsDaysMax: 400,
  statsIntervalDaysMax: 62,
  /** GET /calls/queues looks this many days back. */
  queueListDays: 90,
} as const;

// PBX scripts post numbers as JSON numbers and leave optional form fields empty: both mean what they look like.
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === 'number' ? String(v) : typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max).optional());

/**
 * One CTI event as posted to `POST /api/v1/cti/{token}` (JSON, x-www-form-urlencoded or multipart form data;
 * `user[]` form fields arrive as `user`). Zammad's fields and events unchanged; `at` and the events after
 * `hangup` are Kefu's extensions.
 */
export const ctiEventSchema = z.object({
  event: z.enum(CTI_EVENTS),
  callId: optionalText(CTI_LIMITS.callIdMax),
  direction: optionalText(8),
  from: optionalText(CTI_LIMITS.numberMax),
  to: optionalText(CTI_LIMITS.numberMax),
  user: z.preprocess(
    (v) => (typeof v === 'number' ? String(v) : v === '' ? undefined : v),
    z.union([z.string().trim().max(CTI_LIMITS.nameMax), z.array(z.string().trim().max(CTI_LIMITS.nameMax)).max(CTI_LIMITS.usersMax)]).optional(),
  ),
  queue: optionalText(CTI_LIMITS.nameMax),
  answeringNumber: optionalText(CTI_LIMITS.nameMax),
  cause: optionalText(64),
  /** Extension: when the event happened (ISO 8601 with offset); replays and imports set it, otherwise now. */
  at: z.preprocess((v) => (v === '' ? undefined : v), isoDateTimeSchema.optional()),
  /** Extension, agentState: the new state and, for a break, why. */
  state: z.preprocess((v) => (v === '' ? undefined : v), z.enum(SETTABLE_AGENT_STATES).optional()),
  reason: optionalText(CTI_LIMITS.nameMax),
  /** Extension, transfer: where the call went (a number, extension, user or queue). */
  transferTo: optionalText(CTI_LIMITS.nameMax),
  /** Extension, any event (usually hangup): where the recording can be played. */
  recordingUrl: z.preprocess((v) => (v === '' ? undefined : v), z.url({ protocol: /^https?$/ }).max(1000).optional()),
});
export type CtiEventInput = z.infer<typeof ctiEventSchema>;

export const ctiSettingsSchema = z.object({
  enabled: z.boolean(),
  /** The secret in the endpoint URL; null until generated. */
  token: z.string().nullable(),
  endpoint: z.string().nullable(),
  /** Inbound calls from these numbers (any format) are answered {"action":"reject","reason":"busy"}. */
  blockedNumbers: z.array(z.string()),
  /** After-call work that follows every answered call automatically, in seconds; 0 = only when the agent sets it. */
  afterCallWorkSeconds: z.number(),
});
export type CtiSettings = z.infer<typeof ctiSettingsSchema>;

export const ctiSettingsUpdateSchema = z.object({
  enabled: z.boolean().optional(),
  token: z.string().trim().min(CTI_LIMITS.tokenMin).max(CTI_LIMITS.tokenMax).regex(/^[A-Za-z0-9_-]+$/).optional(),
  regenerateToken: z.boolean().optional(),
  blockedNumbers: z.array(z.string().trim().min(3).max(LIMITS.phoneMax)).max(CTI_LIMITS.blockedNumbersMax).optional(),
  afterCallWorkSeconds: z.number().int().min(0).max(CTI_LIMITS.afterCallWorkSecondsMax).optional(),
});
export type CtiSettingsUpdate = z.infer<typeof ctiSettingsUpdateSchema>;

const customerBriefSchema = z.object({ id: z.number(), name: z.string(), grade: z.enum(CUSTOMER_GRADES).nullable() });

export const callSchema = z.object({
  id: z.number(),
  /** The PBX's callId. */
  callId: z.string(),
  direction: z.enum(CALL_DIRECTIONS).nullable(),
  /** The external party's number is always masked (encrypted at rest); POST /calls/:id/reveal-numbers shows it (customers.reveal_pii, audited). */
  from: z.string().nullable(),
  to: z.string().nullable(),
  queue: z.string().nullable(),
  answeringNumber: z.string().nullable(),
  agent: userRefSchema.nullable(),
  customer: customerBriefSchema.nullable(),
  startedAt: z.string(),
  queuedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  abandonedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  hangupCause: z.string().nullable(),
  result: z.enum(CALL_RESULTS),
  ringSeconds: z.number().nullable(),
  queueSeconds: z.number().nullable(),
  waitSeconds: z.number().nullable(),
  talkSeconds: z.number().nullable(),
  holdSeconds: z.number().nullable(),
  acwSeconds: z.number().nullable(),
  onHold: z.boolean(),
  transferTo: z.string().nullable(),
  transferCount: z.number(),
  recordingUrl: z.string().nullable(),
  ticketIds: z.array(z.number()),
  lastEvent: z.string(),
  lastEventAt: z.string(),
});
export type Call = z.infer<typeof callSchema>;
export const callPageSchema = pagedSchema(callSchema);

export const callEventSchema = z.object({ event: z.string(), at: z.string(), data: z.record(z.string(), z.unknown()) });
export const callDetailSchema = callSchema.extend({ events: z.array(callEventSchema) });
export type CallDetail = z.infer<typeof callDetailSchema>;

export const callListQuerySchema = pageQuerySchema.extend({
  from: isoDateTimeSchema.optional(),
  to: isoDateTimeSchema.optional(),
  direction: z.enum(CALL_DIRECTIONS).optional(),
  result: csvList(z.enum(CALL_RESULTS)),
  queue: z.string().trim().max(CTI_LIMITS.nameMax).optional(),
  agentId: z.union([z.literal('me'), idSchema]).optional(),
  customerId: idSchema.optional(),
  /** Calls with this external number, in any Chinese format. */
  phone: z.string().trim().min(3).max(LIMITS.phoneMax).optional(),
});
export type CallListQuery = z.infer<typeof callListQuerySchema>;

const intParam = (min: number, max: number, fallback: number) =>
  z.preprocess((v) => (typeof v === 'string' && /^\d{1,6}$/.test(v) ? Number(v) : v), z.number().int().min(min).max(max).default(fallback));

export const callStatsQuerySchema = z.object({
  from: isoDateTimeSchema,
  to: isoDateTimeSchema,
  queue: z.string().trim().min(1).max(CTI_LIMITS.nameMax).optional(),
  agent: idSchema.optional(),
  team: idSchema.optional(),
  groupBy: z.enum(CALL_STATS_GROUPS).optional(),
  threshold: intParam(1, 3600, CALL_STATS_DEFAULTS.thresholdSeconds),
  shortAbandon: intParam(0, 60, CALL_STATS_DEFAULTS.shortAbandonSeconds),
});
export type CallStatsQuery = z.infer<typeof callStatsQuerySchema>;

export const CALL_STATS_EXPORT_FORMATS = ['xlsx', 'csv'] as const;
/** GET /calls/stats/export: the statistics query plus the file format (Excel by default). */
export const callStatsExportQuerySchema = callStatsQuerySchema.extend({ format: z.enum(CALL_STATS_EXPORT_FORMATS).default('xlsx') });
export type CallStatsExportQuery = z.infer<typeof callStatsExportQuerySchema>;

/** GET /calls/queues: the queues calls named in the last CTI_LIMITS.queueListDays days, distinct and sorted. */
export const callQueuesSchema = z.object({ items: z.array(z.string()) });
export type CallQueues = z.infer<typeof callQueuesSchema>;

export const callMetricsSchema = z.object({
  offered: z.number(),
  answered: z.number(),
  abandoned: z.number(),
  shortAbandoned: z.number(),
  answeredWithinThreshold: z.number(),
  connectRate: z.number().nullable(),
  serviceLevel: z.number().nullable(),
  abandonRate: z.number().nullable(),
  asa: z.number().nullable(),
  aht: z.number().nullable(),
  avgTalk: z.number().nullable(),
  avgHold: z.number().nullable(),
  avgAcw: z.number().nullable(),
  longestWait: z.number().nullable(),
  occupancy: z.number().nullable(),
  outbound: z.number(),
  outboundConnected: z.number(),
});
export type CallMetrics = z.infer<typeof callMetricsSchema>;

export const callStatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  thresholdSeconds: z.number(),
  shortAbandonSeconds: z.number(),
  groupBy: z.enum(CALL_STATS_GROUPS).nullable(),
  totals: callMetricsSchema,
  groups: z.array(callMetricsSchema.extend({ key: z.string(), label: z.string() })),
});
export type CallStats = z.infer<typeof callStatsSchema>;

export const callTicketLinkSchema = z.object({ ticketId: idSchema });

export const callImportResultSchema = z.object({ imported: z.number() });
/** Columns of a call-record CSV (header row; English names or the Chinese ones in brackets). */
export const CALL_IMPORT_COLUMNS = [
  'callId', 'direction', 'from', 'to', 'queue', 'agent', 'startedAt', 'queuedAt', 'answeredAt', 'endedAt', 'hangupCause', 'holdSeconds', 'acwSeconds', 'recordingUrl',
] as const;

export const agentStateSchema = z.object({
  user: userRefSchema,
  teamId: z.number().nullable(),
  extension: z.string().nullable(),
  state: z.enum(AGENT_STATES),
  reason: z.string().nullable(),
  /** When the current state began; null for an agent never seen. */
  since: z.string().nullable(),
  /** The call of on_call / after_call_work. */
  callId: z.number().nullable(),
});
export type AgentStateView = z.infer<typeof agentStateSchema>;
export const agentStatesSchema = z.object({ at: z.string(), items: z.array(agentStateSchema) });

export const agentStateUpdateSchema = z.object({
  state: z.enum(['ready', 'break', 'offline', 'after_call_work']),
  reason: z.string().trim().min(1).max(CTI_LIMITS.nameMax).optional(),
});
export type AgentStateUpdate = z.infer<typeof agentStateUpdateSchema>;

export const agentExtensionSchema = z.object({ extension: z.string().trim().min(1).max(20).regex(/^[0-9A-Za-z*#+_-]+$/).nullable() });
