import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase } from '../../testing/test-db.js';
import { addDays, localDate } from './contracts.rules.js';

let database: Database;
let app: FastifyInstance;
let archivist: Actor;
let manager: Actor;
let borrower: Actor;
const auth: Record<string, { authorization: string }> = {};
const today = () => localDate(new Date(), 'Asia/Shanghai');

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  archivist = await createUserActor(database.db, 'archivist');
  manager = await createUserActor(database.db, 'manager');
  borrower = await createUserActor(database.db, 'agent');
  auth.archivist = await loginAs(app, archivist.username);
  auth.manager = await loginAs(app, manager.username);
  auth.agent = await loginAs(app, borrower.username);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (url: string, payload: Record<string, unknown>, who = 'archivist', locale = 'zh-CN') =>
  app.inject({ method: 'POST', url: `/api/v1/lending${url}`, headers: { ...auth[who], 'accept-language': locale }, payload });

async function request(title = '房产证原件（12-301）') {
  const response = await post('', { documentTitle: title, documentNo: 'FC-12-301', borrowerId: borrower.userId, purpose: '陪同业主办理抵押登记', expectedReturnDate: addDays(today(), 3) });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('document lending register (借出单)', () => {
  it('goes request → manager approval → lent → returned; others may not approve or file', async () => {
    const slip = await request();
    expect(slip).toMatchObject({ status: 'requested', borrower: { id: borrower.userId }, requestedBy: { id: archivist.userId }, overdue: false, version: 1 });
    expect((await post('', { documentTitle: 'x', borrowerId: borrower.userId, purpose: 'y', expectedReturnDate: today() }, 'agent')).statusCode).toBe(403);
    expect((await post(`/${slip.id}/approve`, { version: 1 }, 'archivist')).statusCode).toBe(403);
    const stale = await post(`/${slip.id}/approve`, { version: 2 }, 'manager');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const approved = await post(`/${slip.id}/approve`, { version: 1 }, 'manager');
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: { id: manager.userId }, version: 2 });
    const twice = await post(`/${slip.id}/approve`, { version: 2 }, 'manager');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('借出单状态为“已批准”，不能批准');
    const early = await post(`/${slip.id}/return`, { version: 2, returnedOn: today(), condition: 'intact' }, 'archivist', 'en');
    expect(early.json().error.message).toBe('The lending record is approved; it cannot be returned');
    const lent = await post(`/${slip.id}/lend`, { version: 2 });
    expect(lent.json()).toMatchObject({ status: 'lent', lentOn: today(), version: 3 });
    const backwards = await post(`/${slip.id}/return`, { version: 3, returnedOn: addDays(today(), -1), condition: 'intact' });
    expect(backwards.statusCode).toBe(422);
    const returned = await post(`/${slip.id}/return`, { version: 3, returnedOn: today(), condition: 'damaged', note: '封皮破损' });
    expect(returned.json()).toMatchObject({ status: 'returned', returnedOn: today(), returnCondition: 'damaged', returnNote: '封皮破损', overdue: false });
    const audit = await database.db.selectFrom('audit_log').select('action').where('entity', '=', 'lending').where('entity_id', '=', slip.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['lending.requested', 'lending.approved', 'lending.lent', 'lending.returned']);
  });

  it('rejects with a reason, refuses self-approval and lending a rejected slip', async () => {
    const slip = await request('购房合同复印件');
    expect((await post(`/${slip.id}/reject`, { version: 1 }, 'manager')).statusCode).toBe(400);
    const rejected = await post(`/${slip.id}/reject`, { version: 1, reason: '原件不得外借' }, 'manager');
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectReason: '原件不得外借' });
    expect((await post(`/${slip.id}/lend`, { version: 2 })).statusCode).toBe(409);
    const own = await post('', { documentTitle: '业主名册', borrowerId: archivist.userId, purpose: '核对', expectedReturnDate: today() }, 'manager');
    const self = await post(`/${own.json().id}/approve`, { version: 1 }, 'manager');
    expect(self.statusCode).toBe(422);
    expect(self.json().error.message).toBe('不能审批自己提交或借用的借出单');
    const past = await post('', { documentTitle: 'x', borrowerId: borrower.userId, purpose: 'y', expectedReturnDate: addDays(today(), -1) });
    expect(past.json().error.message).toBe('预计归还日期不能早于今天');
  });

  it('lists lent slips past their return date as overdue', async () => {
    const slip = await request('土地证复印件');
    await post(`/${slip.id}/approve`, { version: 1 }, 'manager');
    await post(`/${slip.id}/lend`, { version: 2 });
    // The document went out and its return day has since passed.
    await database.db.updateTable('lending_records').set({ expected_return_date: addDays(today(), -2) }).where('id', '=', slip.id).execute();
    const onTime = await request('按时归还的资料');
    await post(`/${onTime.id}/approve`, { version: 1 }, 'manager');
    await post(`/${onTime.id}/lend`, { version: 2 });
    const overdue = (await app.inject({ method: 'GET', url: '/api/v1/lending?overdue=true', headers: auth.manager })).json();
    expect(overdue.items.map((i: { id: number }) => i.id)).toEqual([slip.id]);
    expect(overdue.items[0]).toMatchObject({ overdue: true, daysOverdue: 2, status: 'lent' });
    expect((await app.inject({ method: 'GET', url: '/api/v1/lending', headers: auth.agent })).statusCode).toBe(403);
  });
});
