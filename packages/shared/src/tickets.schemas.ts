import { z } from 'zod';
import { LIMITS } from './limits.js';
import { ticketSlaSchema } from './sla-state.schemas.js';
import { booleanQuery, csvList, idSchema, isoDateTimeSchema, pageQuerySchema, pagedSchema, userRefSchema } from './common.schemas.js';

export const TICKET_STATUSES = ['new', 'assigned', 'in_progress', 'waiting_customer', 'waiting_department', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const OPEN_TICKET_STATUSES: readonly TicketStatus[] = ['new', 'assigned', 'in_progress', 'waiting_customer', 'waiting_department'];

export const BUILTIN_TICKET_TYPES = ['consultation', 'suggestion', 'complaint', 'repair', 'callback'] as const;
export type BuiltinTicketType = (typeof BUILTIN_TICKET_TYPES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CHANNELS = ['phone', 'email', 'web', 'wechat', 'wecom', 'qq', 'app', 'sms', 'walk_in', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ASSIGNMENT_STRATEGIES = ['manual', 'round_robin', 'least_loaded'] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];

export const LINK_KINDS = ['related', 'duplicate', 'parent', 'child'] as const;

/** The five facts seed 002 asks for when an answer cannot be given on the spot. */
export const FOLLOW_UP_REQUIRED_FIELDS = ['time', 'place', 'person', 'event', 'contactPhone'] as const;

const typeKey = z.string().trim().min(1).max(40).regex(/^[a-z][a-z0-9_]*$/);
const tag = z.string().trim().min(1).max(LIMITS.tagMax);
const customValue = z.union([z.string().max(LIMITS.customFieldValueMax), z.number(), z.boolean(), z.null(), z.array(z.string().max(200)).max(50)]);
export const customValuesSchema = z.record(z.string().max(40), customValue).refine((v) => Object.keys(v).length <= LIMITS.customFieldsMax);

const ticketFields = {
  subject: z.string().trim().min(1).max(LIMITS.subjectMax),
  description: z.string().max(LIMITS.descriptionMax),
  priority: z.enum(PRIORITIES),
  channel: z.enum(CHANNELS),
  customerId: idSchema.nullable(),
  contactName: z.string().trim().max(LIMITS.nameMax).nullable(),
  contactPhone: z.string().trim().max(LIMITS.phoneMax).nullable(),
  eventTime: isoDateTimeSchema.nullable(),
  eventPlace: z.string().trim().max(LIMITS.addressMax).nullable(),
  eventPerson: z.string().trim().max(LIMITS.nameMax).nullable(),
  tags: z.array(tag).max(LIMITS.tagsPerTicket),
  custom: customValuesSchema,
  skillGroupId: idSchema.nullable(),
  teamId: idSchema.nullable(),
};

export const ticketCreateSchema = z.object({
  type: typeKey,
  subject: ticketFields.subject,
  description: ticketFields.description.default(''),
  priority: ticketFields.priority.default('normal'),
  channel: ticketFields.channel.default('phone'),
  customerId: idSchema.optional(),
  contactName: z.string().trim().max(LIMITS.nameMax).optional(),
  contactPhone: z.string().trim().max(LIMITS.phoneMax).optional(),
  eventTime: isoDateTimeSchema.optional(),
  eventPlace: z.string().trim().max(LIMITS.addressMax).optional(),
  eventPerson: z.string().trim().max(LIMITS.nameMax).optional(),
  tags: ticketFields.tags.optional(),
  custom: customValuesSchema.optional(),
  skillGroupId: idSchema.optional(),
  teamId: idSchema.optional(),
  assigneeId: idSchema.optional(),
  /** true: answered during the contact (closed as resolved at once, needs `answer`);
   *  false: submitted for follow-up (needs time, place, person, event, contact phone). */
  answeredOnSpot: z.boolean().optional(),
  answer: z.string().max(LIMITS.descriptionMax).optional(),
  /** Create the customer from the contact when no customer is given and none matches the phone. */
  createCustomer: z.boolean().optional(),
  /** The PBX's callId of the call this order comes from (screen pop): the call record lists the order. */
  callId: z.string().trim().min(1).max(250).optional(),
});
export type TicketCreate = z.infer<typeof ticketCreateSchema>;

export const ticketUpdateSchema = z
  .object({
    version: z.number().int().min(1),
    type: typeKey,
    ...ticketFields,
  })
  .extend({
    status: z.enum(TICKET_STATUSES),
    assigneeId: idSchema.nullable(),
    /** Why the status changed (waiting reasons, resolution summary). */
    statusReason: z.string().trim().max(500),
  })
  .partial()
  .required({ version: true });
export type TicketUpdate = z.infer<typeof ticketUpdateSchema>;

export const TICKET_SORTS = ['createdAt', '-createdAt', 'updatedAt', '-updatedAt', 'priority', '-priority', 'number', '-number'] as const;

export const ticketListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(LIMITS.searchQueryMax).optional(),
  status: csvList(z.enum([...TICKET_STATUSES, 'open'])),
  type: csvList(typeKey),
  priority: csvList(z.enum(PRIORITIES)),
  channel: csvList(z.enum(CHANNELS)),
  assigneeId: z.union([z.literal('me'), z.literal('none'), idSchema]).optional(),
  responsibleId: z.union([z.literal('me'), idSchema]).optional(),
  teamId: idSchema.optional(),
  skillGroupId: idSchema.optional(),
  customerId: idSchema.optional(),
  departmentId: idSchema.optional(),
  tag: tag.optional(),
  callbackPending: booleanQuery,
  createdFrom: isoDateTimeSchema.optional(),
  createdTo: isoDateTimeSchema.optional(),
  sort: z.enum(TICKET_SORTS).default('-createdAt'),
});
export type TicketListQuery = z.infer<typeof ticketListQuerySchema>;

