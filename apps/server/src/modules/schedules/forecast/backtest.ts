// Rolling-origin back-test: for each of the last k weeks, train on what came before and forecast that week.
import { mape, wape } from './accuracy.js';
import { holtWinters, hwGrid, HW_MIN_DAYS, type HwParams } from './holt-winters.js';
import { multiWeekAverage, seasonalNaive, type HolidayLookup } from './methods.js';
import { dayCount, headDays, sliceDays, type Series } from './series.js';

export const FORECAST_METHODS = ['seasonal_naive', 'multi_week_average', 'holt_winters'] as const;
export type ForecastMethod = (typeof FORECAST_METHODS)[number];

export interface MethodScore {
  method: ForecastMethod;
  wape: number;
  mape: number;
  params?: HwParams;
}

export interface BacktestResult {
  folds: number;
  scores: MethodScore[];
  best: ForecastMethod;
  hwParams: HwParams;
}

export const DEFAULT_HW: HwParams = { alpha: 0.05, delta: 0.1, omega: 0.1 };

export function forecastWith(method: ForecastMethod, history: Series, horizonDays: number, opts: { hwParams?: HwParams; holidays?: HolidayLookup } = {}): number[] {
  if (method === 'seasonal_naive') return seasonalNaive(history, horizonDays, opts.holidays);
  if (method === 'multi_week_average') return multiWeekAverage(history, horizonDays, opts.holidays);
  return holtWinters(history, horizonDays, opts.hwParams ?? DEFAULT_HW, opts.holidays);
}

interface Fold {
  train: Series;
  actual: number[];
}

/** The folds that have at least two weeks of training data; the newest fold last. */
export function backtestFolds(history: Series, weeks: number): Fold[] {
  const days = dayCount(history);
  const folds: Fold[] = [];
  for (let k = weeks; k >= 1; k -= 1) {
    const origin = days - 7 * k;
    if (origin < HW_MIN_DAYS) continue;
    folds.push({ train: headDays(history, origin), actual: sliceDays(history, origin, 7).values });
  }
  return folds;
}

function score(folds: Fold[], run: (train: Series) => number[]): { wape: number; mape: number } {
  const actual: number[] = [];
  const forecast: number[] = [];
  for (const f of folds) {
    actual.push(...f.actual);
    forecast.push(...run(f.train));
  }
  return { wape: wape(actual, forecast), mape: mape(actual, forecast) };
}

/**
 * Scores every method over the last `weeks` weeks (WAPE and MAPE on all folds together), the Holt–Winters
 * parameters chosen by a grid search on the same folds; the best method is the lowest WAPE.
 */
export function backtest(history: Series, weeks = 4, holidays?: HolidayLookup): BacktestResult {
  const folds = backtestFolds(history, weeks);
  if (folds.length === 0) {
    return { folds: 0, scores: [], best: dayCount(history) >= 7 ? 'seasonal_naive' : 'multi_week_average', hwParams: DEFAULT_HW };
  }
  let hw: MethodScore | undefined;
  for (const params of hwGrid()) {
    const s = score(folds, (train) => holtWinters(train, 7, params, holidays));
    if (!hw || s.wape < hw.wape) hw = { method: 'holt_winters', params, ...s };
  }
  const scores: MethodScore[] = [
    { method: 'seasonal_naive', ...score(folds, (train) => seasonalNaive(train, 7, holidays)) },
    { method: 'multi_week_average', ...score(folds, (train) => multiWeekAverage(train, 7, holidays)) },
    hw!,
  ];
  const best = scores.reduce((a, b) => (b.wape < a.wape ? b : a));
  return { folds: folds.length, scores, best: best.method, hwParams: hw!.params! };
}
