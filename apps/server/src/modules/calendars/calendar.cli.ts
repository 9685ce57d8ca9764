// `kefu calendar due`: the same due-time computation the server uses, from the command line.
// Bad input prints one line to stderr and exits 2 (usage error); never a stack trace.
import type { Command, CommanderError } from 'commander';
import { DateTime } from 'luxon';
import { CALENDAR_LIMITS, CALENDAR_PRESET_NAMES, DATE_YEAR_MAX, DATE_YEAR_MIN } from '@kefu/shared';
import { AppError, invalid } from '../../lib/app-error.js';
import { addBusinessMinutes, formatInCalendarZone, yearsMissingHolidayData } from './business-calendar.js';
import { resolveCalendar } from './calendar-file.js';
import { CHINESE_HOLIDAY_SOURCE } from './chinese-holidays.js';

const EXIT_BAD_INPUT = 2;

interface DueOptions {
  calendar: string;
  start: string;
  minutes: string;
  json?: boolean;
}

function parseMinutes(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw invalid(`--minutes: "${value}" is not a whole number of minutes ≥ 0`);
  const minutes = Number(value.trim());
  if (minutes > CALENDAR_LIMITS.minutesMax) throw invalid(`--minutes: at most ${CALENDAR_LIMITS.minutesMax}`);
  return minutes;
}

/** ISO 8601; a start without an offset ("2026-09-30T17:00") is read as wall-clock time in the calendar's zone. */
function parseStart(value: string, timeZone: string): Date {
  const parsed = DateTime.fromISO(value.trim(), { zone: timeZone });
  if (!parsed.isValid) throw invalid(`--start: "${value}" is not an ISO 8601 date-time (e.g. 2026-09-30T17:00:00+08:00)`);
  if (parsed.year < DATE_YEAR_MIN || parsed.year > DATE_YEAR_MAX) throw invalid(`--start: year must be ${DATE_YEAR_MIN}–${DATE_YEAR_MAX}`);
  return parsed.toJSDate();
}

async function printDue(options: DueOptions): Promise<void> {
  const minutes = parseMinutes(options.minutes);
  const calendar = await resolveCalendar(options.calendar);
  const start = parseStart(options.start, calendar.timeZone);
  const due = addBusinessMinutes(calendar, start, minutes);
  const dueText = formatInCalendarZone(calendar, due);
  const missing = yearsMissingHolidayData(calendar, start, due);
  if (missing.length > 0) {
    console.error(
      `warning: ${CHINESE_HOLIDAY_SOURCE.package} ${CHINESE_HOLIDAY_SOURCE.version} has no State Council holiday arrangement for ` +
        `${missing.join(', ')}: only the statutory days set by law are closed, the notice's other days off and adjusted ` +
        `working days (调休) are not known — add them as extraClosedDates / extraOpenDates or update the package`,
    );
  }
  if (options.json) {
    process.stdout.write(`{"due": ${JSON.stringify(dueText)}}\n`);
  } else {
    console.log(
      `due ${dueText}: ${minutes} business minutes after ${formatInCalendarZone(calendar, start)} on calendar ${calendar.name} (${calendar.timeZone})`,
    );
  }
}

/** Commander's own usage errors (missing or unknown options) also exit 2; help and version exit 0. */
function exitOnUsageError(error: CommanderError): never {
  process.exit(error.exitCode === 0 ? 0 : EXIT_BAD_INPUT);
}

export function registerCalendarCommand(program: Command): void {
  const calendar = program
    .command('calendar')
    .description('business calendars: service hours, Chinese holidays and adjusted working days (调休)')
    .exitOverride(exitOnUsageError);
  calendar
    .command('due')
    .description('the due time: a start plus N minutes of service hours on a calendar')
    .requiredOption('--calendar <preset|file.json>', `a preset (${CALENDAR_PRESET_NAMES.join(', ')}) or a calendar JSON file`)
    .requiredOption('--start <iso>', "start, ISO 8601 such as 2026-09-30T17:00:00+08:00 (without an offset: the calendar's zone)")
    .requiredOption('--minutes <n>', 'business minutes to add, a whole number ≥ 0')
    .option('--json', 'print only {"due": "<ISO 8601 with the calendar zone\'s offset>"}')
    .exitOverride(exitOnUsageError)
    .action(async (options: DueOptions) => {
      try {
        await printDue(options);
      } catch (error) {
        if (error instanceof AppError && error.code === 'VALIDATION') {
          console.error(`error: ${String(error.params.detail)}`);
          process.exitCode = EXIT_BAD_INPUT;
          return;
        }
        console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
      }
    });
}
