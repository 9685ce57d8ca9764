import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEAL_STATUSES, DEFAULT_GRADING_RULES, DEMANDS, IMPORTANCES, URGENCIES, type GradingAxes, type GradingRules } from '@kefu/shared';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { createTestTicket, createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';
import { gradeCustomer, localToday, nextFollowUpOn } from './grade-rules.js';
import { GRADING_REGRADE_JOB, regradeJobHandler, regradeTenant, saveRules } from './grading-rules.service.js';
import { isVip, slaCustomerGrade } from './grading-vip.service.js';

let database: Database;
let app: FastifyInstance;
type Headers = { authorization: string };
const users = {} as Record<'agent' | 'agent2' | 'leader' | 'admin', { actor: Actor; headers: Headers }>;
const ZONE = 'Asia/Shanghai';
const DAY = 86_400_000;
const api = '/api/v1/grading';

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url: `${api}${url}`, headers });
const send = (method: 'POST' | 'PUT' | 'PATCH', url: string, headers: Headers, payload: unknown) => app.inject({ method, url: `${api}${url}`, headers, payload: payload as object });
function ok(response: LightMyRequestResponse, status = 200) {
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status });
  return response.json();
}

let customerCounter = 0;
async function newCustomer(name = `客户${++customerCounter}`): Promise<number> {
  const row = await database.db.insertInto('customers').values({ tenant_id: TEST_TENANT_ID, kind: 'person', name }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
const axes = (demand: GradingAxes['demand'], urgency: GradingAxes['urgency'], importance: GradingAxes['importance'] = 'important', dealStatus: GradingAxes['dealStatus'] = 'negotiating'): GradingAxes =>
  ({ dealStatus, importance, urgency, demand });
const followUp = (customerId: number, a: GradingAxes, at?: Date, headers = users.agent.headers) =>
  send('POST', `/customers/${customerId}/follow-ups`, headers, { channel: 'phone', summary: '电话回访，了解需求', axes: a, ...(at ? { at: at.toISOString() } : {}) });
const customerGrade = async (id: number) => (await database.db.selectFrom('customers').select('grade').where('id', '=', id).executeTakeFirstOrThrow()).grade;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  for (const [key, role] of [['agent', 'agent'], ['agent2', 'agent'], ['leader', 'leader'], ['admin', 'admin']] as const) {
    const actor = await createUserActor(database.db, role);
    users[key] = { actor, headers: await loginAs(app, actor.username) };
  }
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('big customers (VIP)', () => {
  // First in the file, so these ten are the tenant's only graded customers.
  it('flags the top 20 % by score, exposes isVip for SLA matching', async () => {
    const ids: number[] = [];
    for (let i = 1; i <= 10; i += 1) {
      const id = await newCustomer(`大客户候选${i}`);
      ids.push(id);
      ok(await followUp(id, axes('target', 'later')), 201);
      ok(await send('POST', `/customers/${id}/purchases`, users.agent.headers, { amount: i * 100, item: '年度维保' }), 201);
    }
    const denied = await send('POST', '/vip/recompute', users.agent.headers, {});
    expect(denied.statusCode).toBe(403);
    expect(ok(await send('POST', '/vip/recompute', users.leader.headers, {}))).toMatchObject({ customers: 10, vip: 2 });
    const vip = ok(await get('/vip', users.agent.headers)).items;
    expect(vip.map((v: { customerId: number }) => v.customerId)).toEqual([ids[9], ids[8]]);
    // Equal factors weigh the same for all: purchases 15 + items 10 + contacts 15; spend 30 × ln(1 + x) / ln(1 + 1000).
    expect(vip[0]).toMatchObject({ rank: 1, score: 70, factors: { totalSpend: 1000, purchaseCount: 1, items: 1, frequency: 1, complaints: 0, referrals: 0 } });
    expect(vip[1]).toMatchObject({ rank: 2, score: 69.54 });
    expect(await isVip(database.db, TEST_TENANT_ID, ids[9]!)).toBe(true);
    expect(await isVip(database.db, TEST_TENANT_ID, ids[0]!)).toBe(false);
    expect(slaCustomerGrade('B', true)).toBe('VIP');
    expect(slaCustomerGrade('B', false)).toBe('B');
    const panel = ok(await get(`/customers/${ids[9]}`, users.agent.headers));
    expect(panel).toMatchObject({ isVip: true, vipScore: 70, grade: 'B' });
    const audit = await database.db.selectFrom('audit_log').select('detail').where('action', '=', 'grading.vip_recomputed').executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ customers: 10, vip: 2 });
  });
});

