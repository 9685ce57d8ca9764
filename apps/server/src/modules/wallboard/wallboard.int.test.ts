import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { adminActor, createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase } from '../../testing/test-db.js';
import { updateCtiSettings } from '../calls/cti-settings.js';
import type { Actor } from '../../lib/actor.js';
import { TEST_TENANT_ID } from '../../testing/test-db.js';
import { scannedWindows, WINDOWS_MINUTES } from './wallboard.service.js';
import { windowMetrics } from './wallboard-windows.js';

let database: Database;
let app: FastifyInstance;
let token: string;
let leaderHeaders: { authorization: string };
let agentHeaders: { authorization: string };
let agentUsername: string;
let leaderActor: Actor;
let agentActor: Actor;

const cti = (body: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/v1/cti/${token}`, payload: body });
const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  const leader = await createUserActor(database.db, 'leader');
  const agent = await createUserActor(database.db, 'agent');
  agentUsername = agent.username;
  leaderActor = leader;
  agentActor = agent;
  leaderHeaders = await loginAs(app, leader.username);
  agentHeaders = await loginAs(app, agent.username);
  token = (await updateCtiSettings({ db: database.db, actor: adminActor(), input: { enabled: true } })).token!;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('the live wallboard', () => {
  it('counts waiting calls, the longest wait and the last hour against the 90 % / 15 s targets', async () => {
    // Answered within 10 s, answered after 40 s, abandoned after 30 s in the queue, and two still waiting.
    for (const e of [
      { event: 'newCall', callId: 'w1', from: '13800000001', to: '400', direction: 'in', at: ago(600) },
      { event: 'answer', callId: 'w1', from: '13800000001', to: '400', direction: 'in', user: agentUsername, at: ago(590) },
      { event: 'hangup', callId: 'w1', from: '13800000001', to: '400', direction: 'in', cause: 'normalClearing', at: ago(400) },
      { event: 'newCall', callId: 'w2', from: '13800000002', to: '400', direction: 'in', at: ago(500) },
      { event: 'answer', callId: 'w2', from: '13800000002', to: '400', direction: 'in', user: agentUsername, at: ago(460) },
      { event: 'hangup', callId: 'w2', from: '13800000002', to: '400', direction: 'in', cause: 'normalClearing', at: ago(300) },
      { event: 'newCall', callId: 'w3', from: '13800000003', to: '400', direction: 'in', at: ago(300) },
      { event: 'queueEnter', callId: 'w3', queue: '综合', at: ago(299) },
      { event: 'hangup', callId: 'w3', from: '13800000003', to: '400', direction: 'in', cause: 'cancel', at: ago(269) },
      { event: 'newCall', callId: 'w4', from: '13800000004', to: '400', direction: 'in', at: ago(90) },
      { event: 'newCall', callId: 'w5', from: '13800000005', to: '400', direction: 'in', at: ago(20) },
    ]) {
      const response = await cti(e);
      expect(response.statusCode, JSON.stringify(e)).toBe(200);
    }
    const response = await app.inject({ method: 'GET', url: '/api/v1/wallboard', headers: leaderHeaders });
    expect(response.statusCode).toBe(200);
    const board = response.json();
    expect(board.targets).toEqual({ serviceLevel: 0.9, thresholdSeconds: 15, connectRate: 0.9 });
    expect(board.waiting).toBe(2);
    expect(board.longestWaitSeconds).toBeGreaterThanOrEqual(90);
    expect(board.longestWaitSeconds).toBeLessThan(100);
    const hour = board.windows.find((w: { minutes: number }) => w.minutes === 60).metrics;
    expect(hour).toMatchObject({ answered: 2, abandoned: 1, answeredWithinThreshold: 1 });
    expect(board.windows.map((w: { minutes: number }) => w.minutes)).toEqual([15, 30, 60]);
    expect(Object.keys(board.agentCounts).sort()).toEqual(['after_call_work', 'break', 'offline', 'on_call', 'ready']);
  });

  it('is for shift leaders and managers, not agents', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/wallboard', headers: agentHeaders });
    expect(response.statusCode).toBe(403);
  });
});

describe('the windows from per-minute rollups', () => {
  // A moment in the past with seconds and milliseconds, so that every window starts and ends inside a minute.
  const at = new Date('2026-11-20T10:00:37.250+08:00');
  const off = (seconds: number) => new Date(at.getTime() + seconds * 1000);
  let n = 0;

  /** A call starting `start` seconds from `at`, waiting `wait` s, then answered (talk 60 s, after-call work 10 s) or not. */
  async function call(start: number, wait: number, outcome: 'answered' | 'abandoned' | 'busy' | 'out' | 'ongoing' | 'waiting') {
    n += 1;
    const started = off(start);
    const connect = off(start + wait);
    const answered = outcome === 'answered' || outcome === 'out';
    const ended = outcome === 'ongoing' || outcome === 'waiting' ? null : answered ? off(start + wait + 60) : connect;
    await database.db.insertInto('calls').values({
      tenant_id: TEST_TENANT_ID, call_id: `win-${n}`, direction: outcome === 'out' ? 'out' : 'in', queue: 'q1', started_at: started, queued_at: outcome === 'out' ? null : started,
      answered_at: answered || outcome === 'ongoing' ? connect : null, ended_at: ended, hangup_cause: outcome === 'busy' ? 'busy' : ended ? 'normalClearing' : null,
      agent_id: answered || outcome === 'ongoing' ? agentActor.userId : null, acw_ended_at: answered && ended ? new Date(ended.getTime() + 10_000) : null,
      last_event: 'hangup', last_event_at: started,
    }).execute();
    return `win-${n}`;
  }

  const expectSame = async (when: Date) => {
    const rolled = await windowMetrics(database.db, TEST_TENANT_ID, when, WINDOWS_MINUTES);
    const scanned = await scannedWindows(database.db, leaderActor, when);
    expect(rolled).toEqual(scanned);
    return rolled;
  };

  it('equal the statistics of the same periods, calls straddling every edge of every window', async () => {
    for (const m of [15, 30, 60]) {
      const edge = -m * 60;
      // Exactly at the window's start (in), a millisecond before (out), the rest of the first partial minute, the first whole minute.
      await call(edge, 3, 'answered');
      await call(edge - 0.001, 20, 'answered');
      await call(edge + 22.75, 16, 'answered');
      await call(edge + 23, 4, 'abandoned');
      await call(edge + 22.74, 30, 'abandoned');
      await call(edge - 37.25, 15, 'answered');
      await call(edge - 1, 2, 'abandoned');
    }
    // Inside the hour, the current partial minute, exactly at `at` (out), in the future (out), busy, outbound, talking, waiting.
    await call(-600, 15, 'answered');
    await call(-599, 16, 'answered');
    await call(-30, 5, 'abandoned');
    await call(-37.25, 9, 'answered');
    await call(-37.26, 9, 'busy');
    await call(-0.001, 0, 'abandoned');
    await call(0, 1, 'abandoned');
    await call(40, 1, 'answered');
    await call(-120, 10, 'out');
    await call(-200, 7, 'ongoing');
    await call(-100, 0, 'waiting');
    // The agent was ready for the last 40 minutes: occupancy as the statistics compute it.
    await database.db.insertInto('agent_state_log').values({ tenant_id: TEST_TENANT_ID, user_id: agentActor.userId, state: 'ready', started_at: off(-2400), ended_at: off(-1) }).execute();
    const windows = await expectSame(at);
    expect(windows.map((w) => w.metrics.offered)).toEqual([9, 14, 19]);
    // Answered (waits 3, 16, 15, 16, 9 and 7 still talking), abandoned after 30 and 5 s, short abandons after 4 and 0 s, one busy.
    expect(windows[0]!.metrics).toMatchObject({ answered: 6, answeredWithinThreshold: 4, abandoned: 2, shortAbandoned: 2, outbound: 1 });
    expect(windows[2]!.metrics.occupancy).toBeGreaterThan(0);
    // Other moments: on a minute boundary, a second later, half a minute later.
    for (const when of [new Date('2026-11-20T10:00:00+08:00'), off(1), off(30.5)]) await expectSame(when);
  });

  it('follow every change to the calls: an answer, an end, a late event moving a call to an earlier minute, a deletion', async () => {
    await expectSame(at);
    // The call still talking ends; the waiting one is answered; a late newCall moves a call 10 minutes back.
    await database.db.updateTable('calls').set({ ended_at: off(-20), hangup_cause: 'normalClearing' }).where('tenant_id', '=', TEST_TENANT_ID).where('call_id', '=', 'win-31').execute();
    await database.db.updateTable('calls').set({ answered_at: off(-95), agent_id: agentActor.userId }).where('tenant_id', '=', TEST_TENANT_ID).where('call_id', '=', 'win-32').execute();
    await database.db.updateTable('calls').set({ started_at: off(-1200) }).where('tenant_id', '=', TEST_TENANT_ID).where('call_id', '=', 'win-22').execute();
    await call(-1500, 12, 'answered');
    await expectSame(at);
    const before = await windowMetrics(database.db, TEST_TENANT_ID, at, WINDOWS_MINUTES);
    // One more answered (the waiting one), one moved out of the quarter hour.
    expect(before[0]!.metrics.answered).toBe(6);
    await database.db.deleteFrom('calls').where('tenant_id', '=', TEST_TENANT_ID).where('call_id', '=', 'win-23').execute();
    const windows = await expectSame(at);
    expect(windows[2]!.metrics.answered).toBeGreaterThan(0);
    // Nothing is left to recompute, and nothing older than the hour is kept.
    const dirty = await database.db.selectFrom('call_stats_minutes_dirty').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', TEST_TENANT_ID).executeTakeFirstOrThrow();
    expect(Number(dirty.n)).toBe(0);
    const oldest = await database.db.selectFrom('call_stats_minutes').select((eb) => eb.fn.min('minute').as('m')).where('tenant_id', '=', TEST_TENANT_ID).executeTakeFirstOrThrow();
    expect(new Date(oldest.m as Date).getTime()).toBeGreaterThanOrEqual(at.getTime() - 3_660_000);
  });

  it('stay exact while changes and refreshes run at the same time on several connections', async () => {
    // Writers and readers (as several server processes would be) interleave; afterwards the rollups equal a scan.
    const writes = Array.from({ length: 12 }, (_, i) => call(-60 * (i + 1) - 7, i * 3, i % 3 === 0 ? 'abandoned' : 'answered'));
    const reads = Array.from({ length: 4 }, () => windowMetrics(database.db, TEST_TENANT_ID, at, WINDOWS_MINUTES));
    await Promise.all([...writes, ...reads]);
    await expectSame(at);
  });
});
