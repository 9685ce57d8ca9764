import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase } from '../../testing/test-db.js';

let database: Database;
let app: FastifyInstance;
const users: Record<'agent' | 'archivist' | 'manager' | 'leader' | 'qa' | 'gm', { actor: Actor; headers: { authorization: string } }> = {} as never;
let person: { id: number; version: number };
let company: { id: number };

type Headers = { authorization: string };
const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload?: unknown) => app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const patch = (url: string, headers: Headers, payload: unknown) => app.inject({ method: 'PATCH', url, headers, payload: payload as object });

function expectError(response: LightMyRequestResponse, status: number, code: string) {
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status });
  expect(response.json().error.code).toBe(code);
  return response.json().error as { code: string; message: string };
}

const byPhone = async (phone: string) => {
  const response = await get(`/api/v1/customers?phone=${encodeURIComponent(phone)}`, users.agent.headers);
  expect(response.statusCode).toBe(200);
  return response.json().items.map((c: { id: number }) => c.id) as number[];
};

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  for (const role of ['agent', 'archivist', 'manager', 'leader', 'qa', 'gm'] as const) {
    const actor = await createUserActor(database.db, role);
    users[role] = { actor, headers: await loginAs(app, actor.username) };
  }
  const createdCompany = await post('/api/v1/customers', users.agent.headers, {
    kind: 'organization',
    name: '北京华信物业有限公司',
    phones: [{ number: '(010) 6222 3333', label: '总机' }, { number: '400-800-1234', label: '客服热线' }],
    email: 'service@huaxin.example.com',
    address: '北京市朝阳区建国路88号华信大厦',
  });
  expect(createdCompany.statusCode).toBe(201);
  company = createdCompany.json();
  const createdPerson = await post('/api/v1/customers', users.agent.headers, {
    name: '王小明',
    phones: ['138 1234 5678', { number: '+86 139-0000-1111', label: '工作' }],
    email: 'wangxm@example.com',
    address: '北京市海淀区中关村大街1号',
    organizationId: company.id,
    grade: 'B',
    tags: ['业主'],
  });
  expect(createdPerson.statusCode).toBe(201);
  person = createdPerson.json();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('creating customers', () => {
  it('creates a person with several phones, all masked in the answer', async () => {
    const response = await get(`/api/v1/customers/${person.id}`, users.agent.headers);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      kind: 'person',
      name: '王小明',
      organization: { id: company.id, name: '北京华信物业有限公司' },
      grade: 'B',
      tags: ['业主'],
      email: 'w***@example.com',
      address: '北京市海淀区***',
      version: 1,
      phones: [
        { number: '138****5678', label: null, masked: true },
        { number: '139****1111', label: '工作', masked: true },
      ],
    });
  });

  it('creates an organization with several phones and lists its members', async () => {
    const panel = (await get(`/api/v1/customers/${company.id}/panel`, users.agent.headers)).json();
    expect(panel).toMatchObject({
      kind: 'organization',
      phones: [
        { number: '010****3333', label: '总机', masked: true },
        { number: '400****1234', label: '客服热线', masked: true },
      ],
      members: [{ id: person.id, name: '王小明' }],
    });
  });

  it('writes customer.created to the audit log', async () => {
    const audit = (await get(`/api/v1/audit?entity=customer&entityId=${person.id}`, users.manager.headers)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toContain('customer.created');
  });

  it('refuses creation by a role without customers.write', async () => {
    expectError(await post('/api/v1/customers', users.qa.headers, { name: '质检建的' }), 403, 'FORBIDDEN');
    expectError(await post('/api/v1/customers', users.gm.headers, { name: '总经理建的' }), 403, 'FORBIDDEN');
  });
});

describe('finding a customer by phone in any Chinese format', () => {
  it.each([
    '13812345678',
    '138 1234 5678',
    '138-1234-5678',
    '+86 138 1234 5678',
    '+86-138-1234-5678',
    '+8613812345678',
    '0086 138 1234 5678',
    '008613812345678',
    '8613812345678',
    '１３８１２３４５６７８',
    '＋８６　１３８　１２３４　５６７８',
    '  13812345678  ',
  ])('mobile written as %j', async (phone) => {
    expect(await byPhone(phone)).toEqual([person.id]);
  });

  it.each(['13900001111', '+86 139 0000 1111', '0086-139-0000-1111'])('the second mobile written as %j', async (phone) => {
    expect(await byPhone(phone)).toEqual([person.id]);
  });

  it.each([
    '010-62223333',
    '(010) 6222 3333',
    '（010）6222-3333',
    '010 6222 3333',
    '+86 10 6222 3333',
    '0086 10 62223333',
    '010-62223333转801',
    '０１０－６２２２３３３３',
  ])('landline written as %j', async (phone) => {
    expect(await byPhone(phone)).toEqual([company.id]);
  });

  it('does not confuse neighbouring numbers', async () => {
    expect(await byPhone('13812345679')).toEqual([]);
    expect(await byPhone('010-62223334')).toEqual([]);
  });

  it('masks phones in the list answer too', async () => {
    const response = await get(`/api/v1/customers?phone=${encodeURIComponent('+86 138 1234 5678')}`, users.agent.headers);
    expect(response.json().items[0].phones.map((p: { number: string }) => p.number)).toEqual(['138****5678', '139****1111']);
    for (const secret of ['13812345678', '1234 5678', '13900001111', '0000', 'wangxm@', '中关村']) expect(response.body).not.toContain(secret);
  });

  it('links a new work order to the customer by a phone in another format', async () => {
    const ticket = (await post('/api/v1/tickets', users.agent.headers, { type: 'consultation', subject: '来电咨询', contactPhone: '+86 139-0000-1111' })).json();
    expect(ticket.customer).toMatchObject({ id: person.id, name: '王小明' });
    expect(ticket.contactPhone).toBe('139****1111');
  });

  it('also finds by name', async () => {
    const ids = (await get(`/api/v1/customers?q=${encodeURIComponent('王小明')}`, users.agent.headers)).json().items.map((c: { id: number }) => c.id);
    expect(ids).toEqual([person.id]);
  });
});

