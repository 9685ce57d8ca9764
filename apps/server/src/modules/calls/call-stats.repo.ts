import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { CallStatsGroup } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { ClassRow } from './call-metrics.js';
import { resplitClassRows, type HistogramClassRow } from './call-stats.histogram.js';

export interface StatsFilter {
  tenantId: number;
  from: Date;
  to: Date;
  timezone: string;
  /** Midnight of 2000-01-01 in the tenant's zone: the origin of 15/30/60-minute buckets. */
  origin: Date;
  thresholdSeconds: number;
  shortAbandonSeconds: number;
  queue?: string;
  agentId?: number;
  teamId?: number;
  groupBy?: CallStatsGroup;
}

const STEP: Partial<Record<CallStatsGroup, string>> = { interval15: '15 minutes', interval30: '30 minutes', interval60: '60 minutes' };

/** The group of a call (or of a ready interval starting at `at`), raw: a bucket timestamp, a date, an id. */
function rawKey(f: StatsFilter, at: RawBuilder<unknown>, agent: RawBuilder<unknown>): RawBuilder<unknown> {
  switch (f.groupBy) {
    case undefined:
      return sql`0`;
    case 'queue':
      return sql`coalesce(c.queue, '')`;
    case 'agent':
      return agent;
    case 'team':
      return sql`u.team_id`;
    case 'day':
      return sql`(${at} at time zone ${f.timezone})::date`;
    default:
      // Absolute buckets from a local midnight: local quarter hours, also across a daylight-saving change.
      return sql`date_bin(${STEP[f.groupBy]!}::interval, ${at}, ${f.origin}::timestamptz)`;
  }
}

/** The raw key as the API's text key, formatted once per group. */
function keyText(f: StatsFilter, column: RawBuilder<unknown>): RawBuilder<string> {
  if (f.groupBy === 'day') return sql<string>`to_char(${column}, 'YYYY-MM-DD')`;
  if (f.groupBy && STEP[f.groupBy]) return sql<string>`to_char(${column} at time zone ${f.timezone}, 'YYYY-MM-DD HH24:MI')`;
  return sql<string>`${column}::text`;
}

const ABANDONED = sql.raw(`('abandoned_queue', 'abandoned_ringing')`);

/** What a call counts as (see ClassRow in call-metrics), for a threshold and a short-abandon limit. */
export function classOf(thresholdSeconds: number, shortAbandonSeconds: number): RawBuilder<number> {
  return sql<number>`case
    when c.direction = 'out' then (case when c.result = 'answered' then 1 else 2 end)
    when c.direction is null then 0
    when c.result = 'answered' then (case when c.wait_seconds <= ${thresholdSeconds} then 3 else 4 end)
    when c.result in ${ABANDONED} then (case when c.wait_seconds < ${shortAbandonSeconds} then 5 else 6 end)
    else 7 end`;
}

/** The sums of a group of calls, as ClassRow has them. */
export const SUMS = sql`count(*)::int as n,
  count(c.talk_seconds)::int as talked,
  coalesce(sum(c.wait_seconds), 0)::float8 as wait_sum,
  max(c.wait_seconds) as wait_max,
  coalesce(sum(c.talk_seconds), 0)::float8 as talk_sum,
  coalesce(sum(c.hold_seconds) filter (where c.talk_seconds is not null), 0)::float8 as hold_sum,
  coalesce(sum(c.acw_seconds) filter (where c.talk_seconds is not null), 0)::float8 as acw_sum,
  coalesce(sum(c.talk_seconds + coalesce(c.hold_seconds, 0) + coalesce(c.acw_seconds, 0)) filter (where c.agent_id is not null), 0)::float8 as busy_sum`;

export const CALL_FILTER = sql`c.result not in ('ongoing', 'blocked')`;

