import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { CallStatsGroup } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { CallCounts } from './call-metrics.js';

export interface StatsFilter {
  tenantId: number;
  from: Date;
  to: Date;
  timezone: string;
  thresholdSeconds: number;
  shortAbandonSeconds: number;
  queue?: string;
  agentId?: number;
  teamId?: number;
  groupBy?: CallStatsGroup;
}

const STEP: Partial<Record<CallStatsGroup, string>> = { interval15: '15 minutes', interval30: '30 minutes', interval60: '60 minutes', day: '1 day' };

/** The local-time bucket of a timestamp expression, as a timestamp without time zone. */
function bucketOf(groupBy: CallStatsGroup, at: RawBuilder<unknown>, timezone: string): RawBuilder<unknown> {
  const local = sql`(${at} at time zone ${timezone})`;
  if (groupBy === 'day') return sql`date_trunc('day', ${local})`;
  return sql`date_bin(${STEP[groupBy]!}::interval, ${local}, timestamp '2000-01-01 00:00:00')`;
}

function labelOf(groupBy: CallStatsGroup, bucket: RawBuilder<unknown>): RawBuilder<string> {
  return groupBy === 'day' ? sql<string>`to_char(${bucket}, 'YYYY-MM-DD')` : sql<string>`to_char(${bucket}, 'YYYY-MM-DD HH24:MI')`;
}

const ABANDONED = sql.raw(`('abandoned_queue', 'abandoned_ringing')`);

interface CountsRow {
  key: string;
  offered: number;
  answered: number;
  abandoned: number;
  short_abandoned: number;
  answered_within: number;
  wait_sum: number;
  longest_wait: number | null;
  handled: number;
  talk_sum: number;
  hold_sum: number;
  acw_sum: number;
  outbound: number;
  outbound_connected: number;
  busy_seconds: number;
}

/**
 * The call figures per group in one pass over the period's calls (index calls_started, or calls_queue /
 * calls_agent with those filters). Every count is a FILTER of the same scan.
 */
export async function aggregateCallCounts(db: Kysely<DB>, f: StatsFilter): Promise<Map<string, Omit<CallCounts, 'staffedSeconds'>>> {
  const key = !f.groupBy ? sql<string>`''`
    : f.groupBy === 'queue' ? sql<string>`coalesce(c.queue, '')`
      : f.groupBy === 'agent' ? sql<string>`c.agent_id::text`
        : f.groupBy === 'team' ? sql<string>`u.team_id::text`
          : labelOf(f.groupBy, bucketOf(f.groupBy, sql`c.started_at`, f.timezone));
  const needsUsers = f.groupBy === 'team' || f.teamId !== undefined;
  const isShort = sql`(c.result in ${ABANDONED} and c.wait_seconds < ${f.shortAbandonSeconds})`;
  const inbound = sql`c.direction = 'in'`;
  const offered = sql`${inbound} and not ${isShort}`;
  const answered = sql`${inbound} and c.result = 'answered'`;
  const handled = sql`${answered} and c.talk_seconds is not null`;
  const rows = await sql<CountsRow>`
    select ${key} as key,
      count(*) filter (where ${offered})::int as offered,
      count(*) filter (where ${answered})::int as answered,
      count(*) filter (where ${offered} and c.result in ${ABANDONED})::int as abandoned,
      count(*) filter (where ${inbound} and ${isShort})::int as short_abandoned,
      count(*) filter (where ${answered} and c.wait_seconds <= ${f.thresholdSeconds})::int as answered_within,
      coalesce(sum(c.wait_seconds) filter (where ${answered}), 0)::float8 as wait_sum,
      max(c.wait_seconds) filter (where ${offered}) as longest_wait,
      count(*) filter (where ${handled})::int as handled,
      coalesce(sum(c.talk_seconds) filter (where ${handled}), 0)::float8 as talk_sum,
      coalesce(sum(c.hold_seconds) filter (where ${handled}), 0)::float8 as hold_sum,
      coalesce(sum(c.acw_seconds) filter (where ${handled}), 0)::float8 as acw_sum,
      count(*) filter (where c.direction = 'out')::int as outbound,
      count(*) filter (where c.direction = 'out' and c.result = 'answered')::int as outbound_connected,
      coalesce(sum(c.talk_seconds + coalesce(c.hold_seconds, 0) + coalesce(c.acw_seconds, 0))
        filter (where c.result = 'answered' and c.agent_id is not null and c.talk_seconds is not null), 0)::float8 as busy_seconds
    from calls c
    ${needsUsers ? sql`left join users u on u.tenant_id = c.tenant_id and u.id = c.agent_id` : sql``}
    where c.tenant_id = ${f.tenantId} and c.started_at >= ${f.from} and c.started_at < ${f.to}
      and c.result not in ('ongoing', 'blocked')
      ${f.queue !== undefined ? sql`and c.queue = ${f.queue}` : sql``}
      ${f.agentId !== undefined ? sql`and c.agent_id = ${f.agentId}` : sql``}
      ${f.teamId !== undefined ? sql`and u.team_id = ${f.teamId}` : sql``}
      ${f.groupBy === 'agent' ? sql`and c.agent_id is not null` : sql``}
      ${f.groupBy === 'team' ? sql`and u.team_id is not null` : sql``}
    group by 1`.execute(db);
  return new Map(rows.rows.map((r) => [r.key, {
    offered: r.offered, answered: r.answered, abandoned: r.abandoned, shortAbandoned: r.short_abandoned, answeredWithinThreshold: r.answered_within,
    waitSum: Number(r.wait_sum), longestWait: r.longest_wait === null ? null : Number(r.longest_wait), handled: r.handled, talkSum: Number(r.talk_sum),
    holdSum: Number(r.hold_sum), acwSum: Number(r.acw_sum), outbound: r.outbound, outboundConnected: r.outbound_connected, busySeconds: Number(r.busy_seconds),
  }]));
}

