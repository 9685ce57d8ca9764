import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { createTestDatabase } from '../testing/test-db.js';
import { adminActor, createTestTicket } from '../testing/factories.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

const countTickets = async () => Number((await database.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('a service transaction inside a larger one', () => {
  it('a work order that needs its own transaction joins the caller\'s and rolls back with it', async () => {
    const before = await countTickets();
    await expect(
      database.db.transaction().execute(async (trx) => {
        // contactPhone makes createTicket look up the customer first, which it does in a transaction.
        const ticket = await createTestTicket(trx, adminActor(), { contactPhone: '13800138000', contactName: '王先生' });
        expect(ticket.id).toBeGreaterThan(0);
        throw new Error('the rest failed');
      }),
    ).rejects.toThrow('the rest failed');
    expect(await countTickets()).toBe(before);
  });
});
