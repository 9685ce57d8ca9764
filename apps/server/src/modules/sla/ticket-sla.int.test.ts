import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { ensureTenant } from '../../bootstrap/tenant.js';
import { createTestTicket, createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';
import { addNote } from '../tickets/ticket-activity.service.js';
import { getTicket, updateTicket } from '../tickets/tickets.service.js';
import { getTicketSla, pauseTicketSla, resumeTicketSla } from './ticket-sla.service.js';

let database: Database;
let agent: Actor;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  agent = await createUserActor(database.db, 'agent');
  app = await createTestApp(database);
});
afterAll(async () => {
  await app.close();
  await database.close();
});
afterEach(() => { vi.useRealTimers(); });

const at = (iso: string) => vi.setSystemTime(new Date(iso));
const HOUR = 3_600_000;

describe('SLA policies', () => {
  it('seeds the defaults once, keyed so a restart adds nothing', async () => {
    await ensureTenant(database.db, { id: TEST_TENANT_ID, code: 'default', name: '测试客服中心' });
    const rows = await database.db.selectFrom('sla_policies').select(['builtin_key', 'first_reply_minutes', 'update_minutes', 'resolution_minutes', 'time_basis', 'calendar'])
      .where('tenant_id', '=', TEST_TENANT_ID).orderBy('sort_order').execute();
    expect(rows.map((r) => r.builtin_key)).toEqual(['complaint', 'urgent', 'consultation', 'default']);
    expect(rows[0]).toMatchObject({ first_reply_minutes: 720, update_minutes: 1440, resolution_minutes: 2880, time_basis: 'calendar', calendar: '24x7' });
    expect(rows[2]).toMatchObject({ resolution_minutes: 1440, time_basis: 'business', calendar: '12x7' });
  });

  it('admin lists, adds and changes policies over HTTP; an agent may not; a broken calendar names its field', async () => {
    const admin = await createUserActor(database.db, 'admin');
    const adminHeaders = await loginAs(app, admin.username);
    const agentHeaders = await loginAs(app, agent.username);
    expect((await app.inject({ method: 'GET', url: '/api/v1/sla-policies', headers: agentHeaders })).json().error.code).toBe('FORBIDDEN');
    const list = await app.inject({ method: 'GET', url: '/api/v1/sla-policies', headers: adminHeaders });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(4);
    const created = await app.inject({
      method: 'POST', url: '/api/v1/sla-policies', headers: adminHeaders,
      payload: { name: 'VIP 报修', typeKey: 'repair', customerGrade: 'A', calendar: '5x8', timeBasis: 'business', resolutionMinutes: 480, escalation: [{ percent: 100, notify: 'manager', channels: ['live', 'wecom'] }] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'VIP 报修', typeKey: 'repair', customerGrade: 'A', firstReplyMinutes: null, sortOrder: 100, active: true, builtinKey: null });
    const patched = await app.inject({ method: 'PATCH', url: `/api/v1/sla-policies/${created.json().id}`, headers: adminHeaders, payload: { active: false } });
    expect(patched.json().active).toBe(false);
    const broken = await app.inject({ method: 'POST', url: '/api/v1/sla-policies', headers: adminHeaders, payload: { name: 'x', calendar: { timeZone: 'Asia/Shanghai', weeklyHours: { mon: [{ start: '25:00', end: '26:00' }] } }, timeBasis: 'business' } });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.message).toContain('weeklyHours.mon');
  });
});

