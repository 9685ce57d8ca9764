import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';
import { DateTime } from 'luxon';
import { publicHolidayName } from './rosters-common.js';
import { createTeam, dayShift, localTime, workdayAhead } from './rosters.test-helpers.js';

let database: Database;
let app: FastifyInstance;
type Headers = { authorization: string };
let a: { id: number; h: Headers };
let b: { id: number; h: Headers };
let leaderA: { id: number; h: Headers };
let leaderB: { id: number; h: Headers };

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  const db = database.db;
  const lA = await createUserActor(db, 'leader', { displayName: '一班班长' });
  const lB = await createUserActor(db, 'leader', { displayName: '二班班长' });
  const teamA = await createTeam(db, '一班', lA.userId);
  const teamB = await createTeam(db, '二班', lB.userId);
  const uA = await createUserActor(db, 'agent', { teamId: teamA, displayName: '张三' });
  const uB = await createUserActor(db, 'agent', { teamId: teamB, displayName: '李四' });
  const login = async (u: { userId: number; username: string }) => ({ id: u.userId, h: await loginAs(app, u.username) });
  [a, b, leaderA, leaderB] = await Promise.all([login(uA), login(uB), login(lA), login(lB)]);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (headers: Headers, url: string, payload: object) => app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload });
const holders = async (...ids: number[]) =>
  (await database.db.selectFrom('roster_shifts').select(['id', 'user_id', 'swap_id']).where('tenant_id', '=', TEST_TENANT_ID).where('id', 'in', ids).orderBy('id').execute()).map((s) => [s.user_id, s.swap_id]);

