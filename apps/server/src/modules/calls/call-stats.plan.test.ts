import { describe, expect, it } from 'vitest';
import { foldClassRows } from './call-metrics.js';
import { resplitClassRows, type HistogramClassRow } from './call-stats.histogram.js';
import { minuteRuns } from './call-stats.minutes.js';
import { planPeriod, rollupFor } from './call-stats.service.js';

const d = (iso: string) => new Date(iso);

describe('planPeriod', () => {
  const tz = 'Asia/Shanghai';
  const now = d('2026-11-23T12:00:00+08:00');

  it('reads whole closed days from rollups and scans the rest', () => {
    const plan = planPeriod(d('2026-11-19T12:00:00+08:00'), d('2026-11-23T12:00:00+08:00'), tz, now);
    expect(plan.days.map((x) => x.day)).toEqual(['2026-11-20', '2026-11-21', '2026-11-22']);
    expect(plan.days[0]!.startsAt.toISOString()).toBe('2026-11-19T16:00:00.000Z');
    expect(plan.raw.map((r) => [r.from.toISOString(), r.to.toISOString()])).toEqual([
      ['2026-11-19T04:00:00.000Z', '2026-11-19T16:00:00.000Z'],
      ['2026-11-22T16:00:00.000Z', '2026-11-23T04:00:00.000Z'],
    ]);
  });

  it('waits two hours after midnight before a day counts as closed', () => {
    expect(planPeriod(d('2026-11-22T00:00:00+08:00'), d('2026-11-23T00:00:00+08:00'), tz, d('2026-11-23T01:59:00+08:00')).days).toEqual([]);
    expect(planPeriod(d('2026-11-22T00:00:00+08:00'), d('2026-11-23T00:00:00+08:00'), tz, d('2026-11-23T02:00:00+08:00')).days).toHaveLength(1);
  });

  it('scans everything when no whole closed day is inside', () => {
    const from = d('2026-11-23T08:00:00+08:00');
    const to = d('2026-11-23T09:00:00+08:00');
    expect(planPeriod(from, to, tz, now)).toEqual({ days: [], raw: [{ from, to }] });
  });
});

describe('rollupFor', () => {
  it('answers by quarter hour and queue without agent filters, by day and agent otherwise, and scans what neither holds', () => {
    expect(rollupFor({})).toBe('intervals');
    expect(rollupFor({ groupBy: 'interval30', queue: 'q' })).toBe('intervals');
    expect(rollupFor({ groupBy: 'agent' })).toBe('agents');
    expect(rollupFor({ teamId: 3, groupBy: 'day' })).toBe('agents');
    expect(rollupFor({ agentId: 3, groupBy: 'interval15' })).toBeNull();
    expect(rollupFor({ queue: 'q', groupBy: 'team' })).toBeNull();
  });
});

describe('resplitClassRows', () => {
  const row = (key: string, cls: number, n: number, extra: Partial<HistogramClassRow> = {}): HistogramClassRow => ({
    key, class: cls, n, talked: 0, wait_sum: 0, wait_max: null, talk_sum: 0, hold_sum: 0, acw_sum: 0, busy_sum: 0, ...extra,
  });

  it('moves answered calls between within and after the threshold, keeping every sum', () => {
    // Built at 15 s: 3 calls within (waits up to 12), 2 after (up to 40); asked 20 s: 4 within.
    const rows = [
      row('a', 3, 3, { talked: 3, wait_sum: 20, wait_max: 12, talk_sum: 300, busy_sum: 330, within_threshold: 3 }),
      row('a', 4, 2, { talked: 1, wait_sum: 58, wait_max: 40, talk_sum: 100, busy_sum: 100, within_threshold: 1 }),
      row('a', 1, 5, { busy_sum: 50 }),
    ];
    const counts = foldClassRows(resplitClassRows(rows, 5)).get('a')!;
    expect(counts).toMatchObject({ answered: 5, answeredWithinThreshold: 4, offered: 5, waitSum: 78, longestWait: 40, handled: 4, talkSum: 400, busySeconds: 480, outbound: 5 });
  });

  it('moves abandons between short and counted; the longest wait counts only if it is not short', () => {
    const rows = [row('a', 5, 2, { wait_max: 4, short_abandons: 2 }), row('a', 6, 1, { wait_max: 7, short_abandons: 1 })];
    expect(foldClassRows(resplitClassRows(rows, 8)).get('a')).toMatchObject({ shortAbandoned: 3, abandoned: 0, offered: 0, longestWait: null });
    const lower = [row('a', 5, 2, { wait_max: 4, short_abandons: 1 }), row('a', 6, 1, { wait_max: 7, short_abandons: 0 })];
    expect(foldClassRows(resplitClassRows(lower, 2)).get('a')).toMatchObject({ shortAbandoned: 1, abandoned: 2, offered: 2, longestWait: 7 });
  });
});

describe('minuteRuns', () => {
  it('recomputes changed minutes as runs of consecutive minutes', () => {
    const m = (hhmm: string) => d(`2026-11-23T${hhmm}:00Z`);
    const runs = minuteRuns([m('10:05'), m('10:03'), m('10:04'), m('10:04'), m('09:00'), m('10:07')]);
    expect(runs.map((r) => [r.from.toISOString().slice(11, 16), r.to.toISOString().slice(11, 16)])).toEqual([['09:00', '09:01'], ['10:03', '10:06'], ['10:07', '10:08']]);
    expect(minuteRuns([])).toEqual([]);
  });
});
