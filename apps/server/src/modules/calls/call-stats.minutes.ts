import { sql, type Kysely } from 'kysely';
import { CALL_STATS_DEFAULTS } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { ClassRow } from './call-metrics.js';
import { CALL_FILTER, classOf, SUMS, type RollupLimits } from './call-stats.repo.js';

/**
 * Per-minute rollups of the calls (migration 0017) for the wallboard's last 15/30/60 minutes: the same sums per class
 * as the day rollups, at the default threshold and short-abandon limit, by the minute the call started in (UTC
 * minutes). Triggers on calls log every minute a statement touched (call_stats_minutes_dirty) in the writer's own
 * transaction; refreshMinuteRollups recomputes those minutes from the calls. Any process may refresh: an advisory
 * lock makes one refresh per tenant at a time, and a refresh deletes only the log rows its snapshot sees, whose
 * changes its later snapshot sees too — a change committed meanwhile keeps its log row for the next refresh.
 */

const MINUTE_MS = 60_000;
/** How far back the rollups are kept (the longest wallboard window). */
export const MINUTE_ROLLUP_SPAN_MINUTES = 60;
export const MINUTE_ROLLUP_LIMITS: RollupLimits = { thresholdSeconds: CALL_STATS_DEFAULTS.thresholdSeconds, shortAbandonSeconds: CALL_STATS_DEFAULTS.shortAbandonSeconds };

// pg_advisory_xact_lock(MINUTES_LOCK, tenant): one refresh per tenant at a time, across server processes.
const MINUTES_LOCK = 440_202;
const ORIGIN = '2000-01-01T00:00:00Z';

export const floorMinute = (at: Date) => new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);
export const ceilMinute = (at: Date) => new Date(Math.ceil(at.getTime() / MINUTE_MS) * MINUTE_MS);

const MINUTE_OF_CALL = sql`date_bin('1 minute', c.started_at, ${ORIGIN}::timestamptz)`;
const CLASS = classOf(MINUTE_ROLLUP_LIMITS.thresholdSeconds, MINUTE_ROLLUP_LIMITS.shortAbandonSeconds);

/** Recomputes the rollups of the minutes in [from, to) (to null: all later ones) from the calls. */
async function recompute(db: Kysely<DB>, tenantId: number, from: Date, to: Date | null): Promise<void> {
  await sql`delete from call_stats_minutes where tenant_id = ${tenantId} and minute >= ${from} ${to ? sql`and minute < ${to}` : sql``}`.execute(db);
  // Constant bounds, so that the planner reads the range from the index calls_started.
  await sql`
    insert into call_stats_minutes (tenant_id, minute, class, n, talked, wait_sum, wait_max, talk_sum, hold_sum, acw_sum, busy_sum)
    select ${tenantId}, ${MINUTE_OF_CALL}, ${CLASS}, ${SUMS}
    from calls c
    where c.tenant_id = ${tenantId} and c.started_at >= ${from} ${to ? sql`and c.started_at < ${to}` : sql``} and ${CALL_FILTER}
    group by 2, 3`.execute(db);
}

/** Minutes (sorted, distinct) as runs of consecutive minutes [from, to). */
export function minuteRuns(minutes: readonly Date[]): Array<{ from: Date; to: Date }> {
  const runs: Array<{ from: Date; to: Date }> = [];
  for (const m of [...minutes].sort((a, b) => a.getTime() - b.getTime())) {
    const last = runs.at(-1);
    if (last && m.getTime() <= last.to.getTime()) last.to = new Date(Math.max(last.to.getTime(), m.getTime() + MINUTE_MS));
    else runs.push({ from: m, to: new Date(m.getTime() + MINUTE_MS) });
  }
  return runs;
}

/**
 * Brings the minute rollups up to date for a wallboard at `at`: the logged minutes are recomputed, minutes before the
 * last hour dropped, and if the kept span does not reach back an hour (first use, or a clock set back) the missing
 * minutes are built from the calls.
 */
