import { z } from 'zod';
import { CUSTOMER_GRADES, CUSTOMER_KINDS } from './customers.schemas.js';
import { LIMITS } from './limits.js';

/** Limits of callback campaigns and satisfaction surveys (回访 / 满意度). */
export const CALLBACK_LIMITS = {
  questionsMax: 20,
  optionsMax: 10,
  optionMax: 60,
  questionLabelMax: 200,
  answerTextMax: 1000,
  scriptMax: 10_000,
  agentsMax: 100,
  /** A call list larger than this is refused: split the target into several campaigns. */
  itemsMax: 5000,
  attemptsMax: 10,
  retryMinutesMax: 7 * 24 * 60,
  surveyTtlDays: 7,
  previewSample: 10,
} as const;

/** The standard satisfaction scale, best first (非常满意 / 满意 / 一般 / 不满意 / 非常不满意). */
export const SATISFACTION_LEVELS = ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very_dissatisfied'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];
export const SATISFACTION_LABELS_ZH: Record<SatisfactionLevel, string> = {
  very_satisfied: '非常满意', satisfied: '满意', neutral: '一般', dissatisfied: '不满意', very_dissatisfied: '非常不满意',
};
/** Levels that count as satisfied in the satisfaction rate. */
export const SATISFIED_LEVELS: readonly SatisfactionLevel[] = ['very_satisfied', 'satisfied'];

