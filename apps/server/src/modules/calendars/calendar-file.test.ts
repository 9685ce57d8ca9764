import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CALENDAR_PRESET_NAMES, calendarDefinitionSchema } from '@kefu/shared';
import { AppError } from '../../lib/app-error.js';
import { addBusinessMinutes, formatInCalendarZone } from './business-calendar.js';
import { loadCalendarFile, parseCalendarJson, resolveCalendar } from './calendar-file.js';
import { CALENDAR_PRESET_DEFINITIONS, isCalendarPresetName, presetCalendar } from './calendar-presets.js';

const folder = mkdtempSync(join(tmpdir(), 'kefu-calendar-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

async function detailOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return `${error.code}: ${String(error.params.detail)}`;
    throw error;
  }
  return 'no error';
}

const berlin = {
  name: 'Berlin office',
  timeZone: 'Europe/Berlin',
  weeklyHours: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }] },
};

describe('presets', () => {
  it('are 24x7, 12x7 and 5x8, valid, in Asia/Shanghai', () => {
    expect(Object.keys(CALENDAR_PRESET_DEFINITIONS)).toEqual([...CALENDAR_PRESET_NAMES]);
    for (const name of CALENDAR_PRESET_NAMES) {
      const calendar = presetCalendar(name);
      expect(calendar.name).toBe(name);
      expect(calendar.timeZone).toBe('Asia/Shanghai');
      expect(calendarDefinitionSchema.parse(CALENDAR_PRESET_DEFINITIONS[name])).toEqual(calendar.definition);
    }
  });

  it('set the holiday flags as specified', () => {
    expect(presetCalendar('24x7').definition).toMatchObject({ closedOnStatutoryHolidays: false, openOnAdjustedWorkdays: false });
    expect(presetCalendar('12x7').definition).toMatchObject({ closedOnStatutoryHolidays: false, openOnAdjustedWorkdays: false });
    expect(presetCalendar('5x8').definition).toMatchObject({ closedOnStatutoryHolidays: true, openOnAdjustedWorkdays: true, workdayHoursFrom: 'mon' });
  });

  it('are compiled once and shared', () => {
    expect(presetCalendar('5x8')).toBe(presetCalendar('5x8'));
    expect(isCalendarPresetName('5x8')).toBe(true);
    expect(isCalendarPresetName('5X8')).toBe(false);
  });
});

describe('calendar files', () => {
  it('loads and validates a calendar file', async () => {
    const definition = await loadCalendarFile(file('berlin.json', JSON.stringify(berlin)));
    expect(definition).toMatchObject({ name: 'Berlin office', timeZone: 'Europe/Berlin', closedOnStatutoryHolidays: false });
  });

  it('accepts a UTF-8 byte-order mark (files saved by Windows editors)', () => {
    expect(parseCalendarJson(`\ufeff${JSON.stringify(berlin)}`, 'bom.json').timeZone).toBe('Europe/Berlin');
  });

  it('names the file and the failure: missing, a folder, not JSON, not a calendar', async () => {
    const missing = join(folder, 'missing.json');
    expect(await detailOf(loadCalendarFile(missing))).toBe(`VALIDATION: calendar file not found: ${missing}`);
    const directory = join(folder, 'dir.json');
    mkdirSync(directory);
    expect(await detailOf(loadCalendarFile(directory))).toBe(`VALIDATION: calendar file is a directory: ${directory}`);
    const broken = file('broken.json', '{ "timeZone": "Asia/Shanghai", ');
    expect(await detailOf(loadCalendarFile(broken))).toMatch(new RegExp(`^VALIDATION: ${broken}: not valid JSON \\(.+\\)$`));
    const wrong = file('wrong.json', JSON.stringify({ ...berlin, weeklyHours: { mon: [{ start: '17:00', end: '09:00' }] } }));
    expect(await detailOf(loadCalendarFile(wrong))).toBe(
      `VALIDATION: ${wrong}: invalid calendar: weeklyHours.mon[0].end: must be after start (17:00); a period may not cross midnight — split it into 17:00–24:00 and 00:00–09:00 of the next day`,
    );
  });

  it('keeps the zod issues as details for an API answer', () => {
    try {
      parseCalendarJson('{"weeklyHours": {"mon": []}}', 'x.json');
      expect.fail('no error');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).details).toMatchObject([{ path: ['timeZone'], message: 'is required' }]);
    }
  });
});

describe('resolveCalendar', () => {
  it('takes a preset name or a .json path', async () => {
    expect(await resolveCalendar('12x7')).toBe(presetCalendar('12x7'));
    const calendar = await resolveCalendar(file('office.json', JSON.stringify(berlin)));
    expect(calendar.name).toBe('Berlin office');
    expect(formatInCalendarZone(calendar, addBusinessMinutes(calendar, new Date('2026-07-06T16:00:00+02:00'), 120))).toBe('2026-07-07T10:00:00+02:00');
    const unnamed = file('unnamed.json', JSON.stringify({ ...berlin, name: undefined }));
    expect((await resolveCalendar(unnamed)).name).toBe(unnamed);
  });

  it('refuses an unknown preset, listing the presets', async () => {
    expect(await detailOf(resolveCalendar('5x9'))).toBe('VALIDATION: unknown calendar preset "5x9" (presets: 24x7, 12x7, 5x8; a calendar file must end in .json)');
  });
});
