// Calendars from JSON files (the CLI; later an import into a department's settings). Every failure is an
// AppError VALIDATION whose detail is one line naming the file and, for schema failures, the field path.
import { readFile } from 'node:fs/promises';
import { CALENDAR_PRESET_NAMES, calendarDefinitionSchema, formatCalendarIssues, type CalendarDefinition } from '@kefu/shared';
import { invalid } from '../../lib/app-error.js';
import { createBusinessCalendar, type BusinessCalendar } from './business-calendar.js';
import { isCalendarPresetName, presetCalendar } from './calendar-presets.js';

/** A calendar file larger than this is not a calendar (2,000 extra dates fit in well under 200 kB). */
const CALENDAR_FILE_BYTES_MAX = 1024 * 1024;

/** Validates parsed JSON as a calendar definition; `source` names it in the message. */
export function parseCalendarDefinition(value: unknown, source: string): CalendarDefinition {
  const result = calendarDefinitionSchema.safeParse(value);
  if (!result.success) throw invalid(`${source}: invalid calendar: ${formatCalendarIssues(result.error)}`, result.error.issues);
  return result.data;
}

/** Parses a calendar file's text. */
export function parseCalendarJson(text: string, source: string): CalendarDefinition {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw invalid(`${source}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return parseCalendarDefinition(value, source);
}

/** Reads and validates a calendar JSON file. */
export async function loadCalendarFile(path: string): Promise<CalendarDefinition> {
  let text: string;
  try {
    const buffer = await readFile(path);
    if (buffer.byteLength > CALENDAR_FILE_BYTES_MAX) throw invalid(`${path}: larger than ${CALENDAR_FILE_BYTES_MAX} bytes`);
    text = buffer.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw invalid(`calendar file not found: ${path}`);
    if (code === 'EISDIR') throw invalid(`calendar file is a directory: ${path}`);
    if (code === 'EACCES' || code === 'EPERM') throw invalid(`calendar file cannot be read (permission denied): ${path}`);
    throw error;
  }
  return parseCalendarJson(text, path);
}

/** A preset name (24x7, 12x7, 5x8) or the path of a calendar JSON file. */
export async function resolveCalendar(presetOrPath: string): Promise<BusinessCalendar> {
  if (isCalendarPresetName(presetOrPath)) return presetCalendar(presetOrPath);
  if (!/\.json$/i.test(presetOrPath) && !/[\\/]/.test(presetOrPath)) {
    throw invalid(`unknown calendar preset "${presetOrPath}" (presets: ${CALENDAR_PRESET_NAMES.join(', ')}; a calendar file must end in .json)`);
  }
  const definition = await loadCalendarFile(presetOrPath);
  return createBusinessCalendar(definition, definition.name ?? presetOrPath);
}
