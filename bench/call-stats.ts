/**
 * Issue 4's statistics figure: GET /api/v1/calls/stats over one month of a 300-agent center (~3,000,000 calls)
 * on PostgreSQL, ≤ 1 s per query.
 *   npx tsx bench/call-stats.ts [--calls 3000000] [--agents 300] [--runs 7]
 * Starts a throwaway PostgreSQL cluster (unless BENCH_PG_URL is set), generates the month in SQL (generate_series,
 * deterministic): October 2026 in Asia/Shanghai, 95 % inbound over 10 queues, 88 % answered, 7 % abandoned,
 * 2 % short abandons, the rest busy / no answer / forwarded; talk 30–90 s, 15 % with hold, after-call work 0–20 s;
 * agents in 20 teams on three shifts with a lunch break (agent_state_log). Then times each grouping over the month,
 * the filters, a day by quarter hour, and thresholds / short-abandon limits other than the default (read from the
 * rollups' wait-time histograms): `runs` requests each, one at a time, after one warm-up. The first query builds the
 * rollups of the month's closed days; its time is printed separately. Then the same custom-threshold queries in
 * process, scanning the calls as before the histograms (`--scan-runs`, 0 to skip), checked equal to the rollups'.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { PERMISSIONS } from '@kefu/shared';
// @ts-expect-error plain ESM helper without types
import { startPgCluster } from '../scripts/pg-cluster.mjs';
import { openDatabase } from '../apps/server/src/db/client.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import { ensureTenant } from '../apps/server/src/bootstrap/tenant.js';
import { systemActor } from '../apps/server/src/lib/actor.js';
import { insertUser } from '../apps/server/src/modules/users/users.service.js';
import { getCallStats } from '../apps/server/src/modules/calls/call-stats.service.js';
import { login, measureGets, startServer } from './lib/http-load.js';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '3000000' }, agents: { type: 'string', default: '300' }, runs: { type: 'string', default: '7' }, 'scan-runs': { type: 'string', default: '3' } } });
const callCount = Number(values.calls);
const agentCount = Number(values.agents);
const runs = Number(values.runs);
const scanRuns = Number(values['scan-runs']);
const root = resolve(import.meta.dirname, '..');
const PASSWORD = 'bench-pass-123';
const DAYS = 31;
const MONTH_START = '2026-10-01T00:00:00+08:00';
const MONTH_END = '2026-11-01T00:00:00+08:00';
/** Queries with another threshold or short-abandon limit than the rollups' classes (15 s, 5 s). */
const CUSTOM: Array<[string, string]> = [
  ['month, threshold 20', 'threshold=20'],
  ['month by queue, threshold 20', 'threshold=20&groupBy=queue'],
  ['month by interval15, thr. 30', 'threshold=30&groupBy=interval15'],
  ['month by agent, threshold 10', 'threshold=10&groupBy=agent'],
  ['month by day, shortAbandon 10', 'shortAbandon=10&groupBy=day'],
];

