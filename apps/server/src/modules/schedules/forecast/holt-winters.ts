// Double-seasonal additive Holt–Winters (Taylor 2003, without trend): level + daily (48) + weekly (336) components.
import { multiWeekAverage, type HolidayLookup } from './methods.js';
import { addDays, dayCount, dayTypeOf, HOLIDAY, INTERVALS_PER_DAY, INTERVALS_PER_WEEK, type Series } from './series.js';

export interface HwParams {
  /** Smoothing of the level, the daily and the weekly component (each in [0, 1]). */
  alpha: number;
  delta: number;
  omega: number;
}

export const HW_GRID: readonly number[] = [0.01, 0.05, 0.1, 0.2, 0.3];

/** Needs two weeks of history to start the weekly component. */
export const HW_MIN_DAYS = 14;

interface HwState {
  level: number;
  daily: Float64Array;
  weekly: Float64Array;
  /** Index of the next interval (the series length). */
  t: number;
}

function holidayMask(history: Series, holidays?: HolidayLookup): boolean[] {
  const mask: boolean[] = [];
  for (let d = 0; d < dayCount(history); d += 1) {
    const isHoliday = dayTypeOf(addDays(history.start, d), holidays) === HOLIDAY;
    for (let i = 0; i < INTERVALS_PER_DAY; i += 1) mask.push(isHoliday);
  }
  return mask;
}

/** Initial components from the first two weeks (holiday intervals left out of the means). */
function initialState(y: number[], skip: boolean[]): HwState {
  let sum = 0;
  let n = 0;
  for (let t = 0; t < 2 * INTERVALS_PER_WEEK; t += 1) if (!skip[t]) (sum += y[t]!), (n += 1);
  const level = n > 0 ? sum / n : 0;
  const daily = new Float64Array(INTERVALS_PER_DAY);
  const dailyN = new Float64Array(INTERVALS_PER_DAY);
  for (let t = 0; t < 2 * INTERVALS_PER_WEEK; t += 1) {
    if (skip[t]) continue;
    const i = t % INTERVALS_PER_DAY;
    daily[i] = daily[i]! + y[t]! - level;
    dailyN[i] = dailyN[i]! + 1;
  }
  for (let i = 0; i < INTERVALS_PER_DAY; i += 1) daily[i] = dailyN[i]! > 0 ? daily[i]! / dailyN[i]! : 0;
  const weekly = new Float64Array(INTERVALS_PER_WEEK);
  for (let j = 0; j < INTERVALS_PER_WEEK; j += 1) {
    const obs = [j, j + INTERVALS_PER_WEEK].filter((t) => !skip[t]).map((t) => y[t]!);
    weekly[j] = obs.length > 0 ? obs.reduce((a, b) => a + b, 0) / obs.length - level - daily[j % INTERVALS_PER_DAY]! : 0;
  }
  return { level, daily, weekly, t: 0 };
}

function fit(y: number[], skip: boolean[], { alpha, delta, omega }: HwParams): HwState {
  const s = initialState(y, skip);
  for (let t = 0; t < y.length; t += 1) {
    const di = t % INTERVALS_PER_DAY;
    const wi = t % INTERVALS_PER_WEEK;
    const d = s.daily[di]!;
    const w = s.weekly[wi]!;
    // A holiday interval is treated as missing: the components carry on as forecast.
    if (skip[t]) continue;
    const obs = y[t]!;
    const level = alpha * (obs - d - w) + (1 - alpha) * s.level;
    s.daily[di] = delta * (obs - level - w) + (1 - delta) * d;
    s.weekly[wi] = omega * (obs - level - d) + (1 - omega) * w;
    s.level = level;
  }
  s.t = y.length;
  return s;
}

/**
 * Forecast of `horizonDays` days after the history. Holidays in the horizon take the holiday profile (the mean
 * of the history's last holidays), as the other methods do, since the smoothing never learns them.
 */
export function holtWinters(history: Series, horizonDays: number, params: HwParams, holidays?: HolidayLookup): number[] {
  if (dayCount(history) < HW_MIN_DAYS) return multiWeekAverage(history, horizonDays, holidays);
  const y = history.values.slice(0, dayCount(history) * INTERVALS_PER_DAY);
  const s = fit(y, holidayMask(history, holidays), params);
  const profile = multiWeekAverage(history, horizonDays, holidays);
  const start = addDays(history.start, dayCount(history));
  const out: number[] = [];
  for (let h = 0; h < horizonDays * INTERVALS_PER_DAY; h += 1) {
    const day = Math.floor(h / INTERVALS_PER_DAY);
    if (dayTypeOf(addDays(start, day), holidays) === HOLIDAY) {
      out.push(profile[h]!);
      continue;
    }
    const t = s.t + h;
    out.push(Math.max(0, s.level + s.daily[t % INTERVALS_PER_DAY]! + s.weekly[t % INTERVALS_PER_WEEK]!));
  }
  return out;
}

export function hwGrid(): HwParams[] {
  const grid: HwParams[] = [];
  for (const alpha of HW_GRID) for (const delta of HW_GRID) for (const omega of HW_GRID) grid.push({ alpha, delta, omega });
  return grid;
}
