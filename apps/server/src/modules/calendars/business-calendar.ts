// Business calendars: due times counted in service hours only. Pure and I/O-free; `createBusinessCalendar`
// compiles a validated definition, and the functions below answer from per-day open intervals in UTC epoch ms
// (calendar-days.ts), built on first use of a local date and cached in the calendar. SLA policies call
// `addBusinessMinutes`.
import { DateTime, IANAZone } from 'luxon';
import { CALENDAR_LIMITS, type CalendarDefinition } from '@kefu/shared';
import { invalid } from '../../lib/app-error.js';
import { createCalendarState, dayRecord, locateDay, MINUTE_MS, type CalendarState } from './calendar-days.js';
import { dayNumberOfIsoDate, isChineseHolidayYearCovered, isoDateOfDayNumber } from './chinese-holidays.js';

/** A calendar that stays closed longer than this (about ten years) is broken; we stop instead of searching forever. */
const MAX_CLOSED_DAYS = 3_660;

/** A compiled calendar: pass it to the functions of this module. Create it once and keep it; it caches per-day work. */
export interface BusinessCalendar {
  readonly name: string;
  readonly timeZone: string;
  readonly definition: CalendarDefinition;
}

interface CompiledCalendar extends BusinessCalendar {
  readonly state: CalendarState;
}

/**
 * Compiles a calendar definition validated by `calendarDefinitionSchema` (packages/shared). Creating one is cheap;
 * its per-day cache is what makes repeated due-time computations fast, so keep the calendar rather than recreate it.
 */
export function createBusinessCalendar(definition: CalendarDefinition, name = definition.name ?? 'custom'): BusinessCalendar {
  if (!IANAZone.isValidZone(definition.timeZone)) throw invalid(`timeZone: unknown time zone "${definition.timeZone}"`);
  const calendar: CompiledCalendar = { name, timeZone: definition.timeZone, definition, state: createCalendarState(definition) };
  return calendar;
}

function stateOf(calendar: BusinessCalendar): CalendarState {
  const state = (calendar as Partial<CompiledCalendar>).state;
  if (!state) throw new TypeError('not a compiled calendar: create it with createBusinessCalendar()');
  return state;
}

function instantOf(value: Date, field: string): number {
  const instant = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(instant)) throw invalid(`${field}: not a valid date`);
  return instant;
}

function closedTooLong(calendar: BusinessCalendar, from: number): never {
  throw invalid(`calendar ${calendar.name} has no open time within ${MAX_CLOSED_DAYS} days after ${new Date(from).toISOString()}`);
}

/**
 * The due time: `minutes` of open time after `start`, counting only service hours. A start in closed time counts
 * from the next opening; a due time that fills a period exactly is that period's closing time (11:00 + 60 min on
 * a 09:00–12:00 / 13:00–18:00 day is 12:00, not 13:00). Zero minutes gives `start` when open, else the next opening.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, start: Date, minutes: number): Date {
  const state = stateOf(calendar);
  let at = instantOf(start, 'start');
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) {
    throw invalid(`minutes: must be a number of minutes ≥ 0 (got ${String(minutes)})`);
  }
  if (minutes > CALENDAR_LIMITS.minutesMax) throw invalid(`minutes: at most ${CALENDAR_LIMITS.minutesMax}`);
  let remaining = Math.round(minutes * MINUTE_MS);
  let closedDays = 0;
  for (let day = locateDay(state, at); ; day++) {
    const record = dayRecord(state, day);
    if (record.last <= at) {
      if (++closedDays > MAX_CLOSED_DAYS) closedTooLong(calendar, at);
      continue;
    }
    closedDays = 0;
    // Whole days are skipped by their total: a long duration costs one cached lookup per day.
    if (at <= record.first && remaining > record.openMs) {
      remaining -= record.openMs;
      continue;
    }
    const intervals = record.intervals;
    for (let i = 0; i < intervals.length; i += 2) {
      const close = intervals[i + 1]!;
      if (close <= at) continue;
      const open = intervals[i]! > at ? intervals[i]! : at;
      if (remaining <= close - open) return new Date(open + remaining);
      remaining -= close - open;
    }
    at = record.last;
  }
}

/** The next instant the calendar is open at or after `at` (`at` itself when open). */
export function nextOpening(calendar: BusinessCalendar, at: Date): Date {
  return addBusinessMinutes(calendar, at, 0);
}