/** The columns of a rollup row after its key (call_stats_intervals, call_stats_agents). */
const ROLLUP_COLUMNS = sql.raw('n, talked, wait_sum, wait_max, talk_sum, hold_sum, acw_sum, busy_sum, wait_values, wait_cum');
/** The wait a call adds to its row's histogram: answered and abandoned inbound calls (classes 3–6) only. */
const HISTOGRAM_WAIT = sql`case when k.class between 3 and 6 then c.wait_seconds end`;
/**
 * From rows per (group, class, wait) with the running count `cum` to one row per (group, class): the sums, and the
 * histogram as the distinct waits ascending with the number of calls waiting at most that long.
 */
const HISTOGRAM_SUMS = sql`sum(h.n), sum(h.talked), sum(h.wait_sum), max(h.wait_max), sum(h.talk_sum), sum(h.hold_sum), sum(h.acw_sum), sum(h.busy_sum),
  array_agg(h.w order by h.w) filter (where h.w is not null), array_agg(h.cum::int order by h.w) filter (where h.w is not null)`;

/**
 * One pass over the calls of a range (index calls_started, or calls_queue / calls_agent with those filters),
 * grouped by (group, class): the class says what a call counts as (see ClassRow), so each row costs one CASE
 * and a few sums, and the counts follow from the classes (foldClassRows).
 */
export async function aggregateCallClasses(db: Kysely<DB>, f: StatsFilter, range: { from: Date; to: Date }): Promise<ClassRow[]> {
  const needsUsers = f.groupBy === 'team' || f.teamId !== undefined;
  const key = rawKey(f, sql`c.started_at`, sql`c.agent_id`);
  const rows = await sql<ClassRow>`
    select ${keyText(f, sql`g.k`)} as key, g.class, g.n, g.talked, g.wait_sum, g.wait_max, g.talk_sum, g.hold_sum, g.acw_sum, g.busy_sum
    from (
      select ${key} as k,
        ${classOf(f.thresholdSeconds, f.shortAbandonSeconds)} as class, ${SUMS}
      from calls c
      ${needsUsers ? sql`left join users u on u.tenant_id = c.tenant_id and u.id = c.agent_id` : sql``}
      where c.tenant_id = ${f.tenantId} and c.started_at >= ${range.from} and c.started_at < ${range.to} and ${CALL_FILTER}
        ${f.queue !== undefined ? sql`and c.queue = ${f.queue}` : sql``}
        ${f.agentId !== undefined ? sql`and c.agent_id = ${f.agentId}` : sql``}
        ${f.teamId !== undefined ? sql`and u.team_id = ${f.teamId}` : sql``}
        ${f.groupBy === 'agent' ? sql`and c.agent_id is not null` : sql``}
        ${f.groupBy === 'team' ? sql`and u.team_id is not null` : sql``}
      group by 1, 2
    ) g`.execute(db);
  return rows.rows;
}

/**
 * Agents' time in presence "ready" within the period, per group: the closed intervals of agent_state_log and
 * the open one of agent_states (until now), clipped to the period and, for time groupings, to each bucket.
 */