/**
 * Agents' time in presence "ready" within the period, per group: the closed intervals of agent_state_log
 * and the open one of agent_states (until now), clipped to the period and, for time groupings, to each bucket.
 */
export async function aggregateStaffedSeconds(db: Kysely<DB>, f: StatsFilter, now: Date): Promise<Map<string, number>> {
  const needsUsers = f.groupBy === 'team' || f.teamId !== undefined;
  const userFilter = sql`${f.agentId !== undefined ? sql`and iv.user_id = ${f.agentId}` : sql``} ${f.teamId !== undefined ? sql`and u.team_id = ${f.teamId}` : sql``}`;
  const intervals = sql`(
      select l.user_id, l.started_at, l.ended_at from agent_state_log l
      where l.tenant_id = ${f.tenantId} and l.state = 'ready' and l.ended_at > ${f.from} and l.started_at < ${f.to}
      union all
      select s.user_id, s.presence_since, greatest(s.presence_since, ${now}::timestamptz) from agent_states s
      where s.tenant_id = ${f.tenantId} and s.presence = 'ready' and s.presence_since < ${f.to}
    ) iv`;
  const joinUsers = needsUsers ? sql`join users u on u.tenant_id = ${f.tenantId} and u.id = iv.user_id` : sql``;
  const start = sql`greatest(iv.started_at, ${f.from}::timestamptz)`;
  const end = sql`least(iv.ended_at, ${f.to}::timestamptz)`;
  let rows: Array<{ key: string; seconds: number }>;
  if (f.groupBy && STEP[f.groupBy]) {
    const step = STEP[f.groupBy]!;
    const first = bucketOf(f.groupBy, start, f.timezone);
    const bucketStart = sql`(b.local at time zone ${f.timezone})`;
    const bucketEnd = sql`((b.local + ${step}::interval) at time zone ${f.timezone})`;
    const overlap = sql`extract(epoch from (least(${end}, ${bucketEnd}) - greatest(${start}, ${bucketStart})))`;
    rows = (await sql<{ key: string; seconds: number }>`
      select ${labelOf(f.groupBy, sql`b.local`)} as key, sum(${overlap})::float8 as seconds
      from ${intervals} ${joinUsers}
      cross join lateral generate_series(${first}, (${end} at time zone ${f.timezone}), ${step}::interval) as b(local)
      where ${end} > ${start} ${userFilter} and ${overlap} > 0
      group by 1`.execute(db)).rows;
  } else {
    const key = f.groupBy === 'agent' ? sql`iv.user_id::text` : f.groupBy === 'team' ? sql`u.team_id::text` : sql`''`;
    rows = (await sql<{ key: string; seconds: number }>`
      select ${key} as key, sum(extract(epoch from (${end} - ${start})))::float8 as seconds
      from ${intervals} ${joinUsers}
      where ${end} > ${start} ${userFilter} ${f.groupBy === 'team' ? sql`and u.team_id is not null` : sql``}
      group by 1`.execute(db)).rows;
  }
  return new Map(rows.map((r) => [r.key, Number(r.seconds)]));
}
