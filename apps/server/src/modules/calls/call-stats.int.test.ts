import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';
import type { CallStatsQuery } from '@kefu/shared';
import { getCallStats, prebuildRecentStatsDays } from './call-stats.service.js';
import { toCallEventRow, validateCtiEvent } from './cti-events.js';
import { applyCallEvents } from './cti.repo.js';

// The statistics SQL over a small hand-made day (Asia/Shanghai) whose every figure is worked out by hand below.

let database: Database;
let app: FastifyInstance;
let a1: Actor;
let a2: Actor;
let t1: number;
let t2: number;
let leader: { authorization: string };
let leaderActor: Actor;

const t = (hms: string, day = '2026-11-20') => new Date(`${day}T${hms}+08:00`);

interface CallSpec {
  id: string;
  direction: 'in' | 'out';
  queue?: string;
  agent?: Actor;
  start: string;
  queued?: string;
  answered?: string;
  abandoned?: string;
  ended?: string;
  cause?: string;
  hold?: [string, string];
  acwEnd?: string;
  blocked?: boolean;
  day?: string;
}

async function insertCall(c: CallSpec) {
  const at = (v?: string) => (v ? t(v, c.day) : null);
  const holdSum = c.hold ? t(c.hold[0]).getTime() / 1000 : 0;
  const unholdSum = c.hold ? t(c.hold[1]).getTime() / 1000 : 0;
  await database.db.insertInto('calls').values({
    tenant_id: TEST_TENANT_ID, call_id: c.id, direction: c.direction, from_number: c.direction === 'in' ? '13800000000' : '8001', to_number: '4001234567',
    queue: c.queue ?? null, agent_id: c.agent?.userId ?? null, started_at: t(c.start, c.day), queued_at: at(c.queued), answered_at: at(c.answered),
    abandoned_at: at(c.abandoned), ended_at: at(c.ended), hangup_cause: c.cause ?? null, hold_sum: holdSum, hold_count: c.hold ? 1 : 0, unhold_sum: unholdSum,
    unhold_count: c.hold ? 1 : 0, acw_ended_at: at(c.acwEnd), blocked: c.blocked ?? false, last_event: 'hangup', last_event_at: t(c.start, c.day),
  }).execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  t1 = (await database.db.insertInto('teams').values({ tenant_id: TEST_TENANT_ID, name: 'A班' }).returning('id').executeTakeFirstOrThrow()).id;
  t2 = (await database.db.insertInto('teams').values({ tenant_id: TEST_TENANT_ID, name: 'B班' }).returning('id').executeTakeFirstOrThrow()).id;
  a1 = await createUserActor(database.db, 'agent', { teamId: t1, displayName: 'A1' });
  a2 = await createUserActor(database.db, 'agent', { teamId: t2, displayName: 'A2' });
  leaderActor = await createUserActor(database.db, 'leader');
  leader = await loginAs(app, leaderActor.username);
  const calls: CallSpec[] = [
    // wait 10 (from queue entry), talk 180, after-call work 20
    { id: 'c1', direction: 'in', queue: 'sales', agent: a1, start: '09:00:00', queued: '09:00:05', answered: '09:00:15', ended: '09:03:15', cause: 'normalClearing', acwEnd: '09:03:35' },
    // wait 30, 120 s connected of which 30 on hold: talk 90
    { id: 'c2', direction: 'in', queue: 'sales', agent: a2, start: '09:05:00', queued: '09:05:02', answered: '09:05:32', ended: '09:07:32', cause: 'normalClearing', hold: ['09:06:00', '09:06:30'] },
    // short abandon: 3 s in the queue
    { id: 'c3', direction: 'in', queue: 'sales', start: '09:10:00', queued: '09:10:01', ended: '09:10:04', cause: 'cancel' },
    // abandoned after 40 s
    { id: 'c4', direction: 'in', queue: 'sales', start: '09:20:00', queued: '09:20:00', ended: '09:20:40', cause: 'cancel' },
    // no queue: wait from the first event, 12 s; talk 300; after-call work 60
    { id: 'c5', direction: 'in', queue: 'service', agent: a1, start: '09:40:00', answered: '09:40:12', ended: '09:45:12', cause: 'normalClearing', acwEnd: '09:46:12' },
    // queueAbandon after 20 s
    { id: 'c6', direction: 'in', queue: 'service', start: '10:05:00', queued: '10:05:00', abandoned: '10:05:20', ended: '10:05:21', cause: 'normalClearing' },
    // busy: offered, neither answered nor abandoned; waited 1 s
    { id: 'c7', direction: 'in', queue: 'service', start: '10:10:00', ended: '10:10:01', cause: 'busy' },
    // blocked and still-waiting calls are not counted
    { id: 'c8', direction: 'in', start: '10:20:00', ended: '10:20:01', cause: 'cancel', blocked: true },
    { id: 'c9', direction: 'in', queue: 'service', start: '10:30:00', queued: '10:30:01' },
    // outbound: connected (talk 120) and not
    { id: 'c10', direction: 'out', agent: a2, start: '10:40:00', answered: '10:40:10', ended: '10:42:10', cause: 'normalClearing' },
    { id: 'c11', direction: 'out', agent: a1, start: '11:00:00', ended: '11:00:30', cause: 'cancel' },
    // the next day: outside the period
    { id: 'c12', direction: 'in', queue: 'sales', agent: a1, start: '09:00:00', answered: '09:00:05', ended: '09:01:00', day: '2026-11-21' },
    // being talked now: answered (wait 8) but no handle time yet
    { id: 'c13', direction: 'in', queue: 'service', agent: a1, start: '11:30:00', queued: '11:30:00', answered: '11:30:08' },
  ];
  // The 19th: answered and abandoned calls waiting exactly 0 … 61 s, for custom thresholds and short-abandon limits
  // read from the rollups' histograms (calls exactly at a threshold second count as within it).
  const waits19 = [0, 1, 4, 5, 5, 6, 14, 15, 15, 16, 20, 20, 21, 30, 45, 59, 60, 61, 75];
  waits19.forEach((wait, i) => {
    const start = `${String(8 + (i % 10)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}:00`;
    // Shanghai has no daylight saving: a local time plus seconds is the UTC time plus eight hours.
    const hms = (s: number) => new Date(t(start, '2026-11-19').getTime() + 8 * 3_600_000 + s * 1000).toISOString().slice(11, 19);
    const queue = i % 3 === 0 ? 'sales' : 'service';
    calls.push({ id: `h-a${i}`, day: '2026-11-19', direction: 'in', queue, agent: i % 2 ? a1 : a2, start, queued: start, answered: hms(wait), ended: hms(wait + 60), cause: 'normalClearing' });
    calls.push({ id: `h-x${i}`, day: '2026-11-19', direction: 'in', queue, start: hms(30), queued: hms(30), ended: hms(30 + wait), cause: 'cancel' });
  });
  for (const c of calls) await insertCall(c);
  // Ready time: A1 08:00–12:00 (14,400 s), A2 09:00–11:00 (7,200 s), then on a break (not staffed).
  await database.db.insertInto('agent_state_log').values([
    { tenant_id: TEST_TENANT_ID, user_id: a1.userId, state: 'ready', started_at: t('08:00:00'), ended_at: t('12:00:00') },
    { tenant_id: TEST_TENANT_ID, user_id: a2.userId, state: 'ready', started_at: t('09:00:00'), ended_at: t('11:00:00') },
    { tenant_id: TEST_TENANT_ID, user_id: a2.userId, state: 'break', reason: '培训', started_at: t('11:00:00'), ended_at: t('12:00:00') },
  ]).execute();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const DAY = `from=${encodeURIComponent('2026-11-20T00:00:00+08:00')}&to=${encodeURIComponent('2026-11-21T00:00:00+08:00')}`;
async function stats(query: string, headers = leader) {
  const response = await app.inject({ method: 'GET', url: `/api/v1/calls/stats?${DAY}${query}`, headers });
  expect({ status: response.statusCode, body: response.body.slice(0, 500) }).toMatchObject({ status: 200 });
  return response.json();
}

const zeroOutbound = { outbound: 0, outboundConnected: 0 };

describe('GET /calls/stats', () => {
  it('computes every figure of the day exactly', async () => {
    const body = await stats('');
    expect(body).toMatchObject({ timezone: 'Asia/Shanghai', thresholdSeconds: 15, shortAbandonSeconds: 5, groupBy: null, groups: [] });
    expect(body.totals).toEqual({
      offered: 7, answered: 4, abandoned: 2, shortAbandoned: 1, answeredWithinThreshold: 3,
      connectRate: 0.5714, serviceLevel: 0.4286, abandonRate: 0.2857,
      asa: 15, aht: 226.7, avgTalk: 190, avgHold: 10, avgAcw: 26.7, longestWait: 40,
      // busy 200 + 120 + 360 + 120 (outbound) = 800 s over 21,600 s ready
      occupancy: 0.037, outbound: 2, outboundConnected: 1,
    });
  });

  it('moves with the threshold and the short-abandon limit', async () => {
    expect((await stats('&threshold=30')).totals).toMatchObject({ answeredWithinThreshold: 4, serviceLevel: 0.5714 });
    expect((await stats('&shortAbandon=0')).totals).toMatchObject({ offered: 8, abandoned: 3, shortAbandoned: 0, connectRate: 0.5, abandonRate: 0.375, serviceLevel: 0.375 });
  });

  it('groups by queue (no occupancy: agents belong to no queue)', async () => {
    const { groups, totals } = await stats('&groupBy=queue');
    expect(totals.occupancy).toBeNull();
    expect(groups.map((g: { key: string }) => g.key)).toEqual(['', 'sales', 'service']);
    expect(groups[0]).toMatchObject({ label: '—', offered: 0, connectRate: null, outbound: 2, outboundConnected: 1 });
    expect(groups[1]).toEqual({
      key: 'sales', label: 'sales', offered: 3, answered: 2, abandoned: 1, shortAbandoned: 1, answeredWithinThreshold: 1, connectRate: 0.6667, serviceLevel: 0.3333,
      abandonRate: 0.3333, asa: 20, aht: 160, avgTalk: 135, avgHold: 15, avgAcw: 10, longestWait: 40, occupancy: null, ...zeroOutbound,
    });
    expect(groups[2]).toMatchObject({ key: 'service', offered: 4, answered: 2, abandoned: 1, answeredWithinThreshold: 2, serviceLevel: 0.5, asa: 10, aht: 360, longestWait: 20 });
  });

  it('groups by agent and by team, with each agent\u2019s occupancy', async () => {
    const a1Figures = { offered: 3, answered: 3, abandoned: 0, answeredWithinThreshold: 3, connectRate: 1, serviceLevel: 1, asa: 10, aht: 280, occupancy: 0.0389, outbound: 1, outboundConnected: 0 };
    const a2Figures = { offered: 1, answered: 1, answeredWithinThreshold: 0, serviceLevel: 0, asa: 30, aht: 120, occupancy: 0.0333, outbound: 1, outboundConnected: 1 };
    const byAgent = await stats('&groupBy=agent');
    expect(byAgent.groups).toMatchObject([{ key: String(a1.userId), label: 'A1', ...a1Figures }, { key: String(a2.userId), label: 'A2', ...a2Figures }]);
    const byTeam = await stats('&groupBy=team');
    expect(byTeam.groups).toMatchObject([{ key: String(t1), label: 'A班', ...a1Figures }, { key: String(t2), label: 'B班', ...a2Figures }]);
  });

  it('groups by hour and by day in the center\u2019s time zone, ready time split across the hours', async () => {
    const { groups } = await stats('&groupBy=interval60');
    expect(groups.map((g: { key: string }) => g.key)).toEqual(['2026-11-20 08:00', '2026-11-20 09:00', '2026-11-20 10:00', '2026-11-20 11:00']);
    expect(groups[0]).toMatchObject({ offered: 0, occupancy: 0 });
    expect(groups[1]).toMatchObject({ offered: 4, answered: 3, abandoned: 1, shortAbandoned: 1, answeredWithinThreshold: 2, serviceLevel: 0.5, occupancy: 0.0944 });
    expect(groups[2]).toMatchObject({ offered: 2, answered: 0, abandoned: 1, serviceLevel: 0, outbound: 1, outboundConnected: 1, occupancy: 0.0167 });
    expect(groups[3]).toMatchObject({ offered: 1, answered: 1, answeredWithinThreshold: 1, outbound: 1, aht: null, occupancy: 0 });
    const quarter = await stats('&groupBy=interval15');
    expect(quarter.groups.find((g: { key: string }) => g.key === '2026-11-20 09:15')).toMatchObject({ offered: 1, abandoned: 1, occupancy: 0 });
    const day = await stats('&groupBy=day');
    expect(day.groups).toHaveLength(1);
    expect(day.groups[0]).toMatchObject({ key: '2026-11-20', offered: 7, answered: 4, occupancy: 0.037 });
  });

  it('filters by queue, agent and team', async () => {
    expect((await stats('&queue=sales')).totals).toMatchObject({ offered: 3, answered: 2, occupancy: null });
    expect((await stats(`&agent=${a1.userId}`)).totals).toMatchObject({ offered: 3, answered: 3, occupancy: 0.0389 });
    expect((await stats(`&team=${t2}`)).totals).toMatchObject({ offered: 1, answered: 1, outbound: 1, occupancy: 0.0333 });
  });

  it('shows an agent the figures of the agent\u2019s own calls only', async () => {
    const own = await loginAs(app, a1.username);
    expect((await stats('', own)).totals).toMatchObject({ offered: 3, answered: 3 });
    expect((await stats(`&agent=${a2.userId}`, own)).totals).toMatchObject({ offered: 0, answered: 0, outbound: 0 });
  });

  it('refuses an empty or too long period', async () => {
    const bad = async (query: string) => (await app.inject({ method: 'GET', url: `/api/v1/calls/stats?${query}`, headers: leader })).statusCode;
    expect(await bad(`from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z`)).toBe(400);
    expect(await bad(`from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z&groupBy=interval15`)).toBe(400);
    expect(await bad(`${DAY}&groupBy=week`)).toBe(400);
    expect(await bad(`${DAY}&threshold=0`)).toBe(400);
  });
});

describe('rollups of closed days', () => {
  const query = (extra: Partial<CallStatsQuery>): CallStatsQuery => ({
    from: '2026-11-19T00:00:00+08:00', to: '2026-11-22T00:00:00+08:00', threshold: 15, shortAbandon: 5, ...extra,
  });

  it('are built for the recent closed days in the background, before anyone asks', async () => {
    await database.db.deleteFrom('call_stats_days').where('tenant_id', '=', TEST_TENANT_ID).execute();
    await prebuildRecentStatsDays(database.db, new Date('2026-11-22T09:00:00+08:00'), 4);
    const built = await sql<{ day: string }>`select to_char(day, 'YYYY-MM-DD') as day from call_stats_days where tenant_id = ${TEST_TENANT_ID} order by day`.execute(database.db);
    expect(built.rows.map((d) => d.day)).toEqual(expect.arrayContaining(['2026-11-19', '2026-11-20', '2026-11-21']));
    expect(built.rows.map((d) => d.day)).not.toContain('2026-11-22');
  });

  it('answer exactly what a scan of the calls answers, for every grouping and filter', async () => {
    const shapes: Array<Partial<CallStatsQuery>> = [
      {}, { groupBy: 'interval15' }, { groupBy: 'interval30' }, { groupBy: 'interval60' }, { groupBy: 'day' }, { groupBy: 'queue' },
      { groupBy: 'agent' }, { groupBy: 'team' }, { queue: 'sales' }, { queue: 'service', groupBy: 'interval60' }, { agent: a1.userId },
      { team: t2, groupBy: 'day' }, { agent: a2.userId, groupBy: 'interval30' }, { queue: 'sales', groupBy: 'agent' },
      // A period starting and ending inside days: partial days are scanned, the whole ones read from rollups.
      { from: '2026-11-19T12:00:00+08:00', to: '2026-11-21T10:00:00+08:00', groupBy: 'interval60' },
    ];
    for (const shape of shapes) {
      const scanned = await getCallStats({ db: database.db, actor: leaderActor, query: query(shape), useRollups: false });
      const rolled = await getCallStats({ db: database.db, actor: leaderActor, query: query(shape) });
      expect({ shape, stats: rolled }).toEqual({ shape, stats: scanned });
    }
    const built = await database.db.selectFrom('call_stats_days').select('day').where('tenant_id', '=', TEST_TENANT_ID).execute();
    expect(built.length).toBeGreaterThanOrEqual(2);
  });

  it('answer any threshold and short-abandon limit from their histograms exactly as a scan, calls at the limit included', async () => {
    const shapes: Array<Partial<CallStatsQuery>> = [
      {}, { groupBy: 'interval15' }, { groupBy: 'interval60' }, { groupBy: 'day' }, { groupBy: 'queue' }, { groupBy: 'agent' }, { groupBy: 'team' },
      { queue: 'service' }, { agent: a1.userId }, { team: t1, groupBy: 'day' },
      { from: '2026-11-19T12:00:00+08:00', to: '2026-11-21T10:00:00+08:00', groupBy: 'interval60' },
    ];
    const limits: Array<Pick<CallStatsQuery, 'threshold' | 'shortAbandon'>> = [
      { threshold: 1, shortAbandon: 5 }, { threshold: 14, shortAbandon: 5 }, { threshold: 16, shortAbandon: 5 }, { threshold: 20, shortAbandon: 5 },
      { threshold: 21, shortAbandon: 0 }, { threshold: 30, shortAbandon: 1 }, { threshold: 60, shortAbandon: 6 }, { threshold: 600, shortAbandon: 60 },
      { threshold: 3600, shortAbandon: 4 }, { threshold: 15, shortAbandon: 20 },
    ];
    for (const shape of shapes) {
      for (const limit of limits) {
        const q = query({ ...shape, ...limit });
        const scanned = await getCallStats({ db: database.db, actor: leaderActor, query: q, useRollups: false });
        const rolled = await getCallStats({ db: database.db, actor: leaderActor, query: q });
        expect({ shape, limit, stats: rolled }).toEqual({ shape, limit, stats: scanned });
      }
    }
    // The calls exactly at 20 s count as within a 20 s threshold, those at 21 s do not.
    const day19 = { from: '2026-11-19T00:00:00+08:00', to: '2026-11-20T00:00:00+08:00' };
    const at20 = await getCallStats({ db: database.db, actor: leaderActor, query: query({ ...day19, threshold: 20 }) });
    const at19 = await getCallStats({ db: database.db, actor: leaderActor, query: query({ ...day19, threshold: 19 }) });
    expect(at20.totals.answered).toBe(19);
    expect(at20.totals.answeredWithinThreshold).toBe(12);
    expect(at19.totals.answeredWithinThreshold).toBe(10);
    // Abandons: waits 0, 1, 4 are short under the default 5 s; with 6 s the two at 5 s are too.
    expect(at20.totals.shortAbandoned).toBe(3);
    const short6 = await getCallStats({ db: database.db, actor: leaderActor, query: query({ ...day19, shortAbandon: 6 }) });
    expect(short6.totals).toMatchObject({ shortAbandoned: 5, abandoned: 14, longestWait: 75 });
    const built = await sql<{ day: string }>`select to_char(day, 'YYYY-MM-DD') as day from call_stats_days where tenant_id = ${TEST_TENANT_ID}`.execute(database.db);
    expect(built.rows.map((d) => d.day)).toContain('2026-11-19');
  });

  it('are rebuilt after a late event for a call of a built day', async () => {
    const before = (await stats('')).totals;
    // A replay: an answered call of the 20th, events with `at`, through the CTI writer's statement.
    const at = (hms: string) => `2026-11-20T${hms}+08:00`;
    const events = [['newCall', '13:00:00'], ['answer', '13:00:04'], ['hangup', '13:01:04']] as const;
    for (const [event, time] of events) {
      const input = validateCtiEvent({ event, callId: 'late-1', direction: 'in', from: '13800000009', to: '400', queue: 'sales', at: at(time), cause: 'normalClearing' });
      await applyCallEvents(database.db, [toCallEventRow(input, { tenantId: TEST_TENANT_ID, at: new Date(at(time)), agentId: a2.userId, blocked: false, afterCallWorkSeconds: 0 })]);
    }
    const after = (await stats('')).totals;
    expect(after).toMatchObject({ offered: before.offered + 1, answered: before.answered + 1, answeredWithinThreshold: before.answeredWithinThreshold + 1 });
  });
});
