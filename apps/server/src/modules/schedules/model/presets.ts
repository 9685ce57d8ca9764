// Default shift patterns of a 7×24 hotline and a benchmark / demo instance built from a simulated history.
import { forecastWith } from '../forecast/backtest.js';
import { addDays, INTERVALS_PER_DAY } from '../forecast/series.js';
import { mulberry32, simulateHistory } from '../forecast/simulate.js';
import { requirementOf, DEFAULT_REQUIREMENT } from './requirement.js';
import { shiftCover } from './coverage.js';
import { DEFAULT_REST_RULES, type ScheduleAgent, type ShiftPattern } from './types.js';

export const DEFAULT_SHIFT_PATTERNS: ShiftPattern[] = [
  { code: 'A', start: '07:00', lengthMinutes: 480, paidBreakMinutes: 30, night: false },
  { code: 'B', start: '08:30', lengthMinutes: 480, paidBreakMinutes: 30, night: false },
  { code: 'C', start: '10:00', lengthMinutes: 480, paidBreakMinutes: 30, night: false },
  { code: 'D', start: '12:00', lengthMinutes: 480, paidBreakMinutes: 30, night: false },
  { code: 'E', start: '14:30', lengthMinutes: 480, paidBreakMinutes: 30, night: false },
  { code: 'N', start: '22:00', lengthMinutes: 540, paidBreakMinutes: 60, night: true },
];

export interface Instance {
  start: string;
  horizonDays: number;
  requirement: number[];
  agents: ScheduleAgent[];
  leave: Map<number, Set<number>>;
  patterns: ShiftPattern[];
}

/**
 * `agents` agents (a tenth on 4-day contracts, a fifth without nights, about 3 % of agent-days on leave) and
 * a requirement from a Holt–Winters forecast of 12 simulated weeks, scaled so the requirement is `load` times
 * what the agents can cover.
 */
export function benchInstance({ agents: count, days = 28, seed = 42, load = 1, start = '2026-12-07' }: { agents: number; days?: number; seed?: number; load?: number; start?: string }): Instance {
  const random = mulberry32(seed);
  const agents: ScheduleAgent[] = Array.from({ length: count }, (_, k) => ({
    id: k + 1,
    name: `坐席${k + 1}`,
    teamId: (k % 5) + 1,
    skills: ['hotline'],
    maxDaysPerWeek: random() < 0.1 ? 4 : 5,
    nights: random() >= 0.2,
  }));
  const leave = new Map<number, Set<number>>();
  for (const a of agents) for (let d = 0; d < days; d += 1) if (random() < 0.03) leave.set(a.id, (leave.get(a.id) ?? new Set()).add(d));
  const history = simulateHistory({ start: addDays(start, -84), weeks: 12, dailyVolume: 1000, seed });
  const base = forecastWith('multi_week_average', history, days);
  const perShift = shiftCover(DEFAULT_SHIFT_PATTERNS[0]!).reduce((s, c) => s + c.weight, 0);
  let capacity = 0;
  for (const a of agents) {
    const maxDays = Math.min(a.maxDaysPerWeek ?? 7, 7 - DEFAULT_REST_RULES.minDaysOffPerWeek);
    capacity += (maxDays * days) / 7 - (leave.get(a.id)?.size ?? 0) * 0.3;
  }
  const target = capacity * perShift * load;
  // Scale the contacts until the Erlang requirement matches the target (requirement grows with contacts).
  let lo = 0.01;
  let hi = 200;
  let requirement = requirementOf(base, DEFAULT_REQUIREMENT);
  for (let k = 0; k < 30; k += 1) {
    const mid = (lo + hi) / 2;
    requirement = requirementOf(base.map((v) => v * mid), DEFAULT_REQUIREMENT);
    const total = requirement.reduce((s, v) => s + v, 0);
    if (total < target) lo = mid;
    else hi = mid;
    if (Math.abs(total - target) / target < 0.005) break;
  }
  return { start, horizonDays: days, requirement: requirement.slice(0, days * INTERVALS_PER_DAY), agents, leave, patterns: DEFAULT_SHIFT_PATTERNS };
}
