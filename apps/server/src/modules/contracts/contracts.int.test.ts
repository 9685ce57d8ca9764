import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { createLocalBus, type LiveEvent } from '../../lib/live/live-bus.js';
import { createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';
import { addDays, localDate } from './contracts.rules.js';
import { CONTRACT_REMINDER_TOPIC, remindExpiringContracts } from './contracts.reminders.js';

let database: Database;
let app: FastifyInstance;
let archivist: Actor;
let archivistAuth: { authorization: string };
let agentAuth: { authorization: string };
let customerId: number;
const today = () => localDate(new Date(), 'Asia/Shanghai');
let seq = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  archivist = await createUserActor(database.db, 'archivist');
  archivistAuth = await loginAs(app, archivist.username);
  agentAuth = await loginAs(app, (await createUserActor(database.db, 'agent')).username);
  customerId = (await database.db.insertInto('customers').values({ tenant_id: TEST_TENANT_ID, kind: 'person', name: '张女士' }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function createContract(fields: Record<string, unknown> = {}) {
  seq += 1;
  const response = await app.inject({
    method: 'POST', url: '/api/v1/contracts', headers: archivistAuth,
    payload: { number: `HT-${seq}`, customerId, ourParty: '乡工汇家政', title: '住家保姆服务协议', kind: 'service', startDate: addDays(today(), -300), endDate: addDays(today(), 15), amountFen: 680000, ownerId: archivist.userId, ...fields },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const auditCount = async (action: string, entityId: number) =>
  Number((await database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', action).where('entity_id', '=', entityId).executeTakeFirstOrThrow()).n);

describe('contracts', () => {
  it('an archivist registers contracts; agents read but cannot write; numbers are unique; bad dates are refused', async () => {
    const contract = await createContract({ number: 'HT-UNIQUE' });
    expect(contract).toMatchObject({ number: 'HT-UNIQUE', status: 'active', customer: { id: customerId, name: '张女士' }, amountFen: 680000, reminderDays: 15, daysLeft: 15, reminderDueDate: today(), remindedAt: null });
    expect((await app.inject({ method: 'POST', url: '/api/v1/contracts', headers: agentAuth, payload: { number: 'X', customerId, ourParty: 'a', title: 'b', kind: 'service', startDate: today(), endDate: today() } })).statusCode).toBe(403);
    const listed = await app.inject({ method: 'GET', url: '/api/v1/contracts?q=HT-UNIQUE', headers: agentAuth });
    expect(listed.json()).toMatchObject({ total: 1, items: [{ id: contract.id }] });
    const duplicate = await app.inject({ method: 'POST', url: '/api/v1/contracts', headers: archivistAuth, payload: { number: 'HT-UNIQUE', customerId, ourParty: 'a', title: 'b', kind: 'service', startDate: today(), endDate: today() } });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.message).toBe('合同编号“HT-UNIQUE”已存在');
    const backwards = await app.inject({ method: 'POST', url: '/api/v1/contracts', headers: { ...archivistAuth, 'accept-language': 'en' }, payload: { number: 'HT-BACK', customerId, ourParty: 'a', title: 'b', kind: 'service', startDate: today(), endDate: addDays(today(), -1) } });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().error).toMatchObject({ code: 'RULE_VIOLATION', message: 'The contract cannot end before it starts' });
    const stale = await app.inject({ method: 'PATCH', url: `/api/v1/contracts/${contract.id}`, headers: archivistAuth, payload: { version: contract.version + 1, title: '改' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const edited = await app.inject({ method: 'PATCH', url: `/api/v1/contracts/${contract.id}`, headers: archivistAuth, payload: { version: contract.version, title: '育婴师服务协议' } });
    expect(edited.json()).toMatchObject({ title: '育婴师服务协议', version: contract.version + 1 });
  });

  it('reminds the owner once for a contract due in 15 days, never twice, and not a draft or a later one', async () => {
    const due = await createContract();
    const later = await createContract({ endDate: addDays(today(), 40) });
    const draft = await createContract({ endDate: addDays(today(), 5), status: 'draft' });
    const live = createLocalBus();
    const events: LiveEvent[] = [];
    live.subscribe((e) => events.push(e));
    // The day before the due date nothing happens.
    expect((await remindExpiringContracts({ db: database.db, at: new Date(Date.now() - 86_400_000), live })).reminded).toBe(0);
    const first = await remindExpiringContracts({ db: database.db, at: new Date(), live });
    const second = await remindExpiringContracts({ db: database.db, at: new Date(), live });
    const remindedIds = events.map((e) => (e.payload as { contractId: number }).contractId);
    expect(remindedIds).toContain(due.id);
    expect(remindedIds).not.toContain(later.id);
    expect(remindedIds).not.toContain(draft.id);
    expect(second.reminded).toBe(0);
    expect(first.reminded).toBe(events.length);
    const event = events.find((e) => (e.payload as { contractId: number }).contractId === due.id)!;
    expect(event).toMatchObject({ tenantId: TEST_TENANT_ID, topic: CONTRACT_REMINDER_TOPIC, userIds: [archivist.userId], payload: { number: due.number, customerName: '张女士', endDate: addDays(today(), 15), daysLeft: 15 } });
    expect(await auditCount('contract.renewal_reminded', due.id)).toBe(1);
    const reread = (await app.inject({ method: 'GET', url: `/api/v1/contracts/${due.id}`, headers: archivistAuth })).json();
    expect(reread.remindedAt).not.toBeNull();
  });

  it('records a renewal in one step: the old contract points to the new active one, staff carried over', async () => {
    const staff = (await app.inject({ method: 'POST', url: '/api/v1/service-staff', headers: archivistAuth, payload: { name: '李阿姨', gender: 'female' } })).json();
    const old = await createContract({ staffIds: [staff.id] });
    const payload = { version: old.version, startDate: addDays(today(), 16), endDate: addDays(today(), 380), amountFen: 720000 };
    expect((await app.inject({ method: 'POST', url: `/api/v1/contracts/${old.id}/renew`, headers: archivistAuth, payload: { ...payload, version: old.version + 1 } })).statusCode).toBe(409);
    const renewed = await app.inject({ method: 'POST', url: `/api/v1/contracts/${old.id}/renew`, headers: archivistAuth, payload });
    expect(renewed.statusCode, renewed.body).toBe(201);
    const { previous, renewal } = renewed.json();
    expect(previous).toMatchObject({ id: old.id, status: 'renewed', renewedToId: renewal.id, version: old.version + 1 });
    expect(renewal).toMatchObject({ number: `${old.number}-R1`, status: 'active', renewedFromId: old.id, startDate: payload.startDate, endDate: payload.endDate, amountFen: 720000, staff: [{ id: staff.id, name: '李阿姨' }], owner: { id: archivist.userId } });
    expect(await auditCount('contract.renewed', old.id)).toBe(1);
    const again = await app.inject({ method: 'POST', url: `/api/v1/contracts/${old.id}/renew`, headers: archivistAuth, payload: { ...payload, version: previous.version } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('合同状态为“已续签”，不能续签');
  });

  it('lists expiring and overdue contracts; the sweep stores the expiry', async () => {
    const soon = await createContract({ endDate: addDays(today(), 10) });
    const ended = await createContract({ endDate: addDays(today(), -1) });
    const far = await createContract({ endDate: addDays(today(), 45) });
    const view = (await app.inject({ method: 'GET', url: '/api/v1/contracts/expiring?days=30', headers: agentAuth })).json();
    expect(view.today).toBe(today());
    expect(view.expiring.map((c: { id: number }) => c.id)).toContain(soon.id);
    expect(view.expiring.map((c: { id: number }) => c.id)).not.toContain(far.id);
    expect(view.overdue.find((c: { id: number }) => c.id === ended.id)).toMatchObject({ status: 'expired', daysLeft: -1 });
    const wide = (await app.inject({ method: 'GET', url: '/api/v1/contracts/expiring?days=60', headers: agentAuth })).json();
    expect(wide.expiring.map((c: { id: number }) => c.id)).toContain(far.id);
    const swept = await remindExpiringContracts({ db: database.db, at: new Date() });
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    const stored = await database.db.selectFrom('contracts').select(['status', 'version']).where('id', '=', ended.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'expired', version: ended.version + 1 });
    expect(await auditCount('contract.expired', ended.id)).toBe(1);
    const expiredList = (await app.inject({ method: 'GET', url: '/api/v1/contracts?status=expired', headers: agentAuth })).json();
    expect(expiredList.items.map((c: { id: number }) => c.id)).toContain(ended.id);
    const terminated = await app.inject({ method: 'POST', url: `/api/v1/contracts/${ended.id}/terminate`, headers: archivistAuth, payload: { version: stored.version, reason: '客户不再续约' } });
    expect(terminated.json()).toMatchObject({ status: 'terminated', terminatedReason: '客户不再续约' });
    const after = (await app.inject({ method: 'GET', url: '/api/v1/contracts/expiring?days=30', headers: agentAuth })).json();
    expect(after.overdue.map((c: { id: number }) => c.id)).not.toContain(ended.id);
  });
});

describe('demo archives', () => {
  it('seeds 10 contracts (one due for its reminder), 8 staff and 3 lending slips, one overdue', async () => {
    for (const role of ['archivist', 'manager', 'agent']) await createUserActor(database.db, role, { username: role });
    await database.db.insertInto('customers').values(Array.from({ length: 10 }, (_, i) => ({ tenant_id: TEST_TENANT_ID, kind: 'person', name: `客户${i}` }))).execute();
    const { seedDemoContracts } = await import('./contracts.demo.js');
    expect(await seedDemoContracts(database.db, { tenantId: TEST_TENANT_ID })).toEqual({ contracts: 10, staff: 8, lending: 3 });
    const view = (await app.inject({ method: 'GET', url: '/api/v1/contracts/expiring?days=15', headers: archivistAuth })).json();
    expect(view.expiring.map((c: { number: string }) => c.number)).toContain('XGH-2026-101');
    expect(view.overdue.map((c: { number: string }) => c.number)).toContain('XGH-2026-102');
    const staff = (await app.inject({ method: 'GET', url: '/api/v1/service-staff?pageSize=50', headers: archivistAuth })).json();
    expect(staff.items.filter((s: { currentPlacement: unknown }) => s.currentPlacement !== null)).toHaveLength(6);
    const overdue = (await app.inject({ method: 'GET', url: '/api/v1/lending?overdue=true', headers: archivistAuth })).json();
    expect(overdue.items).toMatchObject([{ documentNo: 'XGH-2026-101', daysOverdue: 3 }]);
  });
});
