import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  calendarDefinitionSchema,
  timeOfDayToMinutes,
  WEEKDAYS,
  type CalendarDefinition,
  type CalendarDefinitionInput,
  type ServicePeriod,
} from '@kefu/shared';
import { AppError } from '../../lib/app-error.js';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  createBusinessCalendar,
  formatInCalendarZone,
  isOpen,
  localDateOf,
  nextOpening,
  openIntervalsOn,
  yearsMissingHolidayData,
  type BusinessCalendar,
} from './business-calendar.js';
import { presetCalendar } from './calendar-presets.js';
import { chineseDayKind, dayNumberOfIsoDate } from './chinese-holidays.js';

const h24 = presetCalendar('24x7');
const h12 = presetCalendar('12x7');
const office = presetCalendar('5x8');

/** Beijing wall-clock time "2026-09-30 17:00" as an instant. */
function cn(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}+08:00`);
}

/** The due time, written in the calendar's zone. */
function due(calendar: BusinessCalendar, start: Date | string, minutes: number): string {
  return formatInCalendarZone(calendar, addBusinessMinutes(calendar, typeof start === 'string' ? cn(start) : start, minutes));
}

function intervals(calendar: BusinessCalendar, date: string): string[] {
  return openIntervalsOn(calendar, date).map(({ start, end }) => `${formatInCalendarZone(calendar, start)}/${formatInCalendarZone(calendar, end)}`);
}

function compile(input: CalendarDefinitionInput, name?: string): BusinessCalendar {
  return createBusinessCalendar(calendarDefinitionSchema.parse(input), name);
}

function errorOf(fn: () => unknown): { code: string; detail: string } | 'no error' | 'other' {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? { code: error.code, detail: String(error.params.detail) } : 'other';
  }
  return 'no error';
}

const OFFICE_DAY = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];

describe('preset 24x7', () => {
  it('counts elapsed time round the clock, holidays included', () => {
    expect(due(h24, '2026-10-01 23:30', 90)).toBe('2026-10-02T01:00:00+08:00');
    expect(due(h24, '2026-09-30 09:00', 48 * 60)).toBe('2026-10-02T09:00:00+08:00');
    expect(businessMinutesBetween(h24, cn('2026-09-30 00:00'), cn('2026-10-08 00:00'))).toBe(8 * 1440);
    expect(isOpen(h24, cn('2026-02-17 03:00'))).toBe(true);
  });

  it('runs across midnight and the new year without a seam', () => {
    expect(intervals(h24, '2026-12-31')).toEqual(['2026-12-31T00:00:00+08:00/2027-01-01T00:00:00+08:00']);
    expect(due(h24, '2026-12-31 23:59', 2)).toBe('2027-01-01T00:01:00+08:00');
  });
});

describe('preset 12x7 (seed 000: 客服工作时间为 12*7 小时)', () => {
  it('is open 09:00–21:00 every day, weekends and holidays included', () => {
    for (const date of ['2026-10-01', '2026-10-03', '2026-02-17', '2026-11-22']) {
      expect(intervals(h12, date)).toEqual([`${date}T09:00:00+08:00/${date}T21:00:00+08:00`]);
    }
  });

  it('carries over the night to 09:00', () => {
    expect(due(h12, '2026-10-01 20:30', 60)).toBe('2026-10-02T09:30:00+08:00');
    expect(due(h12, '2026-02-17 08:00', 30)).toBe('2026-02-17T09:30:00+08:00');
    expect(due(h12, '2026-11-21 20:00', 120)).toBe('2026-11-22T10:00:00+08:00');
  });

  it('48 business hours are four service days', () => {
    expect(due(h12, '2026-09-30 09:00', 48 * 60)).toBe('2026-10-03T21:00:00+08:00');
    expect(due(h12, '2026-09-30 15:00', 48 * 60)).toBe('2026-10-04T15:00:00+08:00');
  });
});

describe('preset 5x8: Monday–Friday 09:00–12:00 and 13:00–18:00', () => {
  it('has a lunch break and no weekend hours', () => {
    expect(intervals(office, '2026-11-23')).toEqual([
      '2026-11-23T09:00:00+08:00/2026-11-23T12:00:00+08:00',
      '2026-11-23T13:00:00+08:00/2026-11-23T18:00:00+08:00',
    ]);
    expect(intervals(office, '2026-11-21')).toEqual([]);
    expect(intervals(office, '2026-11-22')).toEqual([]);
  });

  it('counts around the lunch break', () => {
    expect(due(office, '2026-11-23 11:30', 60)).toBe('2026-11-23T13:30:00+08:00');
    expect(due(office, '2026-11-23 12:15', 30)).toBe('2026-11-23T13:30:00+08:00');
    // Filling the morning exactly is due at 12:00, not at 13:00.
    expect(due(office, '2026-11-23 11:00', 60)).toBe('2026-11-23T12:00:00+08:00');
    expect(businessMinutesBetween(office, cn('2026-11-23 11:30'), cn('2026-11-23 13:30'))).toBe(60);
  });

  it('is open on half-open periods', () => {
    expect(isOpen(office, cn('2026-11-23 08:59:59.999'))).toBe(false);
    expect(isOpen(office, cn('2026-11-23 09:00'))).toBe(true);
    expect(isOpen(office, cn('2026-11-23 11:59:59.999'))).toBe(true);
    expect(isOpen(office, cn('2026-11-23 12:00'))).toBe(false);
    expect(isOpen(office, cn('2026-11-23 13:00'))).toBe(true);
    expect(isOpen(office, cn('2026-11-23 18:00'))).toBe(false);
  });

  it('carries the rest of a day over to the next morning', () => {
    expect(due(office, '2026-11-23 17:00', 60)).toBe('2026-11-23T18:00:00+08:00');
    expect(due(office, '2026-11-23 17:30', 60)).toBe('2026-11-24T09:30:00+08:00');
  });

  it('a start in closed time counts from the next opening', () => {
    expect(due(office, '2026-11-24 03:00', 30)).toBe('2026-11-24T09:30:00+08:00');
    expect(due(office, '2026-11-24 20:00', 30)).toBe('2026-11-25T09:30:00+08:00');
    expect(due(office, '2026-11-21 10:00', 30)).toBe('2026-11-23T09:30:00+08:00');
    expect(due(office, '2026-11-20 22:00', 30)).toBe('2026-11-23T09:30:00+08:00');
  });

  it('skips weekends', () => {
    expect(due(office, '2026-11-20 17:00', 120)).toBe('2026-11-23T10:00:00+08:00');
    expect(due(office, '2026-11-20 09:00', 5 * 8 * 60)).toBe('2026-11-26T18:00:00+08:00');
    expect(businessMinutesBetween(office, cn('2026-11-20 09:00'), cn('2026-11-27 09:00'))).toBe(5 * 8 * 60);
  });
});

// 国务院办公厅关于2026年部分节假日安排的通知 (https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm):
// 国庆节 10月1日（周四）至7日（周三）放假调休，共7天；9月20日（周日）、10月10日（周六）上班。
// 中秋节 9月25日（周五）至27日（周日）放假，共3天。
// 春节 2月15日（周日）至23日（周一）放假调休，共9天；2月14日（周六）、2月28日（周六）上班。
// chinese-holidays.test.ts checks these dates against the package day by day.
describe('5x8 over 国庆 Golden Week 2026', () => {
  it('is closed every day from 10月1日 to 7日 and open on the adjusted working Sunday and Saturday', () => {
    for (let day = 1; day <= 7; day++) expect(isOpen(office, cn(`2026-10-0${day} 10:00`))).toBe(false);
    expect(intervals(office, '2026-09-20')).toEqual([
      '2026-09-20T09:00:00+08:00/2026-09-20T12:00:00+08:00',
      '2026-09-20T13:00:00+08:00/2026-09-20T18:00:00+08:00',
    ]);
    expect(intervals(office, '2026-10-10')).toHaveLength(2);
    expect(intervals(office, '2026-10-11')).toEqual([]);
  });

  it('continues after the holiday', () => {
    expect(due(office, '2026-09-30 17:00', 90)).toBe('2026-10-08T09:30:00+08:00');
    expect(due(office, '2026-10-02 10:00', 30)).toBe('2026-10-08T09:30:00+08:00');
    expect(businessMinutesBetween(office, cn('2026-09-30 09:00'), cn('2026-10-08 09:00'))).toBe(480);
  });

  it('counts the adjusted working days 9月20日 (Sunday) and 10月10日 (Saturday)', () => {
    expect(due(office, '2026-09-18 17:00', 120)).toBe('2026-09-20T10:00:00+08:00');
    expect(due(office, '2026-10-09 17:00', 120)).toBe('2026-10-10T10:00:00+08:00');
  });

  it('48 business hours from 9月30日 end on 10月13日: 30th, 8th, 9th, Saturday 10th, 12th, 13th', () => {
    expect(due(office, '2026-09-30 09:00', 48 * 60)).toBe('2026-10-13T18:00:00+08:00');
    expect(businessMinutesBetween(office, cn('2026-09-30 09:00'), cn('2026-10-13 18:00'))).toBe(48 * 60);
  });

  it('skips 中秋 (Friday 9月25日) and its weekend', () => {
    expect(due(office, '2026-09-24 17:00', 120)).toBe('2026-09-28T10:00:00+08:00');
  });

  it('the 12x7 and 24x7 presets stay open through the holiday', () => {
    expect(due(h12, '2026-09-30 20:00', 120)).toBe('2026-10-01T10:00:00+08:00');
    expect(due(h24, '2026-09-30 23:00', 120)).toBe('2026-10-01T01:00:00+08:00');
  });
});

describe('5x8 over 春节 2026', () => {
  it('works the adjusted Saturday before, skips 2月15日–23日, works the adjusted Saturday after', () => {
    expect(due(office, '2026-02-13 17:00', 120)).toBe('2026-02-14T10:00:00+08:00');
    expect(due(office, '2026-02-14 17:00', 120)).toBe('2026-02-24T10:00:00+08:00');
    expect(due(office, '2026-02-27 17:00', 120)).toBe('2026-02-28T10:00:00+08:00');
    expect(due(office, '2026-02-12 09:00', 48 * 60)).toBe('2026-02-26T18:00:00+08:00');
  });
});

// chinese-days 1.5.7 has no 2027 notice yet (chinese-holidays.test.ts has the tripwire). Until it has, a year the
// package does not cover is closed on the statutory days fixed by 《全国年节及纪念日放假办法》 (2025 revision):
// 春节 = 除夕 and 正月初一 to 初三, 2027-02-05 (Friday) to 2027-02-08 (Monday); the notice's extra days off and
// adjusted working days are unknown, so the calendar reports 2027 as missing and a department can enter them.
describe('5x8 over 春节 2027 (arrangement not yet in the package)', () => {
  it('is closed on the statutory days by law and says the year is missing', () => {
    expect(isOpen(office, cn('2027-02-05 10:00'))).toBe(false);
    expect(isOpen(office, cn('2027-02-08 10:00'))).toBe(false);
    expect(isOpen(office, cn('2027-02-09 10:00'))).toBe(true);
    expect(due(office, '2027-02-04 17:00', 120)).toBe('2027-02-09T10:00:00+08:00');
    expect(yearsMissingHolidayData(office, cn('2027-02-04 17:00'), cn('2027-02-09 10:00'))).toEqual([2027]);
    expect(yearsMissingHolidayData(office, cn('2026-10-01 17:00'), cn('2026-10-09 10:00'))).toEqual([]);
    expect(yearsMissingHolidayData(h12, cn('2027-02-04 17:00'), cn('2027-02-09 10:00'))).toEqual([]);
  });

  it('is closed on the other statutory days of 2027 by law, whatever the host zone (清明, 劳动节, 端午, 中秋, 国庆)', () => {
    for (const date of ['2027-04-05', '2027-05-01', '2027-06-09', '2027-09-15', '2027-10-01']) {
      expect([date, isOpen(office, cn(`${date} 10:00`))]).toEqual([date, false]);
    }
    expect(isOpen(office, cn('2027-04-06 10:00'))).toBe(true);
    expect(isOpen(office, cn('2027-06-10 10:00'))).toBe(true);
  });

  it('crosses 元旦 2027 (1月1日, Friday, by law) from 2026', () => {
    expect(due(office, '2026-12-31 17:00', 120)).toBe('2027-01-04T10:00:00+08:00');
    expect(yearsMissingHolidayData(office, cn('2026-12-31 17:00'), cn('2027-01-04 10:00'))).toEqual([2027]);
  });

  it("a department can enter the notice's days itself (dates here are illustrative, not the 2027 notice)", () => {
    const department = compile({
      timeZone: 'Asia/Shanghai',
      weeklyHours: { mon: OFFICE_DAY, tue: OFFICE_DAY, wed: OFFICE_DAY, thu: OFFICE_DAY, fri: OFFICE_DAY },
      closedOnStatutoryHolidays: true,
      openOnAdjustedWorkdays: true,
      extraClosedDates: ['2027-02-09', '2027-02-10', '2027-02-11'],
      extraOpenDates: ['2027-02-20'],
    });
    expect(due(department, '2027-02-04 17:00', 120)).toBe('2027-02-12T10:00:00+08:00');
    expect(due(department, '2027-02-19 17:00', 120)).toBe('2027-02-20T10:00:00+08:00');
  });
});

describe('calendar options', () => {
  const base = {
    timeZone: 'Asia/Shanghai',
    weeklyHours: { mon: OFFICE_DAY, tue: OFFICE_DAY, wed: OFFICE_DAY, thu: OFFICE_DAY, fri: OFFICE_DAY, sat: [{ start: '10:00', end: '14:00' }] },
  } satisfies CalendarDefinitionInput;

  it('ignores holidays unless told: open on 10月1日, Saturday hours on the adjusted Saturday', () => {
    const plain = compile(base);
    expect(intervals(plain, '2026-10-01')).toHaveLength(2);
    expect(intervals(plain, '2026-10-10')).toEqual(['2026-10-10T10:00:00+08:00/2026-10-10T14:00:00+08:00']);
    expect(intervals(plain, '2026-09-20')).toEqual([]);
  });

  it('closes on holidays without opening on adjusted working days', () => {
    const closedOnly = compile({ ...base, closedOnStatutoryHolidays: true });
    expect(intervals(closedOnly, '2026-10-01')).toEqual([]);
    // A Saturday inside the holiday is closed too, whatever its usual hours.
    expect(intervals(closedOnly, '2026-10-03')).toEqual([]);
    expect(intervals(closedOnly, '2026-09-20')).toEqual([]);
  });

  it("adjusted working days borrow workdayHoursFrom's hours", () => {
    const saturdayHours = compile({ ...base, closedOnStatutoryHolidays: true, openOnAdjustedWorkdays: true, workdayHoursFrom: 'sat' });
    expect(intervals(saturdayHours, '2026-09-20')).toEqual(['2026-09-20T10:00:00+08:00/2026-09-20T14:00:00+08:00']);
    const mondayHours = compile({ ...base, closedOnStatutoryHolidays: true, openOnAdjustedWorkdays: true });
    expect(intervals(mondayHours, '2026-10-10')).toHaveLength(2);
  });

  it('extra closed dates win over weekly hours, adjusted working days and holidays', () => {
    const calendar = compile({
      ...base,
      closedOnStatutoryHolidays: true,
      openOnAdjustedWorkdays: true,
      extraClosedDates: ['2026-11-25', '2026-10-10'],
    });
    expect(intervals(calendar, '2026-11-25')).toEqual([]);
    expect(intervals(calendar, '2026-10-10')).toEqual([]);
    expect(due(calendar, '2026-11-24 17:30', 60)).toBe('2026-11-26T09:30:00+08:00');
  });

  it('extra open dates open a Sunday or a holiday, with working-day hours or their own', () => {
    const calendar = compile({
      ...base,
      closedOnStatutoryHolidays: true,
      extraOpenDates: ['2026-11-22', { date: '2026-10-02', periods: [{ start: '10:00', end: '16:00' }] }],
    });
    expect(intervals(calendar, '2026-11-22')).toHaveLength(2);
    expect(intervals(calendar, '2026-10-02')).toEqual(['2026-10-02T10:00:00+08:00/2026-10-02T16:00:00+08:00']);
    expect(due(calendar, '2026-09-30 17:30', 60)).toBe('2026-10-02T10:30:00+08:00');
  });

  it('split shifts: three periods a day', () => {
    const split = [
      { start: '08:00', end: '11:00' },
      { start: '14:00', end: '17:00' },
      { start: '19:00', end: '21:00' },
    ];
    const calendar = compile({ timeZone: 'Asia/Shanghai', weeklyHours: { mon: split, tue: split } });
    expect(due(calendar, '2026-11-23 10:00', 60 + 180 + 60)).toBe('2026-11-23T20:00:00+08:00');
    expect(due(calendar, '2026-11-23 20:30', 60)).toBe('2026-11-24T08:30:00+08:00');
    expect(businessMinutesBetween(calendar, cn('2026-11-23 00:00'), cn('2026-11-24 00:00'))).toBe(480);
  });

  it('touching periods are one, and a night shift is split at midnight', () => {
    const touching = compile({ timeZone: 'Asia/Shanghai', weeklyHours: { mon: [{ start: '09:00', end: '12:00' }, { start: '12:00', end: '13:00' }] } });
    expect(intervals(touching, '2026-11-23')).toEqual(['2026-11-23T09:00:00+08:00/2026-11-23T13:00:00+08:00']);
    const night = compile({ timeZone: 'Asia/Shanghai', weeklyHours: { mon: [{ start: '20:00', end: '24:00' }], tue: [{ start: '00:00', end: '04:00' }] } });
    expect(due(night, '2026-11-23 23:30', 60)).toBe('2026-11-24T00:30:00+08:00');
    expect(due(night, '2026-11-24 03:30', 60)).toBe('2026-11-30T20:30:00+08:00');
  });
});

describe('input and edge cases', () => {
  it('zero minutes: the start itself when open, else the next opening', () => {
    expect(due(office, '2026-11-23 10:15', 0)).toBe('2026-11-23T10:15:00+08:00');
    expect(due(office, '2026-11-23 12:00', 0)).toBe('2026-11-23T13:00:00+08:00');
    expect(due(office, '2026-11-23 18:00', 0)).toBe('2026-11-24T09:00:00+08:00');
    expect(due(office, '2026-09-30 18:00', 0)).toBe('2026-10-08T09:00:00+08:00');
    expect(formatInCalendarZone(office, nextOpening(office, cn('2026-11-21 10:00')))).toBe('2026-11-23T09:00:00+08:00');
  });

  it('rejects negative, non-finite and absurd minutes and invalid dates', () => {
    expect(errorOf(() => addBusinessMinutes(office, cn('2026-11-23 10:00'), -1))).toEqual({
      code: 'VALIDATION',
      detail: 'minutes: must be a number of minutes ≥ 0 (got -1)',
    });
    expect(errorOf(() => addBusinessMinutes(office, cn('2026-11-23 10:00'), Number.NaN))).toMatchObject({ code: 'VALIDATION' });
    expect(errorOf(() => addBusinessMinutes(office, cn('2026-11-23 10:00'), Number.POSITIVE_INFINITY))).toMatchObject({ code: 'VALIDATION' });
    expect(errorOf(() => addBusinessMinutes(office, cn('2026-11-23 10:00'), 10_000_001))).toEqual({ code: 'VALIDATION', detail: 'minutes: at most 10000000' });
    expect(errorOf(() => addBusinessMinutes(office, new Date('nope'), 5))).toEqual({ code: 'VALIDATION', detail: 'start: not a valid date' });
    expect(errorOf(() => businessMinutesBetween(office, cn('2026-11-23 10:00'), new Date(Number.NaN)))).toEqual({ code: 'VALIDATION', detail: 'b: not a valid date' });
    expect(() => addBusinessMinutes({ name: 'x', timeZone: 'UTC', definition: {} as CalendarDefinition }, new Date(), 1)).toThrow(TypeError);
  });

  it('fractions of a minute are kept to the millisecond', () => {
    expect(addBusinessMinutes(office, cn('2026-11-23 10:00'), 0.5).toISOString()).toBe('2026-11-23T02:00:30.000Z');
    expect(businessMinutesBetween(office, cn('2026-11-23 10:00'), cn('2026-11-23 10:00:30'))).toBe(0.5);
  });

  it('between is negative when the end comes first (time left after a due time)', () => {
    expect(businessMinutesBetween(office, cn('2026-11-24 10:00'), cn('2026-11-23 17:00'))).toBe(-120);
    expect(businessMinutesBetween(office, cn('2026-11-21 10:00'), cn('2026-11-21 12:00'))).toBe(0);
  });

  it('stops with an error instead of searching forever when a calendar never opens', () => {
    const never = createBusinessCalendar(
      { timeZone: 'Asia/Shanghai', weeklyHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, closedOnStatutoryHolidays: false, openOnAdjustedWorkdays: false, workdayHoursFrom: 'mon', extraClosedDates: [], extraOpenDates: [] },
      'never',
    );
    const result = errorOf(() => addBusinessMinutes(never, cn('2026-11-23 10:00'), 1));
    expect(result).toMatchObject({ code: 'VALIDATION' });
    expect((result as { detail: string }).detail).toMatch(/^calendar never has no open time within 3660 days after 2026-11-23T02:00:00.000Z$/);
  });

  it('an unknown zone is refused when compiling', () => {
    expect(errorOf(() => createBusinessCalendar({ ...calendarDefinitionSchema.parse({ timeZone: 'UTC', weeklyHours: { mon: OFFICE_DAY } }), timeZone: 'Mars/Base' }))).toEqual({
      code: 'VALIDATION',
      detail: 'timeZone: unknown time zone "Mars/Base"',
    });
  });

  it('gives the local date of an instant in the calendar zone', () => {
    expect(localDateOf(office, new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(localDateOf(office, new Date('2026-09-30T15:59:59.999Z'))).toBe('2026-09-30');
  });
});

describe('time zones with daylight saving time', () => {
  // Europe/Berlin: 2026-03-29 02:00 CET → 03:00 CEST (01:00Z); 2026-10-25 03:00 CEST → 02:00 CET (01:00Z).
  const berlin = compile({
    timeZone: 'Europe/Berlin',
    weeklyHours: {
      mon: [{ start: '09:00', end: '17:00' }],
      tue: [{ start: '09:00', end: '17:00' }],
      wed: [{ start: '09:00', end: '17:00' }],
      thu: [{ start: '09:00', end: '17:00' }],
      fri: [{ start: '09:00', end: '17:00' }],
      sun: [{ start: '00:00', end: '04:00' }],
    },
  });

  it('writes due times with the offset in force: +01:00 in winter, +02:00 in summer', () => {
    expect(due(berlin, new Date('2026-03-27T16:00:00+01:00'), 60)).toBe('2026-03-27T17:00:00+01:00');
    // Friday's last hour, the Sunday night shift (three hours on the switch day), Monday's first hour.
    expect(due(berlin, new Date('2026-03-27T16:00:00+01:00'), 60 + 180 + 60)).toBe('2026-03-30T10:00:00+02:00');
    // The same in October, when the Sunday night shift lasts five hours.
    expect(due(berlin, new Date('2026-10-23T16:00:00+02:00'), 60 + 300 + 60)).toBe('2026-10-26T10:00:00+01:00');
    expect(due(berlin, new Date('2026-10-23T16:00:00+02:00'), 60 + 300)).toBe('2026-10-25T04:00:00+01:00');
  });

  it('spring forward: the skipped hour is not open (00:00–04:00 is three hours)', () => {
    expect(openIntervalsOn(berlin, '2026-03-29').map((i) => [i.start.toISOString(), i.end.toISOString()])).toEqual([
      ['2026-03-28T23:00:00.000Z', '2026-03-29T02:00:00.000Z'],
    ]);
    expect(businessMinutesBetween(berlin, new Date('2026-03-28T20:00:00Z'), new Date('2026-03-29T06:00:00Z'))).toBe(180);
  });

  it('fall back: the repeated hour is open twice (00:00–04:00 is five hours)', () => {
    expect(openIntervalsOn(berlin, '2026-10-25').map((i) => [i.start.toISOString(), i.end.toISOString()])).toEqual([
      ['2026-10-24T22:00:00.000Z', '2026-10-25T03:00:00.000Z'],
    ]);
    expect(due(berlin, new Date('2026-10-25T00:00:00+02:00'), 300)).toBe('2026-10-25T04:00:00+01:00');
  });

  it('period edges inside the skipped or repeated hour', () => {
    const edges = compile({ timeZone: 'Europe/Berlin', weeklyHours: { sun: [{ start: '02:30', end: '03:30' }] } });
    // 02:30 does not exist on 29 March: open from the switch (03:00 CEST) to 03:30.
    expect(openIntervalsOn(edges, '2026-03-29').map((i) => [i.start.toISOString(), i.end.toISOString()])).toEqual([
      ['2026-03-29T01:00:00.000Z', '2026-03-29T01:30:00.000Z'],
    ]);
    const repeated = compile({ timeZone: 'Europe/Berlin', weeklyHours: { sun: [{ start: '02:00', end: '02:30' }] } });
    // 02:00–02:30 happens twice on 25 October.
    expect(openIntervalsOn(repeated, '2026-10-25').map((i) => [i.start.toISOString(), i.end.toISOString()])).toEqual([
      ['2026-10-25T00:00:00.000Z', '2026-10-25T00:30:00.000Z'],
      ['2026-10-25T01:00:00.000Z', '2026-10-25T01:30:00.000Z'],
    ]);
  });

  it('a round-the-clock calendar counts elapsed time across both switches', () => {
    const allDay = [{ start: '00:00', end: '24:00' }];
    const berlin24 = compile({ timeZone: 'Europe/Berlin', weeklyHours: Object.fromEntries(WEEKDAYS.map((d) => [d, allDay])) });
    expect(due(berlin24, new Date('2026-03-28T12:00:00+01:00'), 1440)).toBe('2026-03-29T13:00:00+02:00');
    expect(due(berlin24, new Date('2026-10-24T12:00:00+02:00'), 1440)).toBe('2026-10-25T11:00:00+01:00');
    expect(openIntervalsOn(berlin24, '2026-03-29')[0]!.end.getTime() - openIntervalsOn(berlin24, '2026-03-29')[0]!.start.getTime()).toBe(23 * 3_600_000);
  });

  it('New York falls back at 02:00 on 1 November 2026', () => {
    const ny = compile({ timeZone: 'America/New_York', weeklyHours: { sun: [{ start: '00:00', end: '03:00' }], mon: [{ start: '09:00', end: '17:00' }] } });
    expect(businessMinutesBetween(ny, new Date('2026-11-01T00:00:00-04:00'), new Date('2026-11-01T12:00:00-05:00'))).toBe(240);
    expect(due(ny, new Date('2026-11-01T00:00:00-04:00'), 240 + 60)).toBe('2026-11-02T10:00:00-05:00');
  });

  it('a date the zone skipped (Pacific/Apia, 2011-12-30) has no time at all', () => {
    const allDay = [{ start: '00:00', end: '24:00' }];
    const apia = compile({ timeZone: 'Pacific/Apia', weeklyHours: Object.fromEntries(WEEKDAYS.map((d) => [d, allDay])) });
    expect(openIntervalsOn(apia, '2011-12-30')).toEqual([]);
    expect(due(apia, new Date('2011-12-29T12:00:00-10:00'), 1440)).toBe('2011-12-31T12:00:00+14:00');
    expect(localDateOf(apia, new Date('2011-12-30T09:59:59Z'))).toBe('2011-12-29');
    expect(localDateOf(apia, new Date('2011-12-30T10:00:00Z'))).toBe('2011-12-31');
  });

  it('always writes a numeric offset, also for the zone named UTC', () => {
    const utc = compile({ timeZone: 'UTC', weeklyHours: { mon: [{ start: '09:00', end: '17:00' }] } });
    expect(due(utc, new Date('2026-11-23T16:30:00Z'), 60)).toBe('2026-11-30T09:30:00+00:00');
  });

  it('Asia/Shanghai has had no DST since 1991, but the tz database knows it had some', () => {
    expect(formatInCalendarZone(h24, new Date('1990-07-01T00:00:00Z'))).toBe('1990-07-01T09:00:00+09:00');
    expect(formatInCalendarZone(h24, new Date('2026-07-01T00:00:00Z'))).toBe('2026-07-01T08:00:00+08:00');
  });
});

// ------------------------------------------------------------------ properties on random inputs

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SPLIT_SHIFT = [
  { start: '08:30', end: '12:00' },
  { start: '13:30', end: '17:30' },
  { start: '18:30', end: '20:00' },
];
const holidayCalendarInput: CalendarDefinitionInput = {
  name: 'hotline',
  timeZone: 'Asia/Shanghai',
  weeklyHours: { mon: SPLIT_SHIFT, tue: SPLIT_SHIFT, wed: SPLIT_SHIFT, thu: SPLIT_SHIFT, fri: SPLIT_SHIFT, sat: [{ start: '09:00', end: '13:00' }] },
  closedOnStatutoryHolidays: true,
  openOnAdjustedWorkdays: true,
  extraClosedDates: ['2026-12-31', '2026-06-01'],
  extraOpenDates: [{ date: '2026-10-03', periods: [{ start: '10:00', end: '16:00' }] }, '2026-05-03'],
};
const berlinInput: CalendarDefinitionInput = {
  name: 'berlin-nights',
  timeZone: 'Europe/Berlin',
  weeklyHours: {
    mon: [{ start: '09:00', end: '17:00' }],
    fri: [{ start: '09:00', end: '17:00' }],
    sat: [{ start: '22:00', end: '24:00' }],
    sun: [{ start: '00:00', end: '04:00' }, { start: '10:00', end: '12:00' }],
  },
};

const propertyCalendars: { calendar: BusinessCalendar; definition: CalendarDefinition }[] = [
  ...(['24x7', '12x7', '5x8'] as const).map((name) => ({ calendar: presetCalendar(name), definition: presetCalendar(name).definition })),
  ...[holidayCalendarInput, berlinInput].map((input) => {
    const definition = calendarDefinitionSchema.parse(input);
    return { calendar: createBusinessCalendar(definition), definition };
  }),
];

/**
 * The definition read literally, minute by minute, with Luxon's wall-clock time of each instant: an oracle
 * independent of the interval compilation. (The holiday lookup itself is checked against the notices and the
 * package's own functions in chinese-holidays.test.ts.)
 */
function openByRules(definition: CalendarDefinition, instant: number): boolean {
  const local = DateTime.fromMillis(instant, { zone: definition.timeZone });
  const date = local.toISODate()!;
  const minute = local.hour * 60 + local.minute;
  const within = (periods: readonly ServicePeriod[]) =>
    periods.some((p) => minute >= timeOfDayToMinutes(p.start) && minute < timeOfDayToMinutes(p.end));
  const workday = definition.weeklyHours[definition.workdayHoursFrom];
  if (definition.extraClosedDates.includes(date)) return false;
  const extra = definition.extraOpenDates.find((entry) => entry.date === date);
  if (extra) return within(extra.periods ?? workday);
  const kind = chineseDayKind(dayNumberOfIsoDate(date));
  if (definition.closedOnStatutoryHolidays && kind === 'holiday') return false;
  if (definition.openOnAdjustedWorkdays && kind === 'adjusted_workday') return within(workday);
  return within(definition.weeklyHours[WEEKDAYS[local.weekday - 1]!]);
}

describe('properties on random inputs (seeded)', () => {
  const from = Date.UTC(2025, 11, 31, 16);
  const to = Date.UTC(2027, 11, 31, 16);

  it.each(propertyCalendars.map((entry) => [entry.calendar.name, entry] as const))(
    '%s: businessMinutesBetween(start, addBusinessMinutes(start, m)) = m, and both agree in reverse',
    (_name, { calendar }) => {
      const random = prng(20261001);
      for (let run = 0; run < 400; run++) {
        const start = new Date(from + Math.floor(random() * (to - from)));
        const minutes = Math.floor(random() * (random() < 0.8 ? 3000 : 20000));
        const dueAt = addBusinessMinutes(calendar, start, minutes);
        const context = `${start.toISOString()} + ${minutes}`;
        expect(businessMinutesBetween(calendar, start, dueAt), context).toBe(minutes);
        expect(businessMinutesBetween(calendar, dueAt, start), context).toBe(-minutes);
        expect(dueAt.getTime(), context).toBeGreaterThanOrEqual(start.getTime());
        if (minutes > 0) expect(isOpen(calendar, new Date(dueAt.getTime() - 1)), context).toBe(true);
        // Monotonic in the minutes.
        const more = addBusinessMinutes(calendar, start, minutes + 1 + Math.floor(random() * 100));
        expect(more.getTime(), context).toBeGreaterThan(dueAt.getTime());
        // From any end point back: the earliest instant that has the same open time before it.
        const end = new Date(start.getTime() + Math.floor(random() * 20 * 86_400_000));
        const between = businessMinutesBetween(calendar, start, end);
        const back = addBusinessMinutes(calendar, start, between);
        expect(back.getTime(), context).toBeLessThanOrEqual(Math.max(end.getTime(), nextOpening(calendar, start).getTime()));
        expect(businessMinutesBetween(calendar, back, end), context).toBe(0);
        // Additive over a split point.
        const middle = new Date(start.getTime() + Math.floor(random() * (end.getTime() - start.getTime() + 1)));
        expect(businessMinutesBetween(calendar, start, middle) + businessMinutesBetween(calendar, middle, end), context).toBeCloseTo(between, 9);
      }
    },
  );

  it.each(propertyCalendars.map((entry) => [entry.calendar.name, entry] as const))(
    '%s: open time agrees with the rules read minute by minute (2026, DST switches included)',
    (_name, { calendar, definition }) => {
      const random = prng(20270206);
      const year2026 = Date.UTC(2025, 11, 31, 16);
      const switches = [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1)];
      for (let run = 0; run < 16; run++) {
        const anchor = run % 4 === 0 ? switches[(run / 4) % 2]! - 36 * 3_600_000 : year2026 + Math.floor(random() * 360 * 86_400_000);
        const start = Math.floor(anchor / 60_000) * 60_000 + Math.floor(random() * 36) * 3_600_000;
        // Runs anchored before a switch span it whole; the others take up to 60 hours.
        const span = run % 4 === 0 ? 72 * 60 : 60 * (1 + Math.floor(random() * 60));
        let open = 0;
        for (let minute = 0; minute < span; minute++) {
          const instant = start + minute * 60_000;
          const expected = openByRules(definition, instant);
          if (expected !== isOpen(calendar, new Date(instant))) {
            expect.fail(`${calendar.name} at ${new Date(instant).toISOString()}: rules say ${expected ? 'open' : 'closed'}`);
          }
          if (expected) open++;
        }
        expect(businessMinutesBetween(calendar, new Date(start), new Date(start + span * 60_000)), new Date(start).toISOString()).toBe(open);
      }
    },
  );
});
