// The compiled form of a business calendar: per local date, its open intervals in UTC epoch ms, built on first
// use and cached. Every UTC offset comes from Luxon's IANAZone (the runtime's tz database through Intl), never
// from arithmetic of our own. A date's periods are mapped onto UTC piece by piece between the zone's offset
// transitions, so daylight-saving days are exact: on a spring-forward day the skipped wall-clock hour is simply
// not open, on a fall-back day a period that covers the repeated hour is open both times.
import { IANAZone } from 'luxon';
import { timeOfDayToMinutes, WEEKDAYS, type CalendarDefinition, type ServicePeriod, type Weekday } from '@kefu/shared';
import { chineseDayKind, dayNumberOfIsoDate } from './chinese-holidays.js';

export const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
/** Every offset in the tz database lies within ±15 h, so a local date's instants lie within this margin of its wall-clock span. */
const OFFSET_MARGIN_MS = 16 * HOUR_MS;
/** How often the zone's offset is sampled when looking for transitions; no zone changes its offset twice within 6 hours. */
const OFFSET_PROBE_MS = 6 * HOUR_MS;
/** Cached local dates per calendar (~200 bytes each); the cache starts over when full. */
const MAX_CACHED_DAYS = 100_000;
const NO_PERIODS: readonly number[] = [];

export interface DayRecord {
  /** First instant of the local date (UTC epoch ms). */
  start: number;
  /** First instant after the local date. */
  end: number;
  /** Open intervals, sorted and merged: [open, close, open, close, …], half-open. */
  intervals: Float64Array;
  /** First opening and last closing of the day; +Infinity / -Infinity on a closed day. */
  first: number;
  last: number;
  /** Total open time of the day. */
  openMs: number;
}

export interface CalendarState {
  zone: IANAZone;
  /** The zone's usual offset: where to look first for the local date of an instant (the exact one is checked). */
  guessOffsetMs: number;
  /** Periods as flat minute pairs [start, end, …] per JavaScript weekday (0 = Sunday). */
  weekly: readonly (readonly number[])[];
  /** The hours of a working day without hours of its own (adjusted working days, extra open dates). */
  workday: readonly number[];
  closedDays: ReadonlySet<number>;
  openDays: ReadonlyMap<number, readonly number[]>;
  closedOnHolidays: boolean;
  openOnAdjustedWorkdays: boolean;
  days: Map<number, DayRecord>;
  offsets: Map<number, number>;
}

const JS_DAY_OF: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

function flattenPeriods(periods: readonly ServicePeriod[]): number[] {
  return periods.flatMap((period) => [timeOfDayToMinutes(period.start), timeOfDayToMinutes(period.end)]);
}

/** The calendar's rules in the form the day builder reads (periods as minute pairs, dates as day numbers). */
export function createCalendarState(definition: CalendarDefinition): CalendarState {
  const zone = IANAZone.create(definition.timeZone);
  const weekly: number[][] = Array.from({ length: 7 }, () => []);
  for (const day of WEEKDAYS) weekly[JS_DAY_OF[day]] = flattenPeriods(definition.weeklyHours[day] ?? []);
  const workday = weekly[JS_DAY_OF[definition.workdayHoursFrom]]!;
  return {
    zone,
    guessOffsetMs: zone.offset(Date.UTC(2026, 0, 1)) * MINUTE_MS,
    weekly,
    workday,
    closedDays: new Set(definition.extraClosedDates.map(dayNumberOfIsoDate)),
    openDays: new Map(
      definition.extraOpenDates.map((entry) => [dayNumberOfIsoDate(entry.date), entry.periods ? flattenPeriods(entry.periods) : workday]),
    ),
    closedOnHolidays: definition.closedOnStatutoryHolidays,
    openOnAdjustedWorkdays: definition.openOnAdjustedWorkdays,
    days: new Map(),
    offsets: new Map(),
  };
}

// ------------------------------------------------------------------ rules of a local date

/** Which wall-clock periods (flat minute pairs) apply on a local date, by the calendar's rules in order of precedence. */
function periodsOfDay(state: CalendarState, day: number): readonly number[] {
  if (state.closedDays.has(day)) return NO_PERIODS;
  const own = state.openDays.get(day);
  if (own) return own;
  if (state.closedOnHolidays || state.openOnAdjustedWorkdays) {
    const kind = chineseDayKind(day);
    if (kind === 'holiday' && state.closedOnHolidays) return NO_PERIODS;
    if (kind === 'adjusted_workday' && state.openOnAdjustedWorkdays) return state.workday;
  }
  // Day 0 (1970-01-01) was a Thursday.
  return state.weekly[(((day + 4) % 7) + 7) % 7]!;
}

// ------------------------------------------------------------------ offsets from the tz database

function offsetAt(state: CalendarState, instant: number): number {
  return Math.round(state.zone.offset(instant) * MINUTE_MS);
}