export const QUESTION_KINDS = ['satisfaction', 'single', 'rating', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const questionSchema = z.object({
  key: z.string().trim().regex(/^[a-z][a-z0-9_]{0,31}$/),
  label: z.string().trim().min(1).max(CALLBACK_LIMITS.questionLabelMax),
  kind: z.enum(QUESTION_KINDS),
  options: z.array(z.string().trim().min(1).max(CALLBACK_LIMITS.optionMax)).max(CALLBACK_LIMITS.optionsMax).optional(),
  required: z.boolean().default(false),
});
export type Question = z.infer<typeof questionSchema>;

/** A survey definition: unique keys, options only (and at least two, all different) on single-choice questions, one satisfaction question at most. */
export const questionsSchema = z
  .array(questionSchema)
  .max(CALLBACK_LIMITS.questionsMax)
  .superRefine((questions, ctx) => {
    const seen = new Set<string>();
    questions.forEach((q, i) => {
      if (seen.has(q.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: 'duplicate key' });
      seen.add(q.key);
      const options = q.options ?? [];
      if (q.kind === 'single' && (options.length < 2 || new Set(options).size !== options.length)) {
        ctx.addIssue({ code: 'custom', path: [i, 'options'], message: 'two or more different options' });
      }
      if (q.kind !== 'single' && options.length > 0) ctx.addIssue({ code: 'custom', path: [i, 'options'], message: 'options only on single-choice questions' });
    });
    if (questions.filter((q) => q.kind === 'satisfaction').length > 1) ctx.addIssue({ code: 'custom', path: [], message: 'one satisfaction question at most' });
  });

/** Answers by question key: an option (single), a level (satisfaction), 1–5 (rating) or text. */
export const answersSchema = z.record(z.string().max(32), z.union([z.string().max(CALLBACK_LIMITS.answerTextMax * 2), z.number()]));
export type Answers = z.infer<typeof answersSchema>;

/** The standard satisfaction question every new campaign starts with. */
export const STANDARD_SATISFACTION_QUESTION: Question = { key: 'satisfaction', label: '您对本次服务是否满意？', kind: 'satisfaction', required: true };

/** The questions of the satisfaction survey sent after a work order is resolved or a complaint closed. */
export const SURVEY_QUESTIONS: Question[] = [
  STANDARD_SATISFACTION_QUESTION,
  { key: 'rating', label: '请为本次服务打分（1–5 分）', kind: 'rating', required: false },
  { key: 'comment', label: '您还有什么意见或建议？', kind: 'text', required: false },
];

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Whom a campaign calls: customers of the archive, or the customers of resolved work orders (one item per order). */
export const callbackTargetSchema = z
  .object({
    source: z.enum(['customers', 'tickets']),
    grades: z.array(z.enum(CUSTOMER_GRADES)).max(5).optional(),
    tags: z.array(z.string().trim().min(1).max(LIMITS.tagMax)).max(20).optional(),
    kind: z.enum(CUSTOMER_KINDS).optional(),
    /** Work orders resolved on these local days (tenant time zone), inclusive. */
    resolvedFrom: localDate.optional(),
    resolvedTo: localDate.optional(),
    ticketTypes: z.array(z.string().min(1).max(64)).max(50).optional(),
    teamIds: z.array(z.number().int().positive()).max(50).optional(),
  })
  .refine((t) => !t.resolvedFrom || !t.resolvedTo || t.resolvedFrom <= t.resolvedTo, { path: ['resolvedTo'], message: 'resolvedTo before resolvedFrom' });
export type CallbackTarget = z.infer<typeof callbackTargetSchema>;

export const CAMPAIGN_STATUSES = ['draft', 'active', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const campaignInputSchema = z.object({
  name: z.string().trim().min(1).max(LIMITS.nameMax),
  purpose: z.string().trim().max(LIMITS.subjectMax).default(''),
  script: z.string().trim().max(CALLBACK_LIMITS.scriptMax).default(''),
  questions: questionsSchema.default([STANDARD_SATISFACTION_QUESTION]),
  target: callbackTargetSchema,
  maxAttempts: z.number().int().min(1).max(CALLBACK_LIMITS.attemptsMax).default(3),
  retryMinutes: z.number().int().min(1).max(CALLBACK_LIMITS.retryMinutesMax).default(120),
});
export type CampaignInput = z.input<typeof campaignInputSchema>;
export type CampaignInputParsed = z.infer<typeof campaignInputSchema>;

export const campaignUpdateSchema = z.object({
  version: z.number().int().min(1),
  name: z.string().trim().min(1).max(LIMITS.nameMax).optional(),
  purpose: z.string().trim().max(LIMITS.subjectMax).optional(),
  script: z.string().trim().max(CALLBACK_LIMITS.scriptMax).optional(),
  questions: questionsSchema.optional(),
  target: callbackTargetSchema.optional(),
  maxAttempts: z.number().int().min(1).max(CALLBACK_LIMITS.attemptsMax).optional(),
  retryMinutes: z.number().int().min(1).max(CALLBACK_LIMITS.retryMinutesMax).optional(),
  status: z.literal('closed').optional(),
});
export type CampaignUpdate = z.infer<typeof campaignUpdateSchema>;

export const itemCountsSchema = z.object({ items: z.number(), pending: z.number(), done: z.number(), unreachable: z.number(), refused: z.number() });
export type ItemCounts = z.infer<typeof itemCountsSchema>;

export const campaignSchema = z.object({
  id: z.number(),
  name: z.string(),
  purpose: z.string(),
  script: z.string(),
  questions: z.array(questionSchema),
  target: callbackTargetSchema,
  maxAttempts: z.number(),
  retryMinutes: z.number(),
  status: z.enum(CAMPAIGN_STATUSES),
  generatedAt: z.string().nullable(),
  createdAt: z.string(),
  counts: itemCountsSchema,
  agents: z.array(z.object({ id: z.number(), name: z.string() }).extend(itemCountsSchema.shape)),
  version: z.number(),
});
export type Campaign = z.infer<typeof campaignSchema>;

export const previewSchema = z.object({ count: z.number(), sample: z.array(z.object({ customerId: z.number().nullable(), name: z.string(), ticketNumber: z.string().nullable() })) });
export type CallbackPreview = z.infer<typeof previewSchema>;

export const generateInputSchema = z.object({
  version: z.number().int().min(1),
  agentIds: z.array(z.number().int().positive()).min(1).max(CALLBACK_LIMITS.agentsMax),
});
export type GenerateInput = z.infer<typeof generateInputSchema>;

export const ITEM_STATUSES = ['pending', 'done', 'unreachable', 'refused'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const ITEM_OUTCOMES = ['done', 'unreachable', 'refused'] as const;

export const callbackItemSchema = z.object({
  id: z.number(),
  campaign: z.object({ id: z.number(), name: z.string(), purpose: z.string(), script: z.string(), questions: z.array(questionSchema), maxAttempts: z.number() }),
  customer: z.object({ id: z.number(), name: z.string(), grade: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  ticket: z.object({ id: z.number(), number: z.string(), subject: z.string(), typeKey: z.string() }).nullable(),
  assignee: z.object({ id: z.number(), name: z.string() }).nullable(),
  status: z.enum(ITEM_STATUSES),
  attempts: z.number(),
  /** When the next try is due (unreachable with tries left); null when no more tries. */
  nextAttemptAt: z.string().nullable(),
  canRecord: z.boolean(),
  answers: answersSchema,
  satisfaction: z.enum(SATISFACTION_LEVELS).nullable(),
  note: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  version: z.number(),
});
export type CallbackItem = z.infer<typeof callbackItemSchema>;

export const itemListQuerySchema = z.object({
  state: z.enum(['open', 'finished', 'all']).default('open'),
  campaignId: z.coerce.number().int().positive().optional(),
});

export const itemResultSchema = z.object({
  version: z.number().int().min(1),
  outcome: z.enum(ITEM_OUTCOMES),
  answers: answersSchema.default({}),
  note: z.string().trim().max(CALLBACK_LIMITS.answerTextMax).optional(),
});
export type ItemResult = z.input<typeof itemResultSchema>;

export const SURVEY_TRIGGERS = ['resolution', 'complaint'] as const;
export const SURVEY_CHANNELS = ['phone', 'link'] as const;

export const surveyCreateSchema = z.object({
  ticketId: z.number().int().positive(),
  trigger: z.enum(SURVEY_TRIGGERS).default('resolution'),
  channel: z.enum(SURVEY_CHANNELS),
  /** Generic link to the record the survey follows up, e.g. { kind: 'complaint', id }. */
  ref: z.object({ kind: z.string().trim().min(1).max(32), id: z.number().int().positive() }).optional(),
  /** With channel phone: the answers the agent recorded on the call. */
  answers: answersSchema.optional(),
});
export type SurveyCreate = z.input<typeof surveyCreateSchema>;

export const surveySchema = z.object({
  id: z.number(),
  ticket: z.object({ id: z.number(), number: z.string(), subject: z.string() }).nullable(),
  customer: z.object({ id: z.number(), name: z.string() }).nullable(),
  trigger: z.enum(SURVEY_TRIGGERS),
  channel: z.enum(SURVEY_CHANNELS),
  ref: z.object({ kind: z.string(), id: z.number() }).nullable(),
  status: z.enum(['sent', 'answered', 'expired']),
  answers: answersSchema,
  satisfaction: z.enum(SATISFACTION_LEVELS).nullable(),
  sentAt: z.string(),
  expiresAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  sentBy: z.object({ id: z.number(), name: z.string() }).nullable(),
});
export type Survey = z.infer<typeof surveySchema>;
/** The link is shown once, when the survey is created: only its hash is stored. */
export const surveyCreatedSchema = surveySchema.extend({ token: z.string().nullable(), path: z.string().nullable() });
export type SurveyCreated = z.infer<typeof surveyCreatedSchema>;

export const surveyListQuerySchema = z.object({
  ticketId: z.coerce.number().int().positive().optional(),
  status: z.enum(['sent', 'answered', 'expired']).optional(),
});

export const publicSurveyParamsSchema = z.object({ token: z.string().min(1).max(100) });
export const publicSurveySchema = z.object({
  organization: z.string(),
  ticketNumber: z.string().nullable(),
  questions: z.array(questionSchema),
  expiresAt: z.string(),
});
export type PublicSurvey = z.infer<typeof publicSurveySchema>;
export const publicSurveyAnswerSchema = z.object({ answers: answersSchema });

const monthString = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export const statsQuerySchema = z.object({ month: monthString });

export const satisfactionCountsSchema = z.object({
  very_satisfied: z.number(), satisfied: z.number(), neutral: z.number(), dissatisfied: z.number(), very_dissatisfied: z.number(),
});
export const callbackMetricsSchema = itemCountsSchema.extend({
  completionRate: z.number().nullable(),
  satisfaction: satisfactionCountsSchema,
  answered: z.number(),
  satisfactionRate: z.number().nullable(),
  averageRating: z.number().nullable(),
});
export type CallbackMetrics = z.infer<typeof callbackMetricsSchema>;
export const surveyMetricsSchema = z.object({
  sent: z.number(),
  answered: z.number(),
  responseRate: z.number().nullable(),
  satisfaction: satisfactionCountsSchema,
  satisfactionRate: z.number().nullable(),
  byChannel: z.object({ phone: z.number(), link: z.number() }),
});
export type SurveyMetrics = z.infer<typeof surveyMetricsSchema>;
export const callbackStatsSchema = z.object({
  month: z.string(),
  timezone: z.string(),
  total: callbackMetricsSchema,
  campaigns: z.array(callbackMetricsSchema.extend({ id: z.number(), name: z.string() })),
  agents: z.array(callbackMetricsSchema.extend({ id: z.number(), name: z.string() })),
  surveys: surveyMetricsSchema,
});
export type CallbackStats = z.infer<typeof callbackStatsSchema>;

export const callbackAgentSchema = z.object({ id: z.number(), name: z.string(), teamId: z.number().nullable() });
