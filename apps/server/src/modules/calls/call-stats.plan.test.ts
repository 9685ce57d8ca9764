import { describe, expect, it } from 'vitest';
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
  const defaults = { thresholdSeconds: 15, shortAbandonSeconds: 5 };
  it('answers by quarter hour and queue without agent filters, by day and agent otherwise, and scans what neither holds', () => {
    expect(rollupFor({ ...defaults })).toBe('intervals');
    expect(rollupFor({ ...defaults, groupBy: 'interval30', queue: 'q' })).toBe('intervals');
    expect(rollupFor({ ...defaults, groupBy: 'agent' })).toBe('agents');
    expect(rollupFor({ ...defaults, teamId: 3, groupBy: 'day' })).toBe('agents');
    expect(rollupFor({ ...defaults, agentId: 3, groupBy: 'interval15' })).toBeNull();
    expect(rollupFor({ ...defaults, queue: 'q', groupBy: 'team' })).toBeNull();
    expect(rollupFor({ thresholdSeconds: 20, shortAbandonSeconds: 5 })).toBeNull();
  });
});
