import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { createTestTicket, createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase } from '../../testing/test-db.js';
import { ensureMonthlyComplaintReports, getComplaintAnalysis } from './complaint-analysis.service.js';

let database: Database;
let app: FastifyInstance;
let manager: Actor;
let agent: Actor;

/** A case as the complaint procedure leaves it (fixture rows; the procedure itself is tested in modules/complaints). */
async function complaintCase(createdAt: string, c: { grade: string; category: string; justified: boolean | null; closedAt?: string; followUp?: string; rootCause?: string; channel?: string }) {
  vi.setSystemTime(new Date(createdAt));
  const t = await createTestTicket(database.db, agent, { type: 'complaint', assigneeId: agent.userId, channel: (c.channel ?? 'phone') as 'phone' });
  const stepData = c.rootCause ? { close: { rootCause: c.rootCause, improvement: '加强培训' } } : {};
  await database.db.insertInto('complaint_cases').values({
    tenant_id: 1, ticket_id: t.id, grade: c.grade, category: c.category, justified: c.justified, responsible_user_id: agent.userId,
    step: c.closedAt ? 'closed' : 'investigate', follow_up_result: c.followUp ?? null, step_data: JSON.stringify(stepData),
    closed_at: c.closedAt ? new Date(c.closedAt) : null, payout_total_fen: c.grade === 'serious' ? 20000 : 0,
  } as never).execute();
  return t;
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  manager = await createUserActor(database.db, 'manager');
  agent = await createUserActor(database.db, 'agent', { displayName: '王坐席' });
  vi.useFakeTimers({ toFake: ['Date'] });
  await complaintCase('2026-10-10T02:00:00Z', { grade: 'serious', category: 'attitude', justified: true, closedAt: '2026-10-20T02:00:00Z', followUp: 'satisfied', rootCause: '坐席未按规范答复' });
  await complaintCase('2026-10-12T02:00:00Z', { grade: 'general', category: 'billing', justified: true, closedAt: '2026-10-25T02:00:00Z', followUp: 'unsatisfied', rootCause: '计费规则未告知', channel: 'wechat' });
  await complaintCase('2026-10-30T02:00:00Z', { grade: 'general', category: 'delay', justified: false });
  // 1 November 02:00 in Shanghai is still 31 October in UTC: it belongs to November.
  await complaintCase('2026-10-31T18:00:00Z', { grade: 'general', category: 'delay', justified: null });
});
afterAll(async () => {
  vi.useRealTimers();
  await app?.close();
  await database?.close();
});

describe('monthly complaint analysis', () => {
  it('is generated once for the previous month on the 1st, with counts, SLA, root causes and satisfaction', async () => {
    vi.setSystemTime(new Date('2026-11-01T00:30:00+08:00'));
    expect(await ensureMonthlyComplaintReports({ db: database.db })).toBe(1);
    expect(await ensureMonthlyComplaintReports({ db: database.db })).toBe(0);
    const a = await getComplaintAnalysis({ db: database.db, actor: manager, month: '2026-10' });
    expect(a).toMatchObject({ month: '2026-10', dueBy: '2026-11-05', totals: { cases: 3, serious: 1, justified: 2, closed: 2, open: 1, payoutFen: 20000 } });
    expect(a.byGrade).toEqual([{ key: 'general', name: null, count: 2 }, { key: 'serious', name: null, count: 1 }]);
    expect(a.byChannel).toEqual([{ key: 'phone', name: null, count: 2 }, { key: 'wechat', name: null, count: 1 }]);
    expect(a.byResponsible).toEqual([{ key: String(agent.userId), name: '王坐席', count: 3 }]);
    expect(a.rootCauses.map((r) => r.rootCause)).toEqual(['坐席未按规范答复', '计费规则未告知']);
    expect(a.satisfaction).toEqual({ satisfied: 1, unsatisfied: 1, unreachable: 0, justifiedRate: 50, target: 100 });
    // Nobody replied to any of them: every first-reply target of 12 h was missed.
    expect(a.sla).toMatchObject({ firstReplyMet: 0, firstReplyBreached: 3, firstReplyMetPct: 0 });
    const audit = await database.db.selectFrom('audit_log').select('detail').where('action', '=', 'complaint_report.generated').execute();
    expect(audit).toEqual([{ detail: { month: '2026-10', cases: 3 } }]);
  });

  it('keeps the stored snapshot; the running month is computed live; HTTP and Excel for report readers only', async () => {
    vi.setSystemTime(new Date('2026-11-15T10:00:00+08:00'));
    const headers = await loginAs(app, manager.username);
    const agentHeaders = await loginAs(app, agent.username);
    expect((await app.inject({ method: 'GET', url: '/api/v1/complaint-reports/2026-10', headers: agentHeaders })).statusCode).toBe(403);
    const list = await app.inject({ method: 'GET', url: '/api/v1/complaint-reports', headers });
    expect(list.json().items).toEqual([{ month: '2026-10', generatedAt: '2026-10-31T16:30:00.000Z', dueBy: '2026-11-05', cases: 3 }]);
    const live = await app.inject({ method: 'GET', url: '/api/v1/complaint-reports/2026-11', headers });
    expect(live.json().totals.cases).toBe(1);
    const running = await app.inject({ method: 'POST', url: '/api/v1/complaint-reports/2026-11/regenerate', headers });
    expect(running.statusCode).toBe(409);
    expect(running.json().error.message).toContain('本月尚未结束');
    expect((await app.inject({ method: 'GET', url: '/api/v1/complaint-reports/2026-13', headers })).statusCode).toBe(400);
    const file = await app.inject({ method: 'GET', url: '/api/v1/complaint-reports/2026-10/xlsx', headers });
    expect(file.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(book.getWorksheet('概况')!.getRow(1).getCell(1).value).toBe('2026年10月投诉分析');
    expect(book.getWorksheet('概况')!.getRow(4).getCell(2).value).toBe(3);
    expect(book.getWorksheet('原因分析')!.getRow(2).getCell(3).value).toBe('坐席未按规范答复');
  });
});
