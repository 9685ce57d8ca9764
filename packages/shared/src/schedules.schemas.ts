import { z } from 'zod';

// Workforce scheduling (排班): forecasts of contacts per 30-minute interval, the agents they require, schedule
// drafts generated under rest rules, their edits and publication.

const localDate = z.iso.date().describe('local date of the tenant, YYYY-MM-DD');

export const SCHEDULE_FORECAST_METHODS = ['seasonal_naive', 'multi_week_average', 'holt_winters'] as const;
export const scheduleForecastMethodSchema = z.enum(SCHEDULE_FORECAST_METHODS);
export type ScheduleForecastMethod = z.infer<typeof scheduleForecastMethodSchema>;

export const shiftPatternSchema = z.object({
  code: z.string().trim().min(1).max(8).regex(/^[A-Za-z0-9_-]+$/),
  name: z.string().trim().max(40).default(''),
  start: z.string().regex(/^([01]\d|2[0-3]):(00|30)$/).describe('local start "HH:MM" on a half hour'),
  lengthMinutes: z.number().int().min(60).max(720).multipleOf(30),
  paidBreakMinutes: z.number().int().min(0).max(120).default(0),
  night: z.boolean().default(false),
});
export type ShiftPatternDto = z.infer<typeof shiftPatternSchema>;
export const shiftPatternsBodySchema = z.object({ patterns: z.array(shiftPatternSchema).min(1).max(20) });

export const restRulesSchema = z.object({
  minRestHours: z.number().min(0).max(24).default(11),
  minDaysOffPerWeek: z.number().int().min(0).max(6).default(2),
  maxConsecutiveDays: z.number().int().min(1).max(14).default(6),
  morningBeforeHour: z.number().int().min(0).max(24).default(12),
});
export type RestRulesDto = z.infer<typeof restRulesSchema>;

export const forecastAdjustmentSchema = z.object({
  date: localDate,
  interval: z.number().int().min(0).max(47).optional().describe('0 = 00:00–00:30 … 47; absent: the whole day'),
  kind: z.enum(['percent', 'absolute']),
  value: z.number().min(-100).max(1_000_000),
});
export type ForecastAdjustmentDto = z.infer<typeof forecastAdjustmentSchema>;

export const forecastCreateSchema = z.object({
  name: z.string().trim().max(80).optional(),
  source: z.enum(['auto', 'calls', 'work_orders', 'simulated']).default('auto').describe('auto: calls when there are any, else work orders'),
  queue: z.string().max(40).optional(),
  start: localDate.optional().describe('first forecast day; default the next Monday'),
  horizonWeeks: z.number().int().min(1).max(6).default(4),
  historyWeeks: z.number().int().min(3).max(26).default(12),
  backtestWeeks: z.number().int().min(1).max(8).default(4),
  method: z.enum(['auto', ...SCHEDULE_FORECAST_METHODS]).default('auto').describe('auto: the best back-test WAPE'),
});
export type ForecastCreate = z.infer<typeof forecastCreateSchema>;

export const methodScoreSchema = z.object({ method: scheduleForecastMethodSchema, wape: z.number(), mape: z.number(), params: z.object({ alpha: z.number(), delta: z.number(), omega: z.number() }).optional() });
export const backtestSchema = z.object({ folds: z.number(), scores: z.array(methodScoreSchema), best: scheduleForecastMethodSchema });

export const forecastSummarySchema = z.object({
  id: z.number(),
  name: z.string(),
  source: z.string(),
  start: z.string(),
  horizonDays: z.number(),
  method: scheduleForecastMethodSchema,
  createdAt: z.string(),
  version: z.number(),
});
export const forecastDetailSchema = forecastSummarySchema.extend({
  historyStart: z.string(),
  history: z.array(z.number()).describe('contacts per interval of the history, from historyStart'),
  backtest: backtestSchema,
  forecasts: z.record(z.string(), z.array(z.number())).describe('per method, contacts per interval from start'),
  adjustments: z.array(forecastAdjustmentSchema),
  adjusted: z.array(z.number()).describe('the chosen method with the adjustments applied'),
});
export type ForecastDetail = z.infer<typeof forecastDetailSchema>;
export const forecastAdjustBodySchema = z.object({ version: z.number().int(), adjustments: z.array(forecastAdjustmentSchema).max(2000) });

