import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { createJobWorker } from '../../lib/jobs/job-queue.js';
import { createLocalBus, type LiveEvent } from '../../lib/live/live-bus.js';
import { createUserActor, followUpFacts } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';
import { complaintJobHandlers, SERIOUS_COMPLAINT_TOPIC } from './complaint-notify.js';
import { recordComplaintSatisfaction } from './complaints.service.js';

type Headers = { authorization: string };
let database: Database;
let app: FastifyInstance;
let handlerActor: Actor;
let staffActor: Actor;
let managerActor: Actor;
let gmActor: Actor;
const h = {} as Record<'handler' | 'manager' | 'gm' | 'agent' | 'staff', Headers>;
const periodStart = new Date(Date.now() - 60_000).toISOString();

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  handlerActor = await createUserActor(database.db, 'complaints', { displayName: '孙专员' });
  managerActor = await createUserActor(database.db, 'manager', { displayName: '李经理' });
  gmActor = await createUserActor(database.db, 'gm', { displayName: '王总' });
  staffActor = await createUserActor(database.db, 'agent', { displayName: '张家政' });
  const agentActor = await createUserActor(database.db, 'agent');
  h.handler = await loginAs(app, handlerActor.username);
  h.manager = await loginAs(app, managerActor.username);
  h.gm = await loginAs(app, gmActor.username);
  h.staff = await loginAs(app, staffActor.username);
  h.agent = await loginAs(app, agentActor.username);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (who: Headers, url: string, payload: unknown) => app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who, payload: payload as object });
const get = (who: Headers, url: string) => app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who });

async function openCase(grade: 'general' | 'serious', subject = '投诉：家政员服务问题') {
  const response = await post(h.handler, '/complaints', { grade, ticket: { subject, description: '客户来电投诉', ...followUpFacts, answeredOnSpot: false } });
  expect(response.statusCode).toBe(201);
  return response.json();
}

