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
  it('is one statement per column set, taking every order of a batch as one jsonb parameter', () => {
    const text = intakeStatement(['tenant_id', 'subject']);
    expect(intakeStatement(['tenant_id', 'subject'])).toBe(text);
    expect(text).toContain('insert into tickets (id, tenant_id, subject, search_vector)');
    expect(text).toContain('jsonb_array_elements($1::jsonb)');
    expect(text).not.toContain('$2');
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

  it('gives orders created at the same moment one statement each answer of which is its own order, with its audit row and SLA clock', async () => {
    const agent = await createUserActor(database.db, 'agent', { username: 'intake-batch' });
    const priorities = ['low', 'normal', 'high', 'urgent'] as const;
    const inputs = Array.from({ length: 24 }, (_, i) => ({ subject: `并发受理 ${i}`, priority: priorities[i % 4]!, tags: [`批${i}`] }));
    const created = await Promise.all(inputs.map((input, i) => createTestTicket(database.db, i % 2 ? agent : adminActor(), input)));
    expect(new Set(created.map((t) => t.number)).size).toBe(inputs.length);
    for (const [i, ticket] of created.entries()) {
      expect(ticket).toMatchObject({ subject: inputs[i]!.subject, priority: inputs[i]!.priority, tags: inputs[i]!.tags });
      expect(await getTicket({ db: database.db, actor: adminActor(), id: ticket.id })).toEqual(ticket);
    }
    const ids = created.map((t) => t.id);
    const audit = await database.db.selectFrom('audit_log').select(['entity_id', 'actor_id', 'detail']).where('action', '=', 'ticket.created').where('entity_id', 'in', ids).execute();
    expect(audit).toHaveLength(ids.length);
    for (const row of audit) {
      const i = ids.indexOf(Number(row.entity_id));
      expect((row.detail as { number: string }).number).toBe(created[i]!.number);
      expect(Number(row.actor_id)).toBe(i % 2 ? agent.userId : adminActor().userId);
    }
    const clocks = await database.db.selectFrom('ticket_sla').select(['ticket_id', 'started_at']).where('ticket_id', 'in', ids).execute();
    expect(clocks.map((c) => Number(c.ticket_id)).sort((a, b) => a - b)).toEqual(created.filter((t) => t.sla !== null).map((t) => t.id).sort((a, b) => a - b));
  });

  it('stores a lone surrogate (a broken emoji) as U+FFFD instead of failing', async () => {
    const ticket = await createTestTicket(database.db, adminActor(), { subject: '表情\ud83d乱码', tags: ['\udc00'] });
    expect(ticket.id).toBeGreaterThan(0);
    const read = await getTicket({ db: database.db, actor: adminActor(), id: ticket.id });
    expect(read.subject).toBe('表情\ufffd乱码');
    expect(read.tags).toEqual(['\ufffd']);
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