describe('shift swaps (换班)', () => {
  it('refuses a forbidden swap with its reason (422 + message) and shows every reason beforehand', async () => {
    const mine = await dayShift(database.db, a.id, workdayAhead(5));
    const theirs = await dayShift(database.db, b.id, workdayAhead(5, 2));
    await app.inject({ method: 'PUT', url: `/api/v1/rosters/staff/${b.id}`, headers: leaderB.h, payload: { job: 'agent', skillLevel: 3 } });
    const check = await app.inject({ method: 'GET', url: `/api/v1/rosters/swaps/check?requesterShiftId=${mine}&counterpartShiftId=${theirs}`, headers: a.h });
    expect(check.json()).toEqual({ ok: false, violations: [{ rule: 'rosters.swap.skill_mismatch', params: { a: 1, b: 3 }, message: '换班双方技术业务水平须相当（1 级 / 3 级）' }] });
    const refused = await post(a.h, '/rosters/swaps', { requesterShiftId: mine, counterpartShiftId: theirs, reason: '家里有事' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'RULE_VIOLATION', message: '换班双方技术业务水平须相当（1 级 / 3 级）' });
    const english = await app.inject({ method: 'POST', url: '/api/v1/rosters/swaps', headers: { ...a.h, 'accept-language': 'en' }, payload: { requesterShiftId: mine, counterpartShiftId: theirs } });
    expect(english.json().error.message).toBe('Both sides must have the same skill level (level 1 / level 3)');
    const notMine = await post(a.h, '/rosters/swaps', { requesterShiftId: theirs, counterpartShiftId: mine });
    expect(notMine.json().error.message).toBe('只能用自己的班次换班');
    await app.inject({ method: 'PUT', url: `/api/v1/rosters/staff/${b.id}`, headers: leaderB.h, payload: { job: 'agent', skillLevel: 1 } });
  });

  it('both team leaders approve; the second approval exchanges the two shifts', async () => {
    const mine = await dayShift(database.db, a.id, workdayAhead(12));
    const theirs = await dayShift(database.db, b.id, workdayAhead(12, 2), { from: 16, to: 23, code: 'E' });
    const created = await post(a.h, '/rosters/swaps', { requesterShiftId: mine, counterpartShiftId: theirs, reason: '孩子开家长会' });
    expect(created.statusCode).toBe(201);
    const swap = created.json();
    expect(swap).toMatchObject({ status: 'pending', requesterName: '张三', counterpartName: '李四', requesterLeaderId: null, counterpartLeaderId: null });
    expect((await post(a.h, `/rosters/swaps/${swap.id}/decision`, { version: 1, approve: true })).statusCode).toBe(403);

    const first = await post(leaderA.h, `/rosters/swaps/${swap.id}/decision`, { version: 1, approve: true });
    expect(first.json()).toMatchObject({ status: 'pending', requesterLeaderId: leaderA.id, counterpartLeaderId: null });
    expect(await holders(mine, theirs)).toEqual([[a.id, null], [b.id, null]]);
    const twice = await post(leaderA.h, `/rosters/swaps/${swap.id}/decision`, { version: 2, approve: true });
    expect(twice.json().error.message).toBe('您已审批过该换班申请，须由另一方班长审批');
    const inbox = await app.inject({ method: 'GET', url: '/api/v1/rosters/swaps?inbox=true', headers: leaderB.h });
    expect(inbox.json().items.map((s: { id: number }) => s.id)).toEqual([swap.id]);

    const second = await post(leaderB.h, `/rosters/swaps/${swap.id}/decision`, { version: 2, approve: true });
    expect(second.json()).toMatchObject({ status: 'approved', counterpartLeaderId: leaderB.id });
    expect(second.json().appliedAt).not.toBeNull();
    expect(await holders(mine, theirs)).toEqual([[b.id, swap.id], [a.id, swap.id]]);
    // 张三 now works 李四's evening shift.
    const date = workdayAhead(12, 2);
    const shifts = await app.inject({ method: 'GET', url: `/api/v1/rosters/shifts?from=${date}&to=${date}&mine=true`, headers: a.h });
    expect(shifts.json().items).toMatchObject([{ id: theirs, userId: a.id, shiftCode: 'E', swapId: swap.id, startsAt: localTime(date, 16).toISOString() }]);
    // 换班和还班均不得请假.
    const leave = await post(a.h, '/rosters/leave', { kind: 'personal', startsAt: localTime(date, 0).toISOString(), endsAt: localTime(date, 23, 59).toISOString() });
    expect(leave.json().error.message).toBe(`换班和还班均不得请假（${date} 的班次是换班所得）`);
  });

  it('applies nothing when a rule broke between request and approval (leave taken meanwhile)', async () => {
    const mineDate = workdayAhead(20);
    const theirsDate = workdayAhead(20, 3);
    const mine = await dayShift(database.db, a.id, mineDate);
    const theirs = await dayShift(database.db, b.id, theirsDate);
    const swap = (await post(a.h, '/rosters/swaps', { requesterShiftId: mine, counterpartShiftId: theirs })).json();
    await post(leaderA.h, `/rosters/swaps/${swap.id}/decision`, { version: 1, approve: true });
    const leave = await post(b.h, '/rosters/leave', { kind: 'personal', startsAt: localTime(theirsDate, 8).toISOString(), endsAt: localTime(theirsDate, 16).toISOString() });
    expect(leave.statusCode).toBe(201);
    const refused = await post(leaderB.h, `/rosters/swaps/${swap.id}/decision`, { version: 2, approve: true });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toBe(`换班和还班均不得请假：李四 在 ${theirsDate} 的班次已有请假`);
    expect(await holders(mine, theirs)).toEqual([[a.id, null], [b.id, null]]);
    const after = await app.inject({ method: 'GET', url: `/api/v1/rosters/swaps?status=pending`, headers: leaderB.h });
    expect(after.json().items.find((s: { id: number }) => s.id === swap.id)).toMatchObject({ status: 'pending', counterpartLeaderId: null, version: 2 });
  });

  it('at most 2 swaps per person per month', async () => {
    // Six ordinary days three apart in one month two months ahead (no adjacent swaps, no 连班).
    const first = DateTime.now().setZone('Asia/Shanghai').plus({ months: 2 }).startOf('month');
    const days: string[] = [];
    for (let d = first.plus({ days: 1 }); days.length < 6; d = d.plus({ days: 3 })) {
      if (!publicHolidayName(d.toISODate()!)) days.push(d.toISODate()!);
    }
    expect(new Set(days.map((d) => d.slice(0, 7))).size).toBe(1);
    const ids = [];
    for (const [i, d] of days.entries()) ids.push(await dayShift(database.db, i % 2 === 0 ? a.id : b.id, d));
    expect((await post(a.h, '/rosters/swaps', { requesterShiftId: ids[0], counterpartShiftId: ids[1] })).statusCode).toBe(201);
    expect((await post(a.h, '/rosters/swaps', { requesterShiftId: ids[2], counterpartShiftId: ids[3] })).statusCode).toBe(201);
    const third = await post(a.h, '/rosters/swaps', { requesterShiftId: ids[4], counterpartShiftId: ids[5] });
    expect(third.statusCode).toBe(422);
    expect(third.json().error.details.violations.map((v: { rule: string }) => v.rule)).toContain('rosters.swap.monthly_limit');
  });
});
