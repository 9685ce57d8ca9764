// Profile forecasts: each future day copies (or averages) the most recent history days of its own day type.
import { addDays, dayCount, dayTypeOf, dayValues, HOLIDAY, INTERVALS_PER_DAY, type DayType, type Series } from './series.js';

export type HolidayLookup = (date: string) => 'holiday' | 'adjusted_workday' | null;

/** The history's days grouped by day type, most recent first. */
export function daysByType(history: Series, holidays?: HolidayLookup): Map<DayType, number[]> {
  const byType = new Map<DayType, number[]>();
  for (let d = dayCount(history) - 1; d >= 0; d -= 1) {
    const type = dayTypeOf(addDays(history.start, d), holidays);
    const list = byType.get(type) ?? [];
    list.push(d);
    byType.set(type, list);
  }
  return byType;
}

/**
 * Mean profile of the last `depth` history days of a type. A holiday with no holiday in the history falls back
 * to Sundays (the quietest ordinary day); a type with no day at all gives zeros.
 */
export function typeProfile(history: Series, byType: Map<DayType, number[]>, type: DayType, depth: number): number[] {
  let days = byType.get(type) ?? [];
  if (days.length === 0 && type === HOLIDAY) days = byType.get(6) ?? [];
  const used = days.slice(0, depth);
  const profile = new Array<number>(INTERVALS_PER_DAY).fill(0);
  for (const d of used) dayValues(history, d).forEach((v, i) => (profile[i] = profile[i]! + v / used.length));
  return profile;
}

function profileForecast(history: Series, horizonDays: number, depth: number, holidays?: HolidayLookup): number[] {
  const byType = daysByType(history, holidays);
  const start = addDays(history.start, dayCount(history));
  const out: number[] = [];
  for (let d = 0; d < horizonDays; d += 1) out.push(...typeProfile(history, byType, dayTypeOf(addDays(start, d), holidays), depth));
  return out;
}

/** Seasonal naive: each interval as on the last day of the same type (same weekday last week, last holiday). */
export function seasonalNaive(history: Series, horizonDays: number, holidays?: HolidayLookup): number[] {
  return profileForecast(history, horizonDays, 1, holidays);
}

/** Multi-week average: each interval as the mean of the last `weeks` days of the same type. */
export function multiWeekAverage(history: Series, horizonDays: number, holidays?: HolidayLookup, weeks = 4): number[] {
  return profileForecast(history, horizonDays, weeks, holidays);
}
