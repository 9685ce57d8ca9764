/**
 * Issue 4's ingestion figure: sustained CTI events per second on PostgreSQL with no event lost.
 *   npx tsx bench/cti-ingest.ts [--rates 2000,4000,5000,6000,8000] [--duration 10] [--connections 256] [--workers 1] [--warmup 3]
 * Starts a throwaway PostgreSQL cluster (unless BENCH_PG_URL is set) and a Kefu server process, creates 300 agents
 * with extensions and 20,000 customers, then fires complete calls (newCall → answer → hangup, Zammad JSON, agents and
 * customers named) over keep-alive HTTP connections at each offered rate for `duration` seconds. Each connection
 * carries one call at a time, so the events of a call arrive in order, thousands of calls concurrently overall.
 * After each step every response is in; the rows in call_events and calls are counted against the acknowledged events.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
// @ts-expect-error plain ESM helper without types
import { startPgCluster } from '../scripts/pg-cluster.mjs';
import { openDatabase } from '../apps/server/src/db/client.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import { ensureTenant } from '../apps/server/src/bootstrap/tenant.js';
import { startServer } from './lib/http-load.js';
import { createBenchAgents, openConnections, runCallLoad, type CallLoadResult } from './lib/cti-load.js';
import { cpuMeter, formatCpu, postmasterOf } from './lib/proc-cpu.js';

const { values } = parseArgs({
  options: {
    rates: { type: 'string', default: '2000,4000,5000,6000,8000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '256' },
    workers: { type: 'string', default: '1' },
    agents: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '3' },
  },
});
const rates = values.rates!.split(',').map(Number);
const duration = Number(values.duration);
const connections = Number(values.connections);
const agentCount = Number(values.agents);
const root = resolve(import.meta.dirname, '..');
const TOKEN = 'bench-cti-token-0123456789abcdef';

type StepResult = CallLoadResult & { rowsEvents: number; rowsCalls: number; answeredCalls: number; cpuPerEvent: { server: number; postgres: number; generator: number } };
const path = `/api/v1/cti/${TOKEN}`;

const cluster = process.env.BENCH_PG_URL ? { url: process.env.BENCH_PG_URL, stop: () => {} } : await startPgCluster();
const results: StepResult[] = [];
try {
  const url = cluster.url as string;
  const database = await openDatabase({ url, poolSize: 4 });
  await migrateToLatest(database.db);
  await ensureTenant(database.db, { id: 1, code: 'default', name: '客服中心' });
  await createBenchAgents(database.db, agentCount);
  await sql`insert into customers (tenant_id, kind, name, grade) select 1, 'person', '客户' || g, (array['A','B','C','D','E'])[1 + g % 5] from generate_series(1, 20000) g`.execute(database.db);
  await sql`insert into customer_phones (tenant_id, customer_id, number, normalized)
    select 1, id, '139' || lpad(id::text, 8, '0'), '139' || lpad(id::text, 8, '0') from customers where tenant_id = 1`.execute(database.db);
  // BENCH_SETUP_SQL: statements run before the load, for A/B experiments on the schema (e.g. an index dropped).
  if (process.env.BENCH_SETUP_SQL) await sql.raw(process.env.BENCH_SETUP_SQL).execute(database.db);
  await sql`analyze`.execute(database.db);

  const server = await startServer({
    DATABASE_URL: url, KEFU_CTI_TOKEN: TOKEN, KEFU_WORKERS: values.workers!, KEFU_DATA_DIR: resolve(root, 'bench/.data/cti-files'),
    // BENCH_PROFILE=<dir> writes a V8 CPU profile of the server process there.
    ...(process.env.BENCH_PROFILE ? { NODE_OPTIONS: `--import ${resolve(root, 'bench/lib/cpu-profile.mjs')}`, KEFU_CPU_PROFILE_DIR: process.env.BENCH_PROFILE } : {}),
  });
  const postmaster = await postmasterOf(url);
  try {
    // Warm-up (not reported): JIT, connection pools, the agent and token caches.
    const warm = openConnections(server.baseUrl, 64);
    await runCallLoad({ path, rate: 1000, seconds: Number(values.warmup), pool: warm, prefix: 'warm', agents: agentCount });
    warm.forEach((c) => c.close());
    for (const [i, rate] of rates.entries()) {
      const pool = openConnections(server.baseUrl, connections);
      // CPU per event (server, PostgreSQL, this generator): comparable across runs even when the host is busy.
      const meter = cpuMeter(server.child.pid!, postmaster);
      // With BENCH_PROFILE, the server's profile covers just this step (kefu-<pid>-window<n>.cpuprofile).
      if (process.env.BENCH_PROFILE) server.child.kill('SIGUSR2');
      const step = await runCallLoad({ path, rate, seconds: duration, pool, prefix: i, agents: agentCount });
      if (process.env.BENCH_PROFILE) server.child.kill('SIGUSR2');
      const cpuPerEvent = meter.perUnit(step.acknowledged);
      pool.forEach((c) => c.close());
      // Every response is in: whatever was acknowledged must be in the database.
      const counts = await sql<{ events: number; calls: number; answered: number }>`
        select (select count(*) from call_events where tenant_id = 1 and call_id like ${`s${i}-%`})::int as events,
               (select count(*) from calls where tenant_id = 1 and call_id like ${`s${i}-%`})::int as calls,
               (select count(*) from calls where tenant_id = 1 and call_id like ${`s${i}-%`} and result = 'answered' and talk_seconds = 120 and wait_seconds = 8)::int as answered`.execute(database.db);
      const row = counts.rows[0]!;
      const hot = await sql<{ upd: number; hot: number }>`select n_tup_upd::int as upd, n_tup_hot_upd::int as hot from pg_stat_user_tables where relname = 'calls'`.execute(database.db);
      console.log(`calls updates so far: ${hot.rows[0]?.upd}, of which HOT ${hot.rows[0]?.hot}`);
      const result = { ...step, rowsEvents: row.events, rowsCalls: row.calls, answeredCalls: row.answered, cpuPerEvent };
      results.push(result);
      const lost = result.acknowledged - result.rowsEvents;
      console.log(`offered ${rate}/s: achieved ${result.achieved} events/s (${result.acknowledged} acknowledged, ${result.failed} failed), latency p50 ${result.p50} ms p95 ${result.p95} ms p99 ${result.p99} ms max ${result.max} ms; ` +
        `rows: ${result.rowsEvents} events (${lost === 0 ? 'none lost' : `${lost} LOST`}), ${result.rowsCalls} calls, ${result.answeredCalls} complete answered calls with exact times (${result.callsCompleted} hung up); ${formatCpu(cpuPerEvent)} per event`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  } finally {
    await server.stop();
    await database.close();
  }
} finally {
  cluster.stop();
}
console.log(JSON.stringify({ connections, workers: Number(values.workers), duration, results }, null, 1));