export async function aggregateStaffedSeconds(db: Kysely<DB>, f: StatsFilter, now: Date): Promise<Map<string, number>> {
  const needsUsers = f.groupBy === 'team' || f.teamId !== undefined;
  const intervals = sql`(
      select l.user_id, l.started_at, l.ended_at from agent_state_log l
      where l.tenant_id = ${f.tenantId} and l.state = 'ready' and l.ended_at > ${f.from} and l.started_at < ${f.to}
      union all
      select s.user_id, s.presence_since, greatest(s.presence_since, ${now}::timestamptz) from agent_states s
      where s.tenant_id = ${f.tenantId} and s.presence = 'ready' and s.presence_since < ${f.to}
    ) iv`;
  const where = sql`where ${f.agentId !== undefined ? sql`iv.user_id = ${f.agentId}` : sql`true`}
    ${f.teamId !== undefined ? sql`and u.team_id = ${f.teamId}` : sql``} ${f.groupBy === 'team' ? sql`and u.team_id is not null` : sql``}`;
  const joinUsers = needsUsers ? sql`join users u on u.tenant_id = ${f.tenantId} and u.id = iv.user_id` : sql``;
  // The part of each interval inside the period.
  const clipped = sql`(select iv.user_id, ${needsUsers ? sql`u.team_id` : sql`null::bigint`} as team_id,
      greatest(iv.started_at, ${f.from}::timestamptz) as s, least(iv.ended_at, ${f.to}::timestamptz) as e
      from ${intervals} ${joinUsers} ${where}) x`;
  let rows: Array<{ key: string; seconds: number }>;
  if (f.groupBy === 'day' || (f.groupBy && STEP[f.groupBy])) {
    // Each interval split over the buckets it touches.
    const bucket = f.groupBy === 'day'
      ? { first: sql`(date_trunc('day', x.s at time zone ${f.timezone}) at time zone ${f.timezone})`, step: '1 day', end: sql`((b.t at time zone ${f.timezone} + interval '1 day') at time zone ${f.timezone})` }
      : { first: sql`date_bin(${STEP[f.groupBy]!}::interval, x.s, ${f.origin}::timestamptz)`, step: STEP[f.groupBy]!, end: sql`(b.t + ${STEP[f.groupBy]!}::interval)` };
    const overlap = sql`extract(epoch from (least(x.e, ${bucket.end}) - greatest(x.s, b.t)))`;
    const label = f.groupBy === 'day' ? sql`(g.t at time zone ${f.timezone})::date` : sql`g.t`;
    rows = (await sql<{ key: string; seconds: number }>`
      select ${keyText(f, label)} as key, g.seconds from (
        select b.t, sum(${overlap})::float8 as seconds
        from ${clipped}
        cross join lateral generate_series(${bucket.first}, x.e, ${bucket.step}::interval) as b(t)
        where x.e > x.s and ${overlap} > 0
        group by 1) g`.execute(db)).rows;
  } else {
    const key = f.groupBy === 'agent' ? sql`x.user_id::text` : f.groupBy === 'team' ? sql`x.team_id::text` : sql`'0'`;
    rows = (await sql<{ key: string; seconds: number }>`
      select ${key} as key, sum(extract(epoch from (x.e - x.s)))::float8 as seconds
      from ${clipped} where x.e > x.s group by 1`.execute(db)).rows;
  }
  return new Map(rows.map((r) => [r.key, Number(r.seconds)]));
}

export type RollupSource = 'intervals' | 'agents';

/** The threshold and short-abandon limit the rollups' classes were built with. */
export interface RollupLimits {
  thresholdSeconds: number;
  shortAbandonSeconds: number;
}

/**
 * The same ClassRows as aggregateCallClasses, read from the rollups of built (closed) days. With the limits the
 * rollups were built with, their classes are the answer; with others, each row also counts from its histogram the
 * calls within the threshold (answered, wait ≤ threshold) and the short abandons (wait < shortAbandon), and
 * resplitClassRows moves the calls between classes 3/4 and 5/6 accordingly.
 */
