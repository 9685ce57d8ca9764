import type { BusinessCalendar } from '../calendars/business-calendar.js';
import { createBusinessCalendar } from '../calendars/business-calendar.js';
import { parseCalendarDefinition } from '../calendars/calendar-file.js';
import { isCalendarPresetName, presetCalendar } from '../calendars/calendar-presets.js';
import type { ClockBasis, SlaTimeBasis } from './sla-clock.js';
import { invalid } from '../../lib/app-error.js';

// Stored calendars are compiled once per distinct definition: the compiled calendar caches its days.
const compiled = new Map<string, BusinessCalendar>();
const COMPILED_MAX = 200;

/** A policy's stored calendar (preset name or definition object) compiled; invalid ones name the field. */
export function calendarOf(stored: unknown): BusinessCalendar {
  if (typeof stored === 'string') {
    if (!isCalendarPresetName(stored)) throw invalid(`calendar: unknown preset "${stored}"`, { field: 'calendar' });
    return presetCalendar(stored);
  }
  const key = JSON.stringify(stored);
  let calendar = compiled.get(key);
  if (!calendar) {
    calendar = createBusinessCalendar(parseCalendarDefinition(stored, 'calendar'));
    if (compiled.size >= COMPILED_MAX) compiled.clear();
    compiled.set(key, calendar);
  }
  return calendar;
}

export function clockOf(stored: unknown, basis: string): ClockBasis {
  return { calendar: calendarOf(stored), basis: basis as SlaTimeBasis };
}
