import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';
import { upsertRosterShifts } from './roster-shifts.service.js';
import { dayShift, localTime } from './rosters.test-helpers.js';

let database: Database;
let app: FastifyInstance;
let leader: { authorization: string };
const yesterday = DateTime.now().setZone('Asia/Shanghai').minus({ days: 1 }).toISODate()!;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  leader = await loginAs(app, (await createUserActor(database.db, 'leader')).username);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('attendance and adherence for a day', () => {
  it('judges clock events and agent states against the roster with the 20-minute rule', async () => {
    const db = database.db;
    const late = await createUserActor(db, 'agent', { displayName: 'A迟到' });
    const states = await createUserActor(db, 'agent', { displayName: 'B坐席' });
    const absent = await createUserActor(db, 'agent', { displayName: 'C缺勤' });
    for (const u of [late, states, absent]) await dayShift(db, u.userId, yesterday);
    await db.insertInto('roster_clock_events').values([
      { tenant_id: TEST_TENANT_ID, user_id: late.userId, kind: 'in', at: localTime(yesterday, 8, 25) },
      { tenant_id: TEST_TENANT_ID, user_id: late.userId, kind: 'out', at: localTime(yesterday, 15, 50) },
    ]).execute();
    await db.insertInto('agent_state_log').values([
      { tenant_id: TEST_TENANT_ID, user_id: states.userId, state: 'ready', started_at: localTime(yesterday, 7, 50), ended_at: localTime(yesterday, 12) },
      { tenant_id: TEST_TENANT_ID, user_id: states.userId, state: 'break', started_at: localTime(yesterday, 12), ended_at: localTime(yesterday, 12, 30) },
      { tenant_id: TEST_TENANT_ID, user_id: states.userId, state: 'ready', started_at: localTime(yesterday, 12, 30), ended_at: localTime(yesterday, 16, 5) },
    ]).execute();
    const response = await app.inject({ method: 'GET', url: `/api/v1/rosters/attendance?date=${yesterday}`, headers: leader });
    expect(response.statusCode).toBe(200);
    const rows = Object.fromEntries(response.json().items.map((r: { userName: string }) => [r.userName, r]));
    expect(rows['A迟到']).toMatchObject({ source: 'clock', lateMinutes: 25, earlyLeaveMinutes: 10, violations: ['late'], workingMinutes: 445, clockInAt: localTime(yesterday, 8, 25).toISOString(), clockOutAt: localTime(yesterday, 15, 50).toISOString() });
    expect(rows['B坐席']).toMatchObject({ source: 'agent_states', lateMinutes: 0, longestAwayMinutes: 0, violations: [], scheduledMinutes: 480, workingMinutes: 450, adherence: 0.938 });
    expect(rows['B坐席'].intervals[8]).toEqual({ start: localTime(yesterday, 12).toISOString(), scheduledMinutes: 30, workingMinutes: 0 });
    expect(rows['C缺勤']).toMatchObject({ source: 'none', absent: true, violations: ['absent'], adherence: 0 });
  });

  it('clocks in against a shift around now, and refuses without one', async () => {
    const agent = await createUserActor(database.db, 'agent');
    const headers = await loginAs(app, agent.username);
    const refused = await app.inject({ method: 'POST', url: '/api/v1/rosters/attendance/clock', headers, payload: { kind: 'in' } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toBe('今天没有您的排班');
    const start = DateTime.now().minus({ minutes: 5 });
    await upsertRosterShifts({ db: database.db, tenantId: TEST_TENANT_ID, shifts: [{ userId: agent.userId, date: start.setZone('Asia/Shanghai').toISODate()!, shiftCode: 'D', startsAt: start.toJSDate(), endsAt: start.plus({ hours: 8 }).toJSDate() }] });
    const clocked = await app.inject({ method: 'POST', url: '/api/v1/rosters/attendance/clock', headers, payload: { kind: 'in' } });
    expect(clocked.statusCode).toBe(201);
    expect(clocked.json().kind).toBe('in');
  });
});
