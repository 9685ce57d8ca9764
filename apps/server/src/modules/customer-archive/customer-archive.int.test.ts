import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEntry } from '@kefu/shared';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { createTestTicket, createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID as T } from '../../testing/test-db.js';
import { CUSTOMER_REFERENCES, MOVED_TABLES } from './merge-plan.js';

let database: Database;
let app: FastifyInstance;
let manager: Actor;
let agent: Actor;
let managerAuth: { authorization: string };
let archivistAuth: { authorization: string };
let agentAuth: { authorization: string };
let ownOnlyAuth: { authorization: string };
let ownOnly: Actor;

const db = () => database.db;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

async function createCustomer(name: string, phones: string[], extra: Record<string, unknown> = {}) {
  const response = await app.inject({ method: 'POST', url: '/api/v1/customers', headers: managerAuth, payload: { kind: 'person', name, phones, ...extra } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: number; version: number };
}

/** One row in every source of the timeline for `customerId`, each at a distinct minute; answers the subjects. */
async function fillSources(customerId: number, label: string) {
  const ticket = await createTestTicket(db(), manager, { customerId, subject: `${label} 咨询工单` });
  await db().updateTable('tickets').set({ created_at: minutesAgo(100), resolved_at: minutesAgo(90), status: 'resolved' }).where('id', '=', ticket.id).execute();
  const complaint = await createTestTicket(db(), manager, { customerId, subject: `${label} 投诉工单`, type: 'complaint' });
  await db().updateTable('tickets').set({ created_at: minutesAgo(80) }).where('id', '=', complaint.id).execute();
  const hasCase = await db().selectFrom('complaint_cases').select('ticket_id').where('ticket_id', '=', complaint.id).executeTakeFirst();
  if (!hasCase) await db().insertInto('complaint_cases').values({ tenant_id: T, ticket_id: complaint.id, grade: 'general', created_at: minutesAgo(79) }).execute();
  else await db().updateTable('complaint_cases').set({ created_at: minutesAgo(79) }).where('ticket_id', '=', complaint.id).execute();
  await db().insertInto('calls').values({
    tenant_id: T, call_id: `call-${label}-${customerId}`, direction: 'in', customer_id: customerId, agent_id: manager.userId, started_at: minutesAgo(70), answered_at: minutesAgo(69.9),
    ended_at: minutesAgo(66), last_event: 'hangup', last_event_at: minutesAgo(66),
  }).execute();
  await db().insertInto('grading_follow_ups').values({
    tenant_id: T, customer_id: customerId, user_id: manager.userId, at: minutesAgo(60), channel: 'phone', summary: `${label} 跟进`, deal_status: 'negotiating', importance: 'important',
    urgency: 'soon', demand: 'target', grade_after: 'B', next_follow_up_on: '2030-01-01',
  }).execute();
  await db().insertInto('grading_grade_history').values({ tenant_id: T, customer_id: customerId, to_grade: 'B', reason: 'follow_up' }).execute();
  await db().insertInto('grading_profiles').values({ tenant_id: T, customer_id: customerId, grade: 'B', last_follow_up_at: minutesAgo(60), referrals: 1 }).execute();
  await db().insertInto('grading_vip_scores').values({ tenant_id: T, customer_id: customerId, score: 10, rank: 1, factors: [1, 2, 3, 4, 5, 6, 7, 8], computed_at: new Date() }).execute();
  await db().insertInto('grading_purchases').values({ tenant_id: T, customer_id: customerId, amount: 199, item: `${label} 保洁套餐`, purchased_at: minutesAgo(50) }).execute();
  const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const contract = await db().insertInto('contracts').values({
    tenant_id: T, number: `HT-${label}-${customerId}`, customer_id: customerId, our_party: '乡工汇家政', title: `${label} 住家保姆协议`, kind: 'service',
    start_date: '2020-01-01', end_date: day, amount_fen: 100, status: 'active',
  }).returning('id').executeTakeFirstOrThrow();
  const staff = await db().insertInto('service_staff').values({ tenant_id: T, name: `阿姨${label}`, gender: 'female', status: 'on_duty' }).returning('id').executeTakeFirstOrThrow();
  await db().insertInto('staff_placements').values({ tenant_id: T, staff_id: staff.id, customer_id: customerId, contract_id: contract.id, start_date: '2020-01-01' }).execute();
  const campaign = await db().insertInto('callback_campaigns').values({ tenant_id: T, name: `${label} 回访活动` }).returning('id').executeTakeFirstOrThrow();
  await db().insertInto('callback_items').values({ tenant_id: T, campaign_id: campaign.id, customer_id: customerId, status: 'done', last_attempt_at: minutesAgo(40), satisfaction: 'satisfied', note: `${label} 回访结果` }).execute();
  await db().insertInto('surveys').values({ tenant_id: T, customer_id: customerId, trigger: 'resolution', channel: 'phone', answered_at: minutesAgo(30), satisfaction: 'very_satisfied', rating: 5 }).execute();
  const note = await app.inject({ method: 'POST', url: `/api/v1/customers/${customerId}/contacts`, headers: managerAuth, payload: { channel: 'wechat', at: minutesAgo(20).toISOString(), summary: `${label} 微信沟通`, person: '王先生' } });
  expect(note.statusCode, note.body).toBe(201);
  return { ticket, complaint };
}

async function timeline(customerId: number, auth: { authorization: string }, query = '') {
  const response = await app.inject({ method: 'GET', url: `/api/v1/customers/${customerId}/timeline${query}`, headers: auth });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: TimelineEntry[]; nextCursor: string | null };
}