describe('revealing personal data', () => {
  it('is forbidden to an agent and leaves no reveal in the audit log', async () => {
    const error = expectError(await post(`/api/v1/customers/${person.id}/reveal`, users.agent.headers), 403, 'FORBIDDEN');
    expect(error.message).toBe('您没有执行此操作的权限');
    const audit = (await get(`/api/v1/audit?action=customer.pii_revealed&actorId=${users.agent.actor.userId}`, users.manager.headers)).json();
    expect(audit.items).toEqual([]);
  });

  it.each(['archivist', 'manager'] as const)('answers the %s the unmasked data, and audits it', async (role) => {
    const response = await post(`/api/v1/customers/${person.id}/reveal`, users[role].headers);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      phones: [
        { id: expect.any(Number), number: '138 1234 5678', label: null },
        { id: expect.any(Number), number: '+86 139-0000-1111', label: '工作' },
      ],
      email: 'wangxm@example.com',
      address: '北京市海淀区中关村大街1号',
      idCard: null,
    });
    const audit = await get(`/api/v1/audit?action=customer.pii_revealed&entityId=${person.id}&actorId=${users[role].actor.userId}`, users.manager.headers);
    expect(audit.statusCode).toBe(200);
    expect(audit.json().items).toEqual([
      expect.objectContaining({
        action: 'customer.pii_revealed',
        entity: 'customer',
        entityId: person.id,
        actor: { id: users[role].actor.userId, name: users[role].actor.displayName },
        detail: { fields: ['phones', 'email', 'address', 'idCard'] },
        ip: expect.any(String),
      }),
    ]);
  });

  it('the record itself stays masked even for roles that may reveal', async () => {
    const record = (await get(`/api/v1/customers/${person.id}`, users.archivist.headers)).json();
    expect(record.phones.every((p: { masked: boolean }) => p.masked)).toBe(true);
  });

  it('answers 404 for a customer that does not exist, without auditing', async () => {
    const before = (await get('/api/v1/audit?action=customer.pii_revealed', users.manager.headers)).json().total;
    expectError(await post('/api/v1/customers/987654/reveal', users.archivist.headers), 404, 'NOT_FOUND');
    expect((await get('/api/v1/audit?action=customer.pii_revealed', users.manager.headers)).json().total).toBe(before);
  });
});

describe('the audit log', () => {
  it.each(['agent', 'leader', 'archivist', 'qa'] as const)('is forbidden to the %s', async (role) => {
    expectError(await get('/api/v1/audit', users[role].headers), 403, 'FORBIDDEN');
  });

  it.each(['manager', 'gm'] as const)('is readable by the %s', async (role) => {
    const response = await get('/api/v1/audit?pageSize=5', users[role].headers);
    expect(response.statusCode).toBe(200);
    expect(response.json().items.length).toBeGreaterThan(0);
  });
});

