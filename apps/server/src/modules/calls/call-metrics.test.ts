import { describe, expect, it } from 'vitest';
import { addCounts, computeCallMetrics, EMPTY_COUNTS, foldClassRows, type CallCounts, type ClassRow } from './call-metrics.js';

const counts = (c: Partial<CallCounts>): CallCounts => ({ ...EMPTY_COUNTS, ...c });

describe('computeCallMetrics', () => {
  it('derives every rate and average from the counts', () => {
    const m = computeCallMetrics(counts({
      offered: 200, answered: 180, abandoned: 15, shortAbandoned: 4, answeredWithinThreshold: 170, waitSum: 1800, longestWait: 95,
      handled: 175, talkSum: 35_000, holdSum: 1_750, acwSum: 3_500, outbound: 30, outboundConnected: 21, busySeconds: 40_250, staffedSeconds: 50_000,
    }));
    expect(m).toEqual({
      offered: 200, answered: 180, abandoned: 15, shortAbandoned: 4, answeredWithinThreshold: 170,
      connectRate: 0.9, serviceLevel: 0.85, abandonRate: 0.075, asa: 10, aht: 230, avgTalk: 200, avgHold: 10, avgAcw: 20,
      longestWait: 95, occupancy: 0.805, outbound: 30, outboundConnected: 21,
    });
  });

  it('keeps abandons in the service-level denominator', () => {
    // 10 offered: 8 answered in time, 2 abandoned. Dropping abandons would claim 100 %.
    expect(computeCallMetrics(counts({ offered: 10, answered: 8, abandoned: 2, answeredWithinThreshold: 8 })).serviceLevel).toBe(0.8);
  });

  it('answers null, not zero or NaN, where a figure has no basis', () => {
    const m = computeCallMetrics(EMPTY_COUNTS);
    expect(m).toMatchObject({ connectRate: null, serviceLevel: null, abandonRate: null, asa: null, aht: null, avgTalk: null, occupancy: null, longestWait: null });
    expect(computeCallMetrics(counts({ offered: 3, staffedSeconds: 0 })).occupancy).toBeNull();
    expect(computeCallMetrics(counts({ offered: 3, staffedSeconds: 600 })).occupancy).toBe(0);
  });

  it('rounds rates to four places and times to a tenth of a second, and caps occupancy at 1', () => {
    const m = computeCallMetrics(counts({ offered: 3, answered: 2, answeredWithinThreshold: 1, waitSum: 7, handled: 3, talkSum: 100, busySeconds: 900, staffedSeconds: 600 }));
    expect(m).toMatchObject({ connectRate: 0.6667, serviceLevel: 0.3333, asa: 3.5, aht: 33.3, occupancy: 1 });
  });
});

describe('addCounts', () => {
  it('sums groups into totals, keeping the longest wait and "no ready time" apart from zero', () => {
    const a = counts({ offered: 2, answered: 1, longestWait: 30, staffedSeconds: null });
    const b = counts({ offered: 3, answered: 3, longestWait: 12, staffedSeconds: 100 });
    expect(addCounts(a, b)).toMatchObject({ offered: 5, answered: 4, longestWait: 30, staffedSeconds: 100 });
    expect(addCounts(a, a).staffedSeconds).toBeNull();
    expect(addCounts(EMPTY_COUNTS, b).longestWait).toBe(12);
  });
});

describe('foldClassRows', () => {
  const row = (key: string, cls: number, n: number, extra: Partial<ClassRow> = {}): ClassRow => ({
    key, class: cls, n, talked: 0, wait_sum: 0, wait_max: null, talk_sum: 0, hold_sum: 0, acw_sum: 0, busy_sum: 0, ...extra,
  });

  it('turns the classes of each group into counts', () => {
    const folded = foldClassRows([
      row('q1', 3, 8, { talked: 7, wait_sum: 40, wait_max: 14, talk_sum: 700, hold_sum: 30, acw_sum: 70, busy_sum: 800 }),
      row('q1', 4, 2, { talked: 2, wait_sum: 90, wait_max: 60, talk_sum: 200, busy_sum: 200 }),
      row('q1', 5, 3, { wait_max: 4 }),
      row('q1', 6, 1, { wait_max: 75 }),
      row('q1', 7, 1, { wait_max: 1 }),
      row('q1', 1, 4, { busy_sum: 400 }),
      row('q1', 2, 2),
      row('q1', 0, 9),
      row('q2', 6, 1, { wait_max: 20 }),
    ]);
    expect(folded.get('q1')).toEqual({
      ...EMPTY_COUNTS, offered: 12, answered: 10, answeredWithinThreshold: 8, abandoned: 1, shortAbandoned: 3, waitSum: 130, longestWait: 75,
      handled: 9, talkSum: 900, holdSum: 30, acwSum: 70, outbound: 6, outboundConnected: 4, busySeconds: 1400,
    });
    expect(folded.get('q2')).toMatchObject({ offered: 1, abandoned: 1, answered: 0, longestWait: 20 });
  });
});
