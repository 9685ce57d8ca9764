import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { adminActor, createUserActor, followUpFacts } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';
import { insertCustomer } from '../customers/customers.service.js';
import { phoneLookupKeys } from '../pii/pii-fields.js';
import { toCallEventRow, validateCtiEvent } from './cti-events.js';
import { applyCallEvents } from './cti.repo.js';

// 转为工单 from a call record: the browser sends only the call's id; the server takes the number (stored encrypted)
// and the customer from the call, so the order is linked and can be called back though the number stayed masked.

let database: Database;
let app: FastifyInstance;
let agentActor: Actor;
let agent: { authorization: string };
let customerId: number;

async function call(callId: string, direction: 'in' | 'out', from: string, to: string) {
  const input = validateCtiEvent({ event: 'newCall', callId, direction, from, to, user: 'agent' });
  await applyCallEvents(database.db, [toCallEventRow(input, { tenantId: TEST_TENANT_ID, at: new Date(), agentId: null, blocked: false, afterCallWorkSeconds: 0 })]);
}

async function postTicket(body: Record<string, unknown>) {
  const response = await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: agent, payload: body });
  expect({ status: response.statusCode, body: response.body.slice(0, 300) }).toMatchObject({ status: 201 });
  return response.json() as { id: number; customer: { id: number; name: string } | null; contactPhone: string | null; contactPhoneMasked: boolean };
}

const stored = (id: number) => database.db.selectFrom('tickets').select(['customer_id', 'contact_phone', 'contact_phone_enc', 'contact_phone_bidx']).where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  agentActor = await createUserActor(database.db, 'agent');
  agent = await loginAs(app, agentActor.username);
  customerId = await insertCustomer(database.db, adminActor(), { kind: 'person', name: '赵女士', phones: ['13912345678'] });
  await call('pop-known', 'in', '139 1234 5678', '4008001234');
  await call('pop-stranger', 'in', '13700009999', '4008001234');
  await call('pop-out', 'out', '8001', '13912345678');
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('a work order created from a call with only its callId', () => {
  it('gets the call\u2019s customer and the caller\u2019s number, found again by its blind index', async () => {
    const callRow = await database.db.selectFrom('calls').select(['id', 'customer_id', 'from_number']).where('call_id', '=', 'pop-known').executeTakeFirstOrThrow();
    expect(callRow.customer_id).toBe(customerId);
    expect(callRow.from_number).toContain('*');

    const ticket = await postTicket({ type: 'consultation', subject: '来电咨询', description: '询问营业时间', callId: 'pop-known' });
    expect(ticket.customer).toMatchObject({ id: customerId, name: '赵女士' });
    // The agent has no customers.reveal_pii: the number comes back masked, as any order's would.
    expect(ticket.contactPhone).toMatch(/^139\*+5678$/);
    const row = await stored(ticket.id);
    expect(row.customer_id).toBe(customerId);
    expect(phoneLookupKeys('13912345678')).toContain(row.contact_phone_bidx);
    expect(row.contact_phone_enc).not.toBeNull();

    // Searching orders by the full number finds it; the call lists the order.
    const search = await app.inject({ method: 'GET', url: '/api/v1/tickets?q=13912345678', headers: agent });
    expect(search.json().items.map((t: { id: number }) => t.id)).toContain(ticket.id);
    const links = await database.db.selectFrom('call_tickets').select('ticket_id').where('call_id', '=', callRow.id).execute();
    expect(links).toEqual([{ ticket_id: ticket.id }]);
  });

  it('takes the callee of an outbound call, and the number alone when no customer matches', async () => {
    const out = await postTicket({ type: 'consultation', subject: '回访', description: '', callId: 'pop-out' });
    expect(out.customer?.id).toBe(customerId);
    expect(phoneLookupKeys('13912345678')).toContain((await stored(out.id)).contact_phone_bidx);

    const stranger = await postTicket({ type: 'consultation', subject: '陌生来电', description: '', callId: 'pop-stranger' });
    expect(stranger.customer).toBeNull();
    expect(phoneLookupKeys('13700009999')).toContain((await stored(stranger.id)).contact_phone_bidx);
  });

  it('lets a follow-up order take its contact number from the call', async () => {
    const { contactPhone: _typed, ...facts } = followUpFacts;
    const ticket = await postTicket({ type: 'consultation', subject: '需回复', description: '客户反映停水', answeredOnSpot: false, ...facts, callId: 'pop-stranger' });
    expect(phoneLookupKeys('13700009999')).toContain((await stored(ticket.id)).contact_phone_bidx);
  });

  it('keeps what the browser sent: a typed number or a chosen customer wins over the call', async () => {
    const typed = await postTicket({ type: 'consultation', subject: '代人来电', description: '', callId: 'pop-known', contactPhone: '13600001111' });
    expect(phoneLookupKeys('13600001111')).toContain((await stored(typed.id)).contact_phone_bidx);
    const other = await insertCustomer(database.db, adminActor(), { kind: 'person', name: '钱先生', phones: [] });
    const chosen = await postTicket({ type: 'consultation', subject: '为他人咨询', description: '', callId: 'pop-known', customerId: other });
    expect(chosen.customer?.id).toBe(other);
    expect((await stored(chosen.id)).contact_phone_bidx).toBeNull();
    // An unknown callId fills nothing and links nothing.
    const unknown = await postTicket({ type: 'consultation', subject: '无记录', description: '', callId: 'never-reported' });
    expect(unknown.customer).toBeNull();
    expect(unknown.contactPhone).toBeNull();
  });
});
