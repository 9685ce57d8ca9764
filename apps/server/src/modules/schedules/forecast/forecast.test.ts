import { describe, expect, it } from 'vitest';
import { mape, wape } from './accuracy.js';
import { applyAdjustments } from './adjust.js';
import { backtest, backtestFolds } from './backtest.js';
import { holtWinters } from './holt-winters.js';
import { multiWeekAverage, seasonalNaive } from './methods.js';
import { addDays, dayTypeOf, HOLIDAY, INTERVALS_PER_DAY, weekdayOf, type Series } from './series.js';
import { expectedDay, simulateHistory } from './simulate.js';

const noHolidays = () => null;

describe('accuracy', () => {
  it('computes WAPE and MAPE exactly', () => {
    // |10−8| + |0−1| + |30−33| = 6 over 40 actual contacts; MAPE skips the empty interval: (0.2 + 0.1) / 2.
    expect(wape([10, 0, 30], [8, 1, 33])).toBe(6 / 40);
    expect(mape([10, 0, 30], [8, 1, 33])).toBeCloseTo(0.15, 12);
    expect(wape([0, 0], [0, 0])).toBe(0);
    expect(wape([0], [2])).toBe(Infinity);
  });
});

describe('series', () => {
  it('knows weekdays and Chinese statutory holidays', () => {
    expect(weekdayOf('2026-11-23')).toBe(0); // a Monday
    expect(weekdayOf('2026-11-29')).toBe(6);
    expect(dayTypeOf('2026-10-01')).toBe(HOLIDAY); // 国庆节
    expect(dayTypeOf('2026-10-13')).toBe(weekdayOf('2026-10-13'));
  });
});

describe('profile methods', () => {
  const history: Series = { start: '2026-11-02', values: [] };
  for (let d = 0; d < 14; d += 1) for (let i = 0; i < INTERVALS_PER_DAY; i += 1) history.values.push(d < 7 ? 10 : 20 + (d % 7));

  it('seasonal naive repeats the same weekday of last week', () => {
    const f = seasonalNaive(history, 7, noHolidays);
    expect(f).toHaveLength(7 * INTERVALS_PER_DAY);
    expect(f[0]).toBe(20);
    expect(f[6 * INTERVALS_PER_DAY + 5]).toBe(26);
  });

  it('the multi-week average takes the mean of the weeks available', () => {
    const f = multiWeekAverage(history, 7, noHolidays);
    expect(f[0]).toBe(15);
    expect(f[3 * INTERVALS_PER_DAY]).toBe((10 + 23) / 2);
  });

  it('a holiday in the horizon takes the profile of past holidays', () => {
    const holidays = (date: string) => (date === '2026-11-10' || date === '2026-11-17' ? ('holiday' as const) : null);
    const f = seasonalNaive(history, 2, holidays);
    expect(f[INTERVALS_PER_DAY]).toBe(21); // 2026-11-17 (Tue) = the 2026-11-10 holiday (day 8: 20 + 1)
    expect(f[0]).toBe(20); // Monday: last ordinary Monday
  });
});

describe('Holt–Winters', () => {
  it('recovers a noiseless double-seasonal series', () => {
    const history = simulateHistory({ start: '2025-03-03', weeks: 6, dailyVolume: 4800, seed: 1, noise: 0, holidays: noHolidays });
    const exact = Array.from({ length: 7 }, (_, d) => expectedDay(addDays('2025-04-14', d), 4800, noHolidays)).flat();
    const f = holtWinters(history, 7, { alpha: 0.05, delta: 0.1, omega: 0.1 }, noHolidays);
    expect(wape(exact, f)).toBeLessThan(0.04);
  });

  it('beats seasonal naive on a noisy seasonal series in the back-test', () => {
    const history = simulateHistory({ start: '2025-03-03', weeks: 12, dailyVolume: 3000, seed: 7, noise: 0.08, holidays: noHolidays });
    const result = backtest(history, 4, noHolidays);
    expect(result.folds).toBe(4);
    const byMethod = Object.fromEntries(result.scores.map((s) => [s.method, s.wape]));
    expect(byMethod.holt_winters).toBeLessThan(byMethod.seasonal_naive!);
    expect(result.best).not.toBe('seasonal_naive');
  });

  it('makes folds only where two weeks of training exist', () => {
    const history = simulateHistory({ start: '2025-03-03', weeks: 4, dailyVolume: 100, seed: 3, holidays: noHolidays });
    expect(backtestFolds(history, 4).map((f) => f.train.values.length / INTERVALS_PER_DAY)).toEqual([14, 21]);
  });
});

describe('adjustments', () => {
  const base = Array.from({ length: 2 * INTERVALS_PER_DAY }, (_, i) => (i < INTERVALS_PER_DAY ? 2 : 4));
  it('applies percentages and absolute figures per interval and per day', () => {
    const out = applyAdjustments('2026-12-01', base, [
      { date: '2026-12-01', interval: 3, kind: 'percent', value: 50 },
      { date: '2026-12-02', kind: 'absolute', value: 96 },
      { date: '2026-12-02', interval: 0, kind: 'absolute', value: 10 },
      { date: '2026-12-09', kind: 'percent', value: 100 },
    ]);
    expect(out[3]).toBe(3);
    expect(out[4]).toBe(2);
    expect(out[INTERVALS_PER_DAY]).toBe(10);
    expect(out[INTERVALS_PER_DAY + 1]).toBe(2);
  });
});
