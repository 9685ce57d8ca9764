// Schedule generation: the aggregate MIP decides how many agents start each shift each day, the assignment
// gives those shifts to agents under the rest rules; the result is checked and compared with the LP bound.
import { INTERVALS_PER_DAY } from '../forecast/series.js';
import { solveAggregate } from './aggregate-model.js';
import { assignShifts } from './assign.js';
import { repairUnfilled } from './repair.js';
import { coverageOf, overCoverage, underCoverage } from './coverage.js';
import { agentMaxDays, blockCapacity, checkSchedule, type RestViolation } from './rest-rules.js';
import type { DayAssignment, RestRules, ScheduleAgent, ShiftPattern } from './types.js';

export interface GenerateInput {
  requirement: readonly number[];
  horizonDays: number;
  patterns: readonly ShiftPattern[];
  agents: readonly ScheduleAgent[];
  rules: RestRules;
  /** Approved leave as day indexes per agent. */
  leave: ReadonlyMap<number, ReadonlySet<number>>;
  timeLimit?: number;
}

export interface GenerateResult {
  assignments: DayAssignment[];
  coverage: number[];
  /** Agent-intervals (30 min) short of the requirement. */
  underCoverage: number;
  overCoverage: number;
  /** Under-coverage of the aggregate MIP solution, before assignment. */
  aggregateUnderCoverage: number;
  /** LP bound: no schedule has less under-coverage. */
  lowerBound: number;
  /** (underCoverage − lowerBound) / lowerBound; 0 when both are 0. */
  gap: number;
  unfilled: Array<{ day: number; shiftCode: string; count: number }>;
  violations: RestViolation[];
  seconds: { solve: number; repair: number; total: number };
}

export function relativeGap(value: number, bound: number): number {
  if (value - bound <= 1e-6) return 0;
  return bound > 1e-9 ? (value - bound) / bound : Infinity;
}

export async function generateSchedule(input: GenerateInput): Promise<GenerateResult> {
  const started = performance.now();
  const { horizonDays: D, patterns, agents, rules, leave } = input;
  if (input.requirement.length !== D * INTERVALS_PER_DAY) throw new Error('requirement length must be horizonDays × 48');
  const onLeave = (a: ScheduleAgent, d: number) => leave.get(a.id)?.has(d) ?? false;
  const availableByDay = Array.from({ length: D }, (_, d) => agents.filter((a) => !onLeave(a, d)).length);
  const availableByShift = Array.from({ length: D }, (_, d) =>
    patterns.map((p) => agents.filter((a) => !onLeave(a, d) && !(p.night && a.nights === false)).length),
  );
  const blocks: number[] = [];
  for (let b = 0; b * 7 < D; b += 1) {
    const blockDays = Math.min(7, D - b * 7);
    blocks.push(
      agents.reduce((sum, a) => {
        let free = 0;
        for (let d = b * 7; d < b * 7 + blockDays; d += 1) if (!onLeave(a, d)) free += 1;
        return sum + Math.min(free, blockCapacity(agentMaxDays(rules, a.maxDaysPerWeek), blockDays));
      }, 0),
    );
  }
  const agg = await solveAggregate({ requirement: input.requirement, horizonDays: D, patterns, availableByDay, availableByShift, blockCapacity: blocks, timeLimit: input.timeLimit });
  const first = assignShifts({ counts: agg.counts, horizonDays: D, patterns, agents, rules, leave });
  const byCode = new Map(patterns.map((p) => [p.code, p]));
  const repairStarted = performance.now();
  const { assignments, unfilled } = repairUnfilled(Object.assign(first, { agents, patterns: byCode, rules, leave, horizonDays: D, requirement: input.requirement }));
  const coverage = coverageOf(assignments, byCode, D);
  const under = underCoverage(input.requirement, coverage);
  return {
    assignments,
    coverage,
    underCoverage: under,
    overCoverage: overCoverage(input.requirement, coverage),
    aggregateUnderCoverage: agg.underCoverage,
    lowerBound: agg.lowerBound,
    gap: relativeGap(under, agg.lowerBound),
    unfilled,
    violations: checkSchedule({ assignments, agents, patterns: byCode, rules, leave, horizonDays: D }),
    seconds: { solve: agg.seconds, repair: (performance.now() - repairStarted) / 1000, total: (performance.now() - started) / 1000 },
  };
}
