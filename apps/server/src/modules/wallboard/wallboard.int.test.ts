import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { adminActor, createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase } from '../../testing/test-db.js';
import { updateCtiSettings } from '../calls/cti-settings.js';

let database: Database;
let app: FastifyInstance;
let token: string;
let leaderHeaders: { authorization: string };
let agentHeaders: { authorization: string };
let agentUsername: string;

const cti = (body: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/v1/cti/${token}`, payload: body });
const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  const leader = await createUserActor(database.db, 'leader');
  const agent = await createUserActor(database.db, 'agent');
  agentUsername = agent.username;
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
