import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import type { LiveEvent } from '../../lib/live/live-bus.js';
import { adminActor, createUserActor } from '../../testing/factories.js';
import { createTestApp } from '../../testing/test-app.js';
import { createTestDatabase } from '../../testing/test-db.js';
import { updateCtiSettings } from './cti-settings.js';

// Agents rung for a call (newCall's `user` array) hear of its answer and end even when answer / hangup name no one,
// also when those events reach another server process than the newCall did (two apps on one database here).

let database: Database;
let first: FastifyInstance;
let second: FastifyInstance;
let token: string;
let a1: Actor;
let a2: Actor;
let a3: Actor;
let bystander: Actor;
const live: LiveEvent[] = [];
let seq = 0;

const post = (app: FastifyInstance, body: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/v1/cti/${token}`, payload: body });
const nextCallId = () => `rung-${Date.now()}-${++seq}`;

async function eventOf(topic: string, callId: string, ms = 3000): Promise<LiveEvent> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = live.find((e) => e.topic === topic && (e.payload as { callId?: string }).callId === callId);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`${topic} of ${callId} not published; live: ${JSON.stringify(live.map((e) => e.topic))}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  first = await createTestApp(database);
  second = await createTestApp(database);
  first.live.subscribe((event) => live.push(event));
  second.live.subscribe((event) => live.push(event));
  a1 = await createUserActor(database.db, 'agent');
  a2 = await createUserActor(database.db, 'agent');
  a3 = await createUserActor(database.db, 'agent');
  bystander = await createUserActor(database.db, 'agent');
  await database.db.updateTable('users').set({ extension: '8101' }).where('id', '=', a1.userId).execute();
  await database.db.updateTable('users').set({ extension: '8102' }).where('id', '=', a2.userId).execute();
  token = (await updateCtiSettings({ db: database.db, actor: adminActor(), input: { enabled: true } })).token!;
});
afterAll(async () => {
  await first?.close();
  await second?.close();
  await database?.close();
});
beforeEach(() => {
  live.length = 0;
});

const sorted = (ids: readonly number[] | undefined) => [...(ids ?? [])].sort((x, y) => x - y);

describe('agents rung for a call', () => {
  it('hear that a colleague answered and that the call ended, though answer and hangup name only the one who answered', async () => {
    const callId = nextCallId();
    const call = { direction: 'in', callId, from: '13800001111', to: '400' };
    expect((await post(first, { ...call, event: 'newCall', user: [a1.username, '8102', a3.displayName] })).statusCode).toBe(200);
    expect(sorted((await eventOf('call.ringing', callId)).userIds)).toEqual(sorted([a1.userId, a2.userId, a3.userId]));
    // Answer and hangup reach the other process; the PBX names only the answering extension, then no one.
    expect((await post(second, { ...call, event: 'answer', answeringNumber: '8101' })).statusCode).toBe(200);
    const answered = await eventOf('call.answered', callId);
    expect(sorted(answered.userIds)).toEqual(sorted([a1.userId, a2.userId, a3.userId]));
    expect(answered.payload).toMatchObject({ agentId: a1.userId });
    expect((await post(second, { ...call, event: 'hangup', cause: 'normalClearing' })).statusCode).toBe(200);
    const ended = await eventOf('call.ended', callId);
    expect(sorted(ended.userIds)).toEqual(sorted([a1.userId, a2.userId, a3.userId]));
    expect(ended.userIds).not.toContain(bystander.userId);
    expect(ended.payload).toMatchObject({ answered: true, result: 'answered' });
    // The answered message came before the ended one.
    expect(live.indexOf(answered)).toBeLessThan(live.indexOf(ended));
  });

  it('hear that an unanswered call ended (their pops close), the caller having hung up while it rang', async () => {
    const callId = nextCallId();
    const call = { direction: 'in', callId, from: '13800002222', to: '400' };
    expect((await post(first, { ...call, event: 'newCall', user: [a2.username, a3.username] })).statusCode).toBe(200);
    await eventOf('call.ringing', callId);
    expect((await post(first, { ...call, event: 'hangup', cause: 'cancel' })).statusCode).toBe(200);
    const ended = await eventOf('call.ended', callId);
    expect(sorted(ended.userIds)).toEqual(sorted([a2.userId, a3.userId]));
    expect(ended.payload).toMatchObject({ answered: false });
  });

  it('include every agent named by any newCall of the call, and whoever the hangup names', async () => {
    const callId = nextCallId();
    const call = { direction: 'in', callId, from: '13800003333', to: '400' };
    const t0 = Date.now() - 10_000;
    expect((await post(first, { ...call, event: 'newCall', user: a1.username, at: new Date(t0).toISOString() })).statusCode).toBe(200);
    expect((await post(second, { ...call, event: 'newCall', user: a2.username, at: new Date(t0 + 2000).toISOString() })).statusCode).toBe(200);
    expect((await post(first, { ...call, event: 'hangup', cause: 'noAnswer', user: a3.username })).statusCode).toBe(200);
    expect(sorted((await eventOf('call.ended', callId)).userIds)).toEqual(sorted([a1.userId, a2.userId, a3.userId]));
  });

  it('does not concern outbound calls: the dialling agent alone hears of them', async () => {
    const callId = nextCallId();
    const call = { direction: 'out', callId, from: '8101', to: '13800004444' };
    expect((await post(first, { ...call, event: 'newCall', user: a1.username })).statusCode).toBe(200);
    expect((await post(first, { ...call, event: 'hangup', cause: 'noAnswer', user: a1.username })).statusCode).toBe(200);
    expect((await eventOf('call.ended', callId)).userIds).toEqual([a1.userId]);
  });
});
