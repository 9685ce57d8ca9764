import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { AppError } from '../../lib/app-error.js';
import { adminActor, createTestTicket, createUserActor, followUpFacts } from '../../testing/factories.js';
import { createTestDatabase } from '../../testing/test-db.js';
import { saveDepartment, saveSkillGroup } from '../organization/organization.service.js';
import { addNote, listTicketEvents, mergeTickets, linkTickets, getTicketDetail } from './ticket-activity.service.js';
import { answerTransfer, assignTicket, bulkAssignTickets, recordCallback, transferTicket } from './ticket-workflow.service.js';
import { createTicket, getTicket, listTickets, updateTicket } from './tickets.service.js';

let database: Database;
let agent: Actor;
let otherAgent: Actor;
let leader: Actor;

async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

beforeAll(async () => {
  database = await createTestDatabase();
  agent = await createUserActor(database.db, 'agent');
  otherAgent = await createUserActor(database.db, 'agent');
  leader = await createUserActor(database.db, 'leader');
});
afterAll(async () => database?.close());

const query = (extra: Record<string, unknown> = {}) => ({ page: 1, pageSize: 50, sort: '-createdAt' as const, ...extra });

describe('creating work orders', () => {
  it('needs only type, subject and description, and makes the creator responsible (首问负责制)', async () => {
    const ticket = await createTicket({ db: database.db, actor: agent, input: { type: 'consultation', subject: '咨询资费', description: '问套餐', priority: 'normal', channel: 'phone' } });
    expect(ticket.status).toBe('new');
    expect(ticket.responsible).toEqual({ id: agent.userId, name: agent.displayName });
    expect(ticket.number).toMatch(/^GD\d{8}\d{7}$/);
    expect(ticket.version).toBe(1);
  });

  it('refuses an order for follow-up without time, place, person, event and contact phone', async () => {
    const error = await expectCode(createTestTicket(database.db, agent, { answeredOnSpot: false, description: '' }), 'MISSING_REQUIRED_FIELDS');
    expect(error.details).toEqual({ fields: ['time', 'place', 'person', 'event', 'contactPhone'] });
    const partial = await expectCode(createTestTicket(database.db, agent, { answeredOnSpot: false, eventPlace: '大堂', contactPhone: '13800000000' }), 'MISSING_REQUIRED_FIELDS');
    expect(partial.details).toEqual({ fields: ['time', 'person'] });
  });

  it('resolves at once when answered on the spot, keeping the answer as a note', async () => {
    const ticket = await createTestTicket(database.db, agent, { answeredOnSpot: true, answer: '已告知办理流程' });
    expect(ticket.status).toBe('resolved');
    expect(ticket.answeredOnSpot).toBe(true);
    const detail = await getTicketDetail({ db: database.db, actor: agent, id: ticket.id });
    expect(detail.notes.map((n) => n.body)).toEqual(['已告知办理流程']);
    await expectCode(createTestTicket(database.db, agent, { answeredOnSpot: true }), 'VALIDATION');
  });

  it('links the customer by phone in another format, or creates one from the contact', async () => {
    const created = await createTestTicket(database.db, agent, { ...followUpFacts, answeredOnSpot: false, contactName: '王先生', createCustomer: true });
    expect(created.customer?.name).toBe('王先生');
    const again = await createTestTicket(database.db, agent, { contactPhone: '+86 138-1234-5678' });
    expect(again.customer?.id).toBe(created.customer?.id);
  });

  it('rejects an unknown type and custom values that break the type definition', async () => {
    await expectCode(createTestTicket(database.db, agent, { type: 'no_such_type' }), 'VALIDATION');
    await database.db.insertInto('ticket_types').values({ tenant_id: 1, key: 'refund', name_zh: '退货退款', name_en: 'Return', fields: JSON.stringify([{ key: 'order_no', labelZh: '订单号', labelEn: 'Order', kind: 'text', required: true }]) }).execute();
    const error = await expectCode(createTestTicket(database.db, agent, { type: 'refund' }), 'VALIDATION');
    expect(error.details).toEqual({ customFields: [{ key: 'order_no', problem: 'required' }] });
    const ok = await createTestTicket(database.db, agent, { type: 'refund', custom: { order_no: 'TB123' } });
    expect(ok.custom).toEqual({ order_no: 'TB123' });
  });
});

