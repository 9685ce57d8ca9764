import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { buildKeyRing, generateKey } from '../../lib/crypto/field-crypto.js';
import { keyRing, useKeyRing } from '../../lib/crypto/key-ring.js';
import type { Actor } from '../../lib/actor.js';
import { createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';
import { findCustomerIdsByPhone } from '../customers/customers.service.js';
import { encryptPlaintextPii } from './pii-backfill.js';
import { encryptionStatus, reencryptAll } from './keys.service.js';

let database: Database;
let app: FastifyInstance;
const users: Record<'agent' | 'manager' | 'admin', { actor: Actor; headers: { authorization: string } }> = {} as never;
let customerId: number;

type Headers = { authorization: string };
const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload?: object) => app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });

const ID_CARD = '11010519491231002X';
const byPhone = async (phone: string) => (await get(`/api/v1/customers?phone=${encodeURIComponent(phone)}`, users.agent.headers)).json().items.map((c: { id: number }) => c.id);
const rawRows = async () => JSON.stringify({
  phones: (await sql`select * from customer_phones where customer_id = ${customerId}`.execute(database.db)).rows,
  customer: (await sql`select * from customers where id = ${customerId}`.execute(database.db)).rows,
});

beforeAll(async () => {
  useKeyRing(buildKeyRing([generateKey('t1')]));
  database = await createTestDatabase();
  app = await createTestApp(database);
  for (const role of ['agent', 'manager', 'admin'] as const) {
    const actor = await createUserActor(database.db, role);
    users[role] = { actor, headers: await loginAs(app, actor.username) };
  }
  const created = await post('/api/v1/customers', users.agent.headers, {
    name: '李秀英', phones: ['138 1234 5678', { number: '(010) 6222 3333', label: '座机' }], address: '广东省深圳市南山区科技园南区8栋', idCard: ID_CARD,
  });
  expect(created.statusCode).toBe(201);
  customerId = created.json().id;
}, 120_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('personal data at rest', () => {
  it('stores phones, address and ID card number only encrypted: the raw rows hold no plaintext', async () => {
    const raw = await rawRows();
    for (const secret of ['13812345678', '1234 5678', '62223333', '6222 3333', '科技园', '8栋', '19491231', ID_CARD]) expect(raw).not.toContain(secret);
    const phone = (await sql<{ phone_enc: string; phone_bidx: string; number: string; normalized: string | null }>`select * from customer_phones where customer_id = ${customerId} order by id`.execute(database.db)).rows[0]!;
    expect(phone).toMatchObject({ number: '138****5678', normalized: null });
    expect(phone.phone_enc).toMatch(/^v1:t1:/);
    expect(phone.phone_bidx).toHaveLength(22);
  });

  it('finds the customer by phone in any format through the blind index', async () => {
    for (const format of ['13812345678', '+86 138-1234-5678', '0086 138 1234 5678', '１３８１２３４５６７８', '(010) 6222-3333', '+86 10 6222 3333']) {
      expect(await byPhone(format)).toEqual([customerId]);
    }
    expect(await byPhone('13812345679')).toEqual([]);
    expect(await findCustomerIdsByPhone(database.db, TEST_TENANT_ID, '+8613812345678')).toEqual([customerId]);
  });

  it('the lookup is an index scan on (tenant_id, phone_bidx)', async () => {
    await sql`analyze customer_phones`.execute(database.db);
    await sql`set enable_seqscan = off`.execute(database.db);
    const plan = await sql<{ 'QUERY PLAN': string }>`explain select customer_id from customer_phones where tenant_id = 1 and phone_bidx in ('a', 'b')`.execute(database.db);
    await sql`set enable_seqscan = on`.execute(database.db);
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('customer_phones_bidx');
  });

  it('links a new work order to the customer by phone', async () => {
    const ticket = (await post('/api/v1/tickets', users.agent.headers, { type: 'consultation', subject: '来电', contactPhone: '138-1234-5678' })).json();
    expect(ticket.customer).toMatchObject({ id: customerId });
  });

  it('refuses an ID card number with a wrong check digit (400)', async () => {
    const response = await post('/api/v1/customers', users.agent.headers, { name: '错号', idCard: '110105194912310021' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION');
  });
});

describe('masking and reveal', () => {
  it('shows an agent masked values only', async () => {
    const response = await get(`/api/v1/customers/${customerId}`, users.agent.headers);
    expect(response.json()).toMatchObject({
      phones: [{ number: '138****5678', masked: true }, { number: '010****3333', label: '座机', masked: true }],
      address: '广东省深圳市南山区***', idCard: '110***********002X',
    });
    expect(response.body).not.toContain('科技园');
  });

  it('refuses the reveal to an agent (403)', async () => {
    expect((await post(`/api/v1/customers/${customerId}/reveal`, users.agent.headers)).statusCode).toBe(403);
  });

  it('reveals phones, address and ID card number to a manager, and audits it', async () => {
    const response = await post(`/api/v1/customers/${customerId}/reveal`, users.manager.headers);
    expect(response.json()).toMatchObject({
      phones: [{ number: '138 1234 5678', label: null }, { number: '(010) 6222 3333', label: '座机' }],
      address: '广东省深圳市南山区科技园南区8栋', idCard: ID_CARD,
    });
    const audit = (await get(`/api/v1/audit?action=customer.pii_revealed&entityId=${customerId}`, users.manager.headers)).json();
    expect(audit.items[0]).toMatchObject({ action: 'customer.pii_revealed', detail: { fields: ['phones', 'email', 'address', 'idCard'] } });
  });

  it('keeps changed values encrypted', async () => {
    const current = (await get(`/api/v1/customers/${customerId}`, users.agent.headers)).json();
    const response = await app.inject({ method: 'PATCH', url: `/api/v1/customers/${customerId}`, headers: users.agent.headers, payload: { version: current.version, address: '北京市海淀区中关村大街1号' } });
    expect(response.json().address).toBe('北京市海淀区***');
    expect(await rawRows()).not.toContain('中关村');
    expect((await post(`/api/v1/customers/${customerId}/reveal`, users.manager.headers)).json().address).toBe('北京市海淀区中关村大街1号');
  });

  it('treats masked values sent back by an edit form as unchanged', async () => {
    const current = (await get(`/api/v1/customers/${customerId}`, users.agent.headers)).json();
    const response = await app.inject({
      method: 'PATCH', url: `/api/v1/customers/${customerId}`, headers: users.agent.headers,
      payload: { version: current.version, name: '李秀英', address: current.address, idCard: current.idCard },
    });
    expect(response.statusCode).toBe(200);
    expect((await post(`/api/v1/customers/${customerId}/reveal`, users.manager.headers)).json()).toMatchObject({ address: '北京市海淀区中关村大街1号', idCard: ID_CARD });
    const wrongMask = await app.inject({ method: 'PATCH', url: `/api/v1/customers/${customerId}`, headers: users.agent.headers, payload: { version: current.version + 1, idCard: '120***********1234' } });
    expect(wrongMask.statusCode).toBe(400);
  });
});

describe('export', () => {
  it('exports masked for an agent, refuses reveal to an agent, and unmasks for a manager; each export audited', async () => {
    const masked = await get('/api/v1/pii/customers/export?q=李秀英', users.agent.headers);
    expect(masked.statusCode).toBe(200);
    expect(masked.headers['content-type']).toContain('text/csv');
    expect(masked.body).toContain('138****5678');
    expect(masked.body).toContain('110***********002X');
    expect(masked.body).not.toContain('13812345678');
    expect((await get('/api/v1/pii/customers/export?reveal=true', users.agent.headers)).statusCode).toBe(403);
    const full = await get('/api/v1/pii/customers/export?q=李秀英&reveal=true', users.manager.headers);
    expect(full.body).toContain('138 1234 5678');
    expect(full.body).toContain(ID_CARD);
    const audit = (await get('/api/v1/audit?action=customer.pii_exported', users.manager.headers)).json();
    expect(audit.items[0]).toMatchObject({ detail: { count: 1, revealed: true } });
  });
});

describe('plaintext from before the migration', () => {
  it('is encrypted by the start-up backfill and then found by the blind index', async () => {
    const legacy = await database.db.insertInto('customers').values({ tenant_id: TEST_TENANT_ID, kind: 'person', name: '旧档案', address: '浙江省杭州市西湖区文三路1号', search_vector: sql`to_tsvector('simple', '旧档案')` as never }).returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('customer_phones').values({ tenant_id: TEST_TENANT_ID, customer_id: legacy.id, number: '139-0571-0000', normalized: '13905710000', label: null }).execute();
    expect(await byPhone('13905710000')).toEqual([]);
    const counts = await encryptPlaintextPii(database.db, { batchSize: 1 });
    expect(counts).toEqual({ phones: 1, addresses: 1, ticketPhones: 0, callNumbers: 0 });
    expect(await byPhone('139 0571 0000')).toEqual([legacy.id]);
    const row = await database.db.selectFrom('customers').select(['address', 'address_masked']).where('id', '=', legacy.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ address: null, address_masked: '浙江省杭州市西湖区***' });
    expect(await encryptPlaintextPii(database.db)).toEqual({ phones: 0, addresses: 0, ticketPhones: 0, callNumbers: 0 });
  });
});

describe('key rotation', () => {
  it('re-encrypts every value under the new key; lookups work before, during and after', async () => {
    const before = await encryptionStatus(database.db);
    expect(Object.keys(before.valuesByKey)).toEqual(['t1']);
    const total = before.valuesByKey.t1!;
    useKeyRing(buildKeyRing([generateKey('t2'), ...keyRing().keys]));
    // New key current, nothing re-encrypted yet: the old blind index still finds the number.
    expect(await byPhone('13812345678')).toEqual([customerId]);
    const counts = await reencryptAll(database.db, keyRing(), { batchSize: 2 });
    // The work order's contact number (created above) is re-encrypted too.
    expect(counts.ticketPhones).toBe(1);
    expect(counts.phones + counts.addresses + counts.idCards + counts.ticketPhones).toBe(total);
    expect(await encryptionStatus(database.db)).toEqual({ valuesByKey: { t2: total }, plaintextLeft: 0 });
    // With the old key gone entirely, everything is still readable and findable.
    useKeyRing(buildKeyRing([keyRing().keys[0]!]));
    expect(await byPhone('+86 138 1234 5678')).toEqual([customerId]);
    expect(await byPhone('13905710000')).toHaveLength(1);
    expect((await post(`/api/v1/customers/${customerId}/reveal`, users.manager.headers)).json().idCard).toBe(ID_CARD);
    expect(await reencryptAll(database.db, keyRing())).toMatchObject({ phones: 0, addresses: 0, idCards: 0, ticketPhones: 0, callNumbers: 0 });
  });

  it('reports key ids and counts to an administrator only', async () => {
    expect((await get('/api/v1/pii/keys/status', users.agent.headers)).statusCode).toBe(403);
    const status = (await get('/api/v1/pii/keys/status', users.admin.headers)).json();
    expect(status).toMatchObject({ currentKeyId: 't2', keyIds: ['t2'], plaintextLeft: 0 });
    expect(JSON.stringify(status)).not.toMatch(/[A-Za-z0-9+/]{40,}/);
  });
});