const cluster = process.env.BENCH_PG_URL ? { url: process.env.BENCH_PG_URL, stop: () => {} } : await startPgCluster();
try {
  const url = cluster.url as string;
  const database = await openDatabase({ url, poolSize: 4 });
  const { db } = database;
  await migrateToLatest(db);
  await ensureTenant(db, { id: 1, code: 'default', name: '客服中心' });
  const t0 = Date.now();
  const agentRole = await db.selectFrom('roles').select('id').where('tenant_id', '=', 1).where('key', '=', 'agent').executeTakeFirstOrThrow();
  const leaderRole = await db.selectFrom('roles').select('id').where('tenant_id', '=', 1).where('key', '=', 'leader').executeTakeFirstOrThrow();
  await sql`insert into teams (tenant_id, name) select 1, '第' || g || '组' from generate_series(1, 20) g`.execute(db);
  const teams = (await db.selectFrom('teams').select('id').where('tenant_id', '=', 1).orderBy('id').execute()).map((t) => t.id);
  await sql`insert into users (tenant_id, username, display_name, password_hash, role_id, team_id, extension)
    select 1, 'agent' || g, '坐席' || g, 'x', ${agentRole.id}, (${teams}::bigint[])[1 + g % 20], (8000 + g)::text from generate_series(1, ${agentCount}) g`.execute(db);
  await insertUser(db, systemActor(1, PERMISSIONS), { username: 'leader', displayName: '值班长', password: PASSWORD, roleId: leaderRole.id, skillGroupIds: [], locale: 'zh-CN' });
  const agents = (await db.selectFrom('users').select('id').where('tenant_id', '=', 1).where('role_id', '=', agentRole.id).orderBy('id').execute()).map((u) => u.id);

  const BATCH = 250_000;
  for (let from = 0; from < callCount; from += BATCH) {
    const to = Math.min(callCount, from + BATCH);
    await sql`
      with g as (
        select i, (i * 2654435761) % 4294967296 as h, (i * 31) % 100 as roll
        from generate_series(${from + 1}::bigint, ${to}::bigint) i
      ), t as (
        select i, h, roll,
          -- Days of the month in turn; 95 % of calls between 08:00 and 22:00, peaking late morning and afternoon.
          ${MONTH_START}::timestamptz + (i % ${DAYS}) * interval '1 day'
            + (case when h % 20 = 0 then h % 86400 else 28800 + ((h % 25200) + ((h / 25200) % 25200)) end) * interval '1 second' as started,
          case when i % 20 = 0 then 'out' else 'in' end as direction,
          (${agents}::bigint[])[1 + (i * 7) % ${agents.length}] as agent
        from g
      ), c as (
        select *, started + (i % 8) * interval '1 second' as queued,
          -- Most answered within 15 s, a tail to a minute; abandons after 10 s to 2 min; short abandons under 5 s.
          case when roll < 88 then (case when (h / 37) % 100 < 85 then (h / 7) % 15 else 15 + (h / 7) % 45 end)
               when roll < 95 then 10 + (h / 11) % 120 when roll < 97 then 1 + (h / 13) % 4 else 1 + (h / 17) % 20 end as wait,
          -- ~3M calls a month on 300 agents leave about 70 s of handling per call: a short-call hotline.
          30 + (h / 19) % 60 as talk,
          case when (h / 23) % 100 < 15 then 5 + (h / 29) % 20 else 0 end as hold
        from t
      )
      insert into calls (tenant_id, call_id, direction, from_number, to_number, caller_normalized, queue, agent_id, started_at, queued_at, answered_at,
        ended_at, hangup_cause, hold_sum, hold_count, unhold_sum, unhold_count, acw_ended_at, last_event, last_event_at)
      -- The center's side of each call only: the external party's number is encrypted at rest (migration 0018), which
      -- the server would otherwise do for 3M calls at start; statistics never read it.
      select 1, 'm' || i, direction,
        case when direction = 'in' then null else (8000 + i % ${agentCount})::text end,
        case when direction = 'in' then '4001234567' else null end,
        null,
        case when direction = 'in' then 'queue' || (1 + i % 10) end,
        case when roll < 88 or direction = 'out' then agent end,
        started, case when direction = 'in' then queued end,
        case when roll < 88 then queued + wait * interval '1 second' end,
        case when roll < 88 then queued + (wait + talk + hold) * interval '1 second' else queued + wait * interval '1 second' end,
        case when roll < 88 then 'normalClearing' when roll < 97 then 'cancel' when roll = 97 then 'busy' when roll = 98 then 'noAnswer' else 'forwarded' end,
        case when roll < 88 and hold > 0 then extract(epoch from queued) + wait + 30 else 0 end, case when roll < 88 and hold > 0 then 1 else 0 end,
        case when roll < 88 and hold > 0 then extract(epoch from queued) + wait + 30 + hold else 0 end, case when roll < 88 and hold > 0 then 1 else 0 end,
        case when roll < 88 then queued + (wait + talk + hold + (h / 31) % 20) * interval '1 second' end,
        'hangup', queued + (wait + talk + hold) * interval '1 second'
      from c`.execute(db);
    process.stdout.write(`\rcalls ${to}/${callCount}`);
  }
  // Three shifts (08–17, 11–20, 14–23) with a lunch hour, every day of the month.
  await sql`
    insert into agent_state_log (tenant_id, user_id, state, reason, started_at, ended_at)
    select 1, a.id, s.state, s.reason,
      ${MONTH_START}::timestamptz + d * interval '1 day' + ((a.k % 3) * 3 + s.from_h) * interval '1 hour',
      ${MONTH_START}::timestamptz + d * interval '1 day' + ((a.k % 3) * 3 + s.to_h) * interval '1 hour'
    from (select id, row_number() over (order by id) as k from users where tenant_id = 1 and extension is not null) a
    cross join generate_series(0, ${DAYS - 1}) d
    cross join (values ('ready', null, 8, 12), ('break', '午餐', 12, 13), ('ready', null, 13, 17), ('offline', null, 17, 32)) as s(state, reason, from_h, to_h)`.execute(db);
  await sql`vacuum analyze calls`.execute(db);
  await sql`analyze`.execute(db);
  const size = await sql<{ calls: number; bytes: string; log: number }>`
    select (select count(*) from calls)::int as calls, pg_size_pretty(pg_total_relation_size('calls')) as bytes, (select count(*) from agent_state_log)::int as log`.execute(db);
  console.log(`\nloaded ${size.rows[0]!.calls} calls (${size.rows[0]!.bytes} with indexes), ${size.rows[0]!.log} agent state intervals in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

  const server = await startServer({ DATABASE_URL: url, KEFU_DATA_DIR: resolve(root, 'bench/.data/stats-files') });
  try {
    const token = await login(server.baseUrl, 'leader', PASSWORD);
    const stats = (query: string) => `${server.baseUrl}/api/v1/calls/stats?${query}`;
    const month = `from=${encodeURIComponent(MONTH_START)}&to=${encodeURIComponent(MONTH_END)}`;
    const day = `from=${encodeURIComponent('2026-10-15T00:00:00+08:00')}&to=${encodeURIComponent('2026-10-16T00:00:00+08:00')}`;
    const workloads: Array<[string, string]> = [
      ['month, totals', month],
      ...(['interval15', 'interval30', 'interval60', 'day', 'queue', 'agent', 'team'] as const).map((g): [string, string] => [`month by ${g}`, `${month}&groupBy=${g}`]),
      ['month, one queue', `${month}&queue=queue3`],
      ['month, one agent', `${month}&agent=${agents[7]}`],
      ['month, one team by day', `${month}&team=${teams[3]}&groupBy=day`],
      ['one day by interval15', `${day}&groupBy=interval15`],
      // Thresholds and short-abandon limits other than the default: from the rollups' wait-time histograms.
      ...CUSTOM.map(([name, query]): [string, string] => [name, `${month}&${query}`]),
    ];
    // The first query over the month builds the rollups of its 31 closed days (once; later days one by one).
    const cold = performance.now();
    const check = (await (await fetch(stats(month), { headers: { authorization: `Bearer ${token}` } })).json()) as { totals: Record<string, number> };
    console.log(`first query, building the month's rollups: ${((performance.now() - cold) / 1000).toFixed(1)} s`);
    console.log(`month totals: ${JSON.stringify(check.totals)}`);
    console.log(`\n${'query'.padEnd(31)} p50 ms   p95 ms   max ms`);
    const results: Record<string, { p50: number; p95: number; max: number; errors: number }> = {};
    for (const [name, query] of workloads) {
      const r = await measureGets([stats(query)], token, { total: runs, concurrency: 1, warmup: 1 });
      results[name] = { p50: r.p50, p95: r.p95, max: r.max, errors: r.errors };
      console.log(`${name.padEnd(31)} ${String(r.p50).padStart(6)}   ${String(r.p95).padStart(6)}   ${String(r.max).padStart(6)}${r.errors ? `   ${r.errors} errors` : ''}`);
    }
    // Before the histograms these queries scanned the month's calls: the same in process, and the answers compared.
    const scans: Record<string, { p50: number; max: number; same: boolean }> = {};
    if (scanRuns > 0) {
      console.log(`\n${'scan (as before), in process'.padEnd(31)} p50 ms   max ms   same answer as the rollups`);
      const actor = systemActor(1, PERMISSIONS);
      for (const [name, query] of CUSTOM) {
        const params = Object.fromEntries(new URLSearchParams(query));
        const q = { from: MONTH_START, to: MONTH_END, threshold: Number(params.threshold ?? 15), shortAbandon: Number(params.shortAbandon ?? 5), ...(params.groupBy ? { groupBy: params.groupBy as 'queue' } : {}) };
        const rolled = await getCallStats({ db, actor, query: q });
        const times: number[] = [];
        let scanned: unknown;
        for (let i = 0; i < scanRuns; i++) {
          const t = performance.now();
          scanned = await getCallStats({ db, actor, query: q, useRollups: false });
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        const same = JSON.stringify(scanned) === JSON.stringify(rolled);
        scans[name] = { p50: Math.round(times[Math.floor(times.length / 2)]!), max: Math.round(times.at(-1)!), same };
        console.log(`${name.padEnd(31)} ${String(scans[name].p50).padStart(6)}   ${String(scans[name].max).padStart(6)}   ${same}`);
      }
    }
    console.log(JSON.stringify({ calls: callCount, agents: agentCount, runs, results, scans }, null, 1));
  } finally {
    await server.stop();
    await database.close();
  }
} finally {
  cluster.stop();
}