describe('life cycle', () => {
  it('walks new → assigned → in progress → waiting → resolved → closed and reopens', async () => {
    let t = await createTestTicket(database.db, agent);
    t = await updateTicket({ db: database.db, actor: leader, id: t.id, input: { version: t.version, assigneeId: agent.userId } });
    expect(t.status).toBe('assigned');
    for (const status of ['in_progress', 'waiting_customer', 'in_progress', 'resolved', 'closed'] as const) {
      t = await updateTicket({ db: database.db, actor: agent, id: t.id, input: { version: t.version, status } });
      expect(t.status).toBe(status);
    }
    expect(t.closedAt).not.toBeNull();
    t = await updateTicket({ db: database.db, actor: agent, id: t.id, input: { version: t.version, status: 'in_progress', statusReason: '客户再次来电' } });
    expect(t).toMatchObject({ status: 'in_progress', reopenCount: 1, resolvedAt: null, closedAt: null });
    const kinds = (await listTicketEvents({ db: database.db, actor: agent, id: t.id })).map((e) => e.kind);
    // Waiting on the customer pauses the SLA clock and leaving it resumes it, each logged (issue 3).
    expect(kinds).toEqual(['created', 'updated', 'status_changed', 'status_changed', 'status_changed', 'sla_paused', 'status_changed', 'sla_resumed', 'status_changed', 'status_changed', 'reopened']);
  });

  it('refuses impossible transitions and stale versions, changing nothing', async () => {
    const t = await createTestTicket(database.db, agent, { answeredOnSpot: true, answer: '已答复' });
    await expectCode(updateTicket({ db: database.db, actor: agent, id: t.id, input: { version: t.version, status: 'waiting_customer' } }), 'INVALID_TRANSITION');
    await expectCode(updateTicket({ db: database.db, actor: agent, id: t.id, input: { version: t.version + 5, subject: '被覆盖？' } }), 'VERSION_CONFLICT');
    const after = await getTicket({ db: database.db, actor: agent, id: t.id });
    expect(after).toMatchObject({ subject: t.subject, status: 'resolved', version: t.version });
  });

  it('lets an agent take an unassigned order but not hand orders to others', async () => {
    const t = await createTestTicket(database.db, leader);
    await expectCode(updateTicket({ db: database.db, actor: agent, id: t.id, input: { version: t.version, assigneeId: otherAgent.userId } }), 'FORBIDDEN');
    const taken = await updateTicket({ db: database.db, actor: agent, id: t.id, input: { version: t.version, assigneeId: agent.userId } });
    expect(taken.assignee?.id).toBe(agent.userId);
  });
});

