// Stage 2 of generation: give the day's shift counts to agents, day by day, keeping every rest rule. Agents
// who must work on most of the block's remaining days go first; a shift with few eligible agents is filled first.
import { agentMaxDays, blockCapacity, followViolation } from './rest-rules.js';
import type { DayAssignment, RestRules, ScheduleAgent, ShiftPattern } from './types.js';

export interface AssignInput {
  counts: number[][];
  horizonDays: number;
  patterns: readonly ShiftPattern[];
  agents: readonly ScheduleAgent[];
  rules: RestRules;
  leave: ReadonlyMap<number, ReadonlySet<number>>;
}

export interface AssignResult {
  assignments: DayAssignment[];
  /** Shift slots no agent could take: { day, shift code, how many }. */
  unfilled: Array<{ day: number; shiftCode: string; count: number }>;
}

interface AgentState {
  agent: ScheduleAgent;
  maxDays: number;
  lastDay: number;
  last?: ShiftPattern;
  run: number;
  worked: number;
}

export function assignShifts(input: AssignInput): AssignResult {
  const { counts, horizonDays: D, patterns, rules, leave } = input;
  const states: AgentState[] = input.agents.map((agent) => ({ agent, maxDays: agentMaxDays(rules, agent.maxDaysPerWeek), lastDay: -10, run: 0, worked: 0 }));
  const assignments: DayAssignment[] = [];
  const unfilled: AssignResult['unfilled'] = [];
  for (let d = 0; d < D; d += 1) {
    const blockStart = d - (d % 7);
    const blockDays = Math.min(7, D - blockStart);
    if (d === blockStart) for (const st of states) st.worked = 0;
    const daysLeft = blockStart + blockDays - d;
    const free = states.filter((st) => {
      if (leave.get(st.agent.id)?.has(d)) return false;
      if (st.worked >= blockCapacity(st.maxDays, blockDays)) return false;
      return !(st.lastDay === d - 1 && st.run >= rules.maxConsecutiveDays);
    });
    const eligible = (st: AgentState, p: ShiftPattern) =>
      !(p.night && st.agent.nights === false) && !(st.last && followViolation(st.last, st.lastDay, p, d, rules));
    const options = new Map<AgentState, number>(free.map((st) => [st, patterns.filter((p) => eligible(st, p)).length]));
    const order = patterns
      .map((p, s) => ({ p, need: counts[d]![s] ?? 0, pool: free.filter((st) => eligible(st, p)).length }))
      .filter((x) => x.need > 0)
      .sort((a, b) => a.pool / a.need - b.pool / b.need);
    const taken = new Map<AgentState, ShiftPattern>();
    for (const { p, need } of order) {
      const pool = free.filter((st) => !taken.has(st) && eligible(st, p));
      const score = (st: AgentState) => {
        const urgency = (blockCapacity(st.maxDays, blockDays) - st.worked) / daysLeft;
        const same = st.last?.code === p.code && st.lastDay === d - 1 ? 0.5 : 0;
        return urgency * 10 + same - options.get(st)! * 0.05;
      };
      pool.sort((a, b) => score(b) - score(a) || a.agent.id - b.agent.id);
      const chosen = pool.slice(0, need);
      for (const st of chosen) {
        taken.set(st, p);
        assignments.push({ agentId: st.agent.id, day: d, shiftCode: p.code });
      }
      if (chosen.length < need) unfilled.push({ day: d, shiftCode: p.code, count: need - chosen.length });
    }
    for (const [st, p] of taken) {
      st.run = st.lastDay === d - 1 ? st.run + 1 : 1;
      st.worked += 1;
      st.lastDay = d;
      st.last = p;
    }
  }
  return { assignments, unfilled };
}
