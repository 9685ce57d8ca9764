import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common.schemas.js';
import { CUSTOMER_GRADES } from './customers.schemas.js';

// The four axes of seed 003 (客户划分): 成交状态, 重要性, 紧急程度 (处理时间段), 需求状况.
/** 已成交 / 正在谈判 / 潜在 */
export const DEAL_STATUSES = ['closed', 'negotiating', 'prospect'] as const;
/** 重要 / 非重要 (by the deal size or business potential) */
export const IMPORTANCES = ['important', 'ordinary'] as const;
/** 紧急 (≤ 1 week) / 缓急 (1 week – 1 month) / 不紧急 (1–3 months) / 可慢反应 (> 3 months) */
export const URGENCIES = ['urgent', 'soon', 'later', 'slow'] as const;
/** 目标 (needs it now) / 潜在 (will need it) / 死亡 (no need at all) */
export const DEMANDS = ['target', 'potential', 'dead'] as const;
export const FOLLOW_UP_CHANNELS = ['phone', 'visit', 'wechat', 'sms', 'email', 'other'] as const;
export const CADENCE_UNITS = ['day', 'week', 'month', 'year'] as const;
/** The eight big-customer factors of seed 003, in its order. */
export const VIP_FACTORS = ['historyMonths', 'totalSpend', 'purchaseCount', 'frequency', 'items', 'referrals', 'campaigns', 'complaints'] as const;

export type CustomerGradeValue = (typeof CUSTOMER_GRADES)[number];
export type DealStatus = (typeof DEAL_STATUSES)[number];
export type Importance = (typeof IMPORTANCES)[number];
export type Urgency = (typeof URGENCIES)[number];
export type Demand = (typeof DEMANDS)[number];
export type VipFactor = (typeof VIP_FACTORS)[number];

export const gradingAxesSchema = z.object({
  dealStatus: z.enum(DEAL_STATUSES),
  importance: z.enum(IMPORTANCES),
  urgency: z.enum(URGENCIES),
  demand: z.enum(DEMANDS),
});
export type GradingAxes = z.infer<typeof gradingAxesSchema>;

const nonEmpty = <T extends readonly [string, ...string[]]>(values: T) => z.array(z.enum(values)).min(1).max(values.length);

/** One grade rule: every listed axis must hold one of its values (an axis left out matches anything). */
export const gradeRuleSchema = z.object({
  grade: z.enum(CUSTOMER_GRADES),
  when: z.object({
    dealStatus: nonEmpty(DEAL_STATUSES).optional(),
    importance: nonEmpty(IMPORTANCES).optional(),
    urgency: nonEmpty(URGENCIES).optional(),
    demand: nonEmpty(DEMANDS).optional(),
  }).strict(),
  note: z.string().trim().max(200).optional(),
}).strict();
export type GradeRule = z.infer<typeof gradeRuleSchema>;

export const cadenceSchema = z.object({ every: z.number().int().min(1).max(366), unit: z.enum(CADENCE_UNITS) }).strict();
export type Cadence = z.infer<typeof cadenceSchema>;

export const gradingRulesSchema = z.object({
  /** First matching rule wins. */
  rules: z.array(gradeRuleSchema).min(1).max(50),
  fallbackGrade: z.enum(CUSTOMER_GRADES),
  cadence: z.object({ A: cadenceSchema, B: cadenceSchema, C: cadenceSchema, D: cadenceSchema, E: cadenceSchema }).strict(),
  vip: z.object({
    /** Share of the tenant's graded customers flagged VIP (seed 003: 筛选出20%的大客户). */
    share: z.number().min(0.01).max(1),
    weights: z.object(Object.fromEntries(VIP_FACTORS.map((f) => [f, z.number().min(-100).max(100)])) as Record<VipFactor, z.ZodNumber>).strict(),
  }).strict(),
  churn: z.object({
    windowDays: z.number().int().min(7).max(365),
    /** A drop to less than (1 − ratio) of the previous window counts as falling. */
    contactDropRatio: z.number().min(0.05).max(1),
    spendDropRatio: z.number().min(0.05).max(1),
    /** Falling contact needs at least this many contacts in the previous window (one call is no trend). */
    minPreviousContacts: z.number().int().min(1).max(1000),
    complaintsThreshold: z.number().int().min(1).max(100),
    complaintsWindowDays: z.number().int().min(7).max(365),
  }).strict(),
}).strict();
export type GradingRules = z.infer<typeof gradingRulesSchema>;

export const DEFAULT_GRADING_RULES: GradingRules = {
  rules: [
    { grade: 'E', when: { demand: ['dead'] }, note: '没有需求或没有任何成交机会（死亡客户）' },
    { grade: 'D', when: { demand: ['potential'] }, note: '只有潜在需求' },
    { grade: 'A', when: { demand: ['target'], urgency: ['urgent', 'soon'] }, note: '明显需求，预计一个月内成交' },
    { grade: 'B', when: { demand: ['target'], urgency: ['later'] }, note: '明显需求，预计三个月内成交' },
    { grade: 'C', when: { demand: ['target'], urgency: ['slow'], importance: ['important'] }, note: '明显需求，预计半年内成交' },
    { grade: 'D', when: { demand: ['target'], urgency: ['slow'] }, note: '明显需求但至少半年后才可能成交' },
  ],
  fallbackGrade: 'D',
  cadence: {
    A: { every: 1, unit: 'day' },
    B: { every: 1, unit: 'week' },
    C: { every: 15, unit: 'day' },
    D: { every: 1, unit: 'month' },
    E: { every: 1, unit: 'year' },
  },
  vip: {
    share: 0.2,
    weights: { historyMonths: 10, totalSpend: 30, purchaseCount: 15, frequency: 15, items: 10, referrals: 10, campaigns: 10, complaints: -10 },
  },
  churn: { windowDays: 90, contactDropRatio: 0.5, spendDropRatio: 0.5, minPreviousContacts: 2, complaintsThreshold: 2, complaintsWindowDays: 90 },
};