describe('transfer to another department and the call-back duty', () => {
  it('returns the answer to the responsible agent as a call-back, closed by the callback result', async () => {
    const dept = await saveDepartment({ db: database.db, actor: adminActor(), input: { name: '工程维修部' } });
    let t = await createTestTicket(database.db, agent, { ...followUpFacts, answeredOnSpot: false, type: 'repair' });
    t = await assignTicket({ db: database.db, actor: leader, id: t.id, input: { assigneeId: otherAgent.userId } });
    const due = new Date(Date.now() + 48 * 3600_000).toISOString();
    t = await transferTicket({ db: database.db, actor: otherAgent, id: t.id, input: { version: t.version, departmentId: dept.id, dueAt: due, request: '请上门检修' } });
    expect(t).toMatchObject({ status: 'waiting_department', department: { id: dept.id, name: '工程维修部' } });
    const detail = await getTicketDetail({ db: database.db, actor: agent, id: t.id });
    t = await answerTransfer({ db: database.db, actor: leader, id: t.id, transferId: detail.transfers[0]!.id, answer: '明天上午上门' });
    expect(t).toMatchObject({ status: 'in_progress', callbackPending: true, assignee: { id: agent.userId } });
    const callbacks = await listTickets({ db: database.db, actor: agent, query: query({ callbackPending: true, responsibleId: 'me' }) });
    expect(callbacks.items.map((i) => i.id)).toContain(t.id);
    t = await recordCallback({ db: database.db, actor: agent, id: t.id, input: { version: t.version, outcome: 'unreachable', note: '无人接听，顺延' } });
    expect(t).toMatchObject({ status: 'in_progress', callbackPending: true });
    t = await recordCallback({ db: database.db, actor: agent, id: t.id, input: { version: t.version, outcome: 'accepted' } });
    expect(t).toMatchObject({ status: 'resolved', callbackPending: false });
  });

  it('will not transfer an order missing the five facts, nor with a due time in the past', async () => {
    const dept = await saveDepartment({ db: database.db, actor: adminActor(), input: { name: '财务部' } });
    const t = await createTestTicket(database.db, agent);
    const future = new Date(Date.now() + 3600_000).toISOString();
    await expectCode(transferTicket({ db: database.db, actor: agent, id: t.id, input: { version: t.version, departmentId: dept.id, dueAt: future, request: '核实' } }), 'MISSING_REQUIRED_FIELDS');
    await expectCode(transferTicket({ db: database.db, actor: agent, id: t.id, input: { version: t.version, departmentId: dept.id, dueAt: '2020-01-01T00:00:00Z', request: '核实' } }), 'VALIDATION');
  });
});

describe('assignment through skill groups', () => {
  it('round-robin hands orders to members in turn', async () => {
    const a = await createUserActor(database.db, 'agent');
    const b = await createUserActor(database.db, 'agent');
    const c = await createUserActor(database.db, 'agent');
    const group = await saveSkillGroup({ db: database.db, actor: adminActor(), input: { name: '轮询组', strategy: 'round_robin', memberIds: [a.userId, b.userId, c.userId] } });
    const assignees = [];
    for (let i = 0; i < 6; i++) assignees.push((await createTestTicket(database.db, leader, { skillGroupId: group.id })).assignee?.id);
    expect(assignees).toEqual([a.userId, b.userId, c.userId, a.userId, b.userId, c.userId]);
  });

  it('least-loaded picks the member with the fewest open orders', async () => {
    const busy = await createUserActor(database.db, 'agent');
    const idle = await createUserActor(database.db, 'agent');
    for (let i = 0; i < 3; i++) await createTestTicket(database.db, leader, { assigneeId: busy.userId });
    const group = await saveSkillGroup({ db: database.db, actor: adminActor(), input: { name: '最少负载组', strategy: 'least_loaded', memberIds: [busy.userId, idle.userId] } });
    const t = await createTestTicket(database.db, leader);
    const assigned = await assignTicket({ db: database.db, actor: leader, id: t.id, input: { skillGroupId: group.id } });
    expect(assigned).toMatchObject({ status: 'assigned', assignee: { id: idle.userId }, skillGroupId: group.id });
  });

  it('bulk reassignment reports each order on its own', async () => {
    const t1 = await createTestTicket(database.db, agent);
    const t2 = await createTestTicket(database.db, agent, { answeredOnSpot: true, answer: '已答复' });
    const result = await bulkAssignTickets({ db: database.db, actor: leader, input: { ticketIds: [t1.id, t2.id, 987654], assigneeId: otherAgent.userId } });
    expect(result.updated).toEqual([{ id: t1.id, assigneeId: otherAgent.userId }]);
    expect(result.failed.map((f) => [f.id, f.code])).toEqual([[t2.id, 'INVALID_TRANSITION'], [987654, 'NOT_FOUND']]);
  });
});