async function countRows(table: string, column: string, id: number): Promise<number> {
  const r = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where tenant_id = ${T} and ${sql.ref(column)} = ${id}`.execute(db());
  return Number(r.rows[0]!.n);
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  manager = await createUserActor(db(), 'manager');
  managerAuth = await loginAs(app, manager.username);
  archivistAuth = await loginAs(app, (await createUserActor(db(), 'archivist')).username);
  agent = await createUserActor(db(), 'agent');
  agentAuth = await loginAs(app, agent.username);
  // A role that reads only its own work orders and calls, and no complaints.
  await db().insertInto('roles').values({ tenant_id: T, key: 'own_only', name_zh: '只看自己', name_en: 'Own only', permissions: ['tickets.read_own', 'tickets.create', 'customers.read', 'calls.read_own'] }).execute();
  ownOnly = await createUserActor(db(), 'own_only');
  ownOnlyAuth = await loginAs(app, ownOnly.username);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('customer timeline', () => {
  it('shows every source newest first, with actor, link and facts', async () => {
    const c = await createCustomer('时间线客户', ['13900000001']);
    const { ticket, complaint } = await fillSources(c.id, 'T');
    const page = await timeline(c.id, managerAuth);
    const events = page.items.map((e) => e.event);
    for (const e of ['ticket_created', 'ticket_resolved', 'complaint_opened', 'call', 'follow_up', 'purchase', 'contract_signed', 'contract_ending', 'callback', 'survey', 'contact']) {
      expect(events, e).toContain(e);
    }
    const ats = page.items.map((e) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    // The contract ends in 3 days (within its reminder window): its "ending" entry is the newest; the signing of 2020 the oldest.
    expect(page.items[0]).toMatchObject({ event: 'contract_ending', title: 'T 住家保姆协议' });
    expect(page.items.at(-1)).toMatchObject({ event: 'contract_signed' });
    expect(page.items.find((e) => e.event === 'contact')).toMatchObject({ summary: 'T 微信沟通', title: '王先生', actor: { id: manager.userId }, facts: { channel: 'wechat' } });
    expect(page.items.find((e) => e.event === 'ticket_created' && e.link?.id === ticket.id)).toMatchObject({ title: 'T 咨询工单', link: { path: `/tickets/${ticket.id}` } });
    expect(page.items.find((e) => e.event === 'complaint_opened')).toMatchObject({ link: { id: complaint.id }, facts: { grade: 'general' } });
    expect(page.items.find((e) => e.event === 'call')).toMatchObject({ actor: { id: manager.userId }, facts: { direction: 'in', result: 'answered' } });
    expect((page.items.find((e) => e.event === 'call')!.facts.talkSeconds as number)).toBeGreaterThan(200);
    expect(page.items.find((e) => e.event === 'purchase')).toMatchObject({ title: 'T 保洁套餐', facts: { amount: 199 } });
    expect(page.items.find((e) => e.event === 'callback')).toMatchObject({ title: 'T 回访活动', summary: 'T 回访结果', facts: { satisfaction: 'satisfied' } });
    expect(page.items.find((e) => e.event === 'survey')).toMatchObject({ facts: { satisfaction: 'very_satisfied', rating: 5 } });
    // Nothing of another customer.
    const other = await createCustomer('别的客户', ['13900000099']);
    expect((await timeline(other.id, managerAuth)).items).toEqual([]);
    // Filter by kind.
    const onlyCalls = await timeline(c.id, managerAuth, '?kinds=call,contact');
    expect(new Set(onlyCalls.items.map((e) => e.kind))).toEqual(new Set(['call', 'contact']));
  });

  it('pages without gaps or repeats, also across entries of the same instant', async () => {
    const c = await createCustomer('翻页客户', ['13900000002']);
    await fillSources(c.id, 'P');
    // Many contacts at the very same instant, and more spread out, so pages cut inside a tie.
    const same = minutesAgo(33);
    await db().insertInto('customer_contacts').values(Array.from({ length: 7 }, (_, i) => ({ tenant_id: T, customer_id: c.id, channel: 'visit', at: same, summary: `同一时刻 ${i}` }))).execute();
    await db().insertInto('grading_purchases').values(Array.from({ length: 5 }, (_, i) => ({ tenant_id: T, customer_id: c.id, amount: 10, item: `同刻购买 ${i}`, purchased_at: same }))).execute();
    const all = (await timeline(c.id, managerAuth, '?limit=100')).items.map((e) => e.key);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThan(20);
    for (const size of [1, 3, 4, 7]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await timeline(c.id, managerAuth, `?limit=${size}${cursor ? `&before=${cursor}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(size);
        seen.push(...page.items.map((e) => e.key));
        cursor = page.nextCursor;
        pages += 1;
        expect(pages).toBeLessThan(100);
      } while (cursor);
      expect(seen, `page size ${size}`).toEqual(all);
    }
    const bad = await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/timeline?before=garbage`, headers: { ...managerAuth, 'accept-language': 'en' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION', message: 'Invalid input: invalid timeline cursor' });
    expect((await app.inject({ method: 'GET', url: '/api/v1/customers/987654/timeline', headers: managerAuth })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/timeline?kinds=nonsense`, headers: managerAuth })).statusCode).toBe(400);
  });

  it('hides what the caller may not read: others\' work orders without subject, no complaints, others\' calls restricted', async () => {
    const c = await createCustomer('权限客户', ['13900000003']);
    const { ticket } = await fillSources(c.id, 'R');
    const mine = await createTestTicket(db(), ownOnly, { customerId: c.id, subject: '我自己的工单' });
    const page = await timeline(c.id, ownOnlyAuth, '?limit=100');
    const json = JSON.stringify(page);
    expect(json).not.toContain('R 咨询工单');
    expect(json).not.toContain('R 投诉工单');
    expect(page.items.some((e) => e.kind === 'complaint')).toBe(false);
    const others = page.items.filter((e) => e.kind === 'ticket' && e.restricted);
    expect(others.length).toBeGreaterThanOrEqual(3);
    for (const e of others) expect(e).toMatchObject({ title: null, summary: null, link: null, actor: null, facts: {} });
    expect(page.items.find((e) => e.event === 'ticket_created' && e.link?.id === mine.id)).toMatchObject({ title: '我自己的工单', restricted: false });
    expect(page.items.find((e) => e.kind === 'ticket' && e.link?.id === ticket.id)).toBeUndefined();
    expect(page.items.find((e) => e.kind === 'call')).toMatchObject({ restricted: true, actor: null, facts: {} });
    // The agent role reads all work orders and complaints, and only its own calls.
    const asAgent = await timeline(c.id, agentAuth, '?limit=100');
    expect(asAgent.items.find((e) => e.kind === 'complaint')).toBeTruthy();
    expect(JSON.stringify(asAgent)).toContain('R 咨询工单');
    // A role without customers.read gets nothing.
    await db().insertInto('roles').values({ tenant_id: T, key: 'no_customers', name_zh: '无', name_en: 'None', permissions: ['tickets.read_all'] }).execute();
    const none = await loginAs(app, (await createUserActor(db(), 'no_customers')).username);
    expect((await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/timeline`, headers: none })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/v1/customers/${c.id}/contacts`, headers: ownOnlyAuth, payload: { channel: 'visit', at: new Date().toISOString(), summary: 'x' } })).statusCode).toBe(403);
  });

  it('refuses bad contact notes with 400 and a future time with a rule message', async () => {
    const c = await createCustomer('联系记录客户', ['13900000004']);
    const empty = await app.inject({ method: 'POST', url: `/api/v1/customers/${c.id}/contacts`, headers: managerAuth, payload: { channel: 'pigeon', at: 'yesterday', summary: '' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('VALIDATION');
    const future = await app.inject({ method: 'POST', url: `/api/v1/customers/${c.id}/contacts`, headers: managerAuth, payload: { channel: 'visit', at: new Date(Date.now() + 86_400_000).toISOString(), summary: '明天上门' } });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.message).toBe('联系时间不能晚于现在');
  });
});

describe('merging duplicates', () => {
  it('handles every table that points at a customer (fails when a new one is added and not handled)', async () => {
    const columns = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and column_name = 'customer_id'`.execute(db());
    const foreignKeys = await sql<{ table_name: string; column_name: string }>`
      select kcu.table_name, kcu.column_name
      from information_schema.referential_constraints rc
      join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name and kcu.constraint_schema = rc.constraint_schema
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.unique_constraint_name and ccu.constraint_schema = rc.unique_constraint_schema
      where ccu.table_name = 'customers' and kcu.column_name <> 'tenant_id' and kcu.constraint_schema = current_schema()`.execute(db());
    const found = new Set([...columns.rows, ...foreignKeys.rows].map((r) => `${r.table_name}.${r.column_name}`));
    const handled = new Set(CUSTOMER_REFERENCES.map((r) => `${r.table}.${r.column}`));
    expect([...found].filter((f) => !handled.has(f)).sort()).toEqual([]);
    expect([...handled].filter((h) => !found.has(h)).sort()).toEqual([]);
  });

  it('finds duplicates by phone and by name within an organization; moves every row in one merge', async () => {
    const org = await createCustomer('奈儿家政', [], { kind: 'organization' });
    const target = await createCustomer('李女士', ['13811112222', '010-66668888'], { organizationId: org.id, tags: ['老客户'], notes: '目标备注' });
    const source = await createCustomer('李女士', ['+86 138 1111 2222', '13933334444'], { organizationId: org.id, tags: ['投诉过'], notes: '来源备注', email: 'li@example.com' });
    await fillSources(target.id, 'MT');
    await fillSources(source.id, 'MS');
    // The source's grading is the newer judgement: its profile is kept.
    await db().updateTable('grading_profiles').set({ last_follow_up_at: minutesAgo(1), grade: 'A' }).where('customer_id', '=', source.id).execute();

    const forbiddenDup = await app.inject({ method: 'GET', url: '/api/v1/customers/duplicates', headers: agentAuth });
    expect(forbiddenDup.statusCode).toBe(403);
    const dups = await app.inject({ method: 'GET', url: `/api/v1/customers/duplicates?customerId=${target.id}`, headers: archivistAuth });
    expect(dups.statusCode, dups.body).toBe(200);
    const groups = dups.json().groups as { reason: string; customers: { id: number; phones: string[] }[] }[];
    expect(groups).toHaveLength(1);
    expect(groups[0]!.customers.map((x) => x.id).sort()).toEqual([target.id, source.id].sort());
    expect(groups[0]!.customers[0]!.phones.join()).not.toMatch(/1381111222/);

    const before: Record<string, number> = {};
    for (const table of [...MOVED_TABLES, 'customer_phones']) before[table] = (await countRows(table, 'customer_id', target.id)) + (await countRows(table, 'customer_id', source.id));
    const complaintsBefore = Number((await sql<{ n: string }>`select count(*) as n from complaint_cases cc join tickets t on t.id = cc.ticket_id where t.customer_id in (${target.id}, ${source.id})`.execute(db())).rows[0]!.n);

    // Stale version, self merge, agent.
    const stale = await app.inject({ method: 'POST', url: `/api/v1/customers/${target.id}/merge`, headers: archivistAuth, payload: { sourceId: source.id, version: target.version + 5 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const staleSource = await app.inject({ method: 'POST', url: `/api/v1/customers/${target.id}/merge`, headers: archivistAuth, payload: { sourceId: source.id, version: target.version, sourceVersion: 99 } });
    expect(staleSource.statusCode).toBe(409);
    const self = await app.inject({ method: 'POST', url: `/api/v1/customers/${target.id}/merge`, headers: { ...archivistAuth, 'accept-language': 'en' }, payload: { sourceId: target.id, version: target.version } });
    expect(self.statusCode).toBe(400);
    expect(self.json().error).toMatchObject({ code: 'VALIDATION', message: 'Invalid input: A customer cannot be merged into itself' });
    expect((await app.inject({ method: 'POST', url: `/api/v1/customers/${target.id}/merge`, headers: agentAuth, payload: { sourceId: source.id, version: target.version } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/v1/customers/${target.id}/merge`, headers: archivistAuth, payload: { sourceId: 99999, version: target.version } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: `/api/v1/customers/${target.id}/merge`, headers: archivistAuth, payload: { sourceId: org.id, version: target.version } })).statusCode).toBe(422);
    // Nothing moved by the refused attempts.
    expect(await countRows('tickets', 'customer_id', source.id)).toBeGreaterThan(0);

    const merged = await app.inject({ method: 'POST', url: `/api/v1/customers/${target.id}/merge`, headers: archivistAuth, payload: { sourceId: source.id, version: target.version, sourceVersion: source.version } });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ targetId: target.id, sourceId: source.id, version: target.version + 1 });

    for (const table of MOVED_TABLES) {
      expect(await countRows(table, 'customer_id', source.id), table).toBe(0);
      expect(await countRows(table, 'customer_id', target.id), table).toBe(before[table]);
    }
    expect(await countRows('customer_phones', 'customer_id', source.id)).toBe(0);
    // 138 1111 2222 was on both: kept once.
    expect(await countRows('customer_phones', 'customer_id', target.id)).toBe(before.customer_phones! - 1);
    expect(Number((await sql<{ n: string }>`select count(*) as n from complaint_cases cc join tickets t on t.id = cc.ticket_id where t.customer_id = ${target.id}`.execute(db())).rows[0]!.n)).toBe(complaintsBefore);
    expect(await countRows('grading_profiles', 'customer_id', source.id)).toBe(0);
    expect(await db().selectFrom('grading_profiles').select(['grade', 'referrals']).where('customer_id', '=', target.id).executeTakeFirstOrThrow()).toEqual({ grade: 'A', referrals: 2 });
    expect(await countRows('grading_vip_scores', 'customer_id', source.id)).toBe(0);

    const after = await app.inject({ method: 'GET', url: `/api/v1/customers/${target.id}`, headers: managerAuth });
    expect(after.json()).toMatchObject({ tags: ['老客户', '投诉过'], grade: 'A', version: target.version + 1 });
    expect(after.json().notes).toContain('来源备注');
    expect(after.json().email).toMatch(/^l\*\*\*@/);

    // The source is gone from lookups and answers 404 pointing at the target.
    const gone = await app.inject({ method: 'GET', url: `/api/v1/customers/${source.id}`, headers: managerAuth });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.details).toEqual({ mergedIntoId: target.id });
    expect((await app.inject({ method: 'GET', url: `/api/v1/customers/${source.id}/timeline`, headers: managerAuth })).statusCode).toBe(404);
    const byPhone = await app.inject({ method: 'GET', url: '/api/v1/customers?phone=13933334444', headers: managerAuth });
    expect(byPhone.json().items.map((x: { id: number }) => x.id)).toEqual([target.id]);
    const byName = await app.inject({ method: 'GET', url: `/api/v1/customers?q=${encodeURIComponent('李女士')}`, headers: managerAuth });
    expect(byName.json().items.map((x: { id: number }) => x.id)).toEqual([target.id]);
    expect((await app.inject({ method: 'GET', url: `/api/v1/customers/duplicates?customerId=${target.id}`, headers: archivistAuth })).json().groups).toEqual([]);
    // A page still showing the merged-away record files its new work order under the surviving one.
    const late = await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: managerAuth, payload: { type: 'consultation', subject: '合并后来电', description: '页面上还是旧档案', customerId: source.id } });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json().customer.id).toBe(target.id);
    // Merging it again is refused; the audit log has both sides.
    const again = await app.inject({ method: 'POST', url: `/api/v1/customers/${target.id}/merge`, headers: archivistAuth, payload: { sourceId: source.id, version: target.version + 1 } });
    expect(again.statusCode).toBe(422);
    const audit = await db().selectFrom('audit_log').select(['action', 'entity_id']).where('action', 'in', ['customer.merged', 'customer.merged_away']).where('entity_id', 'in', [target.id, source.id]).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['customer.merged', 'customer.merged_away']);
    // The merged timeline holds both histories.
    const merged_timeline = JSON.stringify(await timeline(target.id, managerAuth, '?limit=100'));
    expect(merged_timeline).toContain('MS 微信沟通');
    expect(merged_timeline).toContain('MT 微信沟通');
  });
});
