import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createLocalBus, createPgBus, type LiveBus, type LiveEvent } from '../../lib/live/live-bus.js';
import { createTestDatabase } from '../../testing/test-db.js';
import { createLiveBatcher } from './live-batcher.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function collect(bus: LiveBus, count: number, act: () => Promise<void>): Promise<LiveEvent[]> {
  const received: LiveEvent[] = [];
  const off = bus.subscribe((event) => received.push(event));
  await act();
  const deadline = Date.now() + 3000;
  while (received.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  off();
  return received;
}

describe('publishing many live events at once', () => {
  it('delivers every event of a batch, in order, on the bus of this database (NOTIFY across processes on PostgreSQL)', async () => {
    const bus = database.url ? await createPgBus(database.url) : createLocalBus();
    try {
      const events = Array.from({ length: 700 }, (_, i) => ({ tenantId: 1, topic: 'call.ringing', userIds: [i % 7], payload: { n: i } }));
      const received = await collect(bus, events.length, async () => {
        const batcher = createLiveBatcher(bus, (error) => {
          throw error;
        });
        for (const event of events) batcher.publish(event);
        await batcher.flush();
      });
      expect(received).toEqual(events);
    } finally {
      await bus.close();
    }
  });

  it('falls back to one publish per event for a bus without publishMany', async () => {
    const published: LiveEvent[] = [];
    const bus: LiveBus = { publish: async (e) => void published.push(e), subscribe: () => () => undefined, close: async () => undefined };
    const batcher = createLiveBatcher(bus, () => undefined);
    batcher.publish({ tenantId: 1, topic: 'a', payload: 1 });
    batcher.publish({ tenantId: 1, topic: 'b', payload: 2 });
    await batcher.flush();
    expect(published.map((e) => e.topic)).toEqual(['a', 'b']);
  });

  it('refuses an event too large for NOTIFY without losing the call', async () => {
    if (!database.url) return;
    const bus = await createPgBus(database.url);
    try {
      await expect(bus.publishMany!([{ tenantId: 1, topic: 'big', payload: 'x'.repeat(9000) }])).rejects.toThrow(/too large/);
    } finally {
      await bus.close();
    }
  });
});
