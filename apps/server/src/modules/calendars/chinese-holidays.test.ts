import chineseDaysFunctions from 'chinese-days';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  CHINESE_HOLIDAY_SOURCE,
  chineseDayKind,
  chineseDayName,
  dayNumberOfIsoDate,
  isChineseHolidayYearCovered,
  isoDateOfDayNumber,
  statutoryHolidaysByLaw,
} from './chinese-holidays.js';

// The cross-checks call chinese-days' own functions, which are only right on a host at or east of UTC (they read
// UTC-parsed dates with local getters); our code reads the package's JSON table and works anywhere. So this file
// runs in China's zone, set before any import; the other calendar tests run in whatever zone the host has.
const hostZone = vi.hoisted(() => {
  const previous = process.env.TZ;
  process.env.TZ = 'Asia/Shanghai';
  return previous;
});
afterAll(() => {
  if (hostZone === undefined) delete process.env.TZ;
  else process.env.TZ = hostZone;
});

function datesFrom(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let day = dayNumberOfIsoDate(first); day <= dayNumberOfIsoDate(last); day++) dates.push(isoDateOfDayNumber(day));
  return dates;
}

/**
 * 国务院办公厅关于2026年部分节假日安排的通知 (https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm):
 *   元旦 1月1日至3日放假调休，共3天；1月4日（周日）上班。
 *   春节 2月15日至23日放假调休，共9天；2月14日（周六）、2月28日（周六）上班。
 *   清明节 4月4日至6日放假，共3天。
 *   劳动节 5月1日至5日放假调休，共5天；5月9日（周六）上班。
 *   端午节 6月19日至21日放假，共3天。
 *   中秋节 9月25日至27日放假，共3天。
 *   国庆节 10月1日至7日放假调休，共7天；9月20日（周日）、10月10日（周六）上班。
 */
const NOTICE_2026 = {
  daysOff: [
    ...datesFrom('2026-01-01', '2026-01-03'),
    ...datesFrom('2026-02-15', '2026-02-23'),
    ...datesFrom('2026-04-04', '2026-04-06'),
    ...datesFrom('2026-05-01', '2026-05-05'),
    ...datesFrom('2026-06-19', '2026-06-21'),
    ...datesFrom('2026-09-25', '2026-09-27'),
    ...datesFrom('2026-10-01', '2026-10-07'),
  ],
  adjustedWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

describe('Chinese holiday data (chinese-days)', () => {
  it('holds exactly the 2026 notice: 33 days off and 6 adjusted working days, nothing else', () => {
    expect(NOTICE_2026.daysOff).toHaveLength(33);
    const off = new Set(NOTICE_2026.daysOff);
    const work = new Set(NOTICE_2026.adjustedWorkdays);
    for (const date of datesFrom('2026-01-01', '2026-12-31')) {
      const expected = off.has(date) ? 'holiday' : work.has(date) ? 'adjusted_workday' : null;
      expect([date, chineseDayKind(dayNumberOfIsoDate(date))]).toEqual([date, expected]);
    }
  });

  it('adjusted working days of 2026 are all Saturdays or Sundays', () => {
    const weekdays = NOTICE_2026.adjustedWorkdays.map((date) => new Date(`${date}T00:00:00Z`).getUTCDay());
    expect(weekdays).toEqual([0, 6, 6, 6, 0, 6]);
  });

  it("agrees with the package's own isWorkday for every day of 2024–2026, weekends included", () => {
    for (const date of datesFrom('2024-01-01', '2026-12-31')) {
      const day = dayNumberOfIsoDate(date);
      const weekend = [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
      const kind = chineseDayKind(day);
      const working = kind === 'adjusted_workday' || (kind === null && !weekend);
      expect([date, working]).toEqual([date, chineseDaysFunctions.isWorkday(date)]);
      expect([date, chineseDaysFunctions.isHoliday(date)]).toEqual([date, !working]);
    }
  });

  it('names the holiday a day belongs to', () => {
    expect(chineseDayName(dayNumberOfIsoDate('2026-10-05'))).toBe('国庆节');
    expect(chineseDayName(dayNumberOfIsoDate('2026-09-20'))).toBe('国庆节');
    expect(chineseDayName(dayNumberOfIsoDate('2026-02-17'))).toBe('春节');
    expect(chineseDayName(dayNumberOfIsoDate('2026-03-10'))).toBeNull();
  });

  // A tripwire: when this fails, the package has the 2027 notice — replace the by-law expectations of the
  // 春节 2027 tests (here and in business-calendar.test.ts) with the notice's dates.
  it('covers 2004–2026 in chinese-days 1.5.7; the 2027 arrangement is not in the package yet', () => {
    expect(CHINESE_HOLIDAY_SOURCE).toEqual({ package: 'chinese-days', version: '1.5.7', firstYear: 2004, lastYear: 2026 });
    expect(isChineseHolidayYearCovered(2004)).toBe(true);
    expect(isChineseHolidayYearCovered(2026)).toBe(true);
    expect(isChineseHolidayYearCovered(2027)).toBe(false);
    expect(isChineseHolidayYearCovered(2003)).toBe(false);
  });

  it('derives the statutory days by law (2025 revision) that the 2025 and 2026 notices all contain', () => {
    for (const year of [2025, 2026]) {
      const byLaw = statutoryHolidaysByLaw(year)!;
      expect(byLaw.size).toBe(13);
      for (const [day, name] of byLaw) {
        expect([isoDateOfDayNumber(day), chineseDayKind(day), chineseDayName(day)]).toEqual([isoDateOfDayNumber(day), 'holiday', name]);
      }
    }
    // Before the 2025 revision the law had 11 days: nothing is derived for those years.
    expect(statutoryHolidaysByLaw(2024)).toBeNull();
  });

  it('2027 by law: 元旦, 春节 除夕–初三 (lunar new year 2027-02-06), 清明, 劳动节, 端午, 中秋, 国庆', () => {
    const byLaw = [...statutoryHolidaysByLaw(2027)!].map(([day, name]) => `${isoDateOfDayNumber(day)} ${name}`);
    expect(byLaw).toEqual([
      '2027-01-01 元旦',
      '2027-02-05 春节',
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-04-05 清明',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-06-09 端午',
      '2027-09-15 中秋',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ]);
    expect(chineseDayKind(dayNumberOfIsoDate('2027-02-05'))).toBe('holiday');
    expect(chineseDayKind(dayNumberOfIsoDate('2027-02-09'))).toBeNull();
    expect(chineseDaysFunctions.getSolarDateFromLunar('2027-01-01').date).toBe('2027-02-06');
  });
});