export async function rollupClassRows(db: Kysely<DB>, f: StatsFilter, source: RollupSource, days: string[], builtWith: RollupLimits): Promise<ClassRow[]> {
  const custom = f.thresholdSeconds !== builtWith.thresholdSeconds || f.shortAbandonSeconds !== builtWith.shortAbandonSeconds;
  const atMost = (seconds: number) => sql`coalesce(r.wait_cum[width_bucket(${seconds}::int, r.wait_values)], 0)`;
  const sums = sql`sum(r.n)::int as n, sum(r.talked)::int as talked, sum(r.wait_sum)::float8 as wait_sum, max(r.wait_max) as wait_max,
    sum(r.talk_sum)::float8 as talk_sum, sum(r.hold_sum)::float8 as hold_sum, sum(r.acw_sum)::float8 as acw_sum, sum(r.busy_sum)::float8 as busy_sum
    ${custom ? sql`, coalesce(sum(${atMost(f.thresholdSeconds)}) filter (where r.class in (3, 4)), 0)::int as within_threshold,
      coalesce(sum(${atMost(f.shortAbandonSeconds - 1)}) filter (where r.class in (5, 6)), 0)::int as short_abandons` : sql``}`;
  const columns = sql`g.class, g.n, g.talked, g.wait_sum, g.wait_max, g.talk_sum, g.hold_sum, g.acw_sum, g.busy_sum${custom ? sql`, g.within_threshold, g.short_abandons` : sql``}`;
  let rows: HistogramClassRow[];
  if (source === 'intervals') {
    const key = !f.groupBy ? sql`0` : f.groupBy === 'queue' ? sql`r.queue` : f.groupBy === 'day' ? sql`r.day`
      : f.groupBy === 'interval15' ? sql`r.bucket` : sql`date_bin(${STEP[f.groupBy]!}::interval, r.bucket, ${f.origin}::timestamptz)`;
    rows = (await sql<HistogramClassRow>`
      select ${keyText(f, sql`g.k`)} as key, ${columns} from (
        select ${key} as k, r.class, ${sums}
        from call_stats_intervals r
        where r.tenant_id = ${f.tenantId} and r.day = any(${days}::date[]) ${f.queue !== undefined ? sql`and r.queue = ${f.queue}` : sql``}
        group by 1, 2) g`.execute(db)).rows;
  } else {
    const needsUsers = f.groupBy === 'team' || f.teamId !== undefined;
    const key = !f.groupBy ? sql`0` : f.groupBy === 'agent' ? sql`r.agent_id` : f.groupBy === 'team' ? sql`u.team_id` : sql`r.day`;
    rows = (await sql<HistogramClassRow>`
      select ${keyText(f, sql`g.k`)} as key, ${columns} from (
      select ${key} as k, r.class, ${sums}
      from call_stats_agents r
      ${needsUsers ? sql`join users u on u.tenant_id = r.tenant_id and u.id = r.agent_id` : sql``}
      where r.tenant_id = ${f.tenantId} and r.day = any(${days}::date[])
        ${f.agentId !== undefined ? sql`and r.agent_id = ${f.agentId}` : sql``}
        ${f.teamId !== undefined ? sql`and u.team_id = ${f.teamId}` : sql``}
        ${f.groupBy === 'team' ? sql`and u.team_id is not null` : sql``}
      group by 1, 2) g`.execute(db)).rows;
  }
  // Each group's key is formatted once, after the sums (not per rollup row).
  return custom ? resplitClassRows(rows, f.shortAbandonSeconds) : rows;
}

export interface LocalDay {
  /** YYYY-MM-DD in the tenant's zone. */
  day: string;
  startsAt: Date;
  endsAt: Date;
}

/** Which of these days have rollups. */
export async function builtStatsDays(db: Kysely<DB>, tenantId: number, days: string[]): Promise<Set<string>> {
  const rows = await sql<{ day: string }>`select to_char(day, 'YYYY-MM-DD') as day from call_stats_days where tenant_id = ${tenantId} and day = any(${days}::date[])`.execute(db);
  return new Set(rows.rows.map((r) => r.day));
}

// pg_advisory_xact_lock(ROLLUP_LOCK, tenant): one builder per tenant at a time, across server processes.
const ROLLUP_LOCK = 440_201;

/**
 * Builds the rollups of closed days that have none, at the default threshold and short-abandon limit. A run of
 * consecutive days is one scan of its calls. Concurrent requests wait for the builder and find the days done.
 */
