/**
 * Issue 3's timer figures on PostgreSQL, with two real `kefu serve` processes sharing the database:
 *  1. latency: 1,000,000 open work orders with running clocks; while the servers take ~500 work-order updates per
 *     second (public notes), single orders come due every second; how long after its due time each is escalated.
 *  2. burst: 100,000 timers due within the same minute; every one must fire exactly once (counted), and how long
 *     the two processes take to drain them.
 *   npx tsx bench/sla-timers.ts [--tickets 1000000] [--burst 100000] [--updates 500] [--probes 30]
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
// @ts-expect-error plain ESM helper without types
import { startPgCluster } from '../scripts/pg-cluster.mjs';
import { login, startServer } from './lib/http-load.js';

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '1000000' },
    burst: { type: 'string', default: '100000' },
    updates: { type: 'string', default: '500' },
    probes: { type: 'string', default: '30' },
  },
});
const root = resolve(import.meta.dirname, '..');
const PASSWORD = 'bench-pass-123';
const LADDER = JSON.stringify([{ percent: 75, notify: 'owner', channels: ['live'] }]);

const cluster = process.env.BENCH_PG_URL ? { url: process.env.BENCH_PG_URL, stop: async () => {} } : await startPgCluster();
const env = { DATABASE_URL: cluster.url, KEFU_DATA_DIR: resolve(root, 'bench/.data/sla-files') };
const db = new pg.Client({ connectionString: cluster.url });
const servers: Array<Awaited<ReturnType<typeof startServer>>> = [];
try {
  execFileSync(process.execPath, ['--import', 'tsx', resolve(root, 'bench/seed-volume.ts'), '--tickets', values.tickets!, '--customers', '20000', '--password', PASSWORD], {
    cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  await db.connect();
  let t0 = Date.now();
  // Every order open, with a running clock due in the next 30 days: the sweep's index sees 1M live timers.
  await db.query(`update tickets set status = 'in_progress', resolved_at = null, closed_at = null where status not in ('new', 'assigned', 'in_progress')`);
  await db.query(`insert into ticket_sla (tenant_id, ticket_id, policy_name, calendar, time_basis, resolution_minutes, escalation, started_at, resolution_due_at, next_escalation_at)
    select tenant_id, id, 'bench', '"24x7"', 'calendar', 43200, $1::jsonb, now(), now() + interval '30 days', now() + interval '1 day' + random() * interval '29 days'
    from tickets on conflict do nothing`, [LADDER]);
  await db.query('vacuum analyze tickets');
  await db.query('vacuum analyze ticket_sla');
  const open = (await db.query(`select count(*)::int as n from ticket_sla where next_escalation_at is not null`)).rows[0].n as number;
  console.log(`${open.toLocaleString('en')} open orders with running clocks, prepared in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

  servers.push(await startServer(env), await startServer(env));
  const token = await login(servers[0]!.baseUrl, 'agent', PASSWORD);
  const ids = (await db.query(`select id from tickets order by random() limit 20000`)).rows.map((r) => Number(r.id));

  // 1. Latency under update load.
  const load = autocannon({
    url: servers[0]!.baseUrl,
    connections: 20,
    overallRate: Number(values.updates),
    duration: Number(values.probes) + 8,
    requests: [{
      method: 'POST',
      setupRequest: (req) => ({ ...req, path: `/api/v1/tickets/${ids[Math.floor(Math.random() * ids.length)]}/notes` }),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: '已回电客户，说明处理进度', internal: false }),
    }],
  });
  await new Promise((r) => setTimeout(r, 3_000));
  const probes: number[] = [];
  const probeIds = (await db.query(`select ticket_id from ticket_sla order by random() limit $1`, [Number(values.probes)])).rows.map((r) => Number(r.ticket_id));
  const pending = new Map<number, number>();
  for (const id of probeIds) {
    const due = Date.now() + 1_000;
    await db.query(`update ticket_sla set escalation_level = 0, next_escalation_at = $2 where ticket_id = $1`, [id, new Date(due)]);
    pending.set(id, due);
    await new Promise((r) => setTimeout(r, 1_000));
    for (const [pid, pdue] of pending) {
      const row = (await db.query(`select escalation_level, updated_at from ticket_sla where ticket_id = $1`, [pid])).rows[0];
      if (row.escalation_level > 0) { probes.push(new Date(row.updated_at).getTime() - pdue); pending.delete(pid); }
    }
  }
  const deadline = Date.now() + 15_000;
  while (pending.size > 0 && Date.now() < deadline) {
    for (const [pid, pdue] of pending) {
      const row = (await db.query(`select escalation_level, updated_at from ticket_sla where ticket_id = $1`, [pid])).rows[0];
      if (row.escalation_level > 0) { probes.push(new Date(row.updated_at).getTime() - pdue); pending.delete(pid); }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const result = await load;
  probes.sort((a, b) => a - b);
  const pct = (p: number) => probes[Math.min(probes.length - 1, Math.floor((p / 100) * probes.length))] ?? NaN;
  console.log(`\n## Escalation latency, ${open.toLocaleString('en')} open orders, 2 processes`);
  console.log(`updates (public notes): ${Math.round(result.requests.average)}/s offered ${values.updates}/s, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}`);
  console.log(`due → escalated over ${probes.length} probes (${pending.size} never escalated): p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${probes[probes.length - 1]} ms`);

  // 2. A burst of timers due within one minute.
  const burst = Number(values.burst);
  await db.query(`with picked as (select ticket_id from ticket_sla where escalation_level = 0 and next_escalation_at > now() + interval '1 hour' order by ticket_id limit $1)
    update ticket_sla s set next_escalation_at = date_trunc('minute', now()) + interval '1 minute' + random() * interval '59 seconds'
    from picked where s.ticket_id = picked.ticket_id`, [burst]);
  const minute = (await db.query(`select date_trunc('minute', now()) + interval '1 minute' as m`)).rows[0].m as Date;
  const minuteEnd = new Date(minute.getTime() + 60_000);
  console.log(`\n## ${burst.toLocaleString('en')} timers due between ${minute.toISOString()} and ${minuteEnd.toISOString()}, 2 processes`);
  t0 = Date.now();
  for (;;) {
    const left = (await db.query(`select count(*)::int as n from ticket_sla where next_escalation_at between $1 and $2`, [minute, minuteEnd])).rows[0].n as number;
    if (left === 0 && Date.now() > minuteEnd.getTime()) break;
    if (Date.now() - t0 > 900_000) { console.log(`gave up with ${left} left`); break; }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  const drained = Date.now();
  await new Promise((r) => setTimeout(r, 5_000));
  const fired = (await db.query(`select count(*)::int as n, count(distinct entity_id)::int as d from audit_log where action = 'ticket.sla_escalated'`)).rows[0];
  const jobs = (await db.query(`select count(*)::int as n, count(done_at)::int as done, count(distinct split_part(locked_by, '-', 2))::int as procs from jobs where kind = 'sla.notify'`)).rows[0];
  const expected = burst + probes.length;
  console.log(`drained ${((drained - minuteEnd.getTime()) / 1000).toFixed(1)} s after the minute ended (${((drained - minute.getTime()) / 1000).toFixed(1)} s after it began)`);
  console.log(`escalations recorded: ${fired.n} for ${fired.d} distinct orders (expected ${expected}: the burst and the latency probes) → ${fired.n === expected && fired.d === expected ? 'each exactly once' : 'MISMATCH'}`);
  console.log(`notification jobs: ${jobs.n} created, ${jobs.done} done, by ${jobs.procs} processes`);
} finally {
  for (const s of servers) await s.stop();
  await db.end().catch(() => {});
  await cluster.stop();
}
