import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';
import { createTeam, dayShift, localTime, nextDay, workdayAhead } from './rosters.test-helpers.js';

let database: Database;
let app: FastifyInstance;
let agentId: number;
let agent: { authorization: string };
let leader: { authorization: string };
let leaderId: number;
let director: { authorization: string };

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  const a = await createUserActor(database.db, 'agent', { displayName: '王小丽' });
  const l = await createUserActor(database.db, 'leader');
  const g = await createUserActor(database.db, 'gm');
  agentId = a.userId;
  leaderId = l.userId;
  [agent, leader, director] = await Promise.all([loginAs(app, a.username), loginAs(app, l.username), loginAs(app, g.username)]);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (headers: { authorization: string }, url: string, payload: object) => app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload });
const shiftStatus = async (id: number) => (await database.db.selectFrom('roster_shifts').select(['status', 'leave_request_id']).where('tenant_id', '=', TEST_TENANT_ID).where('id', '=', id).executeTakeFirstOrThrow());

describe('leave (请假) approval by level', () => {
  it('one day: the shift leader approves alone, the shift is marked as leave and coverage drops', async () => {
    const date = workdayAhead(3);
    const shiftId = await dayShift(database.db, agentId, date);
    const created = await post(agent, '/rosters/leave', { kind: 'personal', startsAt: localTime(date, 0).toISOString(), endsAt: localTime(date, 23, 59).toISOString(), reason: '家中有事' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ status: 'pending', days: 1, needsDirector: false, userName: '王小丽' });
    const inbox = await app.inject({ method: 'GET', url: '/api/v1/rosters/leave?inbox=true', headers: leader });
    expect(inbox.json().items.map((l: { id: number }) => l.id)).toContain(created.json().id);

    expect((await post(agent, `/rosters/leave/${created.json().id}/decision`, { version: 1, approve: true })).statusCode).toBe(403);
    const approved = await post(leader, `/rosters/leave/${created.json().id}/decision`, { version: 1, approve: true });
    expect(approved.json()).toMatchObject({ status: 'approved', approvedBy: leaderId, directedBy: null, version: 2 });
    expect(await shiftStatus(shiftId)).toEqual({ status: 'leave', leave_request_id: created.json().id });

    const coverage = await app.inject({ method: 'GET', url: `/api/v1/rosters/coverage?date=${date}`, headers: leader });
    const at10 = coverage.json().intervals.find((i: { start: string }) => i.start === localTime(date, 10).toISOString());
    expect(at10).toEqual({ start: localTime(date, 10).toISOString(), scheduled: 1, onLeave: 1, available: 0 });

    const cancelled = await post(agent, `/rosters/leave/${created.json().id}/cancel`, { version: 2 });
    expect(cancelled.json().status).toBe('cancelled');
    expect(await shiftStatus(shiftId)).toEqual({ status: 'scheduled', leave_request_id: null });
  });

  it('more than a day: the leader approves first, then only the center director', async () => {
    const first = workdayAhead(10);
    const second = nextDay(first);
    await dayShift(database.db, agentId, first);
    await dayShift(database.db, agentId, second);
    const created = await post(agent, '/rosters/leave', { kind: 'annual', startsAt: localTime(first, 0).toISOString(), endsAt: localTime(second, 23).toISOString() });
    expect(created.json()).toMatchObject({ days: 2, needsDirector: true });
    const id = created.json().id;
    // No skipping levels: the director cannot approve before the department head.
    const skipped = await post(director, `/rosters/leave/${id}/decision`, { version: 1, approve: true });
    expect(skipped.statusCode).toBe(422);
    expect(skipped.json().error).toMatchObject({ code: 'RULE_VIOLATION', message: '须先由客服部主任（班长）审批，不允许越级' });
    const level1 = await post(leader, `/rosters/leave/${id}/decision`, { version: 1, approve: true });
    expect(level1.json()).toMatchObject({ status: 'pending_director', approvedBy: leaderId });
    const again = await post(leader, `/rosters/leave/${id}/decision`, { version: 2, approve: true });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.message).toBe('请假超过一天，须由客服中心主任审批');
    const level2 = await post(director, `/rosters/leave/${id}/decision`, { version: 2, approve: true });
    expect(level2.json()).toMatchObject({ status: 'approved', version: 3 });
    const stale = await post(director, `/rosters/leave/${id}/decision`, { version: 2, approve: true });
    expect(stale.statusCode).toBe(409);
  });

  it('refuses a request that breaks rules with a 422 naming every rule', async () => {
    const date = workdayAhead(20);
    await dayShift(database.db, agentId, date);
    const response = await app.inject({
      method: 'POST', url: '/api/v1/rosters/leave', headers: { ...agent, 'accept-language': 'zh-CN' },
      payload: { kind: 'sick', startsAt: localTime(date, 0).toISOString(), endsAt: localTime(date, 23).toISOString() },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'RULE_VIOLATION', message: '病假满一天须持医疗单位证明（急诊除外），请上传证明' });
    expect(response.json().error.details.violations.map((v: { rule: string }) => v.rule)).toEqual(['rosters.leave.certificate_required']);
    const noShift = await post(agent, '/rosters/leave', { kind: 'personal', startsAt: localTime(nextDay(date, 1), 0).toISOString(), endsAt: localTime(nextDay(date, 1), 23).toISOString() });
    expect(noShift.json().error.message).toBe('请假时段内没有您的排班');
  });

  it('a leader cannot approve their own leave', async () => {
    const date = workdayAhead(30);
    await dayShift(database.db, leaderId, date);
    const created = await post(leader, '/rosters/leave', { kind: 'personal', startsAt: localTime(date, 8).toISOString(), endsAt: localTime(date, 12).toISOString() });
    expect(created.json().days).toBe(0.5);
    const own = await post(leader, `/rosters/leave/${created.json().id}/decision`, { version: 1, approve: true });
    expect(own.json().error.message).toBe('不能审批自己的请假申请');
  });

  it('no approving across teams: only the person\'s own team leader approves the first level', async () => {
    const db = database.db;
    const ownLeader = await createUserActor(db, 'leader');
    const team = await createTeam(db, '三班', ownLeader.userId);
    const otherLeader = await createUserActor(db, 'leader', { teamId: await createTeam(db, '四班') });
    const member = await createUserActor(db, 'agent', { teamId: team });
    const date = workdayAhead(40);
    await dayShift(db, member.userId, date);
    const created = await post(await loginAs(app, member.username), '/rosters/leave', { kind: 'annual', startsAt: localTime(date, 8).toISOString(), endsAt: localTime(date, 16).toISOString() });
    const id = created.json().id;
    const otherHeaders = await loginAs(app, otherLeader.username);
    expect((await app.inject({ method: 'GET', url: '/api/v1/rosters/leave?inbox=true', headers: otherHeaders })).json().items.map((l: { id: number }) => l.id)).not.toContain(id);
    const crossed = await post(otherHeaders, `/rosters/leave/${id}/decision`, { version: 1, approve: true });
    expect(crossed.statusCode).toBe(422);
    expect(crossed.json().error.message).toBe('请假须由本人所在班组的班长审批，不允许交叉请假');
    const own = await post(await loginAs(app, ownLeader.username), `/rosters/leave/${id}/decision`, { version: 1, approve: true });
    expect(own.json()).toMatchObject({ status: 'approved', approvedBy: ownLeader.userId });
  });
});
