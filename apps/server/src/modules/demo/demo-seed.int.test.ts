import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_ROLE_KEYS, BUILTIN_TICKET_TYPES, PERMISSIONS, TICKET_STATUSES } from '@kefu/shared';
import type { Database } from '../../db/client.js';
import { createTestDatabase } from '../../testing/test-db.js';
import { login } from '../auth/auth.service.js';
import { systemActor } from '../../lib/actor.js';
import { getCallStats } from '../calls/call-stats.service.js';
import { seedDemoDepartment } from './demo-seed.js';

let database: Database;
const now = new Date('2026-11-22T06:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoDepartment(database.db, { tenantId: 1, password: 'demo-pass-123', now });
}, 180_000);
afterAll(async () => database?.close());

describe('the demo department 示例客服中心', () => {
  it('has two weeks of hotline history: answered calls booked to agents, abandons, known callers matched', async () => {
    const rows = await database.db.selectFrom('calls').select(['result', 'agent_id', 'customer_id', 'started_at', 'ended_at']).execute();
    expect(rows.length).toBeGreaterThan(5000);
    expect(rows.every((r) => r.ended_at !== null && r.ended_at.getTime() < now.getTime())).toBe(true);
    const answered = rows.filter((r) => r.result === 'answered');
    expect(answered.every((r) => r.agent_id !== null)).toBe(true);
    expect(rows.filter((r) => r.result === 'abandoned_queue').length).toBeGreaterThan(0);
    // About two callers in three are customers on file.
    const known = rows.filter((r) => r.customer_id !== null).length / rows.length;
    expect(known).toBeGreaterThan(0.5);
    expect(known).toBeLessThan(0.8);
    expect(now.getTime() - Math.min(...rows.map((r) => r.started_at.getTime()))).toBeGreaterThan(13 * 86_400_000);
    // Up to the last minutes: the wallboard's last hour is not empty at first start.
    expect(now.getTime() - Math.max(...rows.map((r) => r.started_at.getTime()))).toBeLessThan(15 * 60_000);
  });

  it('looks like a real center: a service level near the 90 % target, not perfect, and callers who gave up', async () => {
    const rows = await database.db.selectFrom('calls').select(['started_at', 'answered_at', 'abandoned_at']).execute();
    const waited = (r: (typeof rows)[number], end: Date) => end.getTime() - r.started_at.getTime();
    // As the statistics count them: abandons within 5 s are not offered calls.
    const offered = rows.filter((r) => !(r.abandoned_at && waited(r, r.abandoned_at) < 5000));
    const withinThreshold = offered.filter((r) => r.answered_at && waited(r, r.answered_at) <= 15_000).length / offered.length;
    const abandoned = offered.filter((r) => r.abandoned_at).length / offered.length;
    expect(withinThreshold).toBeGreaterThan(0.8);
    expect(withinThreshold).toBeLessThan(0.97);
    expect(abandoned).toBeGreaterThan(0.01);
    expect(abandoned).toBeLessThan(0.1);
  });

  it('has agents who worked shifts: calls answered only while the agent was ready, staffed time and occupancy in the statistics', async () => {
    const states = await database.db.selectFrom('agent_state_log').select(['state', 'reason']).execute();
    expect(new Set(states.map((s) => s.state))).toEqual(new Set(['ready', 'break', 'offline']));
    expect(states.filter((s) => s.state === 'break').every((s) => s.reason === '用餐')).toBe(true);
    // Picked up (3 s of ringing before the answer) within one of the agent's ready intervals, closed or current.
    const outside = await sql<{ n: number }>`select count(*)::int as n from calls c where c.answered_at is not null
      and not exists (select 1 from agent_state_log l where l.user_id = c.agent_id and l.state = 'ready'
        and l.started_at <= c.answered_at - interval '3 seconds' and l.ended_at > c.answered_at - interval '3 seconds')
      and not exists (select 1 from agent_states s where s.user_id = c.agent_id and s.presence = 'ready' and s.presence_since <= c.answered_at - interval '3 seconds')`.execute(database.db);
    expect(outside.rows[0]!.n).toBe(0);
    const stats = await getCallStats({ db: database.db, actor: systemActor(1, PERMISSIONS), query: { from: new Date(now.getTime() - 7 * 86_400_000).toISOString(), to: now.toISOString(), threshold: 15, shortAbandon: 5 } });
    expect(stats.totals.occupancy).toBeGreaterThan(0.25);
    expect(stats.totals.occupancy).toBeLessThan(0.9);
  });

  it('has a user for every built-in role, all able to sign in with the demo password', async () => {
    const users = await database.db.selectFrom('users as u').innerJoin('roles as r', 'r.id', 'u.role_id').select(['u.username', 'r.key']).execute();
    for (const key of BUILTIN_ROLE_KEYS) expect(users.find((u) => u.username === key)?.key).toBe(key);
    expect(users.filter((u) => u.key === 'agent').length).toBeGreaterThanOrEqual(10);
    const result = await login({ db: database.db, input: { username: 'agent', password: 'demo-pass-123' }, ip: null });
    expect(result.user.role.key).toBe('agent');
  });

  it('has 200 customers with phones and 1,000 work orders of every type and state over 60 days', async () => {
    const customers = await database.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(customers.n)).toBe(200);
    const withoutPhone = await database.db.selectFrom('customers as c').select('c.id').where((eb) => eb.not(eb.exists(eb.selectFrom('customer_phones as p').select('p.id').whereRef('p.customer_id', '=', 'c.id')))).execute();
    expect(withoutPhone).toEqual([]);
    const tickets = await database.db.selectFrom('tickets').select(['type_key', 'status', 'created_at', 'process']).execute();
    expect(tickets).toHaveLength(1000);
    const types = new Set(tickets.map((t) => t.type_key));
    for (const type of [...BUILTIN_TICKET_TYPES, 'sales_lead', 'mortgage', 'property_certificate']) expect(types).toContain(type);
    const statuses = new Set(tickets.map((t) => t.status));
    for (const status of TICKET_STATUSES) expect(statuses).toContain(status);
    const oldest = Math.min(...tickets.map((t) => t.created_at.getTime()));
    expect(now.getTime() - oldest).toBeGreaterThan(50 * 86_400_000);
    expect(now.getTime() - oldest).toBeLessThanOrEqual(61 * 86_400_000);
    expect(tickets.some((t) => t.process?.steps.some((s) => s.state === 'done'))).toBe(true);
  });

  it('has a script library with the standard phrases', async () => {
    const macros = await database.db.selectFrom('macros').select(['category', 'title', 'body']).execute();
    expect(new Set(macros.map((m) => m.category))).toEqual(new Set(['greeting', 'hold', 'closing', 'callback', 'complaint', 'unified_answer']));
    expect(macros.find((m) => m.category === 'greeting')?.body).toContain('工号');
  });

  it('is searchable in Chinese from the start', async () => {
    const rows = await database.db.selectFrom('tickets').select('id').where(sql<boolean>`search_vector @@ to_tsquery('simple', '退费')`).execute();
    expect(rows.length).toBeGreaterThan(5);
  });
});
