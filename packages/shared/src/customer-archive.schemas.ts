import { z } from 'zod';
import { csvList, idSchema, isoDateTimeSchema, userRefSchema } from './common.schemas.js';

// The customer archive (seed 003 "建立客户档案", SPEC §8): one timeline of every contact with a customer,
// contact notes recorded by hand, and merging duplicate records.

/** Coarse kinds the timeline can be filtered by. */
export const TIMELINE_KINDS = ['ticket', 'complaint', 'call', 'follow_up', 'purchase', 'contract', 'callback', 'survey', 'contact'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Each event of the timeline; the order of this list breaks ties between events of the same instant. */
export const TIMELINE_EVENTS = [
  'ticket_created', 'ticket_resolved', 'complaint_opened', 'call', 'follow_up', 'purchase',
  'contract_signed', 'contract_renewed', 'contract_ending', 'callback', 'survey', 'contact',
] as const;
export type TimelineEvent = (typeof TIMELINE_EVENTS)[number];

export const ARCHIVE_LIMITS_TIMELINE = { limitDefault: 30, limitMax: 100 } as const;

export const timelineQuerySchema = z.object({
  /** The cursor answered as `nextCursor` by the previous page. */
  before: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(ARCHIVE_LIMITS_TIMELINE.limitMax).default(ARCHIVE_LIMITS_TIMELINE.limitDefault),
  kinds: csvList(z.enum(TIMELINE_KINDS)),
});
export type TimelineQuery = z.infer<typeof timelineQuerySchema>;

export const timelineLinkSchema = z.object({
  type: z.enum(['ticket', 'complaint', 'call', 'contract', 'callback', 'customer']),
  id: z.number(),
  /** The route of the web UI that shows the target. */
  path: z.string(),
});

export const timelineEntrySchema = z.object({
  /** Unique within the customer's timeline ("event:id"). */
  key: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  event: z.enum(TIMELINE_EVENTS),
  at: z.string(),
  /** The record's own words (subject, item, contract title…); null when the caller may not read it. */
  title: z.string().nullable(),
  summary: z.string().nullable(),
  actor: userRefSchema.nullable(),
  link: timelineLinkSchema.nullable(),
  /** Small facts the UI shows as badges (status, direction, seconds, grade, amount, satisfaction, channel…). */
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /** True when the entry is shown only as "a work order" because the caller may not read it. */
  restricted: z.boolean(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const timelinePageSchema = z.object({
  items: z.array(timelineEntrySchema),
  nextCursor: z.string().nullable(),
});
export type TimelinePage = z.infer<typeof timelinePageSchema>;

// ---- contact notes ------------------------------------------------------------------------------------------------
/** A contact outside the PBX and the order system: a visit, a mobile call, a WeChat message, an e-mail, a letter. */
export const CONTACT_CHANNELS = ['visit', 'phone', 'wechat', 'sms', 'email', 'letter', 'other'] as const;
export const CONTACT_DIRECTIONS = ['in', 'out'] as const;

export const contactInputSchema = z.object({
  channel: z.enum(CONTACT_CHANNELS),
  direction: z.enum(CONTACT_DIRECTIONS).default('out'),
  at: isoDateTimeSchema,
  summary: z.string().trim().min(1).max(2000),
  /** Whom at the customer (an organization's contact person). */
  person: z.string().trim().max(100).nullish().transform((v) => (v ? v : null)),
});
export type ContactInput = z.input<typeof contactInputSchema>;

export const contactSchema = z.object({
  id: z.number(),
  customerId: z.number(),
  channel: z.enum(CONTACT_CHANNELS),
  direction: z.enum(CONTACT_DIRECTIONS),
  at: z.string(),
  summary: z.string(),
  person: z.string().nullable(),
  by: userRefSchema.nullable(),
  createdAt: z.string(),
});
export type Contact = z.infer<typeof contactSchema>;

// ---- duplicates and merging -----------------------------------------------------------------------------------
export const DUPLICATE_REASONS = ['phone', 'name_org'] as const;

export const duplicateCustomerSchema = z.object({
  id: z.number(),
  kind: z.string(),
  name: z.string(),
  organization: z.object({ id: z.number(), name: z.string() }).nullable(),
  phones: z.array(z.string()),
  ticketCount: z.number(),
  createdAt: z.string(),
  version: z.number(),
});
export type DuplicateCustomer = z.infer<typeof duplicateCustomerSchema>;

export const duplicateGroupSchema = z.object({
  reason: z.enum(DUPLICATE_REASONS),
  customers: z.array(duplicateCustomerSchema),
});
export type DuplicateGroup = z.infer<typeof duplicateGroupSchema>;

export const duplicatesQuerySchema = z.object({
  /** Only the groups that contain this customer (the merge dialog of one customer page). */
  customerId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const duplicatesSchema = z.object({ groups: z.array(duplicateGroupSchema) });
export type Duplicates = z.infer<typeof duplicatesSchema>;

export const mergeInputSchema = z.object({
  sourceId: idSchema,
  /** The target's version as the caller saw it. */
  version: z.number().int().positive(),
  /** The source's version as the caller saw it (checked when given). */
  sourceVersion: z.number().int().positive().optional(),
});
export type MergeInput = z.infer<typeof mergeInputSchema>;

export const mergeResultSchema = z.object({
  targetId: z.number(),
  sourceId: z.number(),
  version: z.number(),
  /** Rows moved per table (phones already on the target are dropped, not counted as moved). */
  moved: z.record(z.string(), z.number()),
});
export type MergeResult = z.infer<typeof mergeResultSchema>;