const stepKey = z.string().regex(/^[a-z][a-z0-9_]*$/).max(40);

/** One step of a process template: what to collect or confirm, and how long it may take. */
export const processStepDefSchema = z.object({
  key: stepKey,
  nameZh: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(60),
  /** Hours from the step's start to its due time; none means no deadline. */
  dueHours: z.number().int().min(1).max(24 * 365).optional(),
  checklist: z.array(z.object({ key: stepKey, labelZh: z.string().trim().min(1).max(120), labelEn: z.string().trim().min(1).max(120) })).max(50),
});
export type ProcessStepDef = z.infer<typeof processStepDefSchema>;

export const PROCESS_STEP_STATES = ['pending', 'active', 'done'] as const;
export const processStepStateSchema = processStepDefSchema.extend({
  state: z.enum(PROCESS_STEP_STATES),
  startedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  doneBy: z.number().nullable(),
  checked: z.array(z.string()),
});
export type ProcessStepState = z.infer<typeof processStepStateSchema>;
export const processStateSchema = z.object({ steps: z.array(processStepStateSchema) });
export type ProcessState = z.infer<typeof processStateSchema>;

export const processChecklistSchema = z.object({ version: z.number().int().min(1), itemKey: stepKey, checked: z.boolean() });
export const processStepCompleteSchema = z.object({ version: z.number().int().min(1), note: z.string().trim().max(LIMITS.noteMax).optional() });

export const ticketSchema = z.object({
  id: z.number(),
  number: z.string(),
  type: z.string(),
  subject: z.string(),
  description: z.string(),
  status: z.enum(TICKET_STATUSES),
  priority: z.enum(PRIORITIES),
  channel: z.enum(CHANNELS),
  customer: z.object({ id: z.number(), name: z.string(), grade: z.string().nullable() }).nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactPhoneMasked: z.boolean(),
  eventTime: z.string().nullable(),
  eventPlace: z.string().nullable(),
  eventPerson: z.string().nullable(),
  responsible: userRefSchema.nullable(),
  assignee: userRefSchema.nullable(),
  teamId: z.number().nullable(),
  skillGroupId: z.number().nullable(),
  department: z.object({ id: z.number(), name: z.string() }).nullable(),
  transferDueAt: z.string().nullable(),
  callbackPending: z.boolean(),
  answeredOnSpot: z.boolean(),
  tags: z.array(z.string()),
  custom: z.record(z.string(), z.unknown()),
  mergedIntoId: z.number().nullable(),
  process: processStateSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  reopenCount: z.number(),
  version: z.number(),
  /** The work order's service-level clock; absent where no policy applies (or not loaded). */
  sla: ticketSlaSchema.nullable().optional(),
});
export type Ticket = z.infer<typeof ticketSchema>;
export const ticketPageSchema = pagedSchema(ticketSchema);
export type TicketPage = z.infer<typeof ticketPageSchema>;

export const ticketAssignSchema = z.object({
  version: z.number().int().min(1).optional(),
  /** A user, or a skill group whose strategy picks the user. */
  assigneeId: idSchema.nullable().optional(),
  skillGroupId: idSchema.optional(),
  strategy: z.enum(ASSIGNMENT_STRATEGIES).optional(),
});
export type TicketAssign = z.infer<typeof ticketAssignSchema>;

export const ticketBulkAssignSchema = z.object({
  ticketIds: z.array(idSchema).min(1).max(LIMITS.bulkMax),
  assigneeId: idSchema.nullable().optional(),
  skillGroupId: idSchema.optional(),
  strategy: z.enum(ASSIGNMENT_STRATEGIES).optional(),
});
export type TicketBulkAssign = z.infer<typeof ticketBulkAssignSchema>;
export const bulkResultSchema = z.object({
  updated: z.array(z.object({ id: z.number(), assigneeId: z.number().nullable() })),
  failed: z.array(z.object({ id: z.number(), code: z.string(), message: z.string() })),
});

export const ticketTransferSchema = z.object({
  version: z.number().int().min(1),
  departmentId: idSchema,
  dueAt: isoDateTimeSchema,
  request: z.string().trim().min(1).max(LIMITS.noteMax),
});
export type TicketTransfer = z.infer<typeof ticketTransferSchema>;

