import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { createTestTicket, createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase } from '../../testing/test-db.js';
import { addNote } from '../tickets/ticket-activity.service.js';
import { getTicket, updateTicket } from '../tickets/tickets.service.js';
import { getSlaReport } from './sla-report.service.js';

let database: Database;
let app: FastifyInstance;
let alice: Actor;
let bob: Actor;
let manager: Actor;

const at = (iso: string) => vi.setSystemTime(new Date(iso));

async function resolve(actor: Actor, t: { id: number; version: number }) {
  const progressed = await updateTicket({ db: database.db, actor, id: t.id, input: { version: t.version, status: 'in_progress' } });
  return updateTicket({ db: database.db, actor, id: t.id, input: { version: progressed.version, status: 'resolved' } });
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  const team = await database.db.insertInto('teams').values({ tenant_id: 1, name: '投诉班' }).returning('id').executeTakeFirstOrThrow();
  alice = await createUserActor(database.db, 'agent', { teamId: team.id, displayName: '甲坐席' });
  bob = await createUserActor(database.db, 'agent', { teamId: team.id, displayName: '乙坐席' });
  manager = await createUserActor(database.db, 'manager');
  vi.useFakeTimers({ toFake: ['Date'] });
  // Complaints run on the 24x7 policy: first reply 12 h, resolution 48 h, calendar time.
  at('2026-10-05T02:00:00Z');
  const met = await createTestTicket(database.db, alice, { type: 'complaint', assigneeId: alice.userId });
  at('2026-10-05T03:00:00Z');
  await addNote({ db: database.db, actor: alice, id: met.id, body: '已致电客户说明处理进度', internal: false });
  at('2026-10-05T12:00:00Z');
  await resolve(alice, await getTicket({ db: database.db, actor: alice, id: met.id }));
  at('2026-10-06T02:00:00Z');
  const late = await createTestTicket(database.db, alice, { type: 'complaint', assigneeId: alice.userId });
  at('2026-10-08T04:00:00Z');
  await resolve(alice, late);
  at('2026-10-07T02:00:00Z');
  await createTestTicket(database.db, bob, { type: 'complaint', assigneeId: bob.userId });
  at('2026-11-02T02:00:00Z');
  await createTestTicket(database.db, bob, { type: 'complaint', assigneeId: bob.userId });
  at('2026-11-03T00:00:00Z');
});
afterAll(async () => {
  vi.useRealTimers();
  await app?.close();
  await database?.close();
});

describe('SLA report', () => {
  it('counts met and breached resolutions and first replies per agent, with averages and totals', async () => {
    const report = await getSlaReport({ db: database.db, actor: manager, query: { from: '2026-10-01', to: '2026-10-31', groupBy: 'agent' } });
    const byName = Object.fromEntries(report.rows.map((r) => [r.name, r]));
    expect(byName['甲坐席']).toMatchObject({
      orders: 2, resolved: 2, open: 0, met: 1, breached: 1, metPct: 50,
      firstReplyMet: 1, firstReplyBreached: 1, firstReplyMetPct: 50,
      // 60 min (note) and 50 h (the late one's first visible change is its resolution) → 1,530 min
      avgFirstReplyMinutes: 1530, avgResolutionMinutes: (600 + 3000) / 2,
    });
    // Still open, past its 48 h: breached though nobody marked it yet.
    expect(byName['乙坐席']).toMatchObject({ orders: 1, resolved: 0, open: 1, met: 0, breached: 1, metPct: 0, firstReplyBreached: 1, avgFirstReplyMinutes: null });
    expect(report.totals).toMatchObject({ orders: 3, met: 1, breached: 2, metPct: 33.3, firstReplyMetPct: 33.3, avgFirstReplyMinutes: 1530, avgResolutionMinutes: 1800 });
  });

  it('groups by team and cuts the period in the tenant time zone', async () => {
    const team = await getSlaReport({ db: database.db, actor: manager, query: { from: '2026-10-01', to: '2026-10-31', groupBy: 'team' } });
    expect(team.rows).toEqual([expect.objectContaining({ name: '投诉班', orders: 3 })]);
    // 2026-11-02T02:00Z is 10:00 on 2 November in Shanghai.
    const november = await getSlaReport({ db: database.db, actor: manager, query: { from: '2026-11-02', to: '2026-11-02', groupBy: 'agent' } });
    expect(november.totals.orders).toBe(1);
  });

  it('serves HTTP and Excel to report readers only; a bad period is a 400 naming it', async () => {
    const headers = await loginAs(app, manager.username);
    const agentHeaders = await loginAs(app, alice.username);
    expect((await app.inject({ method: 'GET', url: '/api/v1/sla/report?from=2026-10-01&to=2026-10-31', headers: agentHeaders })).statusCode).toBe(403);
    const bad = await app.inject({ method: 'GET', url: '/api/v1/sla/report?from=2026-10-31&to=2026-10-01', headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('结束日期不能早于开始日期');
    const json = await app.inject({ method: 'GET', url: '/api/v1/sla/report?from=2026-10-01&to=2026-10-31&groupBy=team', headers });
    expect(json.json().totals.orders).toBe(3);
    const file = await app.inject({ method: 'GET', url: '/api/v1/sla/report.xlsx?from=2026-10-01&to=2026-10-31', headers: { ...headers, 'accept-language': 'zh-CN' } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const summary = book.getWorksheet('SLA 汇总')!;
    expect(summary.getRow(2).getCell(1).value).toBe('坐席');
    const total = summary.getRow(summary.rowCount);
    expect(total.getCell(1).value).toBe('合计');
    expect(total.getCell(2).value).toBe(3);
    const detail = book.getWorksheet('工单明细')!;
    expect(detail.rowCount).toBe(4);
    expect(detail.getRow(2).getCell(8).value).toBe('2026-10-05 10:00');
  });
});