describe('Chinese full-text search', () => {
  it('finds 退费 inside 我要求退费 and does not confuse 投诉 with 投资', async () => {
    const refund = await createTestTicket(database.db, agent, { subject: '话费问题', description: '我要求退费，上月多扣了钱' });
    const invest = await createTestTicket(database.db, agent, { subject: '理财咨询', description: '想了解投资理财产品' });
    const complaint = await createTestTicket(database.db, agent, { subject: '服务问题', description: '客户投诉营业员态度差' });
    const ids = async (q: string) => (await listTickets({ db: database.db, actor: leader, query: query({ q }) })).items.map((i) => i.id);
    expect(await ids('退费')).toContain(refund.id);
    expect(await ids('投诉')).toContain(complaint.id);
    expect(await ids('投诉')).not.toContain(invest.id);
    expect(await ids('投资')).toEqual([invest.id]);
  });

  it('searches notes, customer names, numbers and phone numbers', async () => {
    const t = await createTestTicket(database.db, agent, { ...followUpFacts, answeredOnSpot: false, contactName: '欧阳娜娜', createCustomer: true, contactPhone: '139 8888 7777' });
    await addNote({ db: database.db, actor: agent, id: t.id, body: '客户要求加急处理电梯故障', internal: true });
    const ids = async (q: string) => (await listTickets({ db: database.db, actor: leader, query: query({ q }) })).items.map((i) => i.id);
    expect(await ids('电梯故障')).toEqual([t.id]);
    expect(await ids('欧阳娜娜')).toContain(t.id);
    expect(await ids(t.number)).toEqual([t.id]);
    expect(await ids('+86 139-8888-7777')).toEqual([t.id]);
  });
});

describe('merge, links and visibility', () => {
  it('merges duplicates into a target, closing and linking them', async () => {
    const target = await createTestTicket(database.db, agent, { tags: ['空调'] });
    const dup = await createTestTicket(database.db, otherAgent, { tags: ['重复来电'] });
    const merged = await mergeTickets({ db: database.db, actor: leader, id: target.id, sourceIds: [dup.id] });
    expect(merged.tags.sort()).toEqual(['空调', '重复来电'].sort());
    const source = await getTicket({ db: database.db, actor: leader, id: dup.id });
    expect(source).toMatchObject({ status: 'closed', mergedIntoId: target.id });
    const detail = await getTicketDetail({ db: database.db, actor: leader, id: target.id });
    expect(detail.mergedFrom.map((m) => m.id)).toEqual([dup.id]);
    await expectCode(updateTicket({ db: database.db, actor: leader, id: dup.id, input: { version: source.version, subject: '改' } }), 'CONFLICT');
    await expectCode(mergeTickets({ db: database.db, actor: agent, id: target.id, sourceIds: [dup.id] }), 'FORBIDDEN');
  });

  it('links both ways', async () => {
    const a = await createTestTicket(database.db, agent);
    const b = await createTestTicket(database.db, agent);
    await linkTickets({ db: database.db, actor: agent, id: a.id, otherId: b.id, kind: 'parent' });
    const detailB = await getTicketDetail({ db: database.db, actor: agent, id: b.id });
    expect(detailB.links).toEqual([{ kind: 'child', ticket: expect.objectContaining({ id: a.id }) }]);
  });

  it('a role that reads only its own orders gets NOT_FOUND for others and sees only its own in lists', async () => {
    await database.db.insertInto('roles').values({ tenant_id: 1, key: 'trainee', name_zh: '实习坐席', name_en: 'Trainee', permissions: ['tickets.read_own', 'tickets.create', 'tickets.update'] }).execute();
    const trainee = await createUserActor(database.db, 'trainee');
    const mine = await createTestTicket(database.db, trainee);
    const theirs = await createTestTicket(database.db, agent);
    await expectCode(getTicket({ db: database.db, actor: trainee, id: theirs.id }), 'NOT_FOUND');
    const list = await listTickets({ db: database.db, actor: trainee, query: query() });
    expect(list.items.map((i) => i.id)).toEqual([mine.id]);
  });

  it('always masks the contact phone; revealing it needs the permission and is audit-logged', async () => {
    const { revealTicketContact } = await import('./ticket-activity.service.js');
    const t = await createTestTicket(database.db, agent, { contactPhone: '13812345678' });
    expect(t).toMatchObject({ contactPhone: '138****5678', contactPhoneMasked: true });
    const archivist = await createUserActor(database.db, 'archivist');
    expect(await getTicket({ db: database.db, actor: archivist, id: t.id })).toMatchObject({ contactPhone: '138****5678', contactPhoneMasked: true });
    await expectCode(revealTicketContact({ db: database.db, actor: otherAgent, id: t.id }), 'FORBIDDEN');
    expect(await revealTicketContact({ db: database.db, actor: archivist, id: t.id })).toEqual({ contactPhone: '13812345678' });
    // The first-contact agent has to call back, so may see the number while the order is open — logged too.
    expect(await revealTicketContact({ db: database.db, actor: agent, id: t.id })).toEqual({ contactPhone: '13812345678' });
    const resolved = await updateTicket({ db: database.db, actor: agent, id: t.id, input: { version: t.version, status: 'resolved' } });
    await expectCode(revealTicketContact({ db: database.db, actor: agent, id: resolved.id }), 'FORBIDDEN');
    const audit = await database.db.selectFrom('audit_log').select(['actor_id', 'action']).where('entity', '=', 'ticket').where('entity_id', '=', t.id).where('action', '=', 'ticket.contact_revealed').orderBy('id').execute();
    expect(audit).toEqual([{ actor_id: archivist.userId, action: 'ticket.contact_revealed' }, { actor_id: agent.userId, action: 'ticket.contact_revealed' }]);
  });
});

