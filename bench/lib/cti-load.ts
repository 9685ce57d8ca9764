/**
 * CTI traffic for the hotline benchmarks: a keep-alive HTTP connection that posts Zammad JSON events, and a generator
 * of complete inbound calls (newCall → answer → hangup) at an offered rate with latency measured from the scheduled
 * send time (no coordinated omission). Used by cti-ingest.ts (the ingestion figure) and as background load by
 * screen-pop.ts and wallboard-freshness.ts.
 */
import { connect, type Socket } from 'node:net';
import { sql, type Kysely } from 'kysely';

/** One keep-alive HTTP/1.1 connection speaking just enough HTTP for POST → status + JSON body. */
export class Connection {
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

export function openConnections(baseUrl: string, count: number): Connection[] {
  const { hostname, port } = new URL(baseUrl);
  return Array.from({ length: count }, () => new Connection(hostname, Number(port)));
}

export const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
export const round = (n: number) => Math.round(n * 10) / 10;

/** p50/p95/p99/max of unsorted samples (ms), rounded to 0.1. */
export function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? NaN) };
}

export const formatSummary = (s: ReturnType<typeof summarize>) => `n=${s.n} p50 ${s.p50} ms  p95 ${s.p95} ms  p99 ${s.p99} ms  max ${s.max} ms`;

export interface CallLoadOptions {
  /** CTI endpoint path, /api/v1/cti/<token>. */
  path: string;
  /** Offered events per second over all connections. */
  rate: number;
  /** Stops after this many seconds (or when `signal` aborts). */
  seconds: number;
  pool: Connection[];
  /** Prefix of the callIds (the step); lets the caller count its rows afterwards. */
  prefix: string | number;
  /** Agents are named by extension 8001…8000+agents (see createBenchAgents). */
  agents: number;
  /** Callers 139xxxxxxxx, 1…customers. */
  customers?: number;
  signal?: AbortSignal;
}

export interface CallLoadResult {
  offered: number;
  sent: number;
  acknowledged: number;
  failed: number;
  achieved: number;
  callsCompleted: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Fires complete calls over the pool at `rate` events/s. Each connection carries one call at a time, so the events of
 * a call arrive in order, thousands of calls concurrently overall. Resolves when every response is in.
 */
export async function runCallLoad(o: CallLoadOptions): Promise<CallLoadResult> {
  const interval = 1000 / o.rate;
  const customers = o.customers ?? 20_000;
  const started = performance.now();
  const stopAt = started + o.seconds * 1000;
  const running = () => performance.now() < stopAt && !o.signal?.aborted;
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
    const status = await connection.post(o.path, JSON.stringify(body));
    // Latency from the scheduled send time: a server that falls behind shows it here (no coordinated omission).
    latencies.push(performance.now() - slot);
    if (status === 200) acknowledged++;
    else failed++;
    return status === 200;
  };
  await Promise.all(o.pool.map(async (connection, c) => {
    for (let n = 0; running(); n++) {
      const callId = `s${o.prefix}-${c}-${n}`;
      const agent = String(8001 + ((c * 7 + n) % o.agents));
      const customer = `139${String(1 + ((c * 1000 + n * 13) % customers)).padStart(8, '0')}`;
      const t0 = Date.now();
      const at = (s: number) => new Date(t0 + s * 1000).toISOString();
      const call = { from: customer, to: '4001234567', direction: 'in', callId, queue: `queue${(c + n) % 8}` };
      if (!(await fire(connection, { ...call, event: 'newCall', user: [agent], at: at(0) }))) continue;
      if (!running()) break;
      if (!(await fire(connection, { ...call, event: 'answer', user: agent, answeringNumber: agent, at: at(8) }))) continue;
      if (!running()) break;
      if (await fire(connection, { ...call, event: 'hangup', answeringNumber: agent, cause: 'normalClearing', at: at(128) })) callsCompleted++;
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  const s = summarize(latencies);
  return { offered: o.rate, sent, acknowledged, failed, achieved: Math.round(acknowledged / elapsed), callsCompleted, p50: s.p50, p95: s.p95, p99: s.p99, max: s.max };
}

/** Runs runCallLoad in the background until stop(); stop() resolves with its result once every response is in. */
export function startBackgroundLoad(baseUrl: string, o: Omit<CallLoadOptions, 'pool' | 'seconds' | 'signal'> & { connections: number }) {
  const controller = new AbortController();
  const pool = openConnections(baseUrl, o.connections);
  const done = runCallLoad({ ...o, pool, seconds: 24 * 3600, signal: controller.signal });
  return {
    async stop(): Promise<CallLoadResult> {
      controller.abort();
      const result = await done;
      pool.forEach((c) => c.close());
      return result;
    },
  };
}

export const formatLoad = (r: CallLoadResult) =>
  `offered ${r.offered}/s, achieved ${r.achieved} events/s (${r.acknowledged} acknowledged, ${r.failed} failed), CTI latency p50 ${r.p50} ms p99 ${r.p99} ms max ${r.max} ms`;

/** Agents bench1…benchN with extensions 8001…8000+N (the names runCallLoad uses), in tenant 1. */
export async function createBenchAgents(db: Kysely<any>, count: number) {
  const role = await db.selectFrom('roles').select('id').where('tenant_id', '=', 1).where('key', '=', 'agent').executeTakeFirstOrThrow();
  await sql`insert into users (tenant_id, username, display_name, password_hash, role_id, extension)
    select 1, 'bench' || g, '坐席' || g, 'x', ${role.id}, (8000 + g)::text from generate_series(1, ${count}) g
    on conflict do nothing`.execute(db);
}