export const requirementParamsSchema = z.object({
  aht: z.number().positive().max(7200).default(240).describe('average handle time, seconds'),
  targetSl: z.number().min(0).lt(1).default(0.9),
  targetT: z.number().min(0).max(600).default(15),
  shrinkage: z.number().min(0).lt(1).default(0.3),
  maxOccupancy: z.number().gt(0).max(1).optional(),
});
export const requirementBodySchema = requirementParamsSchema.extend({ forecastId: z.number().int().positive() });
export const requirementSchema = z.object({ start: z.string(), contacts: z.array(z.number()), agents: z.array(z.number()).describe('agents to schedule per interval (Erlang C, with shrinkage)') });

export const scheduleAgentInputSchema = z.object({
  userId: z.number().int().positive(),
  maxDaysPerWeek: z.number().int().min(1).max(7).optional(),
  nights: z.boolean().optional(),
});
export const leaveInputSchema = z.object({ userId: z.number().int().positive(), date: localDate });

export const draftCreateSchema = z.object({
  name: z.string().trim().max(80).optional(),
  forecastId: z.number().int().positive(),
  requirement: requirementParamsSchema.default({ aht: 240, targetSl: 0.9, targetT: 15, shrinkage: 0.3 }),
  teamIds: z.array(z.number().int().positive()).max(50).optional().describe('agents of these teams (default: every active user in a team)'),
  agents: z.array(scheduleAgentInputSchema).max(1000).optional().describe('exactly these agents, with contract overrides'),
  skill: z.string().max(40).optional(),
  leave: z.array(leaveInputSchema).max(20000).default([]).describe('approved leave: the agent is unavailable that day'),
  rules: restRulesSchema.default({ minRestHours: 11, minDaysOffPerWeek: 2, maxConsecutiveDays: 6, morningBeforeHour: 12 }),
  timeLimitSeconds: z.number().min(1).max(120).default(40),
});
export type DraftCreate = z.infer<typeof draftCreateSchema>;

export const scheduleFiguresSchema = z.object({
  underCoverage: z.number().describe('agent-intervals (30 min) short of the requirement'),
  overCoverage: z.number(),
  lowerBound: z.number().describe("the solver's proven lower bound of the under-coverage"),
  gap: z.number().nullable().describe('(under − bound) / bound; null when the bound is 0 and coverage is short'),
  unfilledShifts: z.number(),
  solveSeconds: z.number(),
  totalSeconds: z.number(),
});

export const scheduleAssignmentSchema = z.object({ userId: z.number(), date: z.string(), shiftCode: z.string() });
export const draftSummarySchema = z.object({
  id: z.number(),
  name: z.string(),
  forecastId: z.number().nullable(),
  start: z.string(),
  horizonDays: z.number(),
  status: z.enum(['draft', 'published']),
  figures: scheduleFiguresSchema,
  publishedAt: z.string().nullable(),
  version: z.number(),
});
export const draftDetailSchema = draftSummarySchema.extend({
  patterns: z.array(shiftPatternSchema),
  agents: z.array(z.object({ userId: z.number(), name: z.string(), teamId: z.number().nullable(), maxDaysPerWeek: z.number().optional(), nights: z.boolean().optional() })),
  leave: z.array(leaveInputSchema),
  assignments: z.array(scheduleAssignmentSchema),
  requirement: z.array(z.number()),
  coverage: z.array(z.number()),
  rules: restRulesSchema,
});
export type DraftDetail = z.infer<typeof draftDetailSchema>;

export const draftEditSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('assign'), version: z.number().int(), userId: z.number().int().positive(), date: localDate, shiftCode: z.string().min(1).max(8) }),
  z.object({ action: z.literal('unassign'), version: z.number().int(), userId: z.number().int().positive(), date: localDate }),
  z.object({ action: z.literal('move'), version: z.number().int(), userId: z.number().int().positive(), date: localDate, toUserId: z.number().int().positive(), toDate: localDate }),
]);
export type DraftEdit = z.infer<typeof draftEditSchema>;
export const versionBodySchema = z.object({ version: z.number().int() });

export const myScheduleQuerySchema = z.object({ from: localDate.optional(), to: localDate.optional() });
export const myScheduleSchema = z.object({
  items: z.array(z.object({ date: z.string(), shiftCode: z.string(), start: z.string(), lengthMinutes: z.number(), night: z.boolean(), scheduleId: z.number(), scheduleName: z.string() })),
});

export const agentProfileInputSchema = z.object({
  skills: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  maxDaysPerWeek: z.number().int().min(1).max(7).nullable().default(null).describe('contract: most working days in a week (null: the rest rules decide)'),
  nights: z.boolean().default(true).describe('contract: may work night shifts'),
});
export const agentProfileSchema = agentProfileInputSchema.extend({ userId: z.number(), name: z.string(), teamId: z.number().nullable() });
