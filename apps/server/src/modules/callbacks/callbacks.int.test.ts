import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { insertCustomer } from '../customers/customers.service.js';
import { adminActor, createTestTicket, createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';

let database: Database;
let app: FastifyInstance;
type Headers = { authorization: string };
let manager: Headers;
let leader: Headers;
let agent1: Headers;
let agent2: Headers;
let agent1Id: number;
let agent2Id: number;
const month = DateTime.now().setZone('Asia/Shanghai').toFormat('yyyy-MM');
const resolvedTickets: number[] = [];
let openTicketId: number;

/** A customer with one work order resolved at `resolvedAt` (set directly: the lifecycle itself is tested in tickets). */
async function customerWithResolvedOrder(name: string, extra: { grade?: 'A' | 'B' | 'C'; kind?: 'person' | 'organization'; resolvedAt: string; type?: string }) {
  const db = database.db;
  const customerId = await insertCustomer(db, adminActor(), { kind: extra.kind ?? 'person', name, phones: [`1380000${String(resolvedTickets.length).padStart(4, '0')}`], grade: extra.grade });
  const ticket = await createTestTicket(db, adminActor(), { customerId, type: extra.type ?? 'consultation' });
  await db.updateTable('tickets').set({ status: 'resolved', resolved_at: new Date(extra.resolvedAt) }).where('tenant_id', '=', TEST_TENANT_ID).where('id', '=', ticket.id).execute();
  resolvedTickets.push(ticket.id);
  return { customerId, ticketId: ticket.id };
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  manager = await loginAs(app, (await createUserActor(database.db, 'manager')).username);
  leader = await loginAs(app, (await createUserActor(database.db, 'leader')).username);
  const a1 = await createUserActor(database.db, 'agent', { displayName: '坐席甲' });
  const a2 = await createUserActor(database.db, 'agent', { displayName: '坐席乙' });
  agent1Id = a1.userId;
  agent2Id = a2.userId;
  agent1 = await loginAs(app, a1.username);
  agent2 = await loginAs(app, a2.username);
  // Five match the campaign below (grade A/B persons with a consultation resolved 1–10 Nov, Shanghai time) …
  await customerWithResolvedOrder('张一', { grade: 'A', resolvedAt: '2026-11-01T00:30:00+08:00' });
  await customerWithResolvedOrder('张二', { grade: 'B', resolvedAt: '2026-11-03T10:00:00+08:00' });
  await customerWithResolvedOrder('张三', { grade: 'A', resolvedAt: '2026-11-05T10:00:00+08:00' });
  await customerWithResolvedOrder('张四', { grade: 'A', resolvedAt: '2026-11-08T10:00:00+08:00' });
  await customerWithResolvedOrder('张五', { grade: 'B', resolvedAt: '2026-11-10T23:59:00+08:00' });
  // … these do not: grade C, an organization, resolved before the 1st (Shanghai) and after the 10th.
  await customerWithResolvedOrder('李一', { grade: 'C', resolvedAt: '2026-11-05T10:00:00+08:00' });
  await customerWithResolvedOrder('某公司', { grade: 'A', kind: 'organization', resolvedAt: '2026-11-05T10:00:00+08:00' });
  await customerWithResolvedOrder('王一', { grade: 'A', resolvedAt: '2026-10-31T23:59:00+08:00' });
  await customerWithResolvedOrder('王二', { grade: 'A', resolvedAt: '2026-11-11T00:00:00+08:00' });
  openTicketId = (await createTestTicket(database.db, adminActor())).id;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const target = { source: 'customers', grades: ['A', 'B'], kind: 'person', resolvedFrom: '2026-11-01', resolvedTo: '2026-11-10', ticketTypes: ['consultation'] };
const questions = [
  { key: 'satisfaction', label: '您对本次服务是否满意？', kind: 'satisfaction', required: true },
  { key: 'score', label: '请打分', kind: 'rating', required: false },
  { key: 'source', label: '您从哪里了解到我们', kind: 'single', options: ['朋友介绍', '网络'], required: false },
];
let campaignId: number;

async function record(headers: Headers, itemId: number, body: Record<string, unknown>) {
  const item = await app.inject({ method: 'GET', url: `/api/v1/callbacks/items/${itemId}`, headers });
  return app.inject({ method: 'POST', url: `/api/v1/callbacks/items/${itemId}/result`, headers, payload: { version: item.json().version, ...body } });
}

describe('callback campaigns', () => {
  it('previews the count of a target, refuses unknown types, and is for managers only', async () => {
    const preview = await app.inject({ method: 'POST', url: '/api/v1/callbacks/preview', headers: manager, payload: { target } });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().count).toBe(5);
    expect(preview.json().sample.map((s: { name: string }) => s.name)).toEqual(['张一', '张二', '张三', '张四', '张五']);
    const byTickets = await app.inject({ method: 'POST', url: '/api/v1/callbacks/preview', headers: manager, payload: { target: { source: 'tickets', resolvedFrom: '2026-11-01', resolvedTo: '2026-11-10' } } });
    expect(byTickets.json().count).toBe(7);
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/callbacks/preview', headers: manager, payload: { target: { source: 'tickets', ticketTypes: ['nope'] } } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.message).toBe('未知的工单类型：nope');
    const denied = await app.inject({ method: 'POST', url: '/api/v1/callbacks/preview', headers: agent1, payload: { target } });
    expect(denied.statusCode).toBe(403);
    const openapi = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(Object.keys(openapi.json().paths)).toEqual(expect.arrayContaining(['/api/v1/callbacks/stats.xlsx', '/api/v1/public/surveys/{token}', '/api/v1/surveys']));
  });

  it('refuses a bad survey definition with the field named', async () => {
    const response = await app.inject({
      method: 'POST', url: '/api/v1/callbacks/campaigns', headers: manager,
      payload: { name: 'x', target, questions: [{ key: 'q1', label: '单选', kind: 'single', options: ['只有一个'] }] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.issues[0].path).toBe('body.questions.0.options');
  });

  it('creates a campaign, generates the list once and deals it among two agents', async () => {
    const created = await app.inject({
      method: 'POST', url: '/api/v1/callbacks/campaigns', headers: manager,
      payload: { name: '11月上旬咨询回访', purpose: '了解咨询处理满意度', script: '您好，我是客服中心的回访专员……', questions, target, maxAttempts: 2, retryMinutes: 60 },
    });
    expect(created.statusCode).toBe(201);
    campaignId = created.json().id;
    expect(created.json()).toMatchObject({ status: 'draft', generatedAt: null, counts: { items: 0 } });
    const agents = await app.inject({ method: 'GET', url: '/api/v1/callbacks/agents', headers: manager });
    expect(agents.json().items.map((a: { id: number }) => a.id)).toEqual(expect.arrayContaining([agent1Id, agent2Id]));
    const notAgent = await app.inject({ method: 'POST', url: `/api/v1/callbacks/campaigns/${campaignId}/generate`, headers: manager, payload: { version: 1, agentIds: [999999] } });
    expect(notAgent.statusCode).toBe(422);
    const generated = await app.inject({ method: 'POST', url: `/api/v1/callbacks/campaigns/${campaignId}/generate`, headers: manager, payload: { version: 1, agentIds: [agent1Id, agent2Id] } });
    expect(generated.statusCode).toBe(200);
    expect(generated.json()).toMatchObject({ status: 'active', version: 2, counts: { items: 5, pending: 5 } });
    expect(generated.json().agents.map((a: { id: number; items: number }) => [a.id, a.items])).toEqual([[agent1Id, 3], [agent2Id, 2]]);
    const again = await app.inject({ method: 'POST', url: `/api/v1/callbacks/campaigns/${campaignId}/generate`, headers: manager, payload: { version: 2, agentIds: [agent1Id] } });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.message).toContain('已经生成');
    const retarget = await app.inject({ method: 'PATCH', url: `/api/v1/callbacks/campaigns/${campaignId}`, headers: manager, payload: { version: 2, target: { source: 'tickets' } } });
    expect(retarget.statusCode).toBe(422);
  });

  it('lets each agent work their own list and record results, with retries for the unreachable', async () => {
    const mine1 = (await app.inject({ method: 'GET', url: '/api/v1/callbacks/my-items', headers: agent1 })).json().items;
    const mine2 = (await app.inject({ method: 'GET', url: '/api/v1/callbacks/my-items', headers: agent2 })).json().items;
    expect(mine1.map((i: { customer: { name: string } }) => i.customer.name)).toEqual(['张一', '张三', '张五']);
    expect(mine2.map((i: { customer: { name: string } }) => i.customer.name)).toEqual(['张二', '张四']);
    expect(mine1[0]).toMatchObject({ status: 'pending', canRecord: true, campaign: { script: '您好，我是客服中心的回访专员……', maxAttempts: 2 } });
    expect(mine1[0].customer.phone).toMatch(/^138\*{4}\d{4}$/);
    const [a, b, c] = mine1.map((i: { id: number }) => i.id);
    const [d, e] = mine2.map((i: { id: number }) => i.id);

    const foreign = await app.inject({ method: 'POST', url: `/api/v1/callbacks/items/${a}/result`, headers: agent2, payload: { version: 1, outcome: 'refused' } });
    expect(foreign.statusCode).toBe(404);
    const bad = await record(agent1, a, { outcome: 'done', answers: { satisfaction: '满意', score: 9 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('输入有误：以下问题的回答无效：answers.satisfaction、answers.score');
    const stale = await app.inject({ method: 'POST', url: `/api/v1/callbacks/items/${a}/result`, headers: agent1, payload: { version: 7, outcome: 'refused' } });
    expect(stale.statusCode).toBe(409);

    expect((await record(agent1, a, { outcome: 'done', answers: { satisfaction: 'very_satisfied', score: 5, source: '网络' } })).json()).toMatchObject({ status: 'done', attempts: 1, canRecord: false, satisfaction: 'very_satisfied' });
    const firstTry = (await record(agent1, b, { outcome: 'unreachable', note: '无人接听' })).json();
    expect(firstTry).toMatchObject({ status: 'unreachable', attempts: 1, canRecord: true });
    const due = new Date(firstTry.nextAttemptAt).getTime() - Date.now();
    expect(due).toBeGreaterThan(59 * 60_000);
    expect(due).toBeLessThanOrEqual(60 * 60_000);
    expect((await record(agent1, b, { outcome: 'unreachable' })).json()).toMatchObject({ status: 'unreachable', attempts: 2, nextAttemptAt: null, canRecord: false });
    const tooMany = await record(agent1, b, { outcome: 'done', answers: { satisfaction: 'satisfied' } });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().error.message).toBe('该回访已有最终结果，不能再次登记');
    expect((await record(agent1, c, { outcome: 'refused' })).json()).toMatchObject({ status: 'refused' });

    expect((await record(agent2, d, { outcome: 'done', answers: { satisfaction: 'neutral', score: '3' } })).json()).toMatchObject({ status: 'done', answers: { satisfaction: 'neutral', score: 3 } });
    expect((await record(agent2, e, { outcome: 'unreachable' })).json().status).toBe('unreachable');
    expect((await record(agent2, e, { outcome: 'done', answers: { satisfaction: 'satisfied', score: 4 } })).json()).toMatchObject({ status: 'done', attempts: 2 });

    const open1 = (await app.inject({ method: 'GET', url: '/api/v1/callbacks/my-items', headers: agent1 })).json().items;
    expect(open1).toEqual([]);
    const finished1 = (await app.inject({ method: 'GET', url: '/api/v1/callbacks/my-items?state=finished', headers: agent1 })).json().items;
    expect(finished1).toHaveLength(3);
    const phone = await app.inject({ method: 'POST', url: `/api/v1/callbacks/items/${a}/reveal-phone`, headers: agent1 });
    expect(phone.json().phone).toBe('13800000000');
  });
});

describe('satisfaction surveys', () => {
  it('answers a one-time link without signing in, once', async () => {
    const sent = await app.inject({ method: 'POST', url: '/api/v1/surveys', headers: agent1, payload: { ticketId: resolvedTickets[0], channel: 'link' } });
    expect(sent.statusCode).toBe(201);
    const { token, path } = sent.json();
    expect(token).toMatch(/^1\.[A-Za-z0-9_-]{32}$/);
    expect(path).toBe(`/s/${token}`);
    const stored = await database.db.selectFrom('surveys').select('token_hash').where('id', '=', sent.json().id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token.slice(2));
    expect(stored.token_hash).toHaveLength(64);

    const open = await app.inject({ method: 'GET', url: `/api/v1/public/surveys/${token}` });
    expect(open.statusCode).toBe(200);
    expect(open.json()).toMatchObject({ organization: '测试客服中心', questions: [{ key: 'satisfaction' }, { key: 'rating' }, { key: 'comment' }] });
    const bad = await app.inject({ method: 'POST', url: `/api/v1/public/surveys/${token}`, headers: { 'accept-language': 'en' }, payload: { answers: { rating: 8 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('Invalid input: Invalid answers to: answers.satisfaction, answers.rating');
    expect(bad.json().error.details.issues.map((i: { path: string }) => i.path)).toEqual(['body.answers.satisfaction', 'body.answers.rating']);
    const answered = await app.inject({ method: 'POST', url: `/api/v1/public/surveys/${token}`, payload: { answers: { satisfaction: 'very_satisfied', rating: 5, comment: '处理很及时' } } });
    expect(answered.statusCode).toBe(200);
    const twice = await app.inject({ method: 'POST', url: `/api/v1/public/surveys/${token}`, payload: { answers: { satisfaction: 'dissatisfied' } } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('该满意度调查已经提交过，感谢您的反馈');
    expect((await app.inject({ method: 'GET', url: `/api/v1/public/surveys/${token}` })).statusCode).toBe(409);
    expect((await app.inject({ method: 'GET', url: '/api/v1/public/surveys/1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).statusCode).toBe(404);

    const list = (await app.inject({ method: 'GET', url: `/api/v1/surveys?ticketId=${resolvedTickets[0]}`, headers: manager })).json().items;
    expect(list[0]).toMatchObject({ status: 'answered', channel: 'link', satisfaction: 'very_satisfied', answers: { rating: 5, comment: '处理很及时' }, customer: { name: '张一' } });
  });

  it('lets only one of two simultaneous submits through', async () => {
    const { token } = (await app.inject({ method: 'POST', url: '/api/v1/surveys', headers: agent1, payload: { ticketId: resolvedTickets[3], channel: 'link' } })).json();
    const submit = () => app.inject({ method: 'POST', url: `/api/v1/public/surveys/${token}`, payload: { answers: { satisfaction: 'satisfied' } } });
    const codes = (await Promise.all([submit(), submit()])).map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409]);
  });

  it('refuses an expired link, records phone answers and needs a resolved order', async () => {
    const sent = (await app.inject({ method: 'POST', url: '/api/v1/surveys', headers: agent1, payload: { ticketId: resolvedTickets[1], channel: 'link', trigger: 'complaint', ref: { kind: 'complaint', id: 42 } } })).json();
    expect(sent.ref).toEqual({ kind: 'complaint', id: 42 });
    await database.db.updateTable('surveys').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', sent.id).execute();
    const expired = await app.inject({ method: 'POST', url: `/api/v1/public/surveys/${sent.token}`, payload: { answers: { satisfaction: 'satisfied' } } });
    expect(expired.statusCode).toBe(422);
    expect(expired.json().error).toMatchObject({ code: 'RULE_VIOLATION', message: '该满意度调查链接已过期' });

    const byPhone = await app.inject({ method: 'POST', url: '/api/v1/surveys', headers: agent2, payload: { ticketId: resolvedTickets[2], channel: 'phone', answers: { satisfaction: 'dissatisfied', rating: '2' } } });
    expect(byPhone.statusCode).toBe(201);
    expect(byPhone.json()).toMatchObject({ status: 'answered', token: null, satisfaction: 'dissatisfied', answers: { satisfaction: 'dissatisfied', rating: 2 } });
    const noAnswers = await app.inject({ method: 'POST', url: '/api/v1/surveys', headers: agent2, payload: { ticketId: resolvedTickets[2], channel: 'phone' } });
    expect(noAnswers.statusCode).toBe(422);
    const unresolved = await app.inject({ method: 'POST', url: '/api/v1/surveys', headers: manager, payload: { ticketId: openTicketId, channel: 'link' } });
    expect(unresolved.statusCode).toBe(422);
    expect(unresolved.json().error.message).toBe('工单尚未解决，不能发送满意度调查');
  });
});

describe('monthly statistics', () => {
  const expected = {
    total: {
      items: 5, pending: 0, done: 3, unreachable: 1, refused: 1, completionRate: 0.6,
      satisfaction: { very_satisfied: 1, satisfied: 1, neutral: 1, dissatisfied: 0, very_dissatisfied: 0 }, answered: 3, satisfactionRate: 0.6667, averageRating: 4,
    },
  };

  it('counts per campaign and per agent, and the surveys of the month', async () => {
    expect((await app.inject({ method: 'GET', url: `/api/v1/callbacks/stats?month=${month}`, headers: agent1 })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/callbacks/stats?month=2026-13', headers: manager })).statusCode).toBe(400);
    const response = await app.inject({ method: 'GET', url: `/api/v1/callbacks/stats?month=${month}`, headers: leader });
    expect(response.statusCode).toBe(200);
    const stats = response.json();
    expect(stats).toMatchObject({ month, timezone: 'Asia/Shanghai', total: expected.total });
    expect(stats.campaigns).toEqual([{ id: campaignId, name: '11月上旬咨询回访', ...expected.total }]);
    expect(stats.agents).toEqual([
      { id: agent1Id, name: '坐席甲', items: 3, pending: 0, done: 1, unreachable: 1, refused: 1, completionRate: 0.3333, satisfaction: { very_satisfied: 1, satisfied: 0, neutral: 0, dissatisfied: 0, very_dissatisfied: 0 }, answered: 1, satisfactionRate: 1, averageRating: 5 },
      { id: agent2Id, name: '坐席乙', items: 2, pending: 0, done: 2, unreachable: 0, refused: 0, completionRate: 1, satisfaction: { very_satisfied: 0, satisfied: 1, neutral: 1, dissatisfied: 0, very_dissatisfied: 0 }, answered: 2, satisfactionRate: 0.5, averageRating: 3.5 },
    ]);
    expect(stats.surveys).toEqual({
      sent: 4, answered: 3, responseRate: 0.75, satisfaction: { very_satisfied: 1, satisfied: 1, neutral: 0, dissatisfied: 1, very_dissatisfied: 0 }, satisfactionRate: 0.6667, byChannel: { phone: 1, link: 2 },
    });
    const previous = DateTime.fromFormat(month, 'yyyy-MM').minus({ months: 1 }).toFormat('yyyy-MM');
    expect((await app.inject({ method: 'GET', url: `/api/v1/callbacks/stats?month=${previous}`, headers: manager })).json().total.items).toBe(0);
  });

  it('exports the month as an Excel workbook with Chinese headers', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/callbacks/stats.xlsx?month=${month}`, headers: manager });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(String(response.headers['content-disposition'])).toContain(encodeURIComponent(`回访统计-${month}.xlsx`));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['按回访任务', '按坐席', '满意度调查']);
    const byAgent = book.getWorksheet('按坐席')!;
    expect(byAgent.getRow(1).values).toEqual([undefined, '坐席', '回访数', '待回访', '已完成', '无法接通', '拒访', '完成率', '非常满意', '满意', '一般', '不满意', '非常不满意', '满意度作答数', '满意率', '平均评分']);
    expect(byAgent.getRow(2).values).toEqual([undefined, '坐席甲', 3, 0, 1, 1, 1, 0.3333, 1, 0, 0, 0, 0, 1, 1, 5]);
    expect(byAgent.getRow(4).values).toEqual([undefined, '合计', 5, 0, 3, 1, 1, 0.6, 1, 1, 1, 0, 0, 3, 0.6667, 4]);
    expect(byAgent.getColumn(7).numFmt).toBe('0.00%');
    const surveys = book.getWorksheet('满意度调查')!;
    expect(surveys.getRow(2).values).toEqual([undefined, month, 4, 3, 0.75, 1, 1, 0, 1, 0, 0.6667, 1, 2]);
  });
});

describe('closing a campaign', () => {
  it('takes its open calls off the agents\' lists and refuses further results', async () => {
    const created = (await app.inject({ method: 'POST', url: '/api/v1/callbacks/campaigns', headers: manager, payload: { name: '临时回访', target: { source: 'tickets', resolvedFrom: '2026-11-01', resolvedTo: '2026-11-01' } } })).json();
    expect(created.questions).toEqual([{ key: 'satisfaction', label: '您对本次服务是否满意？', kind: 'satisfaction', required: true }]);
    const generated = (await app.inject({ method: 'POST', url: `/api/v1/callbacks/campaigns/${created.id}/generate`, headers: manager, payload: { version: 1, agentIds: [agent2Id] } })).json();
    expect(generated.counts.items).toBe(1);
    const [item] = (await app.inject({ method: 'GET', url: `/api/v1/callbacks/my-items?campaignId=${created.id}`, headers: agent2 })).json().items;
    const closed = await app.inject({ method: 'PATCH', url: `/api/v1/callbacks/campaigns/${created.id}`, headers: manager, payload: { version: generated.version, status: 'closed' } });
    expect(closed.json()).toMatchObject({ status: 'closed', version: generated.version + 1 });
    expect((await app.inject({ method: 'GET', url: `/api/v1/callbacks/my-items?campaignId=${created.id}`, headers: agent2 })).json().items).toEqual([]);
    const late = await app.inject({ method: 'POST', url: `/api/v1/callbacks/items/${item.id}/result`, headers: agent2, payload: { version: item.version, outcome: 'refused' } });
    expect(late.statusCode).toBe(422);
    expect(late.json().error.message).toBe('该回访任务已结束');
    const audit = await database.db.selectFrom('audit_log').select('action').where('entity', '=', 'callback_campaign').where('entity_id', '=', created.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['callback_campaign.created', 'callback_campaign.generated', 'callback_campaign.closed']);
  });
});