async function step(who: Headers, c: { ticketId: number; version: number }, name: string, data: Record<string, unknown>) {
  const response = await post(who, `/complaints/${c.ticketId}/steps/${name}`, { version: c.version, data });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const acceptData = { content: '客户称家政员打碎花瓶', promisedReplyAt: '2026-11-20T20:00:00+08:00' };
const repliedNow = () => ({ replyText: '已电话告知客户处理结果', repliedAt: new Date().toISOString() });

describe('a serious complaint from accept to close', () => {
  it('alerts the managers at once, walks every step with both approvals and a rejection, and resolves the order', async () => {
    let c = await openCase('serious', '投诉：家政员打碎花瓶');
    expect(c).toMatchObject({ step: 'accept', grade: 'serious', version: 1, pendingApproval: null });
    expect(c.path).toEqual(['accept', 'judge', 'investigate', 'propose', 'approve', 'reply', 'follow_up', 'close']);

    // The alert: an audit row now, a live notice to the managers from the job queue.
    const audit = await database.db.selectFrom('audit_log').select('detail').where('action', '=', 'complaint.serious_alerted').where('entity_id', '=', c.ticketId).execute();
    expect(audit).toHaveLength(1);
    const bus = createLocalBus();
    const heard: LiveEvent[] = [];
    bus.subscribe((e) => heard.push(e));
    await createJobWorker({ db: database.db, handlers: complaintJobHandlers(bus) }).runOnce();
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({ tenantId: TEST_TENANT_ID, topic: SERIOUS_COMPLAINT_TOPIC, payload: { ticketId: c.ticketId, number: c.ticketNumber } });
    expect(heard[0]!.userIds).toEqual(expect.arrayContaining([managerActor.userId, gmActor.userId]));
    expect(heard[0]!.userIds).not.toContain(handlerActor.userId);

    // Missing field → 422 naming it; stale version → 409; steps cannot be skipped.
    const missing = await post(h.handler, `/complaints/${c.ticketId}/steps/accept`, { version: 1, data: { content: '打碎花瓶' } });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error).toMatchObject({ code: 'RULE_VIOLATION', message: '投诉处理步骤“受理”缺少必填项：约定答复时间', details: { step: 'accept', field: 'promisedReplyAt' } });
    const skipped = await post(h.handler, `/complaints/${c.ticketId}/steps/investigate`, { version: 1, data: { findings: 'x' } });
    expect(skipped.statusCode).toBe(422);
    expect(skipped.json().error.details).toEqual({ step: 'investigate', current: 'accept' });
    c = await step(h.handler, c, 'accept', acceptData);
    const stale = await post(h.handler, `/complaints/${c.ticketId}/steps/judge`, { version: 1, data: {} });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');

    c = await step(h.handler, c, 'judge', { justified: true, grade: 'serious', category: 'property_loss', responsibleUserId: staffActor.userId, responsibleDepartment: '家政服务部' });
    expect(c).toMatchObject({ step: 'investigate', justified: true, category: 'property_loss', responsibleUser: { id: staffActor.userId, name: '张家政' } });
    c = await step(h.handler, c, 'investigate', { findings: '家政员承认擦拭时碰倒花瓶' });
    c = await step(h.handler, c, 'propose', { resolution: '照价赔偿', payouts: [{ kind: 'compensation', amountFen: 30000, note: '花瓶' }] });
    expect(c).toMatchObject({ step: 'approve', pendingApproval: 'manager', payoutTotalFen: 30000, requiredApprovals: ['manager', 'gm'] });
    const viaStep = await post(h.handler, `/complaints/${c.ticketId}/steps/approve`, { version: c.version, data: {} });
    expect(viaStep.json().error.details).toMatchObject({ step: 'approve' });

    // An agent may not approve; the manager approves once, and cannot give the general manager's approval too.
    const byAgent = await post(h.agent, `/complaints/${c.ticketId}/approve`, { version: c.version });
    expect(byAgent.statusCode).toBe(403);
    expect((await get(h.manager, '/complaints/approvals')).json().items.map((i: { ticketId: number }) => i.ticketId)).toContain(c.ticketId);
    let r = await post(h.manager, `/complaints/${c.ticketId}/approve`, { version: c.version, note: '同意' });
    expect(r.statusCode).toBe(200);
    c = r.json();
    expect(c).toMatchObject({ step: 'approve', pendingApproval: 'gm' });
    const twice = await post(h.manager, `/complaints/${c.ticketId}/approve`, { version: c.version });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error.message).toContain('另一人');
    expect((await get(h.manager, '/complaints/approvals')).json().items.map((i: { ticketId: number }) => i.ticketId)).not.toContain(c.ticketId);
    expect((await get(h.gm, '/complaints/approvals')).json().items.map((i: { ticketId: number }) => i.ticketId)).toContain(c.ticketId);

    // The general manager rejects: back to propose; the next proposal is approved from the start.
    const noReason = await post(h.gm, `/complaints/${c.ticketId}/reject`, { version: c.version });
    expect(noReason.statusCode).toBe(400);
    r = await post(h.gm, `/complaints/${c.ticketId}/reject`, { version: c.version, reason: '赔偿金额过高，请按折旧价' });
    expect(r.statusCode).toBe(200);
    c = r.json();
    expect(c).toMatchObject({ step: 'propose', payouts: [] });
    expect(c.approvals.map((a: { level: string; decision: string }) => `${a.level}:${a.decision}`)).toEqual(['manager:approved', 'gm:rejected']);
    c = await step(h.handler, c, 'propose', { resolution: '按折旧价赔偿并赠送保洁一次', payouts: [{ kind: 'compensation', amountFen: 18000 }, { kind: 'gift', amountFen: 5000, note: '保洁服务' }] });
    expect(c).toMatchObject({ pendingApproval: 'manager', payoutTotalFen: 23000 });
    c = (await post(h.manager, `/complaints/${c.ticketId}/approve`, { version: c.version })).json();
    r = await post(h.gm, `/complaints/${c.ticketId}/approve`, { version: c.version, note: '同意' });
    expect(r.statusCode).toBe(200);
    c = r.json();
    expect(c).toMatchObject({ step: 'reply', pendingApproval: null });
    expect(c.payouts).toHaveLength(2);
    expect(c.payouts.every((p: { approvedBy: { id: number } | null }) => p.approvedBy?.id === gmActor.userId)).toBe(true);

    // The payout is paid once.
    const paid = await post(h.handler, `/complaints/${c.ticketId}/payouts/${c.payouts[0].id}/paid`, {});
    expect(paid.statusCode).toBe(200);
    expect(paid.json().items[0].paidAt).toEqual(expect.any(String));
    expect((await post(h.handler, `/complaints/${c.ticketId}/payouts/${c.payouts[0].id}/paid`, {})).statusCode).toBe(422);
    c = (await get(h.handler, `/complaints/${c.ticketId}`)).json();

    c = await step(h.handler, c, 'reply', repliedNow());
    const sla = await database.db.selectFrom('ticket_sla').select(['first_reply_at']).where('ticket_id', '=', c.ticketId).executeTakeFirstOrThrow();
    expect(sla.first_reply_at).not.toBeNull();
    c = await step(h.handler, c, 'follow_up', { result: 'satisfied', note: '客户表示满意' });
    const noRoot = await post(h.handler, `/complaints/${c.ticketId}/steps/close`, { version: c.version, data: { improvement: '培训' } });
    expect(noRoot.statusCode).toBe(422);
    expect(noRoot.json().error.details).toEqual({ step: 'close', field: 'rootCause' });
    c = await step(h.handler, c, 'close', { rootCause: '家政员作业不规范', improvement: '上岗前加强易碎物品培训' });
    expect(c).toMatchObject({ step: 'closed', followUpResult: 'satisfied', closedAt: expect.any(String) });
    expect(Object.keys(c.stepData).sort()).toEqual(['accept', 'close', 'follow_up', 'investigate', 'judge', 'propose', 'reply']);
    const ticket = (await get(h.handler, `/tickets/${c.ticketId}`)).json();
    expect(ticket.status).toBe('resolved');
    const closedAgain = await post(h.handler, `/complaints/${c.ticketId}/steps/close`, { version: c.version, data: { rootCause: 'x' } });
    expect(closedAgain.json().error.details).toMatchObject({ current: 'closed' });

    // The penalty slip: two signatures, each by that person only.
    const slipResponse = await post(h.handler, `/complaints/${c.ticketId}/penalties`, { penalty: '扣除当月绩效 2 分并罚款 50 元', points: 2, amountFen: 5000 });
    expect(slipResponse.statusCode).toBe(201);
    const slip = slipResponse.json();
    expect(slip).toMatchObject({ user: { id: staffActor.userId }, points: 2, amountFen: 5000, staffSignedAt: null, gmSignedAt: null });
    const notStaff = await post(h.handler, `/complaints/penalties/${slip.id}/sign`, { as: 'staff' });
    expect(notStaff.statusCode).toBe(422);
    expect(notStaff.json().error.message).toBe('只有责任人本人才能签署该处罚单');
    expect((await post(h.staff, `/complaints/penalties/${slip.id}/sign`, { as: 'gm' })).statusCode).toBe(422);
    expect((await post(h.handler, `/complaints/penalties/${slip.id}/sign`, { as: 'gm' })).statusCode).toBe(422);
    expect((await post(h.staff, `/complaints/penalties/${slip.id}/sign`, { as: 'staff' })).json().staffSignedAt).toEqual(expect.any(String));
    const signed = (await post(h.gm, `/complaints/penalties/${slip.id}/sign`, { as: 'gm' })).json();
    expect(signed).toMatchObject({ gmSignedBy: { id: gmActor.userId, name: '王总' }, gmSignedAt: expect.any(String) });
    expect((await post(h.gm, `/complaints/penalties/${slip.id}/sign`, { as: 'gm' })).statusCode).toBe(422);
    const mine = (await get(h.staff, `/complaints/penalties?month=${slip.month}`)).json().items;
    expect(mine.map((p: { id: number }) => p.id)).toEqual([slip.id]);
    expect((await get(h.staff, `/complaints/penalties?userId=${handlerActor.userId}`)).statusCode).toBe(403);
    expect((await get(h.manager, `/complaints/penalties?userId=${staffActor.userId}&month=1999-01`)).json().items).toEqual([]);
  });
});

