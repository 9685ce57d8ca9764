import { CALENDAR_PRESET_NAMES, calendarDefinitionSchema, type CalendarDefinitionInput, type CalendarPresetName } from '@kefu/shared';
import { createBusinessCalendar, type BusinessCalendar } from './business-calendar.js';

const ALL_DAY = [{ start: '00:00', end: '24:00' }];
/** Seed 000: "客服工作时间为 12*7 小时" — 09:00–21:00 every day of the week, holidays included. */
const TWELVE_HOURS = [{ start: '09:00', end: '21:00' }];
/** Office hours with a lunch break. */
const OFFICE_DAY = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];

/** The built-in calendars, all in Asia/Shanghai. */
export const CALENDAR_PRESET_DEFINITIONS: Record<CalendarPresetName, CalendarDefinitionInput> = {
  '24x7': {
    name: '24x7',
    timeZone: 'Asia/Shanghai',
    weeklyHours: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
  },
  '12x7': {
    name: '12x7',
    timeZone: 'Asia/Shanghai',
    weeklyHours: {
      mon: TWELVE_HOURS,
      tue: TWELVE_HOURS,
      wed: TWELVE_HOURS,
      thu: TWELVE_HOURS,
      fri: TWELVE_HOURS,
      sat: TWELVE_HOURS,
      sun: TWELVE_HOURS,
    },
    closedOnStatutoryHolidays: false,
  },
  '5x8': {
    name: '5x8',
    timeZone: 'Asia/Shanghai',
    weeklyHours: { mon: OFFICE_DAY, tue: OFFICE_DAY, wed: OFFICE_DAY, thu: OFFICE_DAY, fri: OFFICE_DAY },
    closedOnStatutoryHolidays: true,
    openOnAdjustedWorkdays: true,
    workdayHoursFrom: 'mon',
  },
};

export function isCalendarPresetName(value: string): value is CalendarPresetName {
  return (CALENDAR_PRESET_NAMES as readonly string[]).includes(value);
}

const compiled = new Map<CalendarPresetName, BusinessCalendar>();

/** A built-in calendar, compiled once per process (so its day cache is shared by every caller). */
export function presetCalendar(name: CalendarPresetName): BusinessCalendar {
  let calendar = compiled.get(name);
  if (!calendar) {
    calendar = createBusinessCalendar(calendarDefinitionSchema.parse(CALENDAR_PRESET_DEFINITIONS[name]), name);
    compiled.set(name, calendar);
  }
  return calendar;
}
