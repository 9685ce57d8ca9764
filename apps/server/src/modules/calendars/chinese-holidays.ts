// Chinese statutory holidays and adjusted working days (调休) from the maintained `chinese-days` package.
// Its dist/chinese-days.json (documented in its README) is the very table its isHoliday/isWorkday functions read,
// transcribed from the State Council's yearly notices (国务院办公厅关于…年部分节假日安排的通知); reading the table
// once gives us day lookups by number and tells which years the package covers. No date is typed in here.
//
// A year the package does not cover yet (the notice comes out around November of the year before) still has its
// statutory days fixed by law; they are derived with the package's own lunar calendar and solar terms, so a
// calendar closed on holidays is at least closed on those. That year's extra days off and adjusted working
// days stay unknown until the package is updated: `isChineseHolidayYearCovered` tells, and the CLI warns.
import chineseDaysFunctions from 'chinese-days';
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import chineseDaysPackage from 'chinese-days/package.json' with { type: 'json' };

const DAY_MS = 86_400_000;

/** `holiday`: a day off in the notice (statutory or 调休 rest day); `adjusted_workday`: a weekend day made a working day. */
export type ChineseDayKind = 'holiday' | 'adjusted_workday';

interface ChineseDaysTable {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const table = chineseDays as ChineseDaysTable;
const kindsByDay = new Map<number, ChineseDayKind>();
const namesByDay = new Map<number, string>();
const coveredYears = new Set<number>();

/** Days since 1970-01-01 of a "YYYY-MM-DD" date (the calendar date itself, no time zone involved). */
export function dayNumberOfIsoDate(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** "YYYY-MM-DD" of a day number. */
export function isoDateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

for (const [kind, entries] of [
  ['holiday', table.holidays],
  ['adjusted_workday', table.workdays],
] as const) {
  for (const [date, label] of Object.entries(entries)) {
    const day = dayNumberOfIsoDate(date);
    kindsByDay.set(day, kind);
    // Labels read "National Day,国庆节,3": English, Chinese, then the package's own counter.
    namesByDay.set(day, label.split(',')[1] ?? label);
    coveredYears.add(Number(date.slice(0, 4)));
  }
}

const years = [...coveredYears].sort((a, b) => a - b);

/** Where the holiday data comes from and which years it knows. */
export const CHINESE_HOLIDAY_SOURCE = {
  package: 'chinese-days',
  version: chineseDaysPackage.version,
  firstYear: years[0] ?? 0,
  lastYear: years.at(-1) ?? 0,
} as const;

/**
 * 《全国年节及纪念日放假办法》 as revised by 国务院令第795号 (2024-11-10), in force since 2025, art. 2: 元旦 1 day,
 * 春节 4 days (农历除夕、正月初一至初三), 清明 1 day (the 清明 solar term), 劳动节 2 days (5月1日、2日),
 * 端午 1 day (农历端午当日), 中秋 1 day (农历中秋当日), 国庆 3 days (10月1日至3日).
 */
const LAW_OF_2025_FIRST_YEAR = 2025;
/** The package's lunar tables end in 2100. */
const LUNAR_TABLE_LAST_YEAR = 2100;
const derivedYears = new Map<number, Map<number, string>>();

// chinese-days 1.5.7 parses "YYYY-MM-DD" as UTC midnight but reads and writes dates with local-time getters: on a
// host west of UTC its functions are a day off (its JSON table, built on the author's machine, is not). So a lunar
// date goes in as a local Date, which it reads consistently, and a solar-term date string is mapped back through
// the package's own parse-and-format round trip (the identity where the host is east of UTC or on it).
function lunarToSolarDay(year: number, month: number, day: number): number {
  return dayNumberOfIsoDate(chineseDaysFunctions.getSolarDateFromLunar(new Date(year, month - 1, day)).date);
}

function pureBrightnessDay(year: number): number {
  const text = chineseDaysFunctions.getSolarTermDate(year, 4, 'pure_brightness');
  const shown = dayNumberOfIsoDate(text);
  for (const candidate of [shown, shown + 1, shown - 1]) {
    if (chineseDaysFunctions.getDayDetail(isoDateOfDayNumber(candidate)).date === text) return candidate;
  }
  return shown;
}

function statutoryDaysByLaw(year: number): Map<number, string> {
  const date = (month: number, day: number) => Date.UTC(year, month - 1, day) / DAY_MS;
  const newYear = lunarToSolarDay(year, 1, 1);
  return new Map([
    [date(1, 1), '元旦'],
    [newYear - 1, '春节'],
    [newYear, '春节'],
    [newYear + 1, '春节'],
    [newYear + 2, '春节'],
    [pureBrightnessDay(year), '清明'],
    [date(5, 1), '劳动节'],
    [date(5, 2), '劳动节'],
    [lunarToSolarDay(year, 5, 5), '端午'],
    [lunarToSolarDay(year, 8, 15), '中秋'],
    [date(10, 1), '国庆节'],
    [date(10, 2), '国庆节'],
    [date(10, 3), '国庆节'],
  ]);
}

/** Statutory days of a year the package does not cover, by law; null for years before the law or past the lunar tables. */
export function statutoryHolidaysByLaw(year: number): ReadonlyMap<number, string> | null {
  if (year < LAW_OF_2025_FIRST_YEAR || year > LUNAR_TABLE_LAST_YEAR) return null;
  let days = derivedYears.get(year);
  if (!days) {
    days = statutoryDaysByLaw(year);
    derivedYears.set(year, days);
  }
  return days;
}

function uncoveredYearDay(day: number): { kind: ChineseDayKind; name: string } | null {
  const year = new Date(day * DAY_MS).getUTCFullYear();
  if (year <= CHINESE_HOLIDAY_SOURCE.lastYear) return null;
  const name = statutoryHolidaysByLaw(year)?.get(day);
  return name ? { kind: 'holiday', name } : null;
}

/** Whether the package has the State Council's arrangement for `year` (each year since 2004 has at least 元旦 and 国庆). */
export function isChineseHolidayYearCovered(year: number): boolean {
  return coveredYears.has(year);
}

/**
 * The kind of a day by its number (days since 1970-01-01), or null for an ordinary weekday or weekend day. For a
 * year after the package's last one, only the statutory days by law are known (as holidays).
 */
export function chineseDayKind(day: number): ChineseDayKind | null {
  return kindsByDay.get(day) ?? uncoveredYearDay(day)?.kind ?? null;
}

/** The holiday's Chinese name (国庆节, 春节 …) for a holiday or adjusted working day, else null. */
export function chineseDayName(day: number): string | null {
  return namesByDay.get(day) ?? uncoveredYearDay(day)?.name ?? null;
}
