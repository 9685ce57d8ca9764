import { once } from 'node:events';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Database } from '../../db/client.js';
import { createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase } from '../../testing/test-db.js';
import { createLocalBus, createPgBus, packPayloads, type LiveBus, type LiveEvent } from './live-bus.js';

let database: Database;
let app: FastifyInstance;
let baseUrl: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  baseUrl = `ws://127.0.0.1:${address.port}/api/v1/live`;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** Opens the live socket and collects its messages. */
async function connect(token: string | null) {
  const socket = new WebSocket(token ? `${baseUrl}?token=${encodeURIComponent(token)}` : baseUrl);
  const messages: Array<{ topic: string; payload: unknown }> = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  const waitFor = async (topic: string, timeoutMs = 3000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = messages.find((m) => m.topic === topic);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no ${topic} within ${timeoutMs} ms; got ${JSON.stringify(messages)}`);
  };
  return { socket, messages, waitFor };
}

describe('live events over WebSocket', () => {
  it('delivers events addressed to the user, and to everyone of the tenant, but not others\u2019', async () => {
    const agent = await createUserActor(database.db, 'agent');
    const other = await createUserActor(database.db, 'agent');
    const { authorization } = await loginAs(app, agent.username);
    const client = await connect(authorization.replace('Bearer ', ''));
    expect((await client.waitFor('hello')).payload).toEqual({ userId: agent.userId });
    await app.live.publish({ tenantId: 1, topic: 'call.ringing', userIds: [other.userId], payload: { callId: 'not-mine' } });
    await app.live.publish({ tenantId: 2, topic: 'tenant.other', payload: {} });
    await app.live.publish({ tenantId: 1, topic: 'call.ringing', userIds: [agent.userId], payload: { callId: 'c1' } });
    await app.live.publish({ tenantId: 1, topic: 'wallboard', payload: { waiting: 3 } });
    expect((await client.waitFor('wallboard')).payload).toEqual({ waiting: 3 });
    expect(client.messages.filter((m) => m.topic === 'call.ringing').map((m) => m.payload)).toEqual([{ callId: 'c1' }]);
    expect(client.messages.some((m) => m.topic === 'tenant.other')).toBe(false);
    client.socket.close();
  });

  it('delivers an event meant for a permission only to users holding it (the wallboard to its watchers)', async () => {
    const agent = await createUserActor(database.db, 'agent');
    const leader = await createUserActor(database.db, 'leader');
    const agentClient = await connect((await loginAs(app, agent.username)).authorization.replace('Bearer ', ''));
    const leaderClient = await connect((await loginAs(app, leader.username)).authorization.replace('Bearer ', ''));
    await agentClient.waitFor('hello');
    await leaderClient.waitFor('hello');
    await app.live.publish({ tenantId: 1, topic: 'wallboard.changed', anyOf: ['reports.read', 'calls.read_all'], payload: { at: 'now' } });
    await app.live.publish({ tenantId: 1, topic: 'everyone', payload: {} });
    await leaderClient.waitFor('wallboard.changed');
    await agentClient.waitFor('everyone');
    expect(agentClient.messages.some((m) => m.topic === 'wallboard.changed')).toBe(false);
    agentClient.socket.close();
    leaderClient.socket.close();
  });

  it('closes a connection without a valid session', async () => {
    const client = await connect('kf_1_not-a-real-token-at-all-xxxx');
    const [code] = (await once(client.socket, 'close')) as [number];
    expect(code).toBe(4401);
  });
});

describe('the bus between server processes', () => {
  it('reaches every subscriber of every bus instance', async () => {
    const url = database.url;
    const buses: LiveBus[] = url ? [await createPgBus(url), await createPgBus(url)] : [createLocalBus()];
    try {
      const received = buses.map(() => [] as LiveEvent[]);
      buses.forEach((bus, i) => bus.subscribe((e) => received[i]!.push(e)));
      const event = { tenantId: 1, topic: 'ticket.changed', payload: { id: 7 } };
      await buses[0]!.publish(event);
      const deadline = Date.now() + 3000;
      while (received.some((r) => r.length === 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      // The publisher delivers its own event at once and ignores it when the notification comes back: once each.
      await new Promise((r) => setTimeout(r, 300));
      for (const r of received) expect(r).toEqual([event]);
    } finally {
      for (const bus of buses) await bus.close();
    }
  });

  it('delivers a burst of publishMany complete and in order to every process, packed into few notifications', async () => {
    const url = database.url;
    const buses: LiveBus[] = url ? [await createPgBus(url), await createPgBus(url)] : [createLocalBus()];
    try {
      const received = buses.map(() => [] as LiveEvent[]);
      buses.forEach((bus, i) => bus.subscribe((e) => received[i]!.push(e)));
      const events = Array.from({ length: 400 }, (_, n) => ({ tenantId: 1, topic: 'call.ringing', userIds: [n % 7], payload: { n, from: '138****5678', customer: { name: `客户${n}` } } }));
      await buses[0]!.publishMany!(events);
      const deadline = Date.now() + 5000;
      while (received.some((r) => r.length < events.length) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 300));
      for (const r of received) expect(r).toEqual(events);
      const payloads = packPayloads(events);
      expect(payloads.length).toBeLessThan(events.length / 10);
      for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(8000);
      expect(payloads.flatMap((p) => JSON.parse(p) as LiveEvent[])).toEqual(events);
    } finally {
      for (const bus of buses) await bus.close();
    }
  });

  it.skipIf(process.env.KEFU_TEST_DB !== 'postgres')('refuses an event too large for NOTIFY rather than losing it silently', async () => {
    const bus = await createPgBus(database.url!);
    try {
      await expect(bus.publish({ tenantId: 1, topic: 'big', payload: 'x'.repeat(9000) })).rejects.toThrow(/too large/);
    } finally {
      await bus.close();
    }
  });
});