describe('follow-ups', () => {
  it('recording a follow-up re-grades the customer, logs the change and moves the next due date', async () => {
    const id = await newCustomer('张伟');
    const first = ok(await followUp(id, axes('potential', 'slow')), 201);
    const today = localToday(new Date(), ZONE);
    expect(first).toMatchObject({ gradeBefore: null, gradeAfter: 'D', nextFollowUpOn: nextFollowUpOn(new Date(), DEFAULT_GRADING_RULES.cadence.D, ZONE), user: { id: users.agent.actor.userId } });
    expect(await customerGrade(id)).toBe('D');
    const second = ok(await followUp(id, axes('target', 'urgent')), 201);
    expect(second).toMatchObject({ gradeBefore: 'D', gradeAfter: 'A', nextFollowUpOn: nextFollowUpOn(new Date(), { every: 1, unit: 'day' }, ZONE) });
    expect(second.nextFollowUpOn > today).toBe(true);
    expect(await customerGrade(id)).toBe('A');
    const panel = ok(await get(`/customers/${id}`, users.agent.headers));
    expect(panel).toMatchObject({ grade: 'A', axes: axes('target', 'urgent'), owner: { id: users.agent.actor.userId }, nextFollowUpOn: second.nextFollowUpOn });
    expect(panel.history.map((h: { fromGrade: string | null; toGrade: string; reason: string }) => [h.fromGrade, h.toGrade, h.reason])).toEqual([['D', 'A', 'follow_up'], [null, 'D', 'follow_up']]);
    expect(panel.followUps).toHaveLength(2);
    // Same grade again: no new history row, due date still moves.
    ok(await followUp(id, axes('target', 'soon')), 201);
    expect(ok(await get(`/customers/${id}`, users.agent.headers)).history).toHaveLength(2);
    const audits = await database.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'grading.follow_up_recorded').where('entity_id', '=', id).execute();
    expect(audits).toHaveLength(3);
    expect(audits[1]!.detail).toMatchObject({ gradeBefore: 'D', gradeAfter: 'A' });
  });

  it('refuses follow-ups in the future, before the last one, for unknown customers, and without customers.write', async () => {
    const id = await newCustomer();
    const future = await followUp(id, axes('target', 'urgent'), new Date(Date.now() + 2 * DAY));
    expect(future.statusCode).toBe(422);
    expect(future.json().error.message).toBe('跟进时间不能晚于当前时间');
    ok(await followUp(id, axes('target', 'urgent'), new Date(Date.now() - DAY)), 201);
    expect((await followUp(id, axes('target', 'urgent'), new Date(Date.now() - 3 * DAY))).statusCode).toBe(422);
    expect((await followUp(99_999_999, axes('target', 'urgent'))).statusCode).toBe(404);
    const gm = await createUserActor(database.db, 'gm');
    expect((await followUp(id, axes('target', 'urgent'), undefined, await loginAs(app, gm.username))).statusCode).toBe(403);
    const bad = await send('POST', `/customers/${id}/follow-ups`, users.agent.headers, { channel: 'phone', summary: 'x', axes: { ...axes('target', 'urgent'), demand: 'hot' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('body.axes.demand');
  });

  it("lists the owner's due and overdue follow-ups; leaders see the overview", async () => {
    const overdueA = await newCustomer('逾期A');
    const dueToday = await newCustomer('今日B');
    const notDue = await newCustomer('未到期C');
    // A followed up 10 days ago → due 9 days ago; B a week ago → due today; C (every 15 days) yesterday.
    ok(await followUp(overdueA, axes('target', 'urgent'), new Date(Date.now() - 10 * DAY), users.agent2.headers), 201);
    ok(await followUp(dueToday, axes('target', 'later'), new Date(Date.now() - 7 * DAY), users.agent2.headers), 201);
    ok(await followUp(notDue, axes('target', 'slow'), new Date(Date.now() - DAY), users.agent2.headers), 201);
    const due = ok(await get('/due', users.agent2.headers));
    expect(due.items.map((i: { customerId: number }) => i.customerId)).toEqual([overdueA, dueToday]);
    expect(due.items[0]).toMatchObject({ grade: 'A', overdueDays: 9 });
    expect(due.items[1]).toMatchObject({ grade: 'B', overdueDays: 0, nextFollowUpOn: due.today });
    expect(ok(await get('/due?scope=overdue', users.agent2.headers)).items.map((i: { customerId: number }) => i.customerId)).toEqual([overdueA]);
    expect(ok(await get('/due?scope=upcoming', users.agent2.headers)).items).toEqual([]);
    // An agent sees only his own list; a leader may look at another's.
    expect((await get(`/due?ownerId=${users.agent2.actor.userId}`, users.agent.headers)).statusCode).toBe(403);
    expect(ok(await get(`/due?ownerId=${users.agent2.actor.userId}`, users.leader.headers)).items).toHaveLength(2);
    expect((await get('/overview', users.agent.headers)).statusCode).toBe(403);
    const overview = ok(await get('/overview', users.leader.headers));
    const mine = overview.owners.find((o: { owner: { id: number } | null }) => o.owner?.id === users.agent2.actor.userId);
    expect(mine).toMatchObject({ total: 3, byGrade: { A: 1, B: 1, C: 1, D: 0, E: 0 }, due: 2, overdue: 1 });
    expect(overview.totals.total).toBe(overview.owners.reduce((s: number, o: { total: number }) => s + o.total, 0));
    const distribution = ok(await get('/distribution', users.agent.headers));
    expect(distribution.vip).toBe(2);
    expect(distribution.grades.find((g: { grade: string }) => g.grade === 'C').count).toBeGreaterThanOrEqual(1);
  });

  it('hands a customer to an owner (due at once), with optimistic versions', async () => {
    const id = await newCustomer('新分配');
    const assigned = ok(await send('PATCH', `/customers/${id}`, users.leader.headers, { version: 0, ownerId: users.agent2.actor.userId, referrals: 3 }));
    expect(assigned).toMatchObject({ owner: { id: users.agent2.actor.userId }, referrals: 3, version: 1, nextFollowUpOn: localToday(new Date(), ZONE), grade: null });
    const stale = await send('PATCH', `/customers/${id}`, users.leader.headers, { version: 0, campaigns: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const nobody = await send('PATCH', `/customers/${id}`, users.leader.headers, { version: 1, ownerId: 99_999 });
    expect(nobody.statusCode).toBe(422);
    expect(ok(await get('/due', users.agent2.headers)).items.map((i: { customerId: number }) => i.customerId)).toContain(id);
  });
});

describe('churn-risk alerts', () => {
  it('flags falling contact, falling spend and two complaints in 90 days', async () => {
    const quiet = await newCustomer('联系减少');
    for (const daysAgo of [170, 140, 120]) ok(await followUp(quiet, axes('target', 'later'), new Date(Date.now() - daysAgo * DAY)), 201);
    const spender = await newCustomer('消费下降');
    ok(await send('POST', `/customers/${spender}/purchases`, users.agent.headers, { amount: 5000, item: '套餐', purchasedAt: new Date(Date.now() - 120 * DAY).toISOString() }), 201);
    ok(await send('POST', `/customers/${spender}/purchases`, users.agent.headers, { amount: 800, item: '套餐', purchasedAt: new Date(Date.now() - 10 * DAY).toISOString() }), 201);
    ok(await followUp(spender, axes('target', 'later')), 201);
    const angry = await newCustomer('多次投诉');
    ok(await followUp(angry, axes('target', 'urgent')), 201);
    await createTestTicket(database.db, users.agent.actor, { type: 'complaint', customerId: angry });
    const alertsBefore = ok(await get('/churn-alerts', users.agent.headers)).items as Array<{ customerId: number; reasons: string[] }>;
    expect(alertsBefore.find((a) => a.customerId === angry)).toBeUndefined();
    await createTestTicket(database.db, users.agent.actor, { type: 'complaint', customerId: angry });
    const alerts = ok(await get('/churn-alerts', users.agent.headers)).items as Array<{ customerId: number; reasons: string[] }>;
    const byId = new Map(alerts.map((a) => [a.customerId, a]));
    expect(byId.get(quiet)).toMatchObject({ reasons: ['contact_drop'], contactsPrevious: 3, contactsCurrent: 0 });
    expect(byId.get(spender)).toMatchObject({ reasons: ['spend_drop'], spendPrevious: 5000, spendCurrent: 800 });
    expect(byId.get(angry)).toMatchObject({ reasons: ['complaints'], complaints: 2 });
    expect(ok(await get('/churn-alerts?vipOnly=true', users.agent.headers)).items).toEqual([]);
  });
});

describe('grade rules', () => {
  it('the SQL regrade agrees with gradeCustomer and nextFollowUpOn on all 72 axis combinations', async () => {
    const combos: GradingAxes[] = DEAL_STATUSES.flatMap((d) => IMPORTANCES.flatMap((i) => URGENCIES.flatMap((u) => DEMANDS.map((m) => axes(m, u, i, d)))));
    const lasts = ['2027-01-31T09:00:00+08:00', '2026-11-20T23:30:00Z', '2028-02-29T01:00:00+08:00'];
    const rows: Array<{ id: number; a: GradingAxes; last: Date }> = [];
    for (const [n, a] of combos.entries()) {
      const id = await newCustomer(`组合${n}`);
      const last = new Date(lasts[n % lasts.length]!);
      rows.push({ id, a, last });
      await database.db.insertInto('grading_profiles').values({ tenant_id: TEST_TENANT_ID, customer_id: id, deal_status: a.dealStatus, importance: a.importance, urgency: a.urgency, demand: a.demand, last_follow_up_at: last }).execute();
    }
    const custom: GradingRules = {
      ...DEFAULT_GRADING_RULES,
      rules: [
        { grade: 'A', when: { dealStatus: ['closed'], importance: ['important'], demand: ['target', 'potential'] } },
        { grade: 'E', when: { demand: ['dead'] } },
        { grade: 'B', when: { urgency: ['urgent', 'soon'] } },
        { grade: 'C', when: { importance: ['important'], dealStatus: ['negotiating', 'prospect'] } },
      ],
      fallbackGrade: 'D',
      cadence: { A: { every: 2, unit: 'day' }, B: { every: 2, unit: 'week' }, C: { every: 1, unit: 'month' }, D: { every: 3, unit: 'month' }, E: { every: 1, unit: 'year' } },
    };
    for (const rules of [DEFAULT_GRADING_RULES, custom]) {
      await regradeTenant(database.db, TEST_TENANT_ID, rules, ZONE, null);
      const stored = await sql<{ customer_id: number; grade: string; due: string; customer_grade: string }>`
        select p.customer_id, p.grade, p.next_follow_up_on::text as due, c.grade as customer_grade
        from grading_profiles p join customers c on c.tenant_id = p.tenant_id and c.id = p.customer_id
        where p.customer_id = any(${rows.map((r) => r.id)})`.execute(database.db);
      const byId = new Map(stored.rows.map((r) => [r.customer_id, r]));
      for (const r of rows) {
        const grade = gradeCustomer(r.a, rules);
        expect({ a: r.a, ...byId.get(r.id) }).toEqual({ a: r.a, customer_id: r.id, grade, customer_grade: grade, due: nextFollowUpOn(r.last, rules.cadence[grade], ZONE) });
      }
    }
  });

  it('rules get/put: defaults at version 0, 400 naming the bad field, 409 on a stale version, regrade on save', async () => {
    const initial = ok(await get('/rules', users.agent.headers));
    expect(initial).toMatchObject({ version: 0, isDefault: true, rules: DEFAULT_GRADING_RULES });
    const broken = structuredClone(DEFAULT_GRADING_RULES) as unknown as { rules: Array<{ grade: string }>; cadence: { C: { every: number } } };
    broken.rules[2]!.grade = 'F';
    const bad = await send('PUT', '/rules', users.admin.headers, { version: 0, rules: broken });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION');
    expect(bad.json().error.details.issues.map((i: { path: string }) => i.path)).toEqual(['body.rules.rules.2.grade']);
    expect(bad.json().error.message).toContain('rules.rules.2.grade');
    const badCadence = structuredClone(DEFAULT_GRADING_RULES) as unknown as { cadence: { C: { every: number } } };
    badCadence.cadence.C.every = 0;
    expect((await send('PUT', '/rules', users.admin.headers, { version: 0, rules: badCadence })).json().error.details.issues[0].path).toBe('body.rules.cadence.C.every');
    expect((await send('PUT', '/rules', users.leader.headers, { version: 0, rules: DEFAULT_GRADING_RULES })).statusCode).toBe(403);

    // A customer of grade B (target, needed in 1–3 months), followed up 3 days ago.
    const id = await newCustomer('规则变更');
    const last = new Date(Date.now() - 3 * DAY);
    ok(await followUp(id, axes('target', 'later'), last), 201);
    expect(await customerGrade(id)).toBe('B');
    // New rules: 1–3 months also counts as A; A is followed up every 2 days.
    const rules: GradingRules = structuredClone(DEFAULT_GRADING_RULES);
    rules.rules[2]!.when.urgency = ['urgent', 'soon', 'later'];
    rules.cadence.A = { every: 2, unit: 'day' };
    const saved = ok(await send('PUT', '/rules', users.admin.headers, { version: 0, rules }));
    expect(saved).toMatchObject({ version: 1, isDefault: false });
    expect(saved.changed).toBeGreaterThanOrEqual(1);
    expect(await customerGrade(id)).toBe('A');
    const panel = ok(await get(`/customers/${id}`, users.agent.headers));
    expect(panel).toMatchObject({ grade: 'A', nextFollowUpOn: nextFollowUpOn(last, { every: 2, unit: 'day' }, ZONE) });
    expect(panel.history[0]).toMatchObject({ fromGrade: 'B', toGrade: 'A', reason: 'regrade' });
    const stale = await send('PUT', '/rules', users.admin.headers, { version: 0, rules });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(ok(await get('/rules', users.agent.headers))).toMatchObject({ version: 1, isDefault: false, rules });
    const audit = await database.db.selectFrom('audit_log').select('detail').where('action', '=', 'grading.rules_saved').executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ version: 1, regraded: true });
  });

  it('a big archive re-grades through the job queue, not inside the request', async () => {
    const id = await newCustomer('大档案客户');
    ok(await followUp(id, axes('target', 'later'), new Date(Date.now() - DAY)), 201);
    const before = await customerGrade(id);
    const { version } = ok(await get('/rules', users.agent.headers));
    const rules: GradingRules = structuredClone(DEFAULT_GRADING_RULES);
    rules.rules = rules.rules.map((r) => ({ ...r, grade: 'E' as const }));
    const saved = await saveRules({ db: database.db, actor: users.admin.actor, input: { version, rules, regrade: true }, inlineMax: 0 });
    expect(saved).toMatchObject({ regradeQueued: true, changed: 0 });
    expect(await customerGrade(id)).toBe(before);
    const job = await database.db.selectFrom('jobs').select(['id', 'tenant_id', 'kind', 'payload', 'attempts', 'max_attempts']).where('kind', '=', GRADING_REGRADE_JOB).where('done_at', 'is', null).executeTakeFirstOrThrow();
    await regradeJobHandler({ db: database.db, job: { id: job.id, tenantId: job.tenant_id, kind: job.kind, payload: job.payload, attempts: job.attempts, maxAttempts: job.max_attempts } });
    expect(await customerGrade(id)).toBe('E');
    const done = await database.db.selectFrom('audit_log').select('detail').where('action', '=', 'grading.regraded').executeTakeFirstOrThrow();
    expect((done.detail as { changed: number }).changed).toBeGreaterThanOrEqual(1);
  });
});

describe('demo data', () => {
  it('grades the ungraded customers with follow-ups by agents and flags VIPs', async () => {
    const { seedGradingDemo } = await import('./grading.demo.js');
    for (let i = 0; i < 5; i += 1) await newCustomer(`示例客户${i}`);
    const before = await sql<{ n: number }>`select count(*)::int as n from customers c where not exists (select 1 from grading_profiles p where p.customer_id = c.id)`.execute(database.db);
    const result = await seedGradingDemo(database.db, { tenantId: TEST_TENANT_ID });
    expect(result.customers).toBe(5);
    expect(before.rows[0]!.n).toBe(5);
    expect(result.followUps).toBeGreaterThanOrEqual(result.customers);
    // Only the customer handed to an owner without a follow-up stays ungraded.
    const ungraded = await sql<{ name: string }>`select name from customers where grade is null`.execute(database.db);
    expect(ungraded.rows.map((r) => r.name)).toEqual(['新分配']);
    expect(result.vip).toBe(Math.ceil((await database.db.selectFrom('grading_profiles').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n * 0.2));
    expect((await seedGradingDemo(database.db, { tenantId: TEST_TENANT_ID })).customers).toBe(0);
  });
});
