import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { createTestTicket, createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';
import { listStaffForCallbacks } from './staff.service.js';

let database: Database;
let app: FastifyInstance;
let archivist: Actor;
let archivistAuth: { authorization: string };
let agentAuth: { authorization: string };
let customers: number[];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  archivist = await createUserActor(database.db, 'archivist');
  archivistAuth = await loginAs(app, archivist.username);
  agentAuth = await loginAs(app, (await createUserActor(database.db, 'agent')).username);
  const rows = await database.db.insertInto('customers').values([{ tenant_id: TEST_TENANT_ID, kind: 'person', name: '王先生' }, { tenant_id: TEST_TENANT_ID, kind: 'person', name: '赵女士' }]).returning('id').execute();
  customers = rows.map((r) => r.id);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (url: string, payload: unknown, headers = archivistAuth) => app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as Record<string, unknown> });
const profile = async (id: number, headers = archivistAuth) => (await app.inject({ method: 'GET', url: `/api/v1/service-staff/${id}`, headers })).json();

async function newStaff(name: string, extra: Record<string, unknown> = {}) {
  const response = await post('/service-staff', { name, gender: 'female', birthYear: 1975, phone: '13812345678', idCard: '110101197501011234', skills: ['育婴', '烹饪'], level: '金牌', joinedOn: '2026-09-01', ...extra });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('service staff archive', () => {
  it('masks the ID card and phone for an agent and shows them to the archivist, auditing that access', async () => {
    const staff = await newStaff('刘阿姨');
    expect(staff).toMatchObject({ status: 'new', idCard: '110***********1234', phone: '138****5678', piiMasked: true });
    expect((await post('/service-staff', { name: 'x', gender: 'female' }, agentAuth)).statusCode).toBe(403);
    const seenByAgent = await profile(staff.id, agentAuth);
    expect(seenByAgent.staff).toMatchObject({ idCard: '110***********1234', phone: '138****5678', piiMasked: true });
    const seenByArchivist = await profile(staff.id);
    expect(seenByArchivist.staff).toMatchObject({ idCard: '110101197501011234', phone: '13812345678', piiMasked: false });
    expect(seenByArchivist.movements).toMatchObject([{ kind: 'new', fromStatus: null, onDate: '2026-09-01' }]);
    const audits = await database.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'service_staff.pii_viewed').where('entity_id', '=', staff.id).execute();
    expect(audits).toEqual([{ actor_id: archivist.userId }]);
    const list = (await app.inject({ method: 'GET', url: '/api/v1/service-staff?q=刘', headers: archivistAuth })).json();
    expect(list.items).toMatchObject([{ id: staff.id, idCard: '110***********1234' }]);
    const bad = await post('/service-staff', { name: 'y', gender: 'female', idCard: '12345' });
    expect(bad.statusCode).toBe(400);
  });

  it('moves staff through the movement machine, refusing wrong steps, stale versions and back-dated entries', async () => {
    const staff = await newStaff('陈阿姨');
    const onDuty = await post(`/service-staff/${staff.id}/movements`, { version: staff.version, kind: 'on_duty', onDate: '2026-09-05' });
    expect(onDuty.statusCode, onDuty.body).toBe(201);
    expect(onDuty.json().items.map((m: { kind: string }) => m.kind)).toEqual(['on_duty', 'new']);
    const stale = await post(`/service-staff/${staff.id}/movements`, { version: staff.version, kind: 'returned', onDate: '2026-10-01' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const twice = await post(`/service-staff/${staff.id}/movements`, { version: staff.version + 1, kind: 'on_duty', onDate: '2026-10-01' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('服务人员当前为“上岗”，不能登记为“上岗”');
    const early = await post(`/service-staff/${staff.id}/movements`, { version: staff.version + 1, kind: 'returned', onDate: '2026-09-01' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.message).toBe('流动日期不能早于上一次流动（2026-09-05）');
    expect((await post(`/service-staff/${staff.id}/movements`, { version: staff.version + 1, kind: 'returned', onDate: '2026-10-01' })).statusCode).toBe(201);
    expect((await post(`/service-staff/${staff.id}/movements`, { version: staff.version + 2, kind: 'resigned', onDate: '2026-10-02' })).statusCode).toBe(201);
    const after = await profile(staff.id);
    expect(after.staff).toMatchObject({ status: 'resigned', version: staff.version + 3 });
    expect(after.movements.map((m: { kind: string; fromStatus: string | null }) => [m.fromStatus, m.kind])).toEqual([['returned', 'resigned'], ['on_duty', 'returned'], ['new', 'on_duty'], [null, 'new']]);
    const placed = await post(`/service-staff/${staff.id}/placements`, { customerId: customers[0], startDate: '2026-10-10' });
    expect(placed.statusCode).toBe(422);
    expect(placed.json().error.message).toBe('已辞职的服务人员不能上户');
  });

  it('places staff with customers without overlaps and ends placements', async () => {
    const staff = await newStaff('孙阿姨');
    const contract = (await post('/contracts', { number: 'HT-S-1', customerId: customers[0], ourParty: '乡工汇家政', title: '住家保姆', kind: 'service', startDate: '2026-09-01', endDate: '2027-08-31' })).json();
    const wrongContract = await post(`/service-staff/${staff.id}/placements`, { customerId: customers[1], contractId: contract.id, startDate: '2026-09-10' });
    expect(wrongContract.json().error.message).toBe('所选合同不属于该客户');
    const first = await post(`/service-staff/${staff.id}/placements`, { customerId: customers[0], contractId: contract.id, startDate: '2026-09-10' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ customer: { id: customers[0], name: '王先生' }, contract: { id: contract.id, number: 'HT-S-1' }, startDate: '2026-09-10', endDate: null });
    const overlap = await post(`/service-staff/${staff.id}/placements`, { customerId: customers[1], startDate: '2026-10-01' });
    expect(overlap.statusCode).toBe(422);
    expect(overlap.json().error.message).toBe('该服务人员在这段时间已有上户记录（王先生，2026-09-10 起）');
    const p = first.json();
    expect((await post(`/service-staff/${staff.id}/placements/${p.id}/end`, { version: p.version + 1, endDate: '2026-09-30' })).statusCode).toBe(409);
    const ended = await post(`/service-staff/${staff.id}/placements/${p.id}/end`, { version: p.version, endDate: '2026-09-30' });
    expect(ended.json()).toMatchObject({ endDate: '2026-09-30', version: p.version + 1 });
    expect((await post(`/service-staff/${staff.id}/placements`, { customerId: customers[1], startDate: '2026-10-01' })).statusCode).toBe(201);
    const page = await profile(staff.id);
    expect(page.placements.map((x: { customer: { name: string } }) => x.customer.name)).toEqual(['赵女士', '王先生']);
    expect(page.staff.currentPlacement.customer.name).toBe('赵女士');
    const forCustomer = await listStaffForCallbacks({ db: database.db, tenantId: TEST_TENANT_ID, filters: { customerId: customers[1] } });
    expect(forCustomer).toEqual([{ id: staff.id, name: '孙阿姨', phone: '13812345678' }]);
  });

  it('records monthly deductions (optionally from a complaint) and sums them per person and month', async () => {
    const a = await newStaff('周阿姨');
    const b = await newStaff('吴阿姨', { phone: null });
    const ticket = await createTestTicket(database.db, await createUserActor(database.db, 'agent'));
    const first = await post(`/service-staff/${a.id}/deductions`, { month: '2026-11', points: 2, amountFen: 5000, reason: '迟到', ticketId: ticket.id });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ staffId: a.id, month: '2026-11', points: 2, amountFen: 5000, ticketId: ticket.id, by: { id: archivist.userId } });
    await post(`/service-staff/${a.id}/deductions`, { month: '2026-11', points: 1, amountFen: 2000, reason: '卫生不达标' });
    await post(`/service-staff/${a.id}/deductions`, { month: '2026-10', points: 5, amountFen: 10000, reason: '客户投诉' });
    await post(`/service-staff/${b.id}/deductions`, { month: '2026-11', points: 1, amountFen: 1000, reason: '迟到' });
    expect((await post(`/service-staff/${a.id}/deductions`, { month: '2026-11', points: 1, reason: 'x', ticketId: 999999 })).json().error.message).toBe('关联的投诉工单不存在');
    expect((await post(`/service-staff/${a.id}/deductions`, { month: '2026-13', points: 1, reason: 'x' })).statusCode).toBe(400);
    const summary = (await app.inject({ method: 'GET', url: '/api/v1/service-staff/deductions?month=2026-11', headers: agentAuth })).json();
    expect(summary).toEqual({
      month: '2026-11',
      items: [
        { staffId: a.id, name: '周阿姨', status: 'new', count: 2, points: 3, amountFen: 7000 },
        { staffId: b.id, name: '吴阿姨', status: 'new', count: 1, points: 1, amountFen: 1000 },
      ],
    });
    expect((await profile(a.id)).monthlyTotals).toEqual([
      { month: '2026-11', count: 2, points: 3, amountFen: 7000 },
      { month: '2026-10', count: 1, points: 5, amountFen: 10000 },
    ]);
    const callable = await listStaffForCallbacks({ db: database.db, tenantId: TEST_TENANT_ID, filters: { ids: [a.id, b.id] } });
    expect(callable).toEqual([{ id: a.id, name: '周阿姨', phone: '13812345678' }]);
  });
});
