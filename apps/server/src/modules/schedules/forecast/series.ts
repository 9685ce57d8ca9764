// A contact series: counts per 30-minute interval, day after day from a local start date (tenant time zone).
import { chineseDayKind, dayNumberOfIsoDate, isoDateOfDayNumber } from '../../calendars/chinese-holidays.js';

export const INTERVALS_PER_DAY = 48;
export const INTERVALS_PER_WEEK = 7 * INTERVALS_PER_DAY;
export const INTERVAL_MINUTES = 30;

export interface Series {
  /** First local day, YYYY-MM-DD. */
  start: string;
  /** Contacts per interval; length is a whole number of days × 48. */
  values: number[];
}

/** Day types: 0..6 Monday..Sunday, 7 a statutory holiday (its own type: volume and shape differ). */
export type DayType = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const HOLIDAY: DayType = 7;

export function addDays(date: string, days: number): string {
  return isoDateOfDayNumber(dayNumberOfIsoDate(date) + days);
}

export function daysBetween(from: string, to: string): number {
  return dayNumberOfIsoDate(to) - dayNumberOfIsoDate(from);
}

/** Monday = 0 … Sunday = 6. */
export function weekdayOf(date: string): number {
  // Day 0 (1970-01-01) was a Thursday.
  return (((dayNumberOfIsoDate(date) + 3) % 7) + 7) % 7;
}

/**
 * The day type of a date. An adjusted working day (调休, a weekend day worked) is treated as a Monday: the first
 * working day after or before a holiday block carries the backlog, as Mondays do.
 */
export function dayTypeOf(date: string, holidays: (date: string) => 'holiday' | 'adjusted_workday' | null = chineseHoliday): DayType {
  const kind = holidays(date);
  if (kind === 'holiday') return HOLIDAY;
  if (kind === 'adjusted_workday') return 0;
  return weekdayOf(date) as DayType;
}

export function chineseHoliday(date: string): 'holiday' | 'adjusted_workday' | null {
  return chineseDayKind(dayNumberOfIsoDate(date));
}

export function dayCount(series: Series): number {
  return Math.floor(series.values.length / INTERVALS_PER_DAY);
}

export function dayValues(series: Series, day: number): number[] {
  return series.values.slice(day * INTERVALS_PER_DAY, (day + 1) * INTERVALS_PER_DAY);
}

/** The first `days` days of a series (a training window). */
export function headDays(series: Series, days: number): Series {
  return { start: series.start, values: series.values.slice(0, days * INTERVALS_PER_DAY) };
}

export function sliceDays(series: Series, fromDay: number, days: number): Series {
  return { start: addDays(series.start, fromDay), values: series.values.slice(fromDay * INTERVALS_PER_DAY, (fromDay + days) * INTERVALS_PER_DAY) };
}
