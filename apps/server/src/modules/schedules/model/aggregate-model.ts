// Stage 1 of generation: how many agents start each shift each day. Integer n[d,s], under-coverage u[d,i] and
// over-coverage o[d,i] with coverage + u − o = requirement; minimise Σu + ε·Σo under the head-count limits
// every assignment must respect (agents available per day and shift, working days per 7-day block). It is a
// relaxation of the agent-level problem, so its LP optimum (Σu only) is a lower bound of any schedule's Σu.
import { INTERVALS_PER_DAY } from '../forecast/series.js';
import { shiftCover } from './coverage.js';
import { solveLp } from './highs-solver.js';
import type { ShiftPattern } from './types.js';

export interface AggregateInput {
  /** Agents required per interval, horizonDays × 48. */
  requirement: readonly number[];
  horizonDays: number;
  patterns: readonly ShiftPattern[];
  /** Agents who may work shift s on day d: [d][s]. */
  availableByShift: number[][];
  /** Agents available on day d. */
  availableByDay: number[];
  /** Most agent-days per 7-day block. */
  blockCapacity: number[];
  /** 0 skips the second stage (least over-coverage at the least under-coverage). */
  overstaffPenalty?: number;
  timeLimit?: number;
}

export interface AggregateResult {
  /** counts[d][s] */
  counts: number[][];
  /** Σu of the integer solution. */
  underCoverage: number;
  /** LP relaxation optimum of Σu alone: no schedule can do better. */
  lowerBound: number;
  mipStatus: string;
  seconds: number;
}

const fmt = (x: number) => (Math.abs(x - Math.round(x)) < 1e-9 ? String(Math.round(x)) : x.toFixed(6));

function buildLp(input: AggregateInput, relaxed: boolean, eps: number, underCap?: number): { lp: string; nNames: string[] } {
  const { horizonDays: D, patterns } = input;
  const rows = Array.from({ length: D * INTERVALS_PER_DAY }, () => [] as string[]);
  const nNames: string[] = [];
  patterns.forEach((p, s) => {
    const cells = shiftCover(p);
    for (let d = 0; d < D; d += 1) {
      const name = `n_${d}_${s}`;
      nNames.push(name);
      for (const c of cells) {
        const day = d + c.dayOffset;
        if (day < D) rows[day * INTERVALS_PER_DAY + c.interval]!.push(`${c.weight === 1 ? '' : fmt(c.weight) + ' '}${name}`);
      }
    }
  });
  const obj: string[] = [];
  const cons: string[] = [];
  rows.forEach((terms, k) => {
    if (underCap === undefined) obj.push(`u_${k}`);
    if (eps > 0) obj.push(`${fmt(eps)} o_${k}`);
    const lhs = [...terms, `u_${k}`, `- o_${k}`].join(' + ').replace(/\+ -/g, '-');
    cons.push(` c_${k}: ${lhs} = ${fmt(input.requirement[k] ?? 0)}`);
  });
  if (underCap !== undefined) cons.push(` under: ${rows.map((_, k) => `u_${k}`).join(' + ')} <= ${fmt(underCap)}`);
  for (let d = 0; d < D; d += 1) {
    cons.push(` day_${d}: ${patterns.map((_, s) => `n_${d}_${s}`).join(' + ')} <= ${input.availableByDay[d]}`);
  }
  for (let b = 0; b * 7 < D; b += 1) {
    const terms: string[] = [];
    for (let d = b * 7; d < Math.min(D, b * 7 + 7); d += 1) patterns.forEach((_, s) => terms.push(`n_${d}_${s}`));
    cons.push(` week_${b}: ${terms.join(' + ')} <= ${input.blockCapacity[b]}`);
  }
  const bounds: string[] = [];
  for (let d = 0; d < D; d += 1) patterns.forEach((_, s) => bounds.push(` 0 <= n_${d}_${s} <= ${input.availableByShift[d]![s]}`));
  const lp = [
    'Minimize',
    ` obj: ${obj.join(' + ')}`,
    'Subject To',
    ...cons,
    'Bounds',
    ...bounds,
    ...(relaxed ? [] : ['Generals', ` ${nNames.join(' ')}`]),
    'End',
  ].join('\n');
  return { lp, nNames };
}

/**
 * Lexicographic: first the least under-coverage (its MIP dual bound, never below the LP relaxation's optimum, is
 * the reported lower bound), then, with under-coverage held at that figure, the least over-coverage.
 */
export async function solveAggregate(input: AggregateInput): Promise<AggregateResult> {
  const started = performance.now();
  const timeLimit = input.timeLimit ?? 30;
  const uNames = input.requirement.map((_, k) => `u_${k}`);
  const relaxation = await solveLp(buildLp(input, true, 0).lp, [], { timeLimit });
  const first = buildLp(input, false, 0);
  const under = await solveLp(first.lp, [...first.nNames, ...uNames], { timeLimit: timeLimit * 0.6, mipRelGap: 1e-3 });
  const underValue = uNames.reduce((sum, n) => sum + (under.values.get(n) ?? 0), 0);
  let res = under;
  if (input.overstaffPenalty !== 0) {
    const second = buildLp(input, false, 1, underValue + 1e-6);
    const over = await solveLp(second.lp, [...second.nNames, ...uNames], { timeLimit: Math.max(1, timeLimit * 0.3), mipRelGap: 0.02 });
    if (over.values.size > 0 && Number.isFinite(over.objective)) res = over;
  }
  const counts = Array.from({ length: input.horizonDays }, (_, d) => input.patterns.map((_, s) => Math.round(res.values.get(`n_${d}_${s}`) ?? 0)));
  const underCoverage = uNames.reduce((sum, n) => sum + (res.values.get(n) ?? 0), 0);
  const lowerBound = Math.max(0, relaxation.objective, Math.min(under.bound, underValue));
  return { counts, underCoverage, lowerBound, mipStatus: under.status, seconds: (performance.now() - started) / 1000 };
}
