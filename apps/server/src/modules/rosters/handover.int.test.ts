import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { createTestTicket, createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase } from '../../testing/test-db.js';
import { createTeam } from './rosters.test-helpers.js';

let database: Database;
let app: FastifyInstance;
type Headers = { authorization: string };
let day: { actor: Actor; h: Headers };
let night: { actor: Actor; h: Headers };
let agent: Headers;
let teamId: number;
let openTicket: { id: number; number: string };
let complaint: { id: number; number: string };

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  const db = database.db;
  teamId = await createTeam(db, '一班');
  const d = await createUserActor(db, 'leader', { teamId, displayName: '白班班长' });
  const n = await createUserActor(db, 'leader', { teamId, displayName: '夜班班长' });
  const ag = await createUserActor(db, 'agent', { teamId });
  [day, night] = [
    { actor: d, h: await loginAs(app, d.username) },
    { actor: n, h: await loginAs(app, n.username) },
  ];
  agent = await loginAs(app, ag.username);
  openTicket = await createTestTicket(db, d, { subject: '宽带报修未完成', teamId, type: 'repair' });
  complaint = await createTestTicket(db, d, { subject: '投诉话费多扣', teamId, type: 'complaint' });
  const other = await createTeam(db, '二班');
  await createTestTicket(db, d, { subject: '别的班组的工单', teamId: other });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (headers: Headers, url: string, payload: object) => app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload });

describe('shift handover (交接班)', () => {
  it('lists open work orders and pending complaints, needs both signatures, and blocks the next log until then', async () => {
    const opened = await post(day.h, '/rosters/handovers', { teamId, shiftDate: '2026-11-20', shiftCode: 'D', businessChanges: '5G 套餐今日上线', systemProblems: '工单系统 14:00 卡顿 10 分钟', staffChanges: '小王调到夜班' });
    expect(opened.statusCode).toBe(201);
    const log = opened.json();
    expect(log).toMatchObject({ businessChanges: '5G 套餐今日上线', systemProblems: '工单系统 14:00 卡顿 10 分钟', status: 'open', outgoingLeaderId: day.actor.userId, outgoingLeaderName: '白班班长', incomingLeaderId: null });
    expect(log.openTickets.map((t: { id: number }) => t.id)).toEqual([openTicket.id]);
    expect(log.pendingComplaints.map((t: { number: string }) => t.number)).toEqual([complaint.number]);
    expect(log.pendingComplaints[0].dueAt === null || typeof log.pendingComplaints[0].dueAt === 'string').toBe(true);

    expect((await post(agent, '/rosters/handovers', { teamId, shiftDate: '2026-11-20', shiftCode: 'N' })).statusCode).toBe(403);
    const blocked = await post(night.h, '/rosters/handovers', { teamId, shiftDate: '2026-11-20', shiftCode: 'N' });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().error.message).toBe('上一班的交接班记录（2026-11-20 D）尚未由双方签字，不能开始新的记录');

    const early = await post(night.h, `/rosters/handovers/${log.id}/sign`, { version: 1, as: 'incoming' });
    expect(early.json().error.message).toBe('须先由交班班长签字');
    const impostor = await post(night.h, `/rosters/handovers/${log.id}/sign`, { version: 1, as: 'outgoing' });
    expect(impostor.json().error.message).toBe('只有交班班长本人可以签交班字');
    const edited = await app.inject({ method: 'PATCH', url: `/api/v1/rosters/handovers/${log.id}`, headers: day.h, payload: { version: 1, notes: '注意回访 3 位老年客户' } });
    expect(edited.json()).toMatchObject({ notes: '注意回访 3 位老年客户', businessChanges: '5G 套餐今日上线', version: 2 });

    const out = await post(day.h, `/rosters/handovers/${log.id}/sign`, { version: 2, as: 'outgoing' });
    expect(out.json()).toMatchObject({ status: 'outgoing_signed', version: 3 });
    expect(out.json().outgoingSignedAt).not.toBeNull();
    const self = await post(day.h, `/rosters/handovers/${log.id}/sign`, { version: 3, as: 'incoming' });
    expect(self.json().error.message).toBe('接班班长不能是交班班长本人');
    const stillBlocked = await post(night.h, '/rosters/handovers', { teamId, shiftDate: '2026-11-20', shiftCode: 'N' });
    expect(stillBlocked.statusCode).toBe(422);

    const signed = await post(night.h, `/rosters/handovers/${log.id}/sign`, { version: 3, as: 'incoming' });
    expect(signed.json()).toMatchObject({ status: 'signed', incomingLeaderId: night.actor.userId, incomingLeaderName: '夜班班长' });
    const locked = await app.inject({ method: 'PATCH', url: `/api/v1/rosters/handovers/${log.id}`, headers: day.h, payload: { version: 4, notes: '改' } });
    expect(locked.json().error.message).toBe('该记录已签字，不能修改');

    const next = await post(night.h, '/rosters/handovers', { teamId, shiftDate: '2026-11-20', shiftCode: 'N', notes: '夜班平稳' });
    expect(next.statusCode).toBe(201);
    const current = await app.inject({ method: 'GET', url: `/api/v1/rosters/handovers/current?teamId=${teamId}`, headers: day.h });
    expect(current.json().handover).toMatchObject({ id: next.json().id, outgoingLeaderName: '夜班班长' });
  });

  it('searches the history by text and date', async () => {
    const search = (q: string) => app.inject({ method: 'GET', url: `/api/v1/rosters/handovers?${q}`, headers: night.h });
    expect((await search(`q=${encodeURIComponent('5G 套餐')}`)).json().items.map((h: { shiftCode: string }) => h.shiftCode)).toEqual(['D']);
    // The complaint is in both logs' automatic lists.
    expect((await search(`q=${encodeURIComponent('话费多扣')}`)).json().items).toHaveLength(2);
    expect((await search('from=2026-11-20&to=2026-11-20')).json().items.map((h: { shiftCode: string }) => h.shiftCode)).toEqual(['N', 'D']);
    expect((await search('from=2026-11-21')).json().items).toEqual([]);
  });
});
