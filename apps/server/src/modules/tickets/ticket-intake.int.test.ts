import { sql } from 'kysely';
import type { TicketCreate } from '@kefu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createTestDatabase } from '../../testing/test-db.js';
import { adminActor, createTestTicket, createUserActor, followUpFacts } from '../../testing/factories.js';
import { getTicket } from './tickets.service.js';
import { intakeStatement } from './ticket-intake.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe('work-order intake statement', () => {
  it('is one statement per column set, with the search text, SLA switch and audit values after the order columns', () => {
    const text = intakeStatement(['tenant_id', 'subject']);
    expect(intakeStatement(['tenant_id', 'subject'])).toBe(text);
    expect(text).toContain('insert into tickets (tenant_id, subject, search_vector) values ($1, $2, to_tsvector(\'simple\', $3))');
    expect(text).toMatch(/where \$19::boolean/);
    expect(text).toContain('$22::text');
    expect(() => intakeStatement(['subject; drop table tickets'])).toThrow(/not a column name/);
  });

  it('creates the order, its SLA clock and its audit row together', async () => {
    const ticket = await createTestTicket(database.db, adminActor(), { subject: '宽带报修 intake' });
    const audit = await database.db.selectFrom('audit_log').select(['action', 'detail']).where('entity', '=', 'ticket').where('entity_id', '=', ticket.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['ticket.created']);
    expect((audit[0]!.detail as { number: string }).number).toBe(ticket.number);
    const found = await database.db.selectFrom('tickets').select('id').where(sql<boolean>`search_vector @@ to_tsquery('simple', '宽带')`).execute();
    expect(found.map((r) => r.id)).toContain(ticket.id);
  });

  it('answers the same order that reading it back gives (the intake fills most of its answer from what it inserted)', async () => {
    const agent = await createUserActor(database.db, 'agent', { username: 'intake-echo' });
    const inputs: Array<Partial<TicketCreate>> = [
      {},
      { ...followUpFacts, subject: '空调漏水', priority: 'urgent', channel: 'wechat', tags: ['报修', 'VIP'], contactName: '李女士', contactPhone: '+86 138-0013-8000', answeredOnSpot: false },
      { type: 'suggestion', answeredOnSpot: true, answer: '已当场答复', tags: [] },
    ];
    for (const input of inputs) {
      for (const actor of [adminActor(), agent]) {
        const created = await createTestTicket(database.db, actor, input);
        const read = await getTicket({ db: database.db, actor: adminActor(), id: created.id });
        expect(created).toEqual(read);
      }
    }
  });

  it.runIf(process.env.KEFU_TEST_DB === 'postgres')('runs as a named prepared statement on PostgreSQL', async () => {
    await createTestTicket(database.db, adminActor());
    // Prepared statements belong to a connection: look on every pooled one until one has it.
    const names = await database.db.connection().execute(async (conn) => {
      await createTestTicket(conn, adminActor());
      return (await sql<{ name: string }>`select name from pg_prepared_statements`.execute(conn)).rows.map((r) => r.name);
    });
    expect(names.some((n) => n.startsWith('kefu_'))).toBe(true);
  });
});