describe('other paths', () => {
  it('a general complaint without payout needs the manager only; an unjustified one is answered and closed', async () => {
    let c = await openCase('general');
    expect((await database.db.selectFrom('audit_log').select('id').where('action', '=', 'complaint.serious_alerted').where('entity_id', '=', c.ticketId).execute())).toHaveLength(0);
    c = await step(h.handler, c, 'accept', acceptData);
    c = await step(h.handler, c, 'judge', { justified: true, grade: 'general', category: 'attitude', responsibleUserId: staffActor.userId });
    c = await step(h.handler, c, 'investigate', { findings: '语气生硬' });
    c = await step(h.handler, c, 'propose', { resolution: '上门致歉' });
    expect(c.requiredApprovals).toEqual(['manager']);
    c = (await post(h.manager, `/complaints/${c.ticketId}/approve`, { version: c.version })).json();
    expect(c.step).toBe('reply');

    let u = await openCase('general', '投诉：收费不合理');
    u = await step(h.handler, u, 'accept', acceptData);
    u = await step(h.handler, u, 'judge', { justified: false, grade: 'general', category: 'billing', explanation: '收费符合合同约定' });
    expect(u).toMatchObject({ step: 'reply', path: ['accept', 'judge', 'reply', 'close'] });
    u = await step(h.handler, u, 'reply', repliedNow());
    u = await step(h.handler, u, 'close', { rootCause: '客户误解收费标准' });
    expect(u.step).toBe('closed');
    expect((await post(h.handler, `/complaints/${u.ticketId}/penalties`, { penalty: 'x', points: 1 })).json().error.message).toContain('有效投诉');
  });

  it('refuses a case for a non-complaint order, a second case, and working a case without complaints.handle', async () => {
    const consult = await post(h.handler, '/tickets', { type: 'consultation', subject: '咨询', description: '' });
    const notComplaint = await post(h.handler, '/complaints', { ticketId: consult.json().id });
    expect(notComplaint.statusCode).toBe(422);
    const c = await openCase('general');
    expect((await post(h.handler, '/complaints', { ticketId: c.ticketId })).statusCode).toBe(422);
    expect((await post(h.agent, '/complaints', { ticketId: c.ticketId })).statusCode).toBe(403);
    expect((await post(h.agent, `/complaints/${c.ticketId}/steps/accept`, { version: 1, data: acceptData })).statusCode).toBe(403);
    expect((await get(h.handler, '/complaints/999999')).statusCode).toBe(404);
    const english = await app.inject({ method: 'POST', url: `/api/v1/complaints/${c.ticketId}/steps/accept`, headers: { ...h.handler, 'accept-language': 'en' }, payload: { version: 1, data: { promisedReplyAt: 'soon' } } });
    expect(english.json().error.message).toBe('Complaint step "accept" is missing a required field: complaint content');
  });

  it('a progress log entry counts as a progress update on the SLA clock', async () => {
    const c = await openCase('general');
    const before = await database.db.selectFrom('ticket_sla').select(['last_update_at', 'next_update_due_at']).where('ticket_id', '=', c.ticketId).executeTakeFirstOrThrow();
    const entry = await post(h.handler, `/complaints/${c.ticketId}/progress`, { body: '已报警，派出所受理中' });
    expect(entry.statusCode).toBe(201);
    expect(entry.json()).toMatchObject({ body: '已报警，派出所受理中', author: { id: handlerActor.userId } });
    const after = await database.db.selectFrom('ticket_sla').select(['last_update_at', 'next_update_due_at']).where('ticket_id', '=', c.ticketId).executeTakeFirstOrThrow();
    expect(after.last_update_at).not.toBeNull();
    expect(after.next_update_due_at!.getTime()).toBeGreaterThan(before.next_update_due_at!.getTime() - 1);
    expect(after.last_update_at!.toISOString()).toBe(entry.json().at);
    expect((await get(h.handler, `/complaints/${c.ticketId}`)).json().progress).toHaveLength(1);
  });
});

