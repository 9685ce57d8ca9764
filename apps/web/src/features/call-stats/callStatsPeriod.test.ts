import { describe, expect, it } from 'vitest';
import { presetRange, rangeDays, rangeToQuery, todayIn } from './callStatsPeriod';

// 2026-11-23 00:30 in Shanghai is still the 22nd in UTC (and in a browser set to London).
const at = new Date('2026-11-22T16:30:00Z');
const zone = 'Asia/Shanghai';

describe('call statistics periods', () => {
  it('takes today from the center\u2019s time zone, not the browser\u2019s', () => {
    expect(todayIn(zone, at)).toBe('2026-11-23');
    expect(todayIn('UTC', at)).toBe('2026-11-22');
  });

  it('computes the presets in the center\u2019s calendar, weeks from Monday', () => {
    expect(presetRange('today', zone, at)).toEqual({ first: '2026-11-23', last: '2026-11-23' });
    expect(presetRange('yesterday', zone, at)).toEqual({ first: '2026-11-22', last: '2026-11-22' });
    // the 23rd is a Monday; the 29th a Sunday still belongs to that week
    expect(presetRange('thisWeek', zone, at)).toEqual({ first: '2026-11-23', last: '2026-11-23' });
    expect(presetRange('thisWeek', zone, new Date('2026-11-29T10:00:00+08:00'))).toEqual({ first: '2026-11-23', last: '2026-11-29' });
    expect(presetRange('thisMonth', zone, at)).toEqual({ first: '2026-11-01', last: '2026-11-23' });
    expect(presetRange('lastMonth', zone, at)).toEqual({ first: '2026-10-01', last: '2026-10-31' });
    expect(presetRange('lastMonth', zone, new Date('2026-03-10T10:00:00+08:00'))).toEqual({ first: '2026-02-01', last: '2026-02-28' });
  });

  it('turns whole local days into the API\u2019s [from, to) instants', () => {
    expect(rangeToQuery({ first: '2026-11-01', last: '2026-11-23' }, zone)).toEqual({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-23T16:00:00.000Z' });
    expect(rangeDays({ first: '2026-11-01', last: '2026-11-23' })).toBe(23);
  });
});