export const ticketTransferAnswerSchema = z.object({
  answer: z.string().trim().min(1).max(LIMITS.noteMax),
});

export const ticketCallbackDoneSchema = z.object({
  version: z.number().int().min(1),
  /** Customer accepted the answer (close politely) or declined (further handling). */
  outcome: z.enum(['accepted', 'declined', 'unreachable']),
  note: z.string().trim().max(LIMITS.noteMax).optional(),
});
export type TicketCallbackDone = z.infer<typeof ticketCallbackDoneSchema>;

export const noteCreateSchema = z.object({
  body: z.string().trim().min(1).max(LIMITS.noteMax),
  internal: z.boolean().default(true),
});
export const noteSchema = z.object({
  id: z.number(),
  body: z.string(),
  internal: z.boolean(),
  author: userRefSchema.nullable(),
  createdAt: z.string(),
});
export type Note = z.infer<typeof noteSchema>;

export const attachmentSchema = z.object({
  id: z.number(),
  filename: z.string(),
  mimeType: z.string(),
  size: z.number(),
  uploadedBy: userRefSchema.nullable(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const ticketMergeSchema = z.object({
  /** The duplicates folded into the target (the path's order). */
  sourceIds: z.array(idSchema).min(1).max(50),
});

export const ticketLinkCreateSchema = z.object({
  otherId: idSchema,
  kind: z.enum(LINK_KINDS).default('related'),
});
export const ticketLinkSchema = z.object({
  ticket: z.object({ id: z.number(), number: z.string(), subject: z.string(), status: z.enum(TICKET_STATUSES) }),
  kind: z.enum(LINK_KINDS),
});

export const ticketEventSchema = z.object({
  id: z.number(),
  kind: z.string(),
  actor: userRefSchema.nullable(),
  data: z.record(z.string(), z.unknown()),
  at: z.string(),
});
export type TicketEvent = z.infer<typeof ticketEventSchema>;

export const ticketTransferRecordSchema = z.object({
  id: z.number(),
  department: z.object({ id: z.number(), name: z.string() }),
  request: z.string(),
  dueAt: z.string(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredBy: z.string().nullable(),
  createdAt: z.string(),
});

export const ticketDetailSchema = ticketSchema.extend({
  notes: z.array(noteSchema),
  attachments: z.array(attachmentSchema),
  links: z.array(ticketLinkSchema),
  transfers: z.array(ticketTransferRecordSchema),
  mergedFrom: z.array(z.object({ id: z.number(), number: z.string() })),
});
export type TicketDetail = z.infer<typeof ticketDetailSchema>;

export const backlogQuerySchema = z.object({
  groupBy: z.enum(['team', 'assignee', 'type', 'skillGroup']).default('assignee'),
});
export const backlogRowSchema = z.object({
  key: z.string(),
  id: z.number().nullable(),
  label: z.string().nullable(),
  buckets: z.object({ lt4h: z.number(), lt24h: z.number(), lt72h: z.number(), gte72h: z.number() }),
  total: z.number(),
  oldestAt: z.string().nullable(),
});
export const backlogSchema = z.object({ rows: z.array(backlogRowSchema), total: z.number() });
export type Backlog = z.infer<typeof backlogSchema>;

/** Custom-field definition of a work-order type. */
export const CUSTOM_FIELD_KINDS = ['text', 'textarea', 'number', 'date', 'select', 'checkbox'] as const;
export const customFieldDefSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/).max(40),
  labelZh: z.string().trim().min(1).max(60),
  labelEn: z.string().trim().min(1).max(60),
  kind: z.enum(CUSTOM_FIELD_KINDS),
  required: z.boolean().default(false),
  options: z.array(z.string().trim().min(1).max(60)).max(100).optional(),
});
export type CustomFieldDef = z.infer<typeof customFieldDefSchema>;


export const ticketTypeInputSchema = z.object({
  key: typeKey,
  nameZh: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().min(1).max(40),
  fields: z.array(customFieldDefSchema).max(LIMITS.customFieldsMax).default([]),
  /** Ordered steps every order of this type goes through (seed 002's certificate, mortgage and filing procedures). */
  steps: z.array(processStepDefSchema).max(30).default([]),
  active: z.boolean().default(true),
});
export type TicketTypeInput = z.infer<typeof ticketTypeInputSchema>;
/** Without the defaults: renaming a type must not drop its custom fields nor reactivate it. */
export const ticketTypeUpdateSchema = ticketTypeInputSchema
  .omit({ key: true })
  .extend({ fields: z.array(customFieldDefSchema).max(LIMITS.customFieldsMax), steps: z.array(processStepDefSchema).max(30), active: z.boolean() })
  .partial();
export const ticketTypeSchema = ticketTypeInputSchema.extend({ id: z.number(), builtin: z.boolean() });
export type TicketType = z.infer<typeof ticketTypeSchema>;
