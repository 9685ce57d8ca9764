// The rest rules checker: every rule an agent's shifts may break, with the facts for the message.
import { DEFAULT_REST_RULES, startMinute, type DayAssignment, type RestRules, type ShiftPattern } from './types.js';

export type RestRuleKey =
  | 'schedule_rest_too_short'
  | 'schedule_night_then_morning'
  | 'schedule_too_few_days_off'
  | 'schedule_too_many_consecutive_days'
  | 'schedule_on_leave'
  | 'schedule_two_shifts_one_day'
  | 'schedule_nights_not_allowed';

export interface RestViolation {
  rule: RestRuleKey;
  agentId: number;
  day: number;
  params: Record<string, string | number>;
}

export interface AgentCheckInput {
  agentId: number;
  /** The agent's shifts; days are indexes from the schedule's first day. */
  shifts: Array<{ day: number; shiftCode: string }>;
  patterns: ReadonlyMap<string, ShiftPattern>;
  rules?: RestRules;
  /** Days (indexes) of approved leave. */
  leaveDays?: ReadonlySet<number>;
  maxDaysPerWeek?: number;
  nights?: boolean;
  /** Days in the schedule (for the 7-day blocks); defaults to the last shift's day + 1. */
  horizonDays?: number;
}

/** Working days allowed in a block; a shorter last block keeps its proportional part of the days off, rounded down. */
export function blockCapacity(maxDaysPerWeek: number, blockDays: number): number {
  return blockDays >= 7 ? maxDaysPerWeek : blockDays - Math.floor(((7 - maxDaysPerWeek) * blockDays) / 7);
}

/** The agent's most working days in a 7-day block under the rules and the contract. */
export function agentMaxDays(rules: RestRules, contractMax?: number): number {
  return Math.min(contractMax ?? 7, 7 - rules.minDaysOffPerWeek);
}

/** Rest between a shift on `dayA` and one on a later `dayB`, in minutes. */
export function restMinutes(a: ShiftPattern, dayA: number, b: ShiftPattern, dayB: number): number {
  return dayB * 1440 + startMinute(b) - (dayA * 1440 + startMinute(a) + a.lengthMinutes);
}

/**
 * What forbids `next` (on `nextDay`) right after the agent's previous shift `prev` (on `prevDay`): too little
 * rest, or a morning shift within two days of a night shift (the night's recovery day comes first).
 */
export function followViolation(prev: ShiftPattern, prevDay: number, next: ShiftPattern, nextDay: number, rules: RestRules): 'schedule_rest_too_short' | 'schedule_night_then_morning' | null {
  if (restMinutes(prev, prevDay, next, nextDay) < rules.minRestHours * 60) return 'schedule_rest_too_short';
  if (prev.night && nextDay - prevDay <= NIGHT_RECOVERY_DAYS && startMinute(next) < rules.morningBeforeHour * 60) return 'schedule_night_then_morning';
  return null;
}

/** A morning shift may not start on the day after a night shift nor on the day after that. */
export const NIGHT_RECOVERY_DAYS = 2;

export function checkAgent(input: AgentCheckInput): RestViolation[] {
  const rules = input.rules ?? DEFAULT_REST_RULES;
  const out: RestViolation[] = [];
  const v = (rule: RestRuleKey, day: number, params: Record<string, string | number> = {}) => out.push({ rule, agentId: input.agentId, day, params });
  const shifts = [...input.shifts].sort((a, b) => a.day - b.day);
  const maxDays = agentMaxDays(rules, input.maxDaysPerWeek);
  for (let k = 0; k < shifts.length; k += 1) {
    const cur = shifts[k]!;
    const pattern = input.patterns.get(cur.shiftCode);
    if (!pattern) continue;
    if (input.leaveDays?.has(cur.day)) v('schedule_on_leave', cur.day);
    if (pattern.night && input.nights === false) v('schedule_nights_not_allowed', cur.day, { shift: pattern.code });
    const prev = shifts[k - 1];
    if (!prev) continue;
    if (prev.day === cur.day) {
      v('schedule_two_shifts_one_day', cur.day);
      continue;
    }
    const before = input.patterns.get(prev.shiftCode);
    if (!before) continue;
    const rest = restMinutes(before, prev.day, pattern, cur.day);
    const broken = followViolation(before, prev.day, pattern, cur.day, rules);
    if (broken === 'schedule_rest_too_short') {
      v(broken, cur.day, { hours: Math.round((rest / 60) * 10) / 10, min: rules.minRestHours, previous: before.code, shift: pattern.code });
    } else if (broken) {
      v(broken, cur.day, { previous: before.code, shift: pattern.code, hour: rules.morningBeforeHour });
    }
  }
  const days = [...new Set(shifts.map((s) => s.day))].sort((a, b) => a - b);
  const horizon = input.horizonDays ?? (days.at(-1) ?? -1) + 1;
  for (let block = 0; block * 7 < horizon; block += 1) {
    const worked = days.filter((d) => d >= block * 7 && d < block * 7 + 7).length;
    const allowed = blockCapacity(maxDays, Math.min(7, horizon - block * 7));
    if (worked > allowed) v('schedule_too_few_days_off', block * 7, { week: block + 1, worked, max: allowed, min: 7 - maxDays });
  }
  let run = 0;
  for (let k = 0; k < days.length; k += 1) {
    run = k > 0 && days[k - 1] === days[k]! - 1 ? run + 1 : 1;
    if (run === rules.maxConsecutiveDays + 1) v('schedule_too_many_consecutive_days', days[k]!, { days: run, max: rules.maxConsecutiveDays });
  }
  return out;
}

/** Every violation of a whole schedule. */
export function checkSchedule(args: {
  assignments: readonly DayAssignment[];
  agents: ReadonlyArray<{ id: number; maxDaysPerWeek?: number; nights?: boolean }>;
  patterns: ReadonlyMap<string, ShiftPattern>;
  rules?: RestRules;
  leave?: ReadonlyMap<number, ReadonlySet<number>>;
  horizonDays: number;
}): RestViolation[] {
  const byAgent = new Map<number, DayAssignment[]>();
  for (const a of args.assignments) byAgent.set(a.agentId, [...(byAgent.get(a.agentId) ?? []), a]);
  return args.agents.flatMap((agent) =>
    checkAgent({
      agentId: agent.id,
      shifts: byAgent.get(agent.id) ?? [],
      patterns: args.patterns,
      rules: args.rules,
      leaveDays: args.leave?.get(agent.id),
      maxDaysPerWeek: agent.maxDaysPerWeek,
      nights: agent.nights,
      horizonDays: args.horizonDays,
    }),
  );
}
