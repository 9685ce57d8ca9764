/**
 * Issue 4's ingestion figure: sustained CTI events per second on PostgreSQL with no event lost.
 *   npx tsx bench/cti-ingest.ts [--rates 2000,4000,5000,6000,8000] [--duration 10] [--connections 256] [--workers 1] [--warmup 3]
 * Starts a throwaway PostgreSQL cluster (unless BENCH_PG_URL is set) and a Kefu server process, creates 300 agents
 * with extensions and 20,000 customers, then fires complete calls (newCall → answer → hangup, Zammad JSON, agents and
 * customers named) over keep-alive HTTP connections at each offered rate for `duration` seconds. Each connection
 * carries one call at a time, so the events of a call arrive in order, thousands of calls concurrently overall.
 * After each step every response is in; the rows in call_events and calls are counted against the acknowledged events.
 */
import { connect, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
// @ts-expect-error plain ESM helper without types
import { startPgCluster } from '../scripts/pg-cluster.mjs';
import { openDatabase } from '../apps/server/src/db/client.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import { ensureTenant } from '../apps/server/src/bootstrap/tenant.js';
import { startServer } from './lib/http-load.js';

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

/** One keep-alive HTTP/1.1 connection speaking just enough HTTP for POST → status + JSON body. */
class Connection {
  private socket: Socket;
  private buffer = Buffer.alloc(0);
  private waiting: ((status: number) => void) | null = null;
  private ready: Promise<void>;

  constructor(private host: string, private port: number) {
    this.socket = connect({ host, port, noDelay: true });
    this.ready = new Promise((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('error', reject);
    });
    this.socket.on('data', (chunk) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.parse();
    });
    this.socket.on('error', () => this.fail());
    this.socket.on('close', () => this.fail());
  }

  private fail() {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.(-1);
  }

  private parse() {
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.buffer.subarray(0, end).toString('latin1');
    const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
    if (this.buffer.length < end + 4 + length) return;
    const status = Number(head.slice(9, 12));
    this.buffer = this.buffer.subarray(end + 4 + length);
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.(status);
  }

  async post(path: string, body: string): Promise<number> {
    await this.ready;
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.socket.write(`POST ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
  }

  close() {
    this.socket.destroy();
  }
}

interface StepResult {
  offered: number;
  sent: number;
  acknowledged: number;
  failed: number;
  achieved: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  callsCompleted: number;
  rowsEvents: number;
  rowsCalls: number;
  answeredCalls: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
const round = (n: number) => Math.round(n * 10) / 10;

async function runStep(step: number | string, rate: number, pool: Connection[], seconds = duration): Promise<Omit<StepResult, 'rowsEvents' | 'rowsCalls' | 'answeredCalls'>> {
  const path = `/api/v1/cti/${TOKEN}`;
  const interval = 1000 / rate;
  const started = performance.now();
  const stopAt = started + seconds * 1000;
  let nextSlot = started;
  let sent = 0;
  let acknowledged = 0;
  let failed = 0;
  let callsCompleted = 0;
  const latencies: number[] = [];
  const takeSlot = async () => {
    const slot = nextSlot;
    nextSlot += interval;
    const wait = slot - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    return slot;
  };
  const fire = async (connection: Connection, body: Record<string, unknown>) => {
    const slot = await takeSlot();
    sent++;
    const status = await connection.post(path, JSON.stringify(body));
    // Latency from the scheduled send time: a server that falls behind shows it here (no coordinated omission).
    latencies.push(performance.now() - slot);
    if (status === 200) acknowledged++;
    else failed++;
    return status === 200;
  };
  await Promise.all(pool.map(async (connection, c) => {
    for (let n = 0; performance.now() < stopAt; n++) {
      const callId = `s${step}-${c}-${n}`;
      const agent = String(8001 + ((c * 7 + n) % agentCount));
      const customer = `139${String(1 + ((c * 1000 + n * 13) % 20_000)).padStart(8, '0')}`;
      const t0 = Date.now();
      const at = (s: number) => new Date(t0 + s * 1000).toISOString();
      const call = { from: customer, to: '4001234567', direction: 'in', callId, queue: `queue${(c + n) % 8}` };
      if (!(await fire(connection, { ...call, event: 'newCall', user: [agent], at: at(0) }))) continue;
      if (performance.now() >= stopAt) break;
      if (!(await fire(connection, { ...call, event: 'answer', user: agent, answeringNumber: agent, at: at(8) }))) continue;
      if (performance.now() >= stopAt) break;
      if (await fire(connection, { ...call, event: 'hangup', answeringNumber: agent, cause: 'normalClearing', at: at(128) })) callsCompleted++;
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    offered: rate, sent, acknowledged, failed, achieved: Math.round(acknowledged / elapsed), callsCompleted,
    p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)), max: round(latencies.at(-1) ?? NaN),
  };
}

const cluster = process.env.BENCH_PG_URL ? { url: process.env.BENCH_PG_URL, stop: () => {} } : await startPgCluster();
const results: StepResult[] = [];
try {
  const url = cluster.url as string;
  const database = await openDatabase({ url, poolSize: 4 });
  await migrateToLatest(database.db);
  await ensureTenant(database.db, { id: 1, code: 'default', name: '客服中心' });
  const role = await database.db.selectFrom('roles').select('id').where('tenant_id', '=', 1).where('key', '=', 'agent').executeTakeFirstOrThrow();
  await sql`insert into users (tenant_id, username, display_name, password_hash, role_id, extension)
    select 1, 'bench' || g, '坐席' || g, 'x', ${role.id}, (8000 + g)::text from generate_series(1, ${agentCount}) g
    on conflict do nothing`.execute(database.db);
  await sql`insert into customers (tenant_id, kind, name, grade) select 1, 'person', '客户' || g, (array['A','B','C','D','E'])[1 + g % 5] from generate_series(1, 20000) g`.execute(database.db);
  await sql`insert into customer_phones (tenant_id, customer_id, number, normalized)
    select 1, id, '139' || lpad(id::text, 8, '0'), '139' || lpad(id::text, 8, '0') from customers where tenant_id = 1`.execute(database.db);
  await sql`analyze`.execute(database.db);

  const server = await startServer({
    DATABASE_URL: url, KEFU_CTI_TOKEN: TOKEN, KEFU_WORKERS: values.workers!, KEFU_DATA_DIR: resolve(root, 'bench/.data/cti-files'),
    // BENCH_PROFILE=<dir> writes a V8 CPU profile of the server process there.
    ...(process.env.BENCH_PROFILE ? { NODE_OPTIONS: `--import ${resolve(root, 'bench/lib/cpu-profile.mjs')}`, KEFU_CPU_PROFILE_DIR: process.env.BENCH_PROFILE } : {}),
  });
  try {
    const { hostname, port } = new URL(server.baseUrl);
    // Warm-up (not reported): JIT, connection pools, the agent and token caches.
    const warm = Array.from({ length: 64 }, () => new Connection(hostname, Number(port)));
    await runStep('warm', 1000, warm, Number(values.warmup));
    warm.forEach((c) => c.close());
    for (const [i, rate] of rates.entries()) {
      const pool = Array.from({ length: connections }, () => new Connection(hostname, Number(port)));
      const step = await runStep(i, rate, pool);
      pool.forEach((c) => c.close());
      // Every response is in: whatever was acknowledged must be in the database.
      const counts = await sql<{ events: number; calls: number; answered: number }>`
        select (select count(*) from call_events where tenant_id = 1 and call_id like ${`s${i}-%`})::int as events,
               (select count(*) from calls where tenant_id = 1 and call_id like ${`s${i}-%`})::int as calls,
               (select count(*) from calls where tenant_id = 1 and call_id like ${`s${i}-%`} and result = 'answered' and talk_seconds = 120 and wait_seconds = 8)::int as answered`.execute(database.db);
      const row = counts.rows[0]!;
      const result = { ...step, rowsEvents: row.events, rowsCalls: row.calls, answeredCalls: row.answered };
      results.push(result);
      const lost = result.acknowledged - result.rowsEvents;
      console.log(`offered ${rate}/s: achieved ${result.achieved} events/s (${result.acknowledged} acknowledged, ${result.failed} failed), latency p50 ${result.p50} ms p95 ${result.p95} ms p99 ${result.p99} ms max ${result.max} ms; ` +
        `rows: ${result.rowsEvents} events (${lost === 0 ? 'none lost' : `${lost} LOST`}), ${result.rowsCalls} calls, ${result.answeredCalls} complete answered calls with exact times (${result.callsCompleted} hung up)`);
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
