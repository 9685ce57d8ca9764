import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';
import { adminActor, createTestTicket } from '../../testing/factories.js';
import { toCallEventRow, validateCtiEvent } from './cti-events.js';
import { applyCallEvents } from './cti.repo.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe('a work order started from a screen pop', () => {
  it('is listed on the call it came from, with an audit row; an unknown callId links nothing', async () => {
    const input = validateCtiEvent({ event: 'newCall', callId: 'pop-77', direction: 'in', from: '13800001234', to: '4008001234', user: 'agent' });
    await applyCallEvents(database.db, [toCallEventRow(input, { tenantId: TEST_TENANT_ID, at: new Date(), agentId: null, blocked: false, afterCallWorkSeconds: 0 })]);
    const ticket = await createTestTicket(database.db, adminActor(), { callId: 'pop-77', contactPhone: '13800001234' });
    const call = await database.db.selectFrom('calls').select('id').where('call_id', '=', 'pop-77').executeTakeFirstOrThrow();
    const links = await database.db.selectFrom('call_tickets').select(['call_id', 'ticket_id']).where('tenant_id', '=', TEST_TENANT_ID).execute();
    expect(links).toEqual([{ call_id: call.id, ticket_id: ticket.id }]);
    const audit = await database.db.selectFrom('audit_log').select('action').where('entity', '=', 'ticket').where('entity_id', '=', ticket.id).execute();
    expect(audit.map((a) => a.action)).toContain('ticket.call_linked');

    const other = await createTestTicket(database.db, adminActor(), { callId: 'never-reported' });
    expect(other.id).toBeGreaterThan(0);
    expect(await database.db.selectFrom('call_tickets').select('ticket_id').where('ticket_id', '=', other.id).execute()).toEqual([]);
  });
});
