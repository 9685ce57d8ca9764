import { describe, expect, it } from 'vitest';
import { calendarDefinitionSchema, formatCalendarIssues, formatIssuePath, isKnownTimeZone, timeOfDayToMinutes } from './calendars.schemas.js';

const OFFICE_DAY = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];

/** The one-line message the CLI and the API show for an invalid calendar. */
function problems(input: unknown): string {
  const result = calendarDefinitionSchema.safeParse(input);
  return result.success ? 'valid' : formatCalendarIssues(result.error);
}

describe('calendarDefinitionSchema', () => {
  it('accepts a minimal calendar and fills in the defaults', () => {
    expect(calendarDefinitionSchema.parse({ timeZone: 'Asia/Shanghai', weeklyHours: { mon: OFFICE_DAY } })).toEqual({
      timeZone: 'Asia/Shanghai',
      weeklyHours: { mon: OFFICE_DAY, tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      closedOnStatutoryHolidays: false,
      openOnAdjustedWorkdays: false,
      workdayHoursFrom: 'mon',
      extraClosedDates: [],
      extraOpenDates: [],
    });
  });

  it('accepts 00:00–24:00, several periods, and extra dates as text or with their own periods', () => {
    const parsed = calendarDefinitionSchema.parse({
      name: '热线',
      timeZone: 'Europe/Berlin',
      weeklyHours: { sun: [{ start: '00:00', end: '24:00' }], mon: [...OFFICE_DAY, { start: '18:00', end: '21:00' }] },
      closedOnStatutoryHolidays: true,
      openOnAdjustedWorkdays: true,
      workdayHoursFrom: 'tue',
      extraClosedDates: ['2026-12-31'],
      extraOpenDates: ['2026-10-03', { date: '2026-10-04', periods: [{ start: '10:00', end: '16:00' }] }],
    });
    expect(parsed.extraOpenDates).toEqual([{ date: '2026-10-03' }, { date: '2026-10-04', periods: [{ start: '10:00', end: '16:00' }] }]);
  });

  it('names required fields', () => {
    expect(problems({})).toBe('timeZone: is required; weeklyHours: is required');
    expect(problems([])).toBe('(calendar): must be a calendar object { "timeZone", "weeklyHours", … }');
    expect(problems({ timeZone: 'Asia/Shanghai', weeklyHours: { mon: [{ start: '09:00' }] } })).toBe('weeklyHours.mon[0].end: is required');
  });

  it('names the field of a bad time, a reversed period and a period crossing midnight', () => {
    expect(problems({ timeZone: 'Asia/Shanghai', weeklyHours: { mon: [{ start: '9:00', end: '18:00' }] } })).toBe(
      'weeklyHours.mon[0].start: must be a time "HH:mm" from 00:00 to 24:00',
    );
    expect(problems({ timeZone: 'Asia/Shanghai', weeklyHours: { tue: [{ start: '09:00', end: '24:30' }] } })).toBe(
      'weeklyHours.tue[0].end: must be a time "HH:mm" from 00:00 to 24:00',
    );
    expect(problems({ timeZone: 'Asia/Shanghai', weeklyHours: { fri: [{ start: '22:00', end: '06:00' }] } })).toBe(
      'weeklyHours.fri[0].end: must be after start (22:00); a period may not cross midnight — split it into 22:00–24:00 and 00:00–06:00 of the next day',
    );
    expect(problems({ timeZone: 'Asia/Shanghai', weeklyHours: { mon: [{ start: '09:00', end: '09:00' }] } })).toMatch(/^weeklyHours\.mon\[0\]\.end: must be after start/);
  });

  it('refuses overlapping or unordered periods', () => {
    expect(problems({ timeZone: 'Asia/Shanghai', weeklyHours: { wed: [{ start: '09:00', end: '12:00' }, { start: '11:30', end: '18:00' }] } })).toBe(
      'weeklyHours.wed[1].start: overlaps or precedes the previous period (09:00–12:00); list periods in order without overlap',
    );
    expect(problems({ timeZone: 'Asia/Shanghai', weeklyHours: { wed: [{ start: '13:00', end: '18:00' }, { start: '09:00', end: '12:00' }] } })).toMatch(/^weeklyHours\.wed\[1\]\.start: overlaps/);
    // Touching periods are fine.
    expect(problems({ timeZone: 'Asia/Shanghai', weeklyHours: { wed: [{ start: '09:00', end: '12:00' }, { start: '12:00', end: '13:00' }] } })).toBe('valid');
  });

  it('refuses unknown fields, naming them', () => {
    expect(problems({ timeZone: 'Asia/Shanghai', weeklyHours: { monday: OFFICE_DAY, mon: OFFICE_DAY } })).toBe('weeklyHours.monday: unknown field');
    expect(problems({ timeZone: 'Asia/Shanghai', weeklyHours: { mon: OFFICE_DAY }, holidays: true })).toBe('holidays: unknown field');
    expect(problems({ timeZone: 'Asia/Shanghai', weeklyHours: { mon: [{ start: '09:00', end: '12:00', note: 'x' }] } })).toBe('weeklyHours.mon[0].note: unknown field');
  });

  it('wants an IANA time zone, not an offset or a made-up name', () => {
    expect(problems({ timeZone: '+08:00', weeklyHours: { mon: OFFICE_DAY } })).toBe('timeZone: must be an IANA time zone such as "Asia/Shanghai"');
    expect(problems({ timeZone: 'Asia/Beijing', weeklyHours: { mon: OFFICE_DAY } })).toBe('timeZone: must be an IANA time zone such as "Asia/Shanghai"');
    expect(problems({ timeZone: 8, weeklyHours: { mon: OFFICE_DAY } })).toBe('timeZone: must be an IANA time zone such as "Asia/Shanghai"');
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('America/New_York')).toBe(true);
    expect(isKnownTimeZone('Etc/GMT-8')).toBe(true);
  });

  it('checks flags, the weekday of working-day hours and dates', () => {
    expect(problems({ timeZone: 'Asia/Shanghai', weeklyHours: { mon: OFFICE_DAY }, closedOnStatutoryHolidays: 'yes' })).toBe('closedOnStatutoryHolidays: must be true or false');
    expect(problems({ timeZone: 'Asia/Shanghai', weeklyHours: { mon: OFFICE_DAY }, workdayHoursFrom: 'monday' })).toBe(
      'workdayHoursFrom: must be one of mon, tue, wed, thu, fri, sat, sun',
    );
    expect(problems({ timeZone: 'Asia/Shanghai', weeklyHours: { mon: OFFICE_DAY }, extraClosedDates: ['2026-02-30', '2026-1-5', 20261001] })).toBe(
      'extraClosedDates[0]: must be a date "YYYY-MM-DD"; extraClosedDates[1]: must be a date "YYYY-MM-DD"; extraClosedDates[2]: must be a date "YYYY-MM-DD"',
    );
    expect(problems({ timeZone: 'Asia/Shanghai', weeklyHours: { mon: OFFICE_DAY }, extraClosedDates: '2026-10-01' })).toBe('extraClosedDates: must be a list of dates "YYYY-MM-DD"');
    expect(problems({ timeZone: 'Asia/Shanghai', weeklyHours: { mon: OFFICE_DAY }, extraOpenDates: [5, { date: '2026-10-03', periods: [{ start: '18:00', end: '10:00' }] }] })).toBe(
      'extraOpenDates[0]: must be a date "YYYY-MM-DD" or an object { "date": "YYYY-MM-DD", "periods": [...] }; extraOpenDates[1].periods[0].end: must be after start (18:00); a period may not cross midnight — split it into 18:00–24:00 and 00:00–10:00 of the next day',
    );
    expect(problems({ timeZone: 'Asia/Shanghai', weeklyHours: { mon: OFFICE_DAY }, extraClosedDates: ['1800-01-01'] })).toBe('extraClosedDates[0]: year must be 1900–2999');
  });

  it('refuses a calendar that never opens, dates listed twice and dates both closed and open', () => {
    expect(problems({ timeZone: 'Asia/Shanghai', weeklyHours: { sat: [] } })).toBe('weeklyHours: has no service period on any weekday: the calendar would never open');
    expect(
      problems({
        timeZone: 'Asia/Shanghai',
        weeklyHours: { mon: OFFICE_DAY },
        extraClosedDates: ['2026-10-01', '2026-10-01'],
        extraOpenDates: ['2026-10-01', '2026-10-10', { date: '2026-10-10' }],
      }),
    ).toBe(
      'extraClosedDates[1]: 2026-10-01 is listed twice; extraOpenDates[0].date: 2026-10-01 is also in extraClosedDates[0]; extraOpenDates[2].date: 2026-10-10 is listed twice',
    );
  });

  it('caps the number of periods a day', () => {
    const many = Array.from({ length: 13 }, (_, i) => ({ start: `${String(i).padStart(2, '0')}:00`, end: `${String(i).padStart(2, '0')}:30` }));
    expect(problems({ timeZone: 'Asia/Shanghai', weeklyHours: { mon: many } })).toBe('weeklyHours.mon: at most 12 periods a day');
  });
});

describe('helpers', () => {
  it('converts times of day to minutes', () => {
    expect(timeOfDayToMinutes('00:00')).toBe(0);
    expect(timeOfDayToMinutes('09:30')).toBe(570);
    expect(timeOfDayToMinutes('24:00')).toBe(1440);
  });

  it('writes issue paths as people write them', () => {
    expect(formatIssuePath(['weeklyHours', 'mon', 1, 'end'])).toBe('weeklyHours.mon[1].end');
    expect(formatIssuePath(['extraClosedDates', 0])).toBe('extraClosedDates[0]');
    expect(formatIssuePath([])).toBe('(calendar)');
  });
});