describe('the customer panel', () => {
  it('shows open work orders, recent ones and the counts', async () => {
    const customer = (await post('/api/v1/customers', users.agent.headers, { name: '赵女士', phones: ['13700001234'] })).json();
    const create = async (payload: Record<string, unknown>) => {
      const response = await post('/api/v1/tickets', users.agent.headers, { type: 'consultation', subject: '工单', ...payload });
      expect(response.statusCode).toBe(201);
      return response.json() as { id: number; status: string };
    };
    const open1 = await create({ customerId: customer.id, subject: '空调不制冷' });
    const complaint = await create({ customerId: customer.id, type: 'complaint', subject: '投诉维修慢' });
    const byPhoneTicket = await create({ contactPhone: '+86 137-0000-1234', subject: '电话来访' });
    const resolved = await create({ customerId: customer.id, answeredOnSpot: true, answer: '已告知', subject: '咨询缴费' });
    expect(resolved.status).toBe('resolved');
    await create({ subject: '别人的工单' });

    const response = await get(`/api/v1/customers/${customer.id}/panel`, users.agent.headers);
    expect(response.statusCode).toBe(200);
    const panel = response.json();
    expect(panel.openTickets.map((t: { id: number }) => t.id).sort()).toEqual([open1.id, complaint.id, byPhoneTicket.id].sort());
    expect(panel.openTickets.every((t: { status: string }) => t.status === 'new')).toBe(true);
    expect(panel.recentTickets.map((t: { id: number }) => t.id).sort()).toEqual([open1.id, complaint.id, byPhoneTicket.id, resolved.id].sort());
    expect(panel).toMatchObject({ ticketCount: 4, complaintCount: 1, members: [], phones: [{ number: '137****1234', masked: true }] });
  });

  it('is 404 for an unknown customer and 403 without customers.read', async () => {
    expectError(await get('/api/v1/customers/987654/panel', users.agent.headers), 404, 'NOT_FOUND');
    const noRead = await database.db
      .insertInto('roles')
      .values({ tenant_id: 1, key: 'ticket_only', name_zh: '仅工单', name_en: 'Tickets only', permissions: ['tickets.read_own', 'tickets.create'] })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(noRead.id).toBeGreaterThan(0);
    const user = await createUserActor(database.db, 'ticket_only');
    const headers = await loginAs(app, user.username);
    expectError(await get(`/api/v1/customers/${person.id}/panel`, headers), 403, 'FORBIDDEN');
    expectError(await get(`/api/v1/customers?phone=13812345678`, headers), 403, 'FORBIDDEN');
  });
});

describe('changing a customer', () => {
  it('bumps the version, refuses a stale version with 409 and keeps the newer change', async () => {
    const customer = (await post('/api/v1/customers', users.agent.headers, { name: '孙先生', phones: ['13600001111'] })).json();
    const first = await patch(`/api/v1/customers/${customer.id}`, users.agent.headers, { version: customer.version, name: '孙大伟', grade: 'A' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ name: '孙大伟', grade: 'A', version: customer.version + 1 });
    // A change that does not mention the phones keeps them.
    expect(first.json().phones).toEqual([expect.objectContaining({ number: '136****1111' })]);
    expect(await byPhone('13600001111')).toEqual([customer.id]);

    const stale = await patch(`/api/v1/customers/${customer.id}`, users.agent.headers, { version: customer.version, name: '被覆盖', phones: ['13000000000'] });
    const error = expectError(stale, 409, 'VERSION_CONFLICT');
    expect(error.message).toBe('该记录已被他人修改，请刷新后重试');
    const after = (await get(`/api/v1/customers/${customer.id}`, users.agent.headers)).json();
    expect(after).toMatchObject({ name: '孙大伟', grade: 'A', version: customer.version + 1, phones: [{ number: '136****1111' }] });
    expect(await byPhone('13000000000')).toEqual([]);
  });

  it('two concurrent changes with the same version: one wins, one gets 409', async () => {
    const customer = (await post('/api/v1/customers', users.agent.headers, { name: '并发客户' })).json();
    const results = await Promise.all(['甲', '乙'].map((n) => patch(`/api/v1/customers/${customer.id}`, users.agent.headers, { version: customer.version, name: n })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.statusCode === 200)!.json();
    expect((await get(`/api/v1/customers/${customer.id}`, users.agent.headers)).json()).toMatchObject({ name: winner.name, version: 2 });
  });

  it('replaces the phones, and lookup follows', async () => {
    const customer = (await post('/api/v1/customers', users.agent.headers, { name: '周女士', phones: ['13500002222'] })).json();
    const changed = await patch(`/api/v1/customers/${customer.id}`, users.agent.headers, { version: customer.version, phones: ['+86 135 0000 3333'] });
    expect(changed.json().phones).toEqual([expect.objectContaining({ number: '135****3333', masked: true })]);
    expect(await byPhone('13500002222')).toEqual([]);
    expect(await byPhone('13500003333')).toEqual([customer.id]);
    const audit = (await get(`/api/v1/audit?action=customer.updated&entityId=${customer.id}`, users.manager.headers)).json();
    expect(audit.items).toEqual([expect.objectContaining({ detail: { fields: ['phones'] }, actor: expect.objectContaining({ id: users.agent.actor.userId }) })]);
  });

  it('refuses to make a customer its own organization, or a person an organization', async () => {
    const current = (await get(`/api/v1/customers/${company.id}`, users.agent.headers)).json();
    expectError(await patch(`/api/v1/customers/${company.id}`, users.agent.headers, { version: current.version, organizationId: company.id }), 400, 'VALIDATION');
    const other = (await post('/api/v1/customers', users.agent.headers, { name: '李四' })).json();
    expectError(await patch(`/api/v1/customers/${other.id}`, users.agent.headers, { version: other.version, organizationId: person.id }), 404, 'NOT_FOUND');
    expect((await get(`/api/v1/customers/${company.id}`, users.agent.headers)).json().version).toBe(current.version);
  });

  it('is 404 for an unknown customer and 403 without customers.write', async () => {
    expectError(await patch('/api/v1/customers/987654', users.agent.headers, { version: 1, name: 'x' }), 404, 'NOT_FOUND');
    expectError(await patch(`/api/v1/customers/${person.id}`, users.qa.headers, { version: 1, name: 'x' }), 403, 'FORBIDDEN');
  });
});