describe('process templates on work-order types', () => {
  it('copies the steps into a new order and walks them with their checklists and due times', async () => {
    const { completeProcessStep, setProcessChecklist } = await import('./ticket-workflow.service.js');
    const { createTicketType } = await import('../ticket-types/ticket-types.service.js');
    await createTicketType({
      db: database.db,
      actor: adminActor(),
      input: {
        key: 'contract_filing', nameZh: '合同备案', nameEn: 'Contract filing', fields: [], active: true,
        steps: [
          { key: 'collect', nameZh: '收集资料', nameEn: 'Collect', dueHours: 24, checklist: [{ key: 'application', labelZh: '联机备案申请表', labelEn: 'Application' }, { key: 'contracts', labelZh: '新签合同三份', labelEn: 'Contracts ×3' }] },
          { key: 'submit', nameZh: '房管局盖章', nameEn: 'Stamp at housing bureau', dueHours: 120, checklist: [] },
        ],
      },
    });
    let t = await createTestTicket(database.db, agent, { type: 'contract_filing' });
    expect(t.process?.steps.map((s) => [s.key, s.state])).toEqual([['collect', 'active'], ['submit', 'pending']]);
    await expectCode(updateTicket({ db: database.db, actor: agent, id: t.id, input: { version: t.version, status: 'resolved' } }), 'CHECKLIST_INCOMPLETE');
    await expectCode(completeProcessStep({ db: database.db, actor: agent, id: t.id, stepKey: 'collect', version: t.version }), 'CHECKLIST_INCOMPLETE');
    t = await setProcessChecklist({ db: database.db, actor: agent, id: t.id, stepKey: 'collect', itemKey: 'application', checked: true, version: t.version });
    t = await setProcessChecklist({ db: database.db, actor: agent, id: t.id, stepKey: 'collect', itemKey: 'contracts', checked: true, version: t.version });
    t = await completeProcessStep({ db: database.db, actor: agent, id: t.id, stepKey: 'collect', version: t.version, note: '资料已齐' });
    expect(t.status).toBe('in_progress');
    const submit = t.process!.steps[1]!;
    expect(submit.state).toBe('active');
    expect(new Date(submit.dueAt!).getTime() - new Date(submit.startedAt!).getTime()).toBe(120 * 3600_000);
    await expectCode(completeProcessStep({ db: database.db, actor: agent, id: t.id, stepKey: 'collect', version: t.version }), 'STEP_NOT_ACTIVE');
    t = await completeProcessStep({ db: database.db, actor: agent, id: t.id, stepKey: 'submit', version: t.version });
    t = await updateTicket({ db: database.db, actor: agent, id: t.id, input: { version: t.version, status: 'resolved' } });
    expect(t.status).toBe('resolved');
    const kinds = (await listTicketEvents({ db: database.db, actor: agent, id: t.id })).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'step_completed')).toHaveLength(2);
  });
});