describe('justified-complaint satisfaction rate', () => {
  async function closeJustified(result: 'satisfied' | 'unsatisfied' | 'unreachable', viaFunction = false) {
    let c = await openCase('general');
    c = await step(h.handler, c, 'accept', acceptData);
    c = await step(h.handler, c, 'judge', { justified: true, grade: 'general', category: 'delay', responsibleDepartment: '维修部' });
    c = await step(h.handler, c, 'investigate', { findings: '维修延误' });
    c = await step(h.handler, c, 'propose', { resolution: '加急维修' });
    c = (await post(h.manager, `/complaints/${c.ticketId}/approve`, { version: c.version })).json();
    c = await step(h.handler, c, 'reply', repliedNow());
    if (viaFunction) {
      // The callbacks campaign records the result as the agent who made the call.
      c = await recordComplaintSatisfaction({ db: database.db, actor: staffActor, ticketId: c.ticketId, result, note: '回访活动' });
      expect(c).toMatchObject({ step: 'close', followUpResult: result, stepData: { follow_up: { result, note: '回访活动', by: staffActor.userId } } });
      await expect(recordComplaintSatisfaction({ db: database.db, actor: staffActor, ticketId: c.ticketId, result })).rejects.toMatchObject({ code: 'RULE_VIOLATION', params: { rule: 'complaint_step_not_current' } });
    }
    else c = await step(h.handler, c, 'follow_up', { result });
    return step(h.handler, c, 'close', { rootCause: '备件不足' });
  }

  it('counts satisfied ÷ justified closed cases whose follow-up reached the customer', async () => {
    await closeJustified('satisfied', true);
    await closeJustified('unsatisfied');
    await closeJustified('unreachable');
    const to = new Date(Date.now() + 60_000).toISOString();
    const response = await get(h.manager, `/complaints/stats?from=${encodeURIComponent(periodStart)}&to=${encodeURIComponent(to)}`);
    expect(response.statusCode).toBe(200);
    // Earlier tests of this file closed a serious satisfied case and an unjustified one.
    expect(response.json()).toMatchObject({
      received: 8, receivedByGrade: { serious: 1, general: 7 }, stillOpen: 3, payoutsApprovedFen: 23000, penalties: 1,
      closed: 5, justifiedClosed: 4, satisfied: 2, unsatisfied: 1, unreachable: 1, satisfactionRate: 2 / 3, target: 1, meetsTarget: false,
      byGrade: { serious: 1, general: 4 }, byCategory: { property_loss: 1, billing: 1, delay: 3 },
    });
    expect((await get(h.agent, `/complaints/stats?from=${encodeURIComponent(periodStart)}&to=${encodeURIComponent(to)}`)).statusCode).toBe(403);
    const backwards = await get(h.manager, `/complaints/stats?from=${encodeURIComponent(to)}&to=${encodeURIComponent(periodStart)}`);
    expect(backwards.statusCode).toBe(422);
    const list = (await get(h.agent, '/complaints?open=false&justified=true&pageSize=50')).json();
    expect(list.total).toBe(4);
  });
});
