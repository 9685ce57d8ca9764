// Durable timers across processes: two real `kefu serve` processes on one PostgreSQL database sweep the same due
// SLA timers; one is killed mid-way and started again. Every timer fires exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createTestTicket, createUserActor } from '../../testing/factories.js';
import { createTestDatabase } from '../../testing/test-db.js';

const onPostgres = process.env.KEFU_TEST_DB === 'postgres';
const ORDERS = 500;
const SERVER = resolve(import.meta.dirname, '../../main.ts');

let database: Database;
let dataDir: string;
const children = new Set<ChildProcess>();

function startKefu(url: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: { ...process.env, DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', KEFU_DATA_DIR: dataDir, KEFU_SEED_DEMO: 'false', LOG_LEVEL: 'error', KEFU_WORKERS: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function count(ids: number[]) {
  const r = await sql<{ n: number; d: number }>`select count(*)::int as n, count(distinct entity_id)::int as d from audit_log
    where action = 'ticket.sla_escalated' and entity_id = any(${ids})`.execute(database.db);
  return r.rows[0]!;
}

async function waitFor(check: () => Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.runIf(onPostgres)('durable SLA timers, two kefu processes', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'kefu-two-'));
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fires each due timer once although one process dies mid-sweep and restarts', async () => {
    const agent = await createUserActor(database.db, 'agent');
    const ids: number[] = [];
    for (let i = 0; i < ORDERS; i++) ids.push((await createTestTicket(database.db, agent, { type: 'complaint', assigneeId: agent.userId })).id);
    // All due now, on a one-step ladder (on-screen notice to the owner): one escalation and one job per order.
    await sql`update ticket_sla set escalation = ${JSON.stringify([{ percent: 75, notify: 'owner', channels: ['live'] }])}::jsonb,
      escalation_level = 0, next_escalation_at = now() - interval '1 second' where ticket_id = any(${ids})`.execute(database.db);

    const url = database.url!;
    const first = startKefu(url);
    startKefu(url);
    await waitFor(async () => (await count(ids)).n >= 100, 60_000);
    first.kill('SIGKILL');
    startKefu(url);
    await waitFor(async () => (await count(ids)).n >= ORDERS, 90_000);
    // Notification jobs the killed process had claimed wait for their lease (60 s) to run out, then another takes them.
    await waitFor(async () => {
      const r = await sql<{ open: number }>`select count(*) filter (where done_at is null)::int as open from jobs where kind = 'sla.notify'`.execute(database.db);
      return r.rows[0]!.open === 0;
    }, 150_000);
    // Give the survivors time to (wrongly) fire again.
    await new Promise((r) => setTimeout(r, 2_500));

    expect(await count(ids)).toEqual({ n: ORDERS, d: ORDERS });
    const levels = await sql<{ level: number; n: number }>`select escalation_level as level, count(*)::int as n from ticket_sla where ticket_id = any(${ids}) group by 1`.execute(database.db);
    expect(levels.rows).toEqual([{ level: 1, n: ORDERS }]);
    const jobs = await sql<{ n: number; done: number }>`select count(*)::int as n, count(done_at)::int as done from jobs where kind = 'sla.notify'`.execute(database.db);
    expect(jobs.rows[0]).toEqual({ n: ORDERS, done: ORDERS });
  }, 360_000);
});
