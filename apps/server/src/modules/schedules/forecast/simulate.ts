// A simulated contact history (pure, seeded): for tests, the demo and the benchmark.
import { addDays, dayTypeOf, HOLIDAY, INTERVALS_PER_DAY, type Series } from './series.js';

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller). */
export function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Share of a working day's contacts per interval: quiet nights, a morning peak at 10:00 and an afternoon one at 15:00. */
export function dailyShape(kind: 'workday' | 'holiday' = 'workday'): number[] {
  const raw: number[] = [];
  for (let i = 0; i < INTERVALS_PER_DAY; i += 1) {
    const h = (i + 0.5) / 2;
    const base = 0.08 + 0.9 * Math.exp(-((h - 10) ** 2) / 5) + 0.75 * Math.exp(-((h - 15) ** 2) / 6) + 0.3 * Math.exp(-((h - 20) ** 2) / 4);
    const flat = 0.15 + 0.6 * Math.exp(-((h - 13) ** 2) / 18);
    raw.push(kind === 'holiday' ? flat : base * (h < 7 ? 0.35 : 1));
  }
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => v / sum);
}

/** Daily volume factor Monday..Sunday and for a statutory holiday. */
export const WEEKLY_FACTORS = [1.25, 1.1, 1.0, 1.0, 0.95, 0.6, 0.5, 0.35] as const;

export interface SimulationInput {
  start: string;
  weeks: number;
  /** Contacts on an average weekday (factor 1). */
  dailyVolume: number;
  seed: number;
  /** Relative noise (standard deviation as a share of the mean, on top of Poisson-like noise). */
  noise?: number;
  holidays?: (date: string) => 'holiday' | 'adjusted_workday' | null;
}

/** Expected contacts of one day, per interval (no noise). */
export function expectedDay(date: string, dailyVolume: number, holidays?: SimulationInput['holidays']): number[] {
  const type = dayTypeOf(date, holidays);
  const shape = dailyShape(type === HOLIDAY ? 'holiday' : 'workday');
  return shape.map((s) => s * dailyVolume * WEEKLY_FACTORS[type]);
}

export function simulateHistory({ start, weeks, dailyVolume, seed, noise = 0.05, holidays }: SimulationInput): Series {
  const random = mulberry32(seed);
  const values: number[] = [];
  for (let d = 0; d < weeks * 7; d += 1) {
    for (const mean of expectedDay(addDays(start, d), dailyVolume, holidays)) {
      const sd = Math.sqrt(mean + (noise * mean) ** 2);
      values.push(Math.max(0, Math.round(mean + sd * normal(random))));
    }
  }
  return { start, values };
}