export const gradingRulesResponseSchema = z.object({ rules: gradingRulesSchema, version: z.number(), isDefault: z.boolean(), updatedAt: z.string().nullable() });
export type GradingRulesResponse = z.infer<typeof gradingRulesResponseSchema>;
export const gradingRulesPutSchema = z.object({ version: z.number().int().min(0), rules: gradingRulesSchema, regrade: z.boolean().default(true) });

export const followUpInputSchema = z.object({
  channel: z.enum(FOLLOW_UP_CHANNELS),
  summary: z.string().trim().min(1).max(2000),
  axes: gradingAxesSchema,
  /** When it happened; now if left out. */
  at: isoDateTimeSchema.optional(),
});
export type FollowUpInput = z.infer<typeof followUpInputSchema>;

export const followUpSchema = z.object({
  id: z.number(),
  customerId: z.number(),
  at: z.string(),
  channel: z.enum(FOLLOW_UP_CHANNELS),
  summary: z.string(),
  axes: gradingAxesSchema,
  gradeBefore: z.enum(CUSTOMER_GRADES).nullable(),
  gradeAfter: z.enum(CUSTOMER_GRADES),
  nextFollowUpOn: z.string(),
  user: z.object({ id: z.number(), name: z.string() }).nullable(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const gradeHistoryEntrySchema = z.object({
  id: z.number(), at: z.string(), fromGrade: z.enum(CUSTOMER_GRADES).nullable(), toGrade: z.enum(CUSTOMER_GRADES),
  reason: z.enum(['follow_up', 'regrade']), followUpId: z.number().nullable(), userName: z.string().nullable(),
});

export const customerGradingSchema = z.object({
  customerId: z.number(),
  customerName: z.string(),
  grade: z.enum(CUSTOMER_GRADES).nullable(),
  axes: gradingAxesSchema.nullable(),
  owner: z.object({ id: z.number(), name: z.string() }).nullable(),
  lastFollowUpAt: z.string().nullable(),
  nextFollowUpOn: z.string().nullable(),
  isVip: z.boolean(),
  vipScore: z.number().nullable(),
  referrals: z.number(),
  campaigns: z.number(),
  version: z.number(),
  history: z.array(gradeHistoryEntrySchema),
  followUps: z.array(followUpSchema),
});
export type CustomerGrading = z.infer<typeof customerGradingSchema>;

export const customerGradingUpdateSchema = z.object({
  version: z.number().int().min(0),
  ownerId: idSchema.nullable().optional(),
  referrals: z.number().int().min(0).max(100_000).optional(),
  campaigns: z.number().int().min(0).max(100_000).optional(),
});

export const purchaseInputSchema = z.object({
  amount: z.number().positive().max(1e10),
  item: z.string().trim().min(1).max(100),
  purchasedAt: isoDateTimeSchema.optional(),
});

export const dueListQuerySchema = z.object({
  scope: z.enum(['due', 'overdue', 'upcoming']).default('due'),
  /** Leaders may look at another owner's list. */
  ownerId: idSchema.optional(),
});

export const dueItemSchema = z.object({
  customerId: z.number(), customerName: z.string(), grade: z.enum(CUSTOMER_GRADES).nullable(), isVip: z.boolean(),
  axes: gradingAxesSchema.nullable(), lastFollowUpAt: z.string().nullable(), nextFollowUpOn: z.string(), overdueDays: z.number(), version: z.number(),
});
export type DueItem = z.infer<typeof dueItemSchema>;

const gradeCounts = z.object({ A: z.number(), B: z.number(), C: z.number(), D: z.number(), E: z.number() });
export const overviewSchema = z.object({
  today: z.string(),
  owners: z.array(z.object({ owner: z.object({ id: z.number(), name: z.string() }).nullable(), total: z.number(), byGrade: gradeCounts, due: z.number(), overdue: z.number() })),
  totals: z.object({ total: z.number(), byGrade: gradeCounts, due: z.number(), overdue: z.number() }),
});
export type GradingOverview = z.infer<typeof overviewSchema>;

export const distributionSchema = z.object({ grades: z.array(z.object({ grade: z.enum(CUSTOMER_GRADES), count: z.number() })), ungraded: z.number(), vip: z.number() });
export type GradeDistribution = z.infer<typeof distributionSchema>;

export const vipItemSchema = z.object({
  customerId: z.number(), customerName: z.string(), grade: z.enum(CUSTOMER_GRADES).nullable(), score: z.number(), rank: z.number(),
  factors: z.object(Object.fromEntries(VIP_FACTORS.map((f) => [f, z.number()])) as Record<VipFactor, z.ZodNumber>),
});
export type VipItem = z.infer<typeof vipItemSchema>;
export const vipRecomputeResultSchema = z.object({ customers: z.number(), vip: z.number(), computedAt: z.string() });

export const CHURN_REASONS = ['contact_drop', 'spend_drop', 'complaints'] as const;
export const churnAlertSchema = z.object({
  customerId: z.number(), customerName: z.string(), grade: z.enum(CUSTOMER_GRADES).nullable(), isVip: z.boolean(),
  reasons: z.array(z.enum(CHURN_REASONS)),
  contactsCurrent: z.number(), contactsPrevious: z.number(), spendCurrent: z.number(), spendPrevious: z.number(), complaints: z.number(),
});
export type ChurnAlert = z.infer<typeof churnAlertSchema>;
export const churnQuerySchema = z.object({ vipOnly: z.enum(['true', 'false']).optional() });
