import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { createLocalBus, type LiveEvent } from '../../lib/live/live-bus.js';
import { adminActor, createTestTicket, createUserActor } from '../../testing/factories.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';
import { createSlaPolicy } from './sla-policies.service.js';
import { createBackgroundWork, tenantRobots } from './sla-runtime.js';
import type { NotifySettings } from './sla-notify.js';

let database: Database;
let smtp: SMTPServer;
let smtpPort: number;
let receiver: Server;
let receiverUrl: string;
const mails: Array<{ to: string[]; raw: string }> = [];
const posts: Array<{ url: string; body: unknown }> = [];
let robotAnswers: Array<{ errcode: number; errmsg: string }> = [];
const live = createLocalBus();
const liveEvents: LiveEvent[] = [];
const FIXED_TS = 1_764_000_000_000;

let agent: Actor;
let leader: Actor;
let manager: Actor;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => { raw += chunk.toString('utf8'); });
      stream.on('end', () => { mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw }); callback(); });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => {
      posts.push({ url: req.url ?? '', body: JSON.parse(body) });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(robotAnswers.shift() ?? { errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  live.subscribe((e) => liveEvents.push(e));

  const { db } = database;
  const team = await db.insertInto('teams').values({ tenant_id: TEST_TENANT_ID, name: '一组' }).returning('id').executeTakeFirstOrThrow();
  agent = await createUserActor(db, 'agent', { teamId: team.id });
  leader = await createUserActor(db, 'leader', { teamId: team.id });
  manager = await createUserActor(db, 'manager');
  await db.updateTable('teams').set({ leader_id: leader.userId }).where('id', '=', team.id).execute();
  for (const [u, email] of [[agent, 'agent@kefu.test'], [leader, 'leader@kefu.test'], [manager, 'manager@kefu.test']] as const) {
    await db.updateTable('users').set({ email }).where('id', '=', u.userId).execute();
  }
  // Only this manager is active among managers, so the manager step reaches exactly one person.
  await db.updateTable('users').set({ active: false }).where('tenant_id', '=', TEST_TENANT_ID).where('id', '!=', manager.userId)
    .where('role_id', 'in', db.selectFrom('roles').select('id').where('key', '=', 'manager')).execute();
  await db.updateTable('tenants').set({ settings: JSON.stringify({ sla: { wecomKey: 'wk-123', dingtalkToken: 'dt-456', dingtalkSecret: 'SECabc' } }) }).where('id', '=', TEST_TENANT_ID).execute();
  await createSlaPolicy({
    db, actor: adminActor(),
    input: {
      name: '报修 1 h', typeKey: 'repair', priority: null, channel: null, customerGrade: null, sortOrder: 1, calendar: '24x7', timeBasis: 'calendar',
      firstReplyMinutes: null, updateMinutes: null, resolutionMinutes: 60, active: true,
      escalation: [
        { percent: 75, notify: 'owner', channels: ['live', 'email'] },
        { percent: 100, notify: 'shift_leader', channels: ['live', 'wecom', 'dingtalk'] },
        { percent: 150, notify: 'manager', channels: ['email'] },
      ],
    },
  });
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await database.close();
});
afterEach(() => { vi.useRealTimers(); });

function settingsFor(db: Database['db']): NotifySettings {
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`, mailFrom: 'Kefu <kefu@kefu.test>',
    wecomBaseUrl: `${receiverUrl}/cgi-bin/webhook/send`, dingtalkBaseUrl: `${receiverUrl}/robot/send`,
    robots: tenantRobots(), live, now: () => FIXED_TS,
  };
}

const at = (iso: string) => vi.setSystemTime(new Date(iso));

describe('escalation ladder', () => {
  it('notifies owner at 75 %, shift leader at 100 % and manager at 150 %, each once, on every channel', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { db } = database;
    const work = createBackgroundWork({ db, live, settings: settingsFor(db) });
    at('2026-11-20T10:00:00+08:00');
    const t = await createTestTicket(db, agent, { type: 'repair', assigneeId: agent.userId, teamId: agent.teamId! });
    expect(t.sla?.resolutionDueAt).toBe('2026-11-20T03:00:00.000Z');

    at('2026-11-20T10:44:59+08:00');
    expect(await work.tick()).toEqual({ escalated: 0, jobs: 0 });
    at('2026-11-20T10:45:00+08:00');
    expect(await work.tick()).toEqual({ escalated: 1, jobs: 2 });
    expect(await work.tick()).toEqual({ escalated: 0, jobs: 0 });
    expect(liveEvents).toEqual([{ tenantId: TEST_TENANT_ID, topic: 'sla.escalation', userIds: [agent.userId], payload: expect.objectContaining({ ticketId: t.id, percent: 75, notify: 'owner' }) }]);
    expect(mails.map((m) => m.to)).toEqual([['agent@kefu.test']]);
    expect(mails[0]!.raw).toContain(`Subject: =?UTF-8?`);

    // At 100 % the WeCom robot first answers a rate-limit error: that delivery is retried, the others are not repeated.
    robotAnswers = [{ errcode: 45009, errmsg: 'api freq out of limit' }];
    at('2026-11-20T11:00:00+08:00');
    expect(await work.tick()).toEqual({ escalated: 1, jobs: 3 });
    expect((await getTicketBreached(t.id))).toEqual(['resolution']);
    at('2026-11-20T11:00:06+08:00'); // past the first retry's 5 s backoff
    expect(await work.tick()).toEqual({ escalated: 0, jobs: 1 });
    const title = '【SLA 超时】工单 ' + t.number + ' 已超出解决时限 (100%)';
    const lines = [`工单：${t.number} ${t.subject}`, '解决时限：2026-11-20T03:00:00.000Z', '升级至：值班长'];
    const wecom = { msgtype: 'markdown', markdown: { content: [`**${title}**`, ...lines.map((l) => `> ${l}`)].join('\n') } };
    const sign = encodeURIComponent(createHmac('sha256', 'SECabc').update(`${FIXED_TS}\nSECabc`).digest('base64'));
    expect(posts).toEqual([
      { url: '/cgi-bin/webhook/send?key=wk-123', body: wecom },
      { url: `/robot/send?access_token=dt-456&timestamp=${FIXED_TS}&sign=${sign}`, body: { msgtype: 'markdown', markdown: { title, text: [`#### ${title}`, ...lines.map((l) => `- ${l}`)].join('\n') } } },
      { url: '/cgi-bin/webhook/send?key=wk-123', body: wecom },
    ]);
    expect(liveEvents.map((e) => e.userIds)).toEqual([[agent.userId], [leader.userId]]);

    at('2026-11-20T11:30:00+08:00');
    expect(await work.tick()).toEqual({ escalated: 1, jobs: 1 });
    expect(mails.map((m) => m.to)).toEqual([['agent@kefu.test'], ['manager@kefu.test']]);
    at('2026-11-21T11:30:00+08:00');
    expect(await work.tick()).toEqual({ escalated: 0, jobs: 0 });

    const steps = await db.selectFrom('audit_log').select('detail').where('action', '=', 'ticket.sla_escalated').where('entity_id', '=', t.id).orderBy('id').execute();
    expect(steps.map((s) => (s.detail as { percent: number }).percent)).toEqual([75, 100, 150]);
    const failedThenDone = await db.selectFrom('jobs').select(['attempts', 'last_error', 'done_at']).where('payload', '@>', sql<string>`'{"channel":"wecom"}'::jsonb`).executeTakeFirstOrThrow();
    expect(failedThenDone).toMatchObject({ attempts: 2, last_error: null });
    expect(failedThenDone.done_at).not.toBeNull();
  });

  it('a paused order does not escalate; resuming schedules the step from the remaining time', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { db } = database;
    const work = createBackgroundWork({ db, live, settings: settingsFor(db) });
    at('2026-11-22T10:00:00+08:00');
    const t = await createTestTicket(db, agent, { type: 'repair', assigneeId: agent.userId });
    const { pauseTicketSla, resumeTicketSla } = await import('./ticket-sla.service.js');
    at('2026-11-22T10:30:00+08:00');
    await pauseTicketSla({ db, actor: agent, id: t.id, reason: 'customer_unreachable', note: null });
    at('2026-11-22T12:00:00+08:00');
    expect((await work.tick()).escalated).toBe(0);
    await resumeTicketSla({ db, actor: agent, id: t.id, note: null });
    const row = await db.selectFrom('ticket_sla').select(['next_escalation_at']).where('ticket_id', '=', t.id).executeTakeFirstOrThrow();
    expect(row.next_escalation_at?.toISOString()).toBe(new Date('2026-11-22T12:15:00+08:00').toISOString());
  });

  it.runIf(process.env.KEFU_TEST_DB === 'postgres')('two processes (two pools) take each of 300 due steps exactly once', async () => {
    const { db } = database;
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2026-11-25T10:00:00+08:00');
    // Steps left over from the earlier tests are taken first, so the count below is only this test's.
    const earlier = createBackgroundWork({ db, live: createLocalBus(), settings: { ...settingsFor(db), smtpUrl: null, robots: async () => ({}) } });
    while ((await earlier.tick()).escalated > 0);
    const ids: number[] = [];
    for (let i = 0; i < 300; i++) ids.push((await createTestTicket(db, agent, { type: 'repair', assigneeId: agent.userId })).id);
    at('2026-11-25T10:50:00+08:00');
    const url = database.url!;
    const [a, b] = await Promise.all([openDatabase({ url, poolSize: 3 }), openDatabase({ url, poolSize: 3 })]);
    const quiet = createLocalBus();
    try {
      const noRobots: NotifySettings = { ...settingsFor(db), smtpUrl: null, robots: async () => ({}), live: quiet };
      const wa = createBackgroundWork({ db: a.db, live: quiet, settings: noRobots });
      const wb = createBackgroundWork({ db: b.db, live: quiet, settings: noRobots });
      const drain = async (w: typeof wa) => { let total = 0; for (let idle = 0; idle < 3;) { const r = await w.tick(); total += r.escalated; idle = r.escalated + r.jobs === 0 ? idle + 1 : 0; } return total; };
      const [na, nb] = await Promise.all([drain(wa), drain(wb)]);
      expect(na + nb).toBe(300);
      const audit = await sql<{ n: number; d: number }>`select count(*)::int as n, count(distinct entity_id)::int as d from audit_log where action = 'ticket.sla_escalated' and entity_id = any(${ids})`.execute(db);
      expect(audit.rows[0]).toEqual({ n: 300, d: 300 });
      const jobs = await sql<{ n: number; open: number }>`select count(*)::int as n, count(*) filter (where done_at is null)::int as open from jobs where kind = 'sla.notify' and (payload->'notice'->>'ticketId')::bigint = any(${ids})`.execute(db);
      expect(jobs.rows[0]).toEqual({ n: 600, open: 0 });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 120_000);
});

async function getTicketBreached(id: number) {
  return (await database.db.selectFrom('ticket_sla').select('breached').where('ticket_id', '=', id).executeTakeFirstOrThrow()).breached;
}
