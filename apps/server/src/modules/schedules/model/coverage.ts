// Which intervals a shift covers, and how much: the paid break is staggered, so every covered interval counts
// (1 − break / length) of an agent.
import { INTERVALS_PER_DAY, INTERVAL_MINUTES } from '../forecast/series.js';
import { startMinute, type DayAssignment, type ShiftPattern } from './types.js';

export interface CoverCell {
  /** Day offset from the shift's day (1 when it runs past midnight). */
  dayOffset: number;
  interval: number;
  weight: number;
}

export function shiftCover(p: ShiftPattern): CoverCell[] {
  const first = Math.floor(startMinute(p) / INTERVAL_MINUTES);
  const count = Math.ceil(p.lengthMinutes / INTERVAL_MINUTES);
  const weight = 1 - p.paidBreakMinutes / p.lengthMinutes;
  return Array.from({ length: count }, (_, k) => ({ dayOffset: Math.floor((first + k) / INTERVALS_PER_DAY), interval: (first + k) % INTERVALS_PER_DAY, weight }));
}

/** Agents on the phones per interval of the horizon (days × 48), from assignments. */
export function coverageOf(assignments: readonly DayAssignment[], patterns: ReadonlyMap<string, ShiftPattern>, horizonDays: number): number[] {
  const cov = new Array<number>(horizonDays * INTERVALS_PER_DAY).fill(0);
  const cells = new Map<string, CoverCell[]>();
  for (const a of assignments) {
    const p = patterns.get(a.shiftCode);
    if (!p) continue;
    if (!cells.has(p.code)) cells.set(p.code, shiftCover(p));
    for (const c of cells.get(p.code)!) {
      const d = a.day + c.dayOffset;
      if (d < horizonDays) cov[d * INTERVALS_PER_DAY + c.interval] = cov[d * INTERVALS_PER_DAY + c.interval]! + c.weight;
    }
  }
  return cov;
}

/** Σ max(0, requirement − coverage): agent-intervals short. */
export function underCoverage(requirement: readonly number[], coverage: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < requirement.length; i += 1) sum += Math.max(0, requirement[i]! - (coverage[i] ?? 0));
  return sum;
}

export function overCoverage(requirement: readonly number[], coverage: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < requirement.length; i += 1) sum += Math.max(0, (coverage[i] ?? 0) - requirement[i]!);
  return sum;
}