export async function buildStatsDays(db: Kysely<DB>, f: Pick<StatsFilter, 'tenantId' | 'timezone' | 'origin'>, days: LocalDay[], defaults: { thresholdSeconds: number; shortAbandonSeconds: number }): Promise<void> {
  if (days.length === 0) return;
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${ROLLUP_LOCK}, ${f.tenantId})`.execute(trx);
    // The histograms group a day's calls by wait second too (about one group per two calls) and sort them: in memory.
    await sql`set local work_mem = '128MB'`.execute(trx);
    const built = await builtStatsDays(trx, f.tenantId, days.map((d) => d.day));
    const missing = days.filter((d) => !built.has(d.day));
    const runs: LocalDay[][] = [];
    for (const d of missing) {
      const run = runs.at(-1);
      if (run && run.at(-1)!.endsAt.getTime() === d.startsAt.getTime()) run.push(d);
      else runs.push([d]);
    }
    const cls = classOf(defaults.thresholdSeconds, defaults.shortAbandonSeconds);
    for (const run of runs) {
      const names = run.map((d) => d.day);
      const from = run[0]!.startsAt;
      const to = run.at(-1)!.endsAt;
      const day = sql`(c.started_at at time zone ${f.timezone})::date`;
      const where = sql`c.tenant_id = ${f.tenantId} and c.started_at >= ${from} and c.started_at < ${to} and ${CALL_FILTER}`;
      await sql`delete from call_stats_intervals where tenant_id = ${f.tenantId} and day = any(${names}::date[])`.execute(trx);
      await sql`delete from call_stats_agents where tenant_id = ${f.tenantId} and day = any(${names}::date[])`.execute(trx);
      await sql`
        insert into call_stats_intervals (tenant_id, day, bucket, queue, class, ${ROLLUP_COLUMNS})
        select ${f.tenantId}, h.day, h.bucket, h.queue, h.class, ${HISTOGRAM_SUMS}
        from (
          select g.*, sum(g.n) over (partition by g.day, g.bucket, g.queue, g.class order by g.w) as cum
          from (
            select ${day} as day, date_bin('15 minutes', c.started_at, ${f.origin}::timestamptz) as bucket, coalesce(c.queue, '') as queue, k.class,
              ${HISTOGRAM_WAIT} as w, ${SUMS}
            from calls c cross join lateral (select ${cls} as class) k where ${where}
            group by 1, 2, 3, 4, 5
          ) g
        ) h
        group by h.day, h.bucket, h.queue, h.class`.execute(trx);
      await sql`
        insert into call_stats_agents (tenant_id, day, agent_id, class, ${ROLLUP_COLUMNS})
        select ${f.tenantId}, h.day, h.agent_id, h.class, ${HISTOGRAM_SUMS}
        from (
          select g.*, sum(g.n) over (partition by g.day, g.agent_id, g.class order by g.w) as cum
          from (
            select ${day} as day, c.agent_id, k.class, ${HISTOGRAM_WAIT} as w, ${SUMS}
            from calls c cross join lateral (select ${cls} as class) k where ${where} and c.agent_id is not null
            group by 1, 2, 3, 4
          ) g
        ) h
        group by h.day, h.agent_id, h.class`.execute(trx);
      await sql`
        insert into call_stats_days (tenant_id, day, starts_at, ends_at)
        select ${f.tenantId}, d.day::date, d.starts_at, d.ends_at
        from unnest(${names}::text[], ${run.map((d) => d.startsAt.toISOString())}::timestamptz[], ${run.map((d) => d.endsAt.toISOString())}::timestamptz[]) as d(day, starts_at, ends_at)
        on conflict (tenant_id, day) do update set starts_at = excluded.starts_at, ends_at = excluded.ends_at, built_at = now()`.execute(trx);
    }
  });
}

/** A change to calls that started at these times makes the rollups of their days stale: the next query rebuilds them. */
export async function invalidateStatsDays(db: Kysely<DB>, tenantId: number, from: Date, to: Date): Promise<void> {
  await sql`delete from call_stats_days where tenant_id = ${tenantId} and ends_at > ${from} and starts_at <= ${to}`.execute(db);
}