/** Offsets on a fixed grid are shared by neighbouring dates, so they are remembered. */
function probeOffset(state: CalendarState, gridIndex: number): number {
  let offset = state.offsets.get(gridIndex);
  if (offset === undefined) {
    offset = offsetAt(state, gridIndex * OFFSET_PROBE_MS);
    state.offsets.set(gridIndex, offset);
  }
  return offset;
}

/** The first instant in (low, high] whose offset differs from the offset at `low`. */
function findTransition(state: CalendarState, low: number, high: number, offsetLow: number): number {
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(state, middle) === offsetLow) low = middle;
    else high = middle;
  }
  return high;
}

/**
 * Splits [from, to) into stretches of constant offset: `offsets[i]` applies on [bounds[i], bounds[i + 1]).
 * from and to lie on the probe grid.
 */
function offsetSegments(state: CalendarState, fromIndex: number, toIndex: number): { bounds: number[]; offsets: number[] } {
  let offset = probeOffset(state, fromIndex);
  const bounds = [fromIndex * OFFSET_PROBE_MS];
  const offsets = [offset];
  for (let index = fromIndex + 1; index <= toIndex; index++) {
    const next = probeOffset(state, index);
    if (next !== offset) {
      bounds.push(findTransition(state, (index - 1) * OFFSET_PROBE_MS, index * OFFSET_PROBE_MS, offset));
      offsets.push(next);
      offset = next;
    }
  }
  bounds.push(toIndex * OFFSET_PROBE_MS);
  return { bounds, offsets };
}

/** Appends the UTC pieces [lo, hi) whose wall-clock time lies in [wallFrom, wallTo). */
function mapWallSpan(wallFrom: number, wallTo: number, bounds: number[], offsets: number[], out: number[]): void {
  for (let i = 0; i < offsets.length; i++) {
    const offset = offsets[i]!;
    const lo = Math.max(bounds[i]!, wallFrom - offset);
    const hi = Math.min(bounds[i + 1]!, wallTo - offset);
    if (hi > lo) out.push(lo, hi);
  }
}

function mergeIntervals(pieces: number[]): Float64Array {
  const pairs: [number, number][] = [];
  for (let i = 0; i < pieces.length; i += 2) pairs.push([pieces[i]!, pieces[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [open, close] of pairs) {
    const last = merged.length - 1;
    // Touching periods (12:00–13:00, 13:00–14:00) become one, so a due time never lands on the seam.
    if (last > 0 && open <= merged[last]!) merged[last] = Math.max(merged[last]!, close);
    else merged.push(open, close);
  }
  return Float64Array.from(merged);
}

function buildDay(state: CalendarState, day: number): DayRecord {
  const wallStart = day * DAY_MS;
  const { bounds, offsets } = offsetSegments(
    state,
    Math.floor((wallStart - OFFSET_MARGIN_MS) / OFFSET_PROBE_MS),
    Math.ceil((wallStart + DAY_MS + OFFSET_MARGIN_MS) / OFFSET_PROBE_MS),
  );
  const span: number[] = [];
  mapWallSpan(wallStart, wallStart + DAY_MS, bounds, offsets, span);
  let start: number;
  let end: number;
  if (span.length > 0) {
    start = span[0]!;
    end = span[span.length - 1]!;
  } else {
    // A date the zone skipped entirely (Pacific/Apia, 2011-12-30): it sits at the transition that jumped over it.
    start = end = wallStart - offsets[0]!;
    for (let i = 1; i < offsets.length; i++) {
      if (bounds[i]! + offsets[i - 1]! <= wallStart && bounds[i]! + offsets[i]! >= wallStart + DAY_MS) start = end = bounds[i]!;
    }
  }
  const periods = periodsOfDay(state, day);
  const pieces: number[] = [];
  for (let p = 0; p < periods.length; p += 2) {
    mapWallSpan(wallStart + periods[p]! * MINUTE_MS, wallStart + periods[p + 1]! * MINUTE_MS, bounds, offsets, pieces);
  }
  const intervals = mergeIntervals(pieces);
  let openMs = 0;
  for (let i = 0; i < intervals.length; i += 2) openMs += intervals[i + 1]! - intervals[i]!;
  return {
    start,
    end,
    intervals,
    first: intervals.length > 0 ? intervals[0]! : Number.POSITIVE_INFINITY,
    last: intervals.length > 0 ? intervals[intervals.length - 1]! : Number.NEGATIVE_INFINITY,
    openMs,
  };
}

export function dayRecord(state: CalendarState, day: number): DayRecord {
  let record = state.days.get(day);
  if (record === undefined) {
    if (state.days.size >= MAX_CACHED_DAYS) {
      state.days.clear();
      state.offsets.clear();
    }
    record = buildDay(state, day);
    state.days.set(day, record);
  }
  return record;
}

/** The local date (day number) an instant belongs to. */
export function locateDay(state: CalendarState, instant: number): number {
  let day = Math.floor((instant + state.guessOffsetMs) / DAY_MS);
  while (dayRecord(state, day - 1).end > instant) day--;
  while (dayRecord(state, day).end <= instant) day++;
  return day;
}