export async function refreshMinuteRollups(db: Kysely<DB>, tenantId: number, at: Date): Promise<void> {
  const need = floorMinute(new Date(at.getTime() - MINUTE_ROLLUP_SPAN_MINUTES * MINUTE_MS));
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MINUTES_LOCK}, ${tenantId})`.execute(trx);
    // The kept span and the logged minutes (epoch ms) in one round trip.
    const { rows: [found] } = await sql<{ covered_from: Date | null; minutes: number[] }>`
      with d as (delete from call_stats_minutes_dirty where tenant_id = ${tenantId} returning minute)
      select (select covered_from from call_stats_minutes_state where tenant_id = ${tenantId}) as covered_from,
        coalesce(array_agg(distinct extract(epoch from d.minute)::float8 * 1000), '{}') as minutes
      from d`.execute(trx);
    const before = found?.covered_from ? new Date(found.covered_from) : null;
    let coveredFrom = before;
    let rebuiltUntil: Date | null = null;
    if (coveredFrom === null || need < coveredFrom) {
      await recompute(trx, tenantId, need, coveredFrom);
      rebuiltUntil = coveredFrom ?? new Date(8.64e15);
      coveredFrom = need;
    }
    const minutes = new Map<number, Date>();
    for (const ms of found?.minutes ?? []) {
      const m = new Date(Number(ms));
      if (m >= coveredFrom && !(rebuiltUntil && m < rebuiltUntil)) minutes.set(m.getTime(), m);
    }
    for (const run of minuteRuns([...minutes.values()])) await recompute(trx, tenantId, run.from, run.to);
    if (coveredFrom < need) {
      await sql`delete from call_stats_minutes where tenant_id = ${tenantId} and minute < ${need}`.execute(trx);
      coveredFrom = need;
    }
    if (before === null || before.getTime() !== coveredFrom.getTime()) {
      await sql`
        insert into call_stats_minutes_state (tenant_id, covered_from, refreshed_at) values (${tenantId}, ${coveredFrom}, now())
        on conflict (tenant_id) do update set covered_from = excluded.covered_from, refreshed_at = excluded.refreshed_at`.execute(trx);
    }
  });
}

/** The rollup rows of the whole minutes in [from, to) (minute boundaries, within the last hour), keyed by minute (ISO). */
export async function minuteClassRows(db: Kysely<DB>, tenantId: number, from: Date, to: Date): Promise<ClassRow[]> {
  if (to <= from) return [];
  const rows = await sql<ClassRow & { minute: Date }>`
    select r.minute, r.class, r.n, r.talked, r.wait_sum::float8 as wait_sum, r.wait_max, r.talk_sum::float8 as talk_sum, r.hold_sum::float8 as hold_sum,
      r.acw_sum::float8 as acw_sum, r.busy_sum::float8 as busy_sum
    from call_stats_minutes r
    where r.tenant_id = ${tenantId} and r.minute >= ${from} and r.minute < ${to}`.execute(db);
  return rows.rows.map(({ minute, ...r }) => Object.assign(r, { key: new Date(minute).toISOString() }));
}

/** Sums per class of the calls that started in each range (the parts of minutes at a window's edges), keyed by index. */
export async function rangeClassRows(db: Kysely<DB>, tenantId: number, ranges: ReadonlyArray<{ from: Date; to: Date }>): Promise<ClassRow[]> {
  const kept = ranges.map((r, i) => Object.assign({}, r, { i })).filter((r) => r.to > r.from);
  if (kept.length === 0) return [];
  // One index range scan per range (constant bounds); ranges may overlap.
  const parts = kept.map((r) => sql`
    select ${String(r.i)}::text as key, ${CLASS} as class, ${SUMS}
    from calls c
    where c.tenant_id = ${tenantId} and c.started_at >= ${r.from} and c.started_at < ${r.to} and ${CALL_FILTER}
    group by 2`);
  return (await sql<ClassRow>`${sql.join(parts, sql` union all `)}`.execute(db)).rows;
}
