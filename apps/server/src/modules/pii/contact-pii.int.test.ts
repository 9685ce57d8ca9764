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
import { encryptPlaintextPii } from './pii-backfill.js';
import { decryptOrNull } from './pii-fields.js';
import { encryptionStatus, reencryptAll } from './keys.service.js';

// Work-order contact numbers and call numbers encrypted at rest (migration 0018): what the tables hold, what each
// role is shown, lookups by number in any format, the start-up backfill of older rows and the key rotation.

let database: Database;
let app: FastifyInstance;
type Headers = { authorization: string };
const users: Record<'agent' | 'manager', { actor: Actor; headers: Headers }> = {} as never;
let token: string;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const send = (method: 'POST' | 'PATCH' | 'PUT', url: string, headers: Headers | undefined, payload: object = {}) =>
  app.inject({ method, url, ...(headers ? { headers } : {}), payload });
const ticketsByQ = async (q: string) => (await get(`/api/v1/tickets?q=${encodeURIComponent(q)}&pageSize=50`, users.manager.headers)).json().items.map((t: { id: number }) => t.id);
const callsByPhone = async (phone: string) => (await get(`/api/v1/calls?phone=${encodeURIComponent(phone)}&pageSize=50`, users.manager.headers)).json().items.map((c: { callId: string }) => c.callId);
const rawTicket = async (id: number) => (await sql<Record<string, unknown>>`select * from tickets where id = ${id}`.execute(database.db)).rows[0]!;

// Every Chinese way of writing 139 0571 2345 and (0571) 8888 6666.
const MOBILE_FORMATS = ['13905712345', '139 0571 2345', '139-0571-2345', '+86 139 0571 2345', '+86-139-0571-2345', '0086 13905712345', '+8613905712345', '１３９０５７１２３４５'];
const LANDLINE_FORMATS = ['057188886666', '0571-8888-6666', '(0571) 8888 6666', '+86 571 8888 6666', '0571 88886666'];
const PLAINTEXT = ['13905712345', '0571 2345', '0571-2345', '88886666', '8888 6666', '8888-6666'];

let ticketId: number;
let ticketNumber: string;

