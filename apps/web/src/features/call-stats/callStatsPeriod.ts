import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export const PERIOD_PRESETS = ['today', 'yesterday', 'thisWeek', 'thisMonth', 'lastMonth'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** Whole local days, both included, as the picker shows them: 'YYYY-MM-DD'. */
export interface DayRange { first: string; last: string }

const DAY = 'YYYY-MM-DD';

/** The calendar day it is now in the center's time zone (not the browser's). */
export function todayIn(zone: string, at: Date = new Date()): string {
  return dayjs(at).tz(zone).format(DAY);
}

/** The preset's days in the center's calendar; weeks start on Monday as in China. */
export function presetRange(preset: PeriodPreset, zone: string, at: Date = new Date()): DayRange {
  const today = dayjs(todayIn(zone, at));
  switch (preset) {
    case 'today':
      return { first: today.format(DAY), last: today.format(DAY) };
    case 'yesterday': {
      const y = today.subtract(1, 'day').format(DAY);
      return { first: y, last: y };
    }
    case 'thisWeek':
      return { first: today.subtract((today.day() + 6) % 7, 'day').format(DAY), last: today.format(DAY) };
    case 'thisMonth':
      return { first: today.startOf('month').format(DAY), last: today.format(DAY) };
    case 'lastMonth': {
      const m = today.subtract(1, 'month');
      return { first: m.startOf('month').format(DAY), last: m.endOf('month').format(DAY) };
    }
  }
}

/** The API's [from, to): local midnight of the first day to local midnight after the last, as instants. */
export function rangeToQuery(range: DayRange, zone: string): { from: string; to: string } {
  return {
    from: dayjs.tz(range.first, zone).toISOString(),
    to: dayjs.tz(range.last, zone).add(1, 'day').toISOString(),
  };
}

/** The days between first and last, both included. */
export function rangeDays(range: DayRange): number {
  return dayjs(range.last).diff(dayjs(range.first), 'day') + 1;
}
