import { z } from 'zod';
import { DATE_YEAR_MAX, DATE_YEAR_MIN } from './common.schemas.js';

/**
 * Business calendars (SPEC §4): weekly service hours in an IANA time zone, Chinese statutory holidays and
 * adjusted working days (调休), and a department's own extra closed / open dates. The server compiles a
 * definition into fast due-time functions (apps/server/src/modules/calendars).
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const CALENDAR_PRESET_NAMES = ['24x7', '12x7', '5x8'] as const;
export type CalendarPresetName = (typeof CALENDAR_PRESET_NAMES)[number];

export const CALENDAR_LIMITS = {
  nameMax: 100,
  periodsPerDay: 12,
  extraDates: 2000,
  /** About 19 years of round-the-clock time: a due time further out is a typing mistake. */
  minutesMax: 10_000_000,
} as const;

const TIME_OF_DAY = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** "09:30" → 570; "24:00" → 1440 (the end of the day). */
export function timeOfDayToMinutes(value: string): number {
  return Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));
}

/** "is required" for a missing field instead of zod's "expected string, received undefined". */
const requiredError = (expected: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${expected}`),
});

const timeOfDaySchema = z.string(requiredError('a time "HH:mm"')).regex(TIME_OF_DAY, { message: 'must be a time "HH:mm" from 00:00 to 24:00' });

/** One opening period of a day, e.g. 09:00–12:00. Half-open: open at `start`, closed again at `end`. */
export const servicePeriodSchema = z
  .strictObject({ start: timeOfDaySchema, end: timeOfDaySchema }, requiredError('an object { "start": "HH:mm", "end": "HH:mm" }'))
  .superRefine((period, ctx) => {
    if (!TIME_OF_DAY.test(period.start) || !TIME_OF_DAY.test(period.end)) return;
    if (timeOfDayToMinutes(period.end) <= timeOfDayToMinutes(period.start)) {
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message:
          `must be after start (${period.start}); a period may not cross midnight — ` +
          `split it into ${period.start}–24:00 and 00:00–${period.end} of the next day`,
      });
    }
  });
export type ServicePeriod = z.infer<typeof servicePeriodSchema>;

/** A day's periods, in order and without overlap (a lunch break is the gap between two periods). */
export const dayPeriodsSchema = z
  .array(servicePeriodSchema, requiredError('a list of periods [{ "start": "09:00", "end": "12:00" }]'))
  .max(CALENDAR_LIMITS.periodsPerDay, { message: `at most ${CALENDAR_LIMITS.periodsPerDay} periods a day` })
  .superRefine((periods, ctx) => {
    for (let i = 1; i < periods.length; i++) {
      const previous = periods[i - 1]!;
      const current = periods[i]!;
      if (!TIME_OF_DAY.test(previous.end) || !TIME_OF_DAY.test(current.start)) continue;
      if (timeOfDayToMinutes(current.start) < timeOfDayToMinutes(previous.end)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'start'],
          message: `overlaps or precedes the previous period (${previous.start}–${previous.end}); list periods in order without overlap`,
        });
      }
    }
  });

const weeklyHoursShape = Object.fromEntries(WEEKDAYS.map((day) => [day, dayPeriodsSchema.default([])])) as Record<
  Weekday,
  z.ZodDefault<typeof dayPeriodsSchema>
>;
/** Service hours per weekday; a day left out (or []) is closed. */
export const weeklyHoursSchema = z.strictObject(weeklyHoursShape, requiredError('an object of periods per weekday (mon … sun)'));
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

/** A calendar date "YYYY-MM-DD" in the calendar's own time zone. */
export const localDateSchema = z
  .string(requiredError('a date "YYYY-MM-DD"'))
  .pipe(z.iso.date({ message: 'must be a date "YYYY-MM-DD"' }))
  .refine((value) => {
    const year = Number(value.slice(0, 4));
    return year >= DATE_YEAR_MIN && year <= DATE_YEAR_MAX;
  }, { message: `year must be ${DATE_YEAR_MIN}–${DATE_YEAR_MAX}` });

/** True for an IANA zone name the runtime knows ("Asia/Shanghai", "Europe/Berlin", "UTC"). */
export function isKnownTimeZone(value: string): boolean {
  // Offsets such as "+08:00" are not zones: they know nothing of daylight saving time.
  if (!/^[A-Za-z][A-Za-z0-9_+\-]*(?:\/[A-Za-z0-9_+\-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string(requiredError('an IANA time zone such as "Asia/Shanghai"'))
  .refine(isKnownTimeZone, { message: 'must be an IANA time zone such as "Asia/Shanghai"' });

/** An extra open date: "2026-12-31", or { "date": "2026-12-31", "periods": [...] } with its own hours. */
export const extraOpenDateSchema = z.preprocess(
  (value) => (typeof value === 'string' ? { date: value } : value),
  z.strictObject(
    { date: localDateSchema, periods: dayPeriodsSchema.optional() },
    requiredError('a date "YYYY-MM-DD" or an object { "date": "YYYY-MM-DD", "periods": [...] }'),
  ),
);

export const calendarDefinitionSchema = z
  .strictObject(
    {
      name: z.string(requiredError('a text')).trim().min(1).max(CALENDAR_LIMITS.nameMax).optional(),
      timeZone: timeZoneSchema,
      weeklyHours: weeklyHoursSchema,
      /** Closed on every day off of the State Council's holiday notice (法定节假日及调休放假日). */
      closedOnStatutoryHolidays: z.boolean(requiredError('true or false')).default(false),
      /** Open on the weekend days the notice makes working days (调休上班日), with `workdayHoursFrom`'s hours. */
      openOnAdjustedWorkdays: z.boolean(requiredError('true or false')).default(false),
      /** Whose hours a working day borrows when it has none of its own: adjusted working days and extra open dates without periods. */
      workdayHoursFrom: z.enum(WEEKDAYS, { message: `must be one of ${WEEKDAYS.join(', ')}` }).default('mon'),
      /** The department's own closed days (company events, local holidays); they win over everything else. */
      extraClosedDates: z.array(localDateSchema, requiredError('a list of dates "YYYY-MM-DD"')).max(CALENDAR_LIMITS.extraDates).default([]),
      /** The department's own open days (e.g. a Saturday before a launch); they win over holidays and weekly hours. */
      extraOpenDates: z.array(extraOpenDateSchema, requiredError('a list of dates')).max(CALENDAR_LIMITS.extraDates).default([]),
    },
    requiredError('a calendar object { "timeZone", "weeklyHours", … }'),
  )
  .superRefine((calendar, ctx) => {
    if (WEEKDAYS.every((day) => (calendar.weeklyHours[day] ?? []).length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['weeklyHours'], message: 'has no service period on any weekday: the calendar would never open' });
    }
    const closed = new Map<string, number>();
    calendar.extraClosedDates.forEach((date, index) => {
      if (closed.has(date)) ctx.addIssue({ code: 'custom', path: ['extraClosedDates', index], message: `${date} is listed twice` });
      else closed.set(date, index);
    });
    const open = new Set<string>();
    calendar.extraOpenDates.forEach((entry, index) => {
      if (open.has(entry.date)) ctx.addIssue({ code: 'custom', path: ['extraOpenDates', index, 'date'], message: `${entry.date} is listed twice` });
      open.add(entry.date);
      if (closed.has(entry.date)) {
        ctx.addIssue({ code: 'custom', path: ['extraOpenDates', index, 'date'], message: `${entry.date} is also in extraClosedDates[${closed.get(entry.date)}]` });
      }
    });
  });
/** A validated calendar, defaults filled in. */
export type CalendarDefinition = z.output<typeof calendarDefinitionSchema>;
/** What a person writes (optional fields may be left out). */
export type CalendarDefinitionInput = z.input<typeof calendarDefinitionSchema>;

/** `weeklyHours.mon[1].end` from a zod issue path. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '(calendar)' : text;
}

/** One line naming each failing field: `weeklyHours.mon[1].end: must be after start (13:00); …`. */
export function formatCalendarIssues(error: z.ZodError): string {
  return error.issues
    .flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => `${formatIssuePath([...issue.path, key])}: unknown field`)
        : [`${formatIssuePath(issue.path)}: ${issue.message}`],
    )
    .join('; ');
}

/** POST /calendars/due: when `minutes` of a calendar's open time after `start` are used up. */
export const calendarDueRequestSchema = z.object({
  /** A preset name or a calendar definition (validated in full by the server; errors name the field). */
  calendar: z.union([z.enum(CALENDAR_PRESET_NAMES), z.record(z.string(), z.unknown())]),
  start: z.string().min(1).max(64),
  minutes: z.number().int().min(0).max(CALENDAR_LIMITS.minutesMax),
});
export const calendarDueResponseSchema = z.object({
  due: z.string(),
  /** Years the holiday package has no State Council arrangement for (only statutory days are closed then). */
  missingHolidayYears: z.array(z.number()),
});