beforeAll(async () => {
  useKeyRing(buildKeyRing([generateKey('c1')]));
  database = await createTestDatabase();
  app = await createTestApp(database);
  for (const role of ['agent', 'manager'] as const) {
    const actor = await createUserActor(database.db, role);
    users[role] = { actor, headers: await loginAs(app, actor.username) };
  }
  const created = await send('POST', '/api/v1/tickets', users.agent.headers, { type: 'consultation', subject: '来电咨询', contactPhone: '+86 139-0571-2345' });
  expect(created.statusCode, created.body).toBe(201);
  ticketId = created.json().id;
  ticketNumber = created.json().number;
  token = (await send('PUT', '/api/v1/cti/settings', users.manager.headers, { enabled: true })).json().token;
}, 120_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('work-order contact numbers', () => {
  it('are stored only encrypted: masked copy, ciphertext and blind index; not in the search vector either', async () => {
    const row = await rawTicket(ticketId);
    expect(row).toMatchObject({ contact_phone: '139****2345', contact_phone_normalized: null });
    expect(row.contact_phone_enc).toMatch(/^v1:c1:/);
    expect(decryptOrNull(row.contact_phone_enc as string)).toBe('+86 139-0571-2345');
    expect(row.contact_phone_bidx).toHaveLength(22);
    const raw = JSON.stringify(row);
    for (const plain of PLAINTEXT) expect(raw).not.toContain(plain);
  });

  it('are shown masked to an agent and to a manager; the manager reveals the number explicitly, audit-logged', async () => {
    for (const who of [users.agent, users.manager]) {
      expect((await get(`/api/v1/tickets/${ticketId}`, who.headers)).json()).toMatchObject({ contactPhone: '139****2345', contactPhoneMasked: true });
    }
    const revealed = await send('POST', `/api/v1/tickets/${ticketId}/reveal-contact`, users.manager.headers);
    expect(revealed.json()).toEqual({ contactPhone: '+86 139-0571-2345' });
    const audit = await database.db.selectFrom('audit_log').select(['actor_id', 'entity_id']).where('action', '=', 'ticket.contact_revealed').execute();
    expect(audit).toEqual([{ actor_id: users.manager.actor.userId, entity_id: ticketId }]);
  });

  it('are found by number in every Chinese format through the blind index (ticket search)', async () => {
    for (const format of MOBILE_FORMATS) expect(await ticketsByQ(format), format).toEqual([ticketId]);
    expect(await ticketsByQ('13905712346')).toEqual([]);
    expect(await ticketsByQ(ticketNumber)).toEqual([ticketId]);
  });

  it('stay encrypted when changed; the audit log records the change masked; the same number is no change', async () => {
    const version = (await get(`/api/v1/tickets/${ticketId}`, users.agent.headers)).json().version;
    const changed = await send('PATCH', `/api/v1/tickets/${ticketId}`, users.agent.headers, { version, contactPhone: '0571-8888-6666' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ contactPhone: '057****6666', version: version + 1 });
    const raw = JSON.stringify(await rawTicket(ticketId)) + JSON.stringify(await database.db.selectFrom('audit_log').select('detail').where('entity', '=', 'ticket').where('entity_id', '=', ticketId).execute());
    for (const plain of PLAINTEXT) expect(raw).not.toContain(plain);
    const audit = await database.db.selectFrom('audit_log').select('detail').where('action', '=', 'ticket.updated').where('entity_id', '=', ticketId).executeTakeFirstOrThrow();
    expect(audit.detail).toEqual({ changes: { contactPhone: ['139****2345', '057****6666'] } });
    for (const format of LANDLINE_FORMATS) expect(await ticketsByQ(format), format).toEqual([ticketId]);
    expect(await ticketsByQ('13905712345')).toEqual([]);
    const same = await send('PATCH', `/api/v1/tickets/${ticketId}`, users.agent.headers, { version: version + 1, contactPhone: '0571-8888-6666' });
    expect(same.json().version).toBe(version + 1);
  });
});

describe('call numbers', () => {
  const cti = (body: object) => send('POST', `/api/v1/cti/${token}`, undefined, body);

  it('keep the external party encrypted and the center\u2019s side readable, and are found in every format', async () => {
    for (const event of ['newCall', 'answer', 'hangup']) expect((await cti({ event, callId: 'c-in', direction: 'in', from: '+86 139 0571 2345', to: '4008001234' })).statusCode).toBe(200);
    expect((await cti({ event: 'newCall', callId: 'c-out', direction: 'out', from: '8001', to: '0571-8888-6666' })).statusCode).toBe(200);
    const rows = await database.db.selectFrom('calls').selectAll().where('call_id', 'in', ['c-in', 'c-out']).orderBy('call_id').execute();
    expect(rows.map((r) => [r.call_id, r.from_number, r.to_number, r.caller_normalized])).toEqual([['c-in', '139****2345', '4008001234', null], ['c-out', '8001', '057****6666', null]]);
    expect(rows.map((r) => [decryptOrNull(r.from_number_enc), decryptOrNull(r.to_number_enc)])).toEqual([['+86 139 0571 2345', null], [null, '0571-8888-6666']]);
    const raw = JSON.stringify(rows) + JSON.stringify(await database.db.selectFrom('call_events').select('data').where('call_id', 'in', ['c-in', 'c-out']).execute());
    for (const plain of PLAINTEXT) expect(raw).not.toContain(plain);
    for (const format of MOBILE_FORMATS) expect(await callsByPhone(format), format).toEqual(['c-in']);
    for (const format of LANDLINE_FORMATS) expect(await callsByPhone(format), format).toEqual(['c-out']);
    // The agent's extension and the hotline are no personal data: not indexed as the caller.
    expect(await callsByPhone('4008001234')).toEqual([]);
  });

  it('the lookup by number is an index scan on the blind index', async () => {
    await sql`analyze calls`.execute(database.db);
    await sql`set enable_seqscan = off`.execute(database.db);
    const plan = await sql<{ 'QUERY PLAN': string }>`explain select id from calls where tenant_id = 1 and caller_bidx in ('a', 'b')`.execute(database.db);
    const ticketPlan = await sql<{ 'QUERY PLAN': string }>`explain select id from tickets where tenant_id = 1 and contact_phone_bidx in ('a', 'b')`.execute(database.db);
    await sql`set enable_seqscan = on`.execute(database.db);
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('calls_caller_bidx');
    expect(ticketPlan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('tickets_contact_phone_bidx');
  });
});

describe('rows from before migration 0018', () => {
  it('are encrypted by the start-up backfill (numbers taken out of the search vector and the raw events) and then found', async () => {
    const legacy = await database.db.insertInto('tickets').values({
      tenant_id: TEST_TENANT_ID, type_key: 'consultation', subject: '旧工单', description: '', status: 'new', priority: 'normal', channel: 'phone',
      contact_phone: '137-0000-1111', contact_phone_normalized: '13700001111', search_vector: sql`to_tsvector('simple', '旧工单 13700001111')` as never,
    }).returning('id').executeTakeFirstOrThrow();
    const call = (callId: string, direction: string | null, from: string, to: string, normalized: string) => ({
      tenant_id: TEST_TENANT_ID, call_id: callId, direction, from_number: from, to_number: to, caller_normalized: normalized,
      started_at: new Date('2026-01-05T10:00:00+08:00'), last_event: 'hangup', last_event_at: new Date('2026-01-05T10:01:00+08:00'),
    });
    await database.db.insertInto('calls').values([call('old-in', 'in', '137 0000 1111', '4008001234', '13700001111'), call('old-out', 'out', '8002', '020-3333-4444', '2033334444')]).execute();
    await database.db.insertInto('call_events').values({ tenant_id: TEST_TENANT_ID, call_id: 'old-in', event: 'newCall', at: new Date('2026-01-05T10:00:00+08:00'), data: JSON.stringify({ from: '137 0000 1111', to: '4008001234', direction: 'in' }) }).execute();
    expect((await encryptionStatus(database.db)).plaintextLeft).toBe(3);

    expect(await encryptPlaintextPii(database.db, { batchSize: 1 })).toEqual({ phones: 0, addresses: 0, ticketPhones: 1, callNumbers: 2 });
    expect(await encryptPlaintextPii(database.db)).toEqual({ phones: 0, addresses: 0, ticketPhones: 0, callNumbers: 0 });
    expect((await encryptionStatus(database.db)).plaintextLeft).toBe(0);

    const raw = JSON.stringify(await rawTicket(legacy.id))
      + JSON.stringify(await database.db.selectFrom('calls').selectAll().where('call_id', 'in', ['old-in', 'old-out']).execute())
      + JSON.stringify(await database.db.selectFrom('call_events').select('data').where('call_id', '=', 'old-in').execute());
    for (const plain of ['13700001111', '0000 1111', '0000-1111', '33334444', '3333-4444']) expect(raw).not.toContain(plain);
    expect(await rawTicket(legacy.id)).toMatchObject({ contact_phone: '137****1111', contact_phone_normalized: null });
    const calls = await database.db.selectFrom('calls').select(['call_id', 'from_number', 'to_number']).where('call_id', 'in', ['old-in', 'old-out']).orderBy('call_id').execute();
    expect(calls).toEqual([{ call_id: 'old-in', from_number: '137****1111', to_number: '4008001234' }, { call_id: 'old-out', from_number: '8002', to_number: '020****4444' }]);
    expect(await ticketsByQ('+86 137 0000 1111')).toEqual([legacy.id]);
    expect(await callsByPhone('137-0000-1111')).toEqual(['old-in']);
    expect(await callsByPhone('(020) 3333 4444')).toEqual(['old-out']);
  });
});

describe('key rotation', () => {
  it('re-encrypts the contact and call numbers; lookups and reveals work before, during and after', async () => {
    const before = await encryptionStatus(database.db);
    expect(Object.keys(before.valuesByKey)).toEqual(['c1']);
    const oldCiphertexts = await database.db.selectFrom('tickets').select('contact_phone_enc').where('id', '=', ticketId).executeTakeFirstOrThrow();
    useKeyRing(buildKeyRing([generateKey('c2'), ...keyRing().keys]));
    // New key current, nothing re-encrypted yet: the old blind index still finds the numbers.
    expect(await ticketsByQ('0571 8888 6666')).toEqual([ticketId]);
    expect(await callsByPhone('139 0571 2345')).toEqual(['c-in']);

    const counts = await reencryptAll(database.db, keyRing(), { batchSize: 2 });
    expect(counts).toMatchObject({ ticketPhones: 2, callNumbers: 4 });
    expect(await encryptionStatus(database.db)).toEqual({ valuesByKey: { c2: before.valuesByKey.c1 }, plaintextLeft: 0 });
    const after = await database.db.selectFrom('tickets').select(['contact_phone_enc']).where('id', '=', ticketId).executeTakeFirstOrThrow();
    expect(after.contact_phone_enc).toMatch(/^v1:c2:/);
    expect(after.contact_phone_enc).not.toBe(oldCiphertexts.contact_phone_enc);

    // With the old key gone entirely, everything is still readable and findable.
    useKeyRing(buildKeyRing([keyRing().keys[0]!]));
    for (const format of LANDLINE_FORMATS) expect(await ticketsByQ(format)).toContain(ticketId);
    expect(await ticketsByQ('137 0000 1111')).toHaveLength(1);
    for (const format of MOBILE_FORMATS) expect(await callsByPhone(format), format).toEqual(['c-in']);
    expect(await callsByPhone('0571-8888-6666')).toEqual(['c-out']);
    expect(await callsByPhone('020 3333 4444')).toEqual(['old-out']);
    expect((await send('POST', `/api/v1/tickets/${ticketId}/reveal-contact`, users.manager.headers)).json()).toEqual({ contactPhone: '0571-8888-6666' });
    const cIn = await database.db.selectFrom('calls').select('id').where('call_id', '=', 'c-in').executeTakeFirstOrThrow();
    expect((await send('POST', `/api/v1/calls/${cIn.id}/reveal-numbers`, users.manager.headers)).json()).toEqual({ from: '+86 139 0571 2345', to: '4008001234' });
    expect(await reencryptAll(database.db, keyRing())).toMatchObject({ ticketPhones: 0, callNumbers: 0 });
  });
});