function openMsBetween(state: CalendarState, from: number, to: number): number {
  let total = 0;
  for (let day = locateDay(state, from); ; day++) {
    const record = dayRecord(state, day);
    if (record.start >= to) return total;
    if (record.last <= from) continue;
    if (from <= record.first && record.last <= to) {
      total += record.openMs;
      continue;
    }
    const intervals = record.intervals;
    for (let i = 0; i < intervals.length; i += 2) {
      const open = Math.max(intervals[i]!, from);
      const close = Math.min(intervals[i + 1]!, to);
      if (close > open) total += close - open;
    }
  }
}

/**
 * Open minutes between two instants (fractions when they are not on whole minutes). Negative when `b` is before
 * `a`, so "business minutes left until the due time" turns negative once it has passed.
 */
export function businessMinutesBetween(calendar: BusinessCalendar, a: Date, b: Date): number {
  const state = stateOf(calendar);
  const from = instantOf(a, 'a');
  const to = instantOf(b, 'b');
  if (to >= from) return openMsBetween(state, from, to) / MINUTE_MS;
  const open = openMsBetween(state, to, from);
  return open === 0 ? 0 : -open / MINUTE_MS;
}

/** Whether the calendar is open at an instant (periods are half-open: open at 09:00, closed again at 12:00). */
export function isOpen(calendar: BusinessCalendar, at: Date): boolean {
  const state = stateOf(calendar);
  const instant = instantOf(at, 'at');
  const intervals = dayRecord(state, locateDay(state, instant)).intervals;
  for (let i = 0; i < intervals.length; i += 2) {
    if (instant < intervals[i]!) return false;
    if (instant < intervals[i + 1]!) return true;
  }
  return false;
}

/** The open intervals of one local date "YYYY-MM-DD" (for the admin UI, explanations and tests). */
export function openIntervalsOn(calendar: BusinessCalendar, date: string): { start: Date; end: Date }[] {
  const intervals = dayRecord(stateOf(calendar), dayNumberOfIsoDate(date)).intervals;
  const result: { start: Date; end: Date }[] = [];
  for (let i = 0; i < intervals.length; i += 2) result.push({ start: new Date(intervals[i]!), end: new Date(intervals[i + 1]!) });
  return result;
}

/** ISO 8601 with the calendar zone's offset, e.g. 2026-10-09T10:30:00+08:00 (milliseconds only when there are any). */
export function formatInCalendarZone(calendar: BusinessCalendar, at: Date): string {
  const text = DateTime.fromMillis(instantOf(at, 'at'), { zone: stateOf(calendar).zone }).toISO({ suppressMilliseconds: true });
  if (text === null) throw invalid(`at: cannot be shown in ${calendar.timeZone}`);
  // Luxon writes "Z" for the zone named UTC (and +00:00 for Etc/UTC): always a numeric offset, whatever the name.
  return text.endsWith('Z') ? `${text.slice(0, -1)}+00:00` : text;
}

/** The local date "YYYY-MM-DD" of an instant in the calendar's zone. */
export function localDateOf(calendar: BusinessCalendar, at: Date): string {
  return isoDateOfDayNumber(locateDay(stateOf(calendar), instantOf(at, 'at')));
}

/**
 * Years between two instants (local dates, inclusive) for which the calendar needs Chinese holiday data that the
 * package does not have yet: the State Council publishes each year's arrangement around November of the year before.
 * Until the package has it, such a year counts as ordinary weeks; a department can enter the notice's dates as
 * extra closed / open dates meanwhile.
 */
export function yearsMissingHolidayData(calendar: BusinessCalendar, from: Date, to: Date): number[] {
  const state = stateOf(calendar);
  if (!state.closedOnHolidays && !state.openOnAdjustedWorkdays) return [];
  const first = Number(localDateOf(calendar, from).slice(0, 4));
  const last = Number(localDateOf(calendar, to).slice(0, 4));
  const missing: number[] = [];
  for (let year = Math.min(first, last); year <= Math.max(first, last); year++) {
    if (!isChineseHolidayYearCovered(year)) missing.push(year);
  }
  return missing;
}
