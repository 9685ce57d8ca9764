/** Weighted absolute percentage error: Σ|actual − forecast| / Σ actual (0 when nothing happened and nothing was forecast). */
export function wape(actual: readonly number[], forecast: readonly number[]): number {
  let err = 0;
  let total = 0;
  for (let i = 0; i < actual.length; i += 1) {
    err += Math.abs(actual[i]! - (forecast[i] ?? 0));
    total += Math.abs(actual[i]!);
  }
  if (total === 0) return err === 0 ? 0 : Infinity;
  return err / total;
}

/** Mean absolute percentage error over the intervals with contacts (an empty interval has no percentage). */
export function mape(actual: readonly number[], forecast: readonly number[]): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i += 1) {
    if (actual[i]! <= 0) continue;
    sum += Math.abs(actual[i]! - (forecast[i] ?? 0)) / actual[i]!;
    n += 1;
  }
  return n === 0 ? 0 : sum / n;
}
