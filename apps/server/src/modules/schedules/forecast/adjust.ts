// Hand adjustments of a forecast: per interval or per day, a percentage or an absolute figure.
import { daysBetween, INTERVALS_PER_DAY } from './series.js';

export interface ForecastAdjustment {
  date: string;
  /** 0..47; absent: the whole day. */
  interval?: number | undefined;
  kind: 'percent' | 'absolute';
  /** percent: +10 means 10 % more; absolute: the contacts of the interval, or of the whole day. */
  value: number;
}

/**
 * Applies the adjustments in order to a forecast starting at `start`. An absolute day figure keeps the day's
 * shape (scales its intervals); a day with no forecast contacts gets the figure spread evenly. Adjustments on
 * dates outside the forecast are ignored by the caller's validation, skipped here.
 */
export function applyAdjustments(start: string, values: readonly number[], adjustments: readonly ForecastAdjustment[]): number[] {
  const out = [...values];
  const days = out.length / INTERVALS_PER_DAY;
  for (const a of adjustments) {
    const day = daysBetween(start, a.date);
    if (day < 0 || day >= days) continue;
    const from = day * INTERVALS_PER_DAY;
    const idx = a.interval === undefined ? Array.from({ length: INTERVALS_PER_DAY }, (_, i) => from + i) : [from + a.interval];
    if (a.kind === 'percent') {
      for (const i of idx) out[i] = Math.max(0, out[i]! * (1 + a.value / 100));
    } else if (idx.length === 1) {
      out[idx[0]!] = Math.max(0, a.value);
    } else {
      const total = idx.reduce((s, i) => s + out[i]!, 0);
      for (const i of idx) out[i] = total > 0 ? (out[i]! * a.value) / total : a.value / INTERVALS_PER_DAY;
    }
  }
  return out;
}
