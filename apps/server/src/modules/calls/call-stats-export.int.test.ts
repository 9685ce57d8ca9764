import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';

// GET /calls/stats/export (the 话务统计 page's download) and GET /calls/queues (the queue filters' options).

let database: Database;
let app: FastifyInstance;
let a1: Actor;
let leader: { authorization: string };
let agent: { authorization: string };
let archivist: { authorization: string };

const DAY_MS = 86_400_000;
const t = (hms: string, day = '2026-01-15') => new Date(`${day}T${hms}+08:00`);
let seq = 0;

async function insertCall(c: { queue: string | null; start: Date; answerAfter?: number; endAfter: number; agent?: Actor }) {
  seq += 1;
  const at = (s: number | undefined) => (s === undefined ? null : new Date(c.start.getTime() + s * 1000));
  await database.db.insertInto('calls').values({
    tenant_id: TEST_TENANT_ID, call_id: `x-${seq}`, direction: 'in', from_number: '13800000000', to_number: '4001234567', queue: c.queue,
    agent_id: c.agent?.userId ?? null, started_at: c.start, queued_at: c.start, answered_at: at(c.answerAfter), ended_at: at(c.endAfter),
    hangup_cause: c.answerAfter === undefined ? 'cancel' : 'normalClearing', last_event: 'hangup', last_event_at: c.start,
  }).execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  a1 = await createUserActor(database.db, 'agent', { displayName: '坐席甲' });
  const leaderActor = await createUserActor(database.db, 'leader');
  const archivistActor = await createUserActor(database.db, 'archivist');
  leader = await loginAs(app, leaderActor.username);
  agent = await loginAs(app, a1.username);
  archivist = await loginAs(app, archivistActor.username);
  // 2026-01-15 (long before the queue list's 90 days): sales answered in 10 s and in 40 s, sales abandoned after 30 s; 售后 answered in 5 s.
  await insertCall({ queue: 'sales', start: t('09:00:00'), answerAfter: 10, endAfter: 130, agent: a1 });
  await insertCall({ queue: 'sales', start: t('09:10:00'), answerAfter: 40, endAfter: 100, agent: a1 });
  await insertCall({ queue: 'sales', start: t('10:00:00'), endAfter: 30 });
  await insertCall({ queue: '售后', start: t('10:30:00'), answerAfter: 5, endAfter: 65, agent: a1 });
  // Queues by age (none on the 15th of January): seen yesterday, 89 days ago, only 91 days ago (out of the list), a call without a queue.
  const ago = (days: number) => new Date(Date.now() - days * DAY_MS);
  await insertCall({ queue: 'vip', start: ago(1), answerAfter: 3, endAfter: 60 });
  await insertCall({ queue: 'billing', start: ago(89), endAfter: 20 });
  await insertCall({ queue: 'legacy', start: ago(91), endAfter: 20 });
  await insertCall({ queue: 'legacy', start: ago(200), endAfter: 20 });
  await insertCall({ queue: null, start: ago(2), endAfter: 20 });
  await insertCall({ queue: 'vip', start: ago(3), endAfter: 20 });
  await insertCall({ queue: '投诉', start: ago(0.01), endAfter: 20 });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const DAY = `from=${encodeURIComponent('2026-01-15T00:00:00+08:00')}&to=${encodeURIComponent('2026-01-16T00:00:00+08:00')}`;

async function download(query: string, headers: Record<string, string> = leader) {
  const response = await app.inject({ method: 'GET', url: `/api/v1/calls/stats/export?${DAY}${query}`, headers });
  return response;
}

describe('GET /calls/stats/export', () => {
  it('writes the groups and the totals as an Excel workbook, rates as percentages', async () => {
    const response = await download('&groupBy=queue');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(response.headers['content-disposition']))).toContain('话务统计-2026-01-15-queue.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('话务统计')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 9)).toEqual(['队列', '呼入量', '接通量', '放弃量', '短时放弃', '及时接通', '接通率', '服务水平', '放弃率']);
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    // sales: offered 3, answered 2, abandoned 1, 1 within 15 s; ASA (10 + 40) / 2 = 25
    expect(row(2).slice(0, 10)).toEqual(['sales', 3, 2, 1, 0, 1, 0.6667, 0.3333, 0.3333, 25]);
    expect(row(3).slice(0, 10)).toEqual(['售后', 1, 1, 0, 0, 1, 1, 1, 0, 5]);
    expect(row(4).slice(0, 8)).toEqual(['合计', 4, 3, 1, 0, 2, 0.75, 0.5]);
    expect(sheet.getColumn(8).numFmt).toBe('0.00%');
    expect(String(row(6)[0])).toContain('15 秒内接通');
  });

  it('writes CSV with a BOM and the same query (threshold), headers in the reader\u2019s language', async () => {
    const response = await download('&groupBy=queue&threshold=60&format=csv', { ...leader, 'accept-language': 'en' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.body.charCodeAt(0)).toBe(0xfeff);
    const lines = response.body.slice(1).trim().split('\n');
    expect(lines[0]).toMatch(/^Queue,Offered,Answered,Abandoned,Short abandons,Answered in time,Connect rate,Service level,Abandon rate,ASA \(s\)/);
    expect(lines[1]).toMatch(/^sales,3,2,1,0,2,66\.67%,66\.67%,33\.33%,25,/);
    expect(lines[3]).toMatch(/^Total,4,3,1,0,3,75\.00%,75\.00%,25\.00%/);
  });

  it('without grouping writes one row for the period; agents get only their own figures', async () => {
    const response = await download('&format=csv', agent);
    expect(response.statusCode).toBe(200);
    const lines = response.body.slice(1).trim().split('\n');
    expect(lines).toHaveLength(2);
    // the agent answered three calls; the abandoned one belongs to no agent
    expect(lines[1]).toMatch(/^2026-01-15,3,3,0,/);
  });

  it('answers bad input with 400 and a translated message, no permission with 403', async () => {
    const bad = await download('&format=pdf');
    expect(bad.statusCode).toBe(400);
    const range = await app.inject({ method: 'GET', url: `/api/v1/calls/stats/export?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z&groupBy=interval15`, headers: leader });
    expect(range.statusCode).toBe(400);
    expect(range.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await download('', archivist)).statusCode).toBe(403);
  });
});

describe('GET /calls/queues', () => {
  it('lists the queues named in the last 90 days, distinct and sorted, to everyone who reads calls', async () => {
    for (const headers of [leader, agent]) {
      const response = await app.inject({ method: 'GET', url: '/api/v1/calls/queues', headers });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ items: ['billing', 'vip', '投诉'] });
    }
  });

  it('is forbidden without a call permission', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/calls/queues', headers: archivist });
    expect(response.statusCode).toBe(403);
  });
});
