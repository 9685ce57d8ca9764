import { z } from 'zod';

/** Bounds of a staffing question (Erlang C / Erlang A), shared by the API, the CLI and the forms. */
export const STAFFING_LIMITS = {
  callsMax: 1_000_000,
  intervalMinMax: 1440,
  ahtMax: 86_400,
  targetTMax: 3600,
  patienceMax: 3600,
  /** The search for the smallest staffing gives up past this many agents (and so does --agents). */
  agentsMax: 10_000,
} as const;

/** Seed 000: 90 % of calls answered within 15 s; SPEC §10 plans in 30-minute intervals. */
export const STAFFING_DEFAULTS = { intervalMin: 30, targetSl: 0.9, targetT: 15 } as const;

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A decimal number from a query string or a command-line flag. Only plain decimal notation counts
 * ("0x10", "" and "12abc" are refused rather than read as 16, 0 or NaN); an empty value is "not given".
 */
function decimal<T extends z.ZodType>(inner: T) {
  return z.preprocess((value, ctx) => {
    if (typeof value !== 'string') return value;
    const text = value.trim();
    if (text === '') return undefined;
    if (DECIMAL.test(text)) return Number(text);
    // A custom issue: zod's "expected number, received …" would name the type of an input it no longer has.
    ctx.addIssue({ code: 'custom', message: 'not a decimal number' });
    return z.NEVER;
  }, inner);
}
const positive = (max: number) => decimal(z.number().gt(0).max(max));

export const staffingQuerySchema = z.object({
  calls: positive(STAFFING_LIMITS.callsMax).describe('calls offered in the interval (a forecast may be fractional)'),
  intervalMin: positive(STAFFING_LIMITS.intervalMinMax).default(STAFFING_DEFAULTS.intervalMin).describe('interval length in minutes'),
  aht: positive(STAFFING_LIMITS.ahtMax).describe('average handle time in seconds (talk + hold + wrap-up)'),
  targetSl: decimal(z.number().min(0).lt(1)).default(STAFFING_DEFAULTS.targetSl).describe('service-level target: share of calls answered within targetT, 0 ≤ targetSl < 1'),
  targetT: decimal(z.number().min(0).max(STAFFING_LIMITS.targetTMax)).default(STAFFING_DEFAULTS.targetT).describe('service-level time in seconds'),
  maxOccupancy: decimal(z.number().gt(0).max(1)).optional().describe('highest acceptable agent occupancy, 0 < maxOccupancy ≤ 1'),
  shrinkage: decimal(z.number().min(0).lt(1)).optional().describe('share of paid time not available for calls (breaks, training, leave), 0 ≤ shrinkage < 1'),
  patience: positive(STAFFING_LIMITS.patienceMax).optional().describe('mean caller patience in seconds: switches from Erlang C to Erlang A (exponential patience)'),
  agents: decimal(z.number().int().min(1).max(STAFFING_LIMITS.agentsMax)).optional().describe('evaluate this staffing instead of searching for the smallest one that meets the targets'),
});
export type StaffingQuery = z.infer<typeof staffingQuerySchema>;

export const staffingResultSchema = z.object({
  agents: z.number().int().describe('agents on the phones'),
  staffWithShrinkage: z.number().int().describe('agents to schedule: ceil(agents / (1 − shrinkage))'),
  serviceLevel: z.number().describe('share of all offered calls answered within targetT'),
  pWait: z.number().describe('probability that a call has to wait (all agents busy on arrival)'),
  asa: z.number().describe('average speed of answer in seconds: mean wait of answered calls'),
  occupancy: z.number().describe('share of time agents spend handling calls'),
  pAbandon: z.number().optional().describe('probability that a caller hangs up before being answered (with patience only)'),
});
export type StaffingResult = z.infer<typeof staffingResultSchema>;