describe('SLA clocks', () => {
  it('starts a complaint with 12 h first reply, 24 h update and 48 h resolution in wall-clock time', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2026-11-20T10:00:00+08:00');
    const t = await createTestTicket(database.db, agent, { type: 'complaint' });
    expect(t.sla).toEqual({
      policy: { id: expect.any(Number), name: '投诉 (12 h 答复 / 48 h 解决)' },
      firstReplyDueAt: '2026-11-20T14:00:00.000Z', firstReplyAt: null,
      nextUpdateDueAt: '2026-11-21T02:00:00.000Z', resolutionDueAt: '2026-11-22T02:00:00.000Z',
      pausedSince: null, pauseReason: null, escalationLevel: 0, breached: [],
    });
    const row = await database.db.selectFrom('ticket_sla').select(['next_escalation_at']).where('ticket_id', '=', t.id).executeTakeFirstOrThrow();
    expect(row.next_escalation_at?.toISOString()).toBe('2026-11-21T14:00:00.000Z'); // 75 % of 48 h
    // The same state comes back when the order is read again or listed.
    expect((await getTicket({ db: database.db, actor: agent, id: t.id })).sla).toEqual(t.sla);
  });

  it('counts consultation resolution in 12x7 business hours; answered-on-the-spot orders are met at once', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2026-11-20T20:00:00+08:00');
    const t = await createTestTicket(database.db, agent, { type: 'consultation' });
    // 24 business hours from Friday 20:00 on 09:00–21:00: 1 h Friday, 12 h Saturday, 11 h Sunday → Sunday 20:00.
    expect(t.sla?.resolutionDueAt).toBe(new Date('2026-11-22T20:00:00+08:00').toISOString());
    const spot = await createTestTicket(database.db, agent, { type: 'consultation', answeredOnSpot: true, answer: '已当场解答' });
    expect(spot.sla).toMatchObject({ firstReplyAt: new Date('2026-11-20T20:00:00+08:00').toISOString(), breached: [] });
    const row = await database.db.selectFrom('ticket_sla').select(['resolved_at', 'next_escalation_at']).where('ticket_id', '=', spot.id).executeTakeFirstOrThrow();
    expect(row.resolved_at).not.toBeNull();
    expect(row.next_escalation_at).toBeNull();
  });

  it('a public note is the first reply and an update; an internal one is neither', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2026-11-20T10:00:00+08:00');
    const t = await createTestTicket(database.db, agent, { type: 'complaint' });
    at('2026-11-20T11:00:00+08:00');
    await addNote({ db: database.db, actor: agent, id: t.id, body: '内部备注', internal: true });
    expect((await getTicket({ db: database.db, actor: agent, id: t.id })).sla?.firstReplyAt).toBeNull();
    at('2026-11-20T12:00:00+08:00');
    await addNote({ db: database.db, actor: agent, id: t.id, body: '已联系客户', internal: false });
    const sla = (await getTicket({ db: database.db, actor: agent, id: t.id })).sla;
    expect(sla?.firstReplyAt).toBe('2026-11-20T04:00:00.000Z');
    expect(sla?.nextUpdateDueAt).toBe('2026-11-21T04:00:00.000Z');
    // Past the 12 h mark with no reply the target shows as breached.
    at('2026-11-20T23:00:00+08:00');
    const late = await createTestTicket(database.db, agent, { type: 'complaint' });
    at('2026-11-21T12:00:00+08:00');
    expect((await getTicket({ db: database.db, actor: agent, id: late.id })).sla?.breached).toEqual(['first_reply']);
  });

  it('pauses for an unreachable customer, logs pause and resume with reasons, and shifts the due time (顺延)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2026-11-20T10:00:00+08:00');
    const t = await createTestTicket(database.db, agent, { type: 'complaint' });
    at('2026-11-20T11:00:00+08:00');
    const paused = await pauseTicketSla({ db: database.db, actor: agent, id: t.id, reason: 'customer_unreachable', note: '联系电话无人接听' });
    expect(paused.sla).toMatchObject({ pausedSince: '2026-11-20T03:00:00.000Z', pauseReason: 'customer_unreachable', resolutionDueAt: null });
    await expect(pauseTicketSla({ db: database.db, actor: agent, id: t.id, reason: 'other', note: null })).rejects.toMatchObject({ code: 'CONFLICT', params: { detail: 'sla_already_paused' } });
    at('2026-11-20T14:00:00+08:00');
    const resumed = await resumeTicketSla({ db: database.db, actor: agent, id: t.id, note: '已接通' });
    expect(resumed.sla).toMatchObject({ pausedSince: null, resolutionDueAt: '2026-11-22T05:00:00.000Z', firstReplyDueAt: '2026-11-20T17:00:00.000Z' });
    await expect(resumeTicketSla({ db: database.db, actor: agent, id: t.id, note: null })).rejects.toMatchObject({ code: 'CONFLICT', params: { detail: 'sla_not_paused' } });
    const detail = await getTicketSla({ db: database.db, actor: agent, id: t.id });
    expect(detail.pausedMinutes).toBe(180);
    expect(detail.pauses).toEqual([{ id: expect.any(Number), reason: 'customer_unreachable', note: '联系电话无人接听', startedAt: '2026-11-20T03:00:00.000Z', endedAt: '2026-11-20T06:00:00.000Z', startedBy: agent.userId, endedBy: agent.userId }]);
    const audit = await database.db.selectFrom('audit_log').select(['action', 'detail']).where('entity', '=', 'ticket').where('entity_id', '=', t.id).where('action', 'like', 'ticket.sla_%').orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'ticket.sla_paused', detail: { reason: 'customer_unreachable', note: '联系电话无人接听' } },
      { action: 'ticket.sla_resumed', detail: { reason: 'customer_unreachable', note: '已接通', pausedMinutes: 180 } },
    ]);
  });

  it('waiting on the customer pauses the clock; a reopened order continues where its clock stood', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2026-11-20T00:00:00Z');
    let t = await createTestTicket(database.db, agent, { type: 'complaint', assigneeId: agent.userId });
    at('2026-11-20T02:00:00Z');
    t = await updateTicket({ db: database.db, actor: agent, id: t.id, input: { version: t.version, status: 'waiting_customer' } });
    expect(t.sla).toMatchObject({ pauseReason: 'waiting_customer', resolutionDueAt: null });
    at('2026-11-20T04:00:00Z');
    t = await updateTicket({ db: database.db, actor: agent, id: t.id, input: { version: t.version, status: 'in_progress' } });
    expect(t.sla?.resolutionDueAt).toBe('2026-11-22T02:00:00.000Z');
    at('2026-11-20T10:00:00Z');
    t = await updateTicket({ db: database.db, actor: agent, id: t.id, input: { version: t.version, status: 'resolved' } });
    expect(t.sla?.breached).toEqual([]);
    // Reopened five days later: 8 h of the 48 h were used, 40 h remain; it is not breached at once.
    at('2026-11-25T10:00:00Z');
    t = await updateTicket({ db: database.db, actor: agent, id: t.id, input: { version: t.version, status: 'in_progress', statusReason: '客户再次来电' } });
    expect(t.sla).toMatchObject({ resolutionDueAt: '2026-11-27T02:00:00.000Z', breached: [], pausedSince: null });
    // The resolved stretch is not a pause of the log.
    expect((await getTicketSla({ db: database.db, actor: agent, id: t.id })).pauses.map((p) => p.reason)).toEqual(['waiting_customer']);
  });

  it('exposes GET /tickets/:id/sla and the pause action over HTTP', async () => {
    const t = await createTestTicket(database.db, agent, { type: 'complaint' });
    const headers = await loginAs(app, agent.username);
    const pause = await app.inject({ method: 'POST', url: `/api/v1/tickets/${t.id}/sla/pause`, headers, payload: { reason: 'customer_unreachable', note: '用户自动挂断' } });
    expect(pause.statusCode).toBe(200);
    expect(pause.json().sla.pauseReason).toBe('customer_unreachable');
    const bad = await app.inject({ method: 'POST', url: `/api/v1/tickets/${t.id}/sla/pause`, headers, payload: { reason: 'waiting_customer' } });
    expect(bad.statusCode).toBe(400);
    const sla = await app.inject({ method: 'GET', url: `/api/v1/tickets/${t.id}/sla`, headers });
    expect(sla.json()).toMatchObject({ pauseReason: 'customer_unreachable', pauses: [{ reason: 'customer_unreachable', note: '用户自动挂断', endedAt: null }] });
    const list = await app.inject({ method: 'GET', url: '/api/v1/tickets?pageSize=5', headers });
    expect(list.json().items.find((i: { id: number }) => i.id === t.id).sla.pauseReason).toBe('customer_unreachable');
    const openapi = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(Object.keys(openapi.json().paths)).toEqual(expect.arrayContaining(['/api/v1/sla-policies', '/api/v1/tickets/{id}/sla', '/api/v1/tickets/{id}/sla/pause']));
  });

  it('re-typing an order moves it under the matching policy, counted from its start', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2026-11-20T10:00:00+08:00');
    let t = await createTestTicket(database.db, agent, { type: 'consultation' });
    expect(t.sla?.policy.name).toBe('咨询');
    at('2026-11-20T11:00:00+08:00');
    t = await updateTicket({ db: database.db, actor: agent, id: t.id, input: { version: t.version, type: 'complaint' } });
    expect(t.sla).toMatchObject({ policy: { name: '投诉 (12 h 答复 / 48 h 解决)' }, firstReplyDueAt: '2026-11-20T14:00:00.000Z', resolutionDueAt: '2026-11-22T02:00:00.000Z' });
    const audit = await database.db.selectFrom('audit_log').select('detail').where('entity_id', '=', t.id).where('action', '=', 'ticket.sla_policy_changed').execute();
    expect(audit.map((a) => a.detail)).toEqual([{ from: '咨询', to: '投诉 (12 h 答复 / 48 h 解决)' }]);
  });

  it('a merged duplicate stops its clock and timers', async () => {
    const leader = await createUserActor(database.db, 'leader');
    const target = await createTestTicket(database.db, agent, { type: 'complaint' });
    const duplicate = await createTestTicket(database.db, agent, { type: 'complaint' });
    const { mergeTickets } = await import('../tickets/ticket-activity.service.js');
    await mergeTickets({ db: database.db, actor: leader, id: target.id, sourceIds: [duplicate.id] });
    const row = await database.db.selectFrom('ticket_sla').select(['resolved_at', 'next_escalation_at']).where('ticket_id', '=', duplicate.id).executeTakeFirstOrThrow();
    expect(row.resolved_at).not.toBeNull();
    expect(row.next_escalation_at).toBeNull();
  });

  it('backfills clocks for orders without one, marking past ladder steps as taken', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2026-11-20T00:00:00Z');
    const old = await createTestTicket(database.db, agent, { type: 'complaint' });
    const done = await createTestTicket(database.db, agent, { type: 'complaint', answeredOnSpot: true, answer: '已解答' });
    await database.db.deleteFrom('ticket_sla').where('ticket_id', 'in', [old.id, done.id]).execute();
    at('2026-11-22T01:00:00Z'); // 49 h later: the 75 % and 100 % steps are history, 150 % is ahead
    const { backfillTicketSla } = await import('./ticket-sla.service.js');
    expect(await backfillTicketSla(database.db, TEST_TENANT_ID)).toBeGreaterThanOrEqual(2);
    const rows = await database.db.selectFrom('ticket_sla').select(['ticket_id', 'escalation_level', 'next_escalation_at', 'resolved_at'])
      .where('ticket_id', 'in', [old.id, done.id]).orderBy('ticket_id').execute();
    expect(rows[0]).toMatchObject({ escalation_level: 2, next_escalation_at: new Date('2026-11-23T00:00:00Z') });
    expect(rows[1]!.resolved_at).not.toBeNull();
    expect((await getTicket({ db: database.db, actor: agent, id: old.id })).sla?.breached).toEqual(['first_reply', 'update', 'resolution']);
    expect(await backfillTicketSla(database.db, TEST_TENANT_ID)).toBe(0);
  });

  it('a callback counts as a progress update', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2026-11-20T10:00:00+08:00');
    let t = await createTestTicket(database.db, agent, { type: 'complaint', assigneeId: agent.userId });
    await database.db.updateTable('tickets').set({ callback_pending: true }).where('id', '=', t.id).execute();
    t = await getTicket({ db: database.db, actor: agent, id: t.id });
    at('2026-11-20T15:00:00+08:00');
    const { recordCallback } = await import('../tickets/ticket-workflow.service.js');
    t = await recordCallback({ db: database.db, actor: agent, id: t.id, input: { version: t.version, outcome: 'unreachable' } });
    expect(t.sla?.nextUpdateDueAt).toBe('2026-11-21T07:00:00.000Z');
  });

  it('big customers (VIP) get the VIP policy whatever their grade; others keep theirs', async () => {
    const { insertCustomer } = await import('../customers/customers.service.js');
    const { adminActor } = await import('../../testing/factories.js');
    const { forgetSlaPolicies } = await import('./sla-policies.service.js');
    const big = await insertCustomer(database.db, adminActor(), { kind: 'organization', name: '大客户集团', grade: 'B', phones: [] });
    const small = await insertCustomer(database.db, adminActor(), { kind: 'person', name: '普通客户', grade: 'B', phones: [] });
    await database.db.insertInto('grading_profiles').values({ tenant_id: TEST_TENANT_ID, customer_id: big, is_vip: true } as never).execute();
    await database.db.insertInto('sla_policies').values({
      tenant_id: TEST_TENANT_ID, name: '大客户', customer_grade: 'VIP', calendar: JSON.stringify('24x7'), time_basis: 'calendar',
      first_reply_minutes: 30, resolution_minutes: 240, escalation: JSON.stringify([]), sort_order: 1,
    } as never).execute();
    forgetSlaPolicies(TEST_TENANT_ID);
    const vip = await createTestTicket(database.db, agent, { type: 'repair', customerId: big });
    const plain = await createTestTicket(database.db, agent, { type: 'repair', customerId: small });
    expect(vip.sla?.policy.name).toBe('大客户');
    expect(plain.sla?.policy.name).not.toBe('大客户');
  });
});
