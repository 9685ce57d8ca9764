import type { Kysely } from 'kysely';
import type { CallMetrics } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { computeCallMetrics, EMPTY_COUNTS, foldClassRows, type ClassRow } from '../calls/call-metrics.js';
import {
  ceilMinute, floorMinute, MINUTE_ROLLUP_SPAN_MINUTES, minuteClassRows, rangeClassRows, refreshMinuteRollups,
} from '../calls/call-stats.minutes.js';
import { aggregateStaffedSeconds } from '../calls/call-stats.repo.js';

/**
 * The wallboard's windows [at − m minutes, at), with exactly the figures of GET /calls/stats over the same period at the
 * default threshold and short-abandon limit (totals, all calls): the whole minutes from the per-minute rollups, the
 * parts of minutes at both edges from the calls (a few seconds of traffic), the agents' ready time as the statistics
 * compute it. One refresh of the rollups, one rollup read and one edge scan serve all windows.
 */
export async function windowMetrics(db: Kysely<DB>, tenantId: number, at: Date, windows: readonly number[]): Promise<Array<{ minutes: number; metrics: CallMetrics }>> {
  if (windows.some((m) => m > MINUTE_ROLLUP_SPAN_MINUTES)) throw new Error(`wallboard windows are at most ${MINUTE_ROLLUP_SPAN_MINUTES} minutes`);
  await refreshMinuteRollups(db, tenantId, at);
  const starts = windows.map((m) => new Date(at.getTime() - m * 60_000));
  const wholeTo = floorMinute(at);
  const wholeFrom = (start: Date) => {
    const first = ceilMinute(start);
    return first > wholeTo ? wholeTo : first;
  };
  const earliest = wholeFrom(starts.reduce((a, b) => (a < b ? a : b)));
  // Edge i < windows.length: [start, first whole minute); the last one: [last whole minute, at), shared by all windows.
  const edges = [...starts.map((start) => ({ from: start, to: wholeFrom(start) })), { from: wholeTo > earliest ? wholeTo : earliest, to: at }];
  const [minutes, edgeRows, staffed] = await Promise.all([
    minuteClassRows(db, tenantId, earliest, wholeTo),
    rangeClassRows(db, tenantId, edges),
    Promise.all(starts.map((from) => aggregateStaffedSeconds(db, {
      // Totals: no time grouping, so neither the zone nor the bucket origin matters.
      tenantId, from, to: at, timezone: 'UTC', origin: new Date(0), thresholdSeconds: 0, shortAbandonSeconds: 0,
    }, at))),
  ]);
  const tail = String(windows.length);
  return windows.map((m, i) => {
    const first = wholeFrom(starts[i]!).toISOString();
    const rows: ClassRow[] = [
      ...minutes.filter((r) => r.key >= first),
      ...edgeRows.filter((r) => r.key === String(i) || r.key === tail),
    ].map((r) => Object.assign({}, r, { key: '0' }));
    const counts = foldClassRows(rows).get('0') ?? EMPTY_COUNTS;
    return { minutes: m, metrics: computeCallMetrics(Object.assign({}, counts, { staffedSeconds: staffed[i]!.get('0') ?? 0 })) };
  });
}
