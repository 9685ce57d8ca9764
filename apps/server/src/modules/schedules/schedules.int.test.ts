import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import type { LiveEvent } from '../../lib/live/live-bus.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';
import { addDays } from './forecast/series.js';
import { seedSchedulesDemo } from './schedules.demo.js';
import { loadHistory, localToday } from './history.repo.js';
import { adminActor, createTestTicket, createUserActor } from '../../testing/factories.js';

let database: Database;
let app: FastifyInstance;
let leader: { authorization: string };
let agentAuth: { authorization: string };
let agentIds: number[];
const events: LiveEvent[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  const team = await database.db.insertInto('teams').values({ tenant_id: TEST_TENANT_ID, name: '热线一组' }).returning('id').executeTakeFirstOrThrow();
  leader = await loginAs(app, (await createUserActor(database.db, 'leader')).username);
  const agents = [];
  for (let k = 0; k < 4; k += 1) agents.push(await createUserActor(database.db, 'agent', { teamId: team.id }));
  agentIds = agents.map((a) => a.userId);
  agentAuth = await loginAs(app, agents[0]!.username);
  app.live.subscribe((e) => events.push(e));
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (url: string, payload: unknown, headers = leader) => app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object });

describe('schedules', () => {
  it('forecasts, generates a draft, refuses an edit breaking the rest rule, publishes', async () => {
    const noHistory = await post('/schedules/forecasts', { source: 'calls', horizonWeeks: 1 });
    expect(noHistory.statusCode).toBe(422);
    expect(noHistory.json().error).toMatchObject({ code: 'RULE_VIOLATION' });

    const created = await post('/schedules/forecasts', { source: 'simulated', horizonWeeks: 1, historyWeeks: 8, backtestWeeks: 2 });
    expect(created.statusCode).toBe(201);
    const forecast = created.json();
    expect(Object.keys(forecast.forecasts).sort()).toEqual(['holt_winters', 'multi_week_average', 'seasonal_naive']);
    expect(forecast.adjusted).toHaveLength(7 * 48);
    expect(forecast.history).toHaveLength(8 * 7 * 48);
    expect(forecast.backtest.folds).toBe(2);
    expect(forecast.method).toBe(forecast.backtest.best);

    const adjusted = await app.inject({ method: 'PUT', url: `/api/v1/schedules/forecasts/${forecast.id}/adjustments`, headers: leader, payload: { version: forecast.version, adjustments: [{ date: forecast.start, interval: 20, kind: 'percent', value: 50 }] } });
    expect(adjusted.statusCode).toBe(200);
    expect(adjusted.json().adjusted[20]).toBeCloseTo(forecast.forecasts[forecast.method][20] * 1.5, 1);
    const stale = await app.inject({ method: 'PUT', url: `/api/v1/schedules/forecasts/${forecast.id}/adjustments`, headers: leader, payload: { version: forecast.version, adjustments: [] } });
    expect(stale.statusCode).toBe(409);

    const requirement = await post('/schedules/requirement', { forecastId: forecast.id, aht: 60, shrinkage: 0.2 });
    expect(requirement.json().agents).toHaveLength(7 * 48);

    const patterns = await app.inject({ method: 'PUT', url: '/api/v1/schedules/shift-patterns', headers: leader, payload: { patterns: [
      { code: 'A', start: '08:00', lengthMinutes: 480, paidBreakMinutes: 30 },
      { code: 'E', start: '14:30', lengthMinutes: 480, paidBreakMinutes: 30 },
    ] } });
    expect(patterns.statusCode).toBe(200);

    const [first, second, third] = agentIds as [number, number, number];
    const profile = await app.inject({ method: 'PUT', url: `/api/v1/schedules/agents/${third}`, headers: leader, payload: { skills: ['hotline'], maxDaysPerWeek: 3, nights: false } });
    expect(profile.json()).toMatchObject({ userId: third, maxDaysPerWeek: 3, nights: false, skills: ['hotline'] });
    const listed = await app.inject({ method: 'GET', url: '/api/v1/schedules/agents', headers: leader });
    expect(listed.json().items.map((a: { userId: number }) => a.userId)).toEqual(agentIds);
    const leaveDate = addDays(forecast.start, 2);
    const generated = await post('/schedules/drafts', { forecastId: forecast.id, requirement: { aht: 60, targetSl: 0.8, targetT: 20, shrinkage: 0.2 }, leave: [{ userId: first, date: leaveDate }], timeLimitSeconds: 10 });
    expect(generated.statusCode).toBe(201);
    const draft = generated.json();
    expect(draft.status).toBe('draft');
    expect(draft.agents.map((a: { userId: number }) => a.userId)).toEqual(agentIds);
    // Every agent works at most 5 of the 7 days, nobody on approved leave.
    for (const id of agentIds) expect(draft.assignments.filter((a: { userId: number }) => a.userId === id).length).toBeLessThanOrEqual(5);
    expect(draft.assignments.filter((a: { userId: number; date: string }) => a.userId === first && a.date === leaveDate)).toEqual([]);
    expect(draft.agents.find((a: { userId: number }) => a.userId === third)).toMatchObject({ maxDaysPerWeek: 3, nights: false });
    expect(draft.assignments.filter((a: { userId: number }) => a.userId === third).length).toBeLessThanOrEqual(3);
    expect(draft.figures.underCoverage).toBeGreaterThanOrEqual(draft.figures.lowerBound - 1e-6);

    const edit = async (body: object, version: number, lang = 'zh-CN') =>
      app.inject({ method: 'POST', url: `/api/v1/schedules/drafts/${draft.id}/edits`, headers: { ...leader, 'accept-language': lang }, payload: { version, ...body } });
    let version = draft.version;
    for (const day of [0, 1]) {
      const r = await edit({ action: 'unassign', userId: second, date: addDays(draft.start, day) }, version);
      expect(r.statusCode).toBe(200);
      version = r.json().version;
    }
    const late = await edit({ action: 'assign', userId: second, date: draft.start, shiftCode: 'E' }, version);
    expect(late.statusCode).toBe(200);
    version = late.json().version;
    // E ends 22:30, A starts 08:00: 9.5 hours of rest.
    const early = await edit({ action: 'assign', userId: second, date: addDays(draft.start, 1), shiftCode: 'A' }, version);
    expect(early.statusCode).toBe(422);
    expect(early.json().error.code).toBe('RULE_VIOLATION');
    expect(early.json().error.message).toBe(`${addDays(draft.start, 1)}：E 班之后只休息 9.5 小时，两个班之间至少要休息 11 小时`);
    const onLeave = await edit({ action: 'assign', userId: first, date: leaveDate, shiftCode: 'A' }, version, 'en');
    expect(onLeave.json().error.message).toBe(`${leaveDate}: the agent is on approved leave`);
    const conflict = await edit({ action: 'unassign', userId: second, date: draft.start }, version - 1);
    expect(conflict.statusCode).toBe(409);

    expect((await app.inject({ method: 'GET', url: '/api/v1/schedules/drafts', headers: agentAuth })).statusCode).toBe(403);
    // Status and roster shifts commit together: a roster write that fails leaves the draft a draft.
    await sql`create function refuse_roster() returns trigger language plpgsql as $$ begin raise exception 'roster refused'; end $$`.execute(database.db);
    await sql`create trigger refuse_roster before insert on roster_shifts for each row execute function refuse_roster()`.execute(database.db);
    expect((await post(`/schedules/drafts/${draft.id}/publish`, { version })).statusCode).toBe(500);
    await sql`drop trigger refuse_roster on roster_shifts`.execute(database.db);
    const still = await app.inject({ method: 'GET', url: `/api/v1/schedules/drafts/${draft.id}`, headers: leader });
    expect(still.json()).toMatchObject({ status: 'draft', version });

    const published = await post(`/schedules/drafts/${draft.id}/publish`, { version });
    expect(published.statusCode).toBe(200);
    expect(published.json().status).toBe('published');
    const after = await edit({ action: 'unassign', userId: second, date: draft.start }, published.json().version);
    expect(after.json().error.message).toBe('排班表已发布，不能再修改');

    const audit = await database.db.selectFrom('audit_log').select('action').where('entity', '=', 'schedule').where('entity_id', '=', draft.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['schedule.generated', 'schedule.assign', 'schedule.unassign', 'schedule.published']));
    const notice = events.find((e) => e.topic === 'schedules.published');
    expect(notice?.userIds?.sort()).toEqual([...new Set(published.json().assignments.map((a: { userId: number }) => a.userId))].sort());
    const roster = await database.db.selectFrom('roster_shifts').select(['user_id', 'date', 'shift_code']).where('tenant_id', '=', TEST_TENANT_ID).execute();
    expect(roster).toHaveLength(published.json().assignments.length);

    const mine = await app.inject({ method: 'GET', url: '/api/v1/schedules/mine', headers: agentAuth });
    expect(mine.statusCode).toBe(200);
    const own = published.json().assignments.filter((a: { userId: number }) => a.userId === first);
    expect(mine.json().items.map((i: { date: string; shiftCode: string }) => [i.date, i.shiftCode])).toEqual(own.map((a: { date: string; shiftCode: string }) => [a.date, a.shiftCode]));
  });

  it('seeds the demo: shift patterns and a 4-week forecast from simulated history', async () => {
    const { forecastId } = await seedSchedulesDemo(database.db, { tenantId: TEST_TENANT_ID, now: new Date('2026-11-23T02:00:00Z') });
    const f = await app.inject({ method: 'GET', url: `/api/v1/schedules/forecasts/${forecastId}`, headers: leader });
    expect(f.json()).toMatchObject({ start: '2026-11-30', horizonDays: 28, source: 'simulated' });
    expect(f.json().adjusted).toHaveLength(28 * 48);
    expect(f.json().backtest.scores).toHaveLength(3);
  });

  it('counts inbound calls per local half hour, and work orders as the fallback', async () => {
    const call = (id: string, at: string, direction = 'in') => ({ tenant_id: TEST_TENANT_ID, call_id: id, direction, from_number: '13800000000', to_number: '4001234567', started_at: new Date(at), last_event: 'hangup', last_event_at: new Date(at) });
    await database.db.insertInto('calls').values([
      call('h1', '2026-11-02T09:10:00+08:00'), call('h2', '2026-11-02T09:29:59+08:00'), call('h3', '2026-11-02T23:59:00+08:00'),
      call('h4', '2026-11-02T09:15:00+08:00', 'out'), call('h5', '2026-11-01T23:59:00+08:00'),
    ]).execute();
    const calls = await loadHistory(database.db, { tenantId: TEST_TENANT_ID, zone: 'Asia/Shanghai', from: '2026-11-02', to: '2026-11-03', source: 'calls' });
    expect(calls.values).toHaveLength(48);
    expect(calls.values[18]).toBe(2);
    expect(calls.values[47]).toBe(1);
    expect(calls.values.reduce((a, b) => a + b, 0)).toBe(3);
    await createTestTicket(database.db, adminActor());
    const today = localToday('Asia/Shanghai', new Date());
    const orders = await loadHistory(database.db, { tenantId: TEST_TENANT_ID, zone: 'Asia/Shanghai', from: today, to: addDays(today, 1), source: 'work_orders' });
    expect(orders.values.reduce((a, b) => a + b, 0)).toBe(1);
  });
});
