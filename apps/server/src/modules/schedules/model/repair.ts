// After the day-by-day assignment: fill the shifts left over, directly (an agent who is free and breaks no rule)
// by a swap (an agent working another shift that day takes this one, a free agent takes theirs), or by moving a
// free agent's working day of the same week here when that covers more than it uncovers.
import { INTERVALS_PER_DAY } from '../forecast/series.js';
import { coverageOf, shiftCover } from './coverage.js';
import { checkAgent } from './rest-rules.js';
import type { DayAssignment, RestRules, ScheduleAgent, ShiftPattern } from './types.js';

export interface RepairInput {
  assignments: DayAssignment[];
  unfilled: Array<{ day: number; shiftCode: string; count: number }>;
  agents: readonly ScheduleAgent[];
  patterns: ReadonlyMap<string, ShiftPattern>;
  rules: RestRules;
  leave: ReadonlyMap<number, ReadonlySet<number>>;
  horizonDays: number;
  requirement: readonly number[];
}

export function repairUnfilled(input: RepairInput): { assignments: DayAssignment[]; unfilled: RepairInput['unfilled'] } {
  const byAgent = new Map<number, Map<number, string>>(input.agents.map((a) => [a.id, new Map()]));
  for (const a of input.assignments) byAgent.get(a.agentId)?.set(a.day, a.shiftCode);
  const ok = (agent: ScheduleAgent, shifts: Map<number, string>) =>
    checkAgent({
      agentId: agent.id, shifts: [...shifts].map(([day, shiftCode]) => ({ day, shiftCode })), patterns: input.patterns, rules: input.rules,
      leaveDays: input.leave.get(agent.id), maxDaysPerWeek: agent.maxDaysPerWeek, nights: agent.nights, horizonDays: input.horizonDays,
    }).length === 0;
  const withShift = (shifts: Map<number, string>, day: number, code: string) => new Map(shifts).set(day, code);
  const cov = coverageOf(input.assignments, input.patterns, input.horizonDays);
  const cells = (day: number, code: string) =>
    shiftCover(input.patterns.get(code)!).map((c) => ({ k: (day + c.dayOffset) * INTERVALS_PER_DAY + c.interval, w: c.weight, inside: day + c.dayOffset < input.horizonDays })).filter((c) => c.inside);
  const short = (k: number) => Math.max(0, (input.requirement[k] ?? 0) - cov[k]!);
  const gainOf = (day: number, code: string) => cells(day, code).reduce((g, c) => g + Math.min(c.w, short(c.k)), 0);
  const lossOf = (day: number, code: string) => cells(day, code).reduce((l, c) => l + Math.min(c.w, Math.max(0, (input.requirement[c.k] ?? 0) - (cov[c.k]! - c.w))), 0);
  const apply = (day: number, code: string, sign: 1 | -1) => cells(day, code).forEach((c) => (cov[c.k] = cov[c.k]! + sign * c.w));
  /** Moves the free agent's best-paying day of the same week to `day`. */
  const moveDay = (day: number, code: string, free: ScheduleAgent[]): boolean => {
    const gain = gainOf(day, code);
    let best: { agent: ScheduleAgent; from: number; net: number } | undefined;
    const blockStart = day - (day % 7);
    for (const a of free) {
      const shifts = byAgent.get(a.id)!;
      for (const [from, fromCode] of shifts) {
        if (from < blockStart || from >= blockStart + 7) continue;
        const net = gain - lossOf(from, fromCode);
        if (net <= 1e-9 || (best && net <= best.net)) continue;
        const moved = new Map(shifts);
        moved.delete(from);
        if (ok(a, moved.set(day, code))) best = { agent: a, from, net };
      }
    }
    if (!best) return false;
    const shifts = byAgent.get(best.agent.id)!;
    apply(best.from, shifts.get(best.from)!, -1);
    shifts.delete(best.from);
    shifts.set(day, code);
    apply(day, code, 1);
    return true;
  };
  const left: RepairInput['unfilled'] = [];
  for (const slot of input.unfilled) {
    let missing = slot.count;
    while (missing > 0) {
      const free = input.agents.filter((a) => !byAgent.get(a.id)!.has(slot.day) && !input.leave.get(a.id)?.has(slot.day));
      const direct = free.find((a) => ok(a, withShift(byAgent.get(a.id)!, slot.day, slot.shiftCode)));
      if (direct) {
        byAgent.get(direct.id)!.set(slot.day, slot.shiftCode);
        apply(slot.day, slot.shiftCode, 1);
        missing -= 1;
        continue;
      }
      let swapped = false;
      // A free agent for each other shift of the day, looked up once.
      const takers = new Map<string, ScheduleAgent | null>();
      const takerFor = (code: string) => {
        if (!takers.has(code)) takers.set(code, free.find((a) => ok(a, withShift(byAgent.get(a.id)!, slot.day, code))) ?? null);
        return takers.get(code)!;
      };
      for (const x of input.agents) {
        const other = byAgent.get(x.id)!.get(slot.day);
        if (!other || other === slot.shiftCode || !takerFor(other) || !ok(x, withShift(byAgent.get(x.id)!, slot.day, slot.shiftCode))) continue;
        const y = takerFor(other)!;
        byAgent.get(x.id)!.set(slot.day, slot.shiftCode);
        byAgent.get(y.id)!.set(slot.day, other);
        apply(slot.day, slot.shiftCode, 1);
        swapped = true;
        break;
      }
      if (!swapped) swapped = moveDay(slot.day, slot.shiftCode, free);
      if (!swapped) break;
      missing -= 1;
    }
    if (missing > 0) left.push(Object.assign({}, slot, { count: missing }));
  }
  const assignments: DayAssignment[] = [];
  for (const [agentId, shifts] of byAgent) for (const [day, shiftCode] of shifts) assignments.push({ agentId, day, shiftCode });
  assignments.sort((a, b) => a.day - b.day || a.agentId - b.agentId);
  return { assignments, unfilled: left };
}
