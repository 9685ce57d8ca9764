import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createLocalBus } from '../../lib/live/live-bus.js';
import { createTestDatabase } from '../../testing/test-db.js';
import { createBackgroundWork } from './sla-runtime.js';

let database: Database;
beforeAll(async () => { database = await createTestDatabase(); });
afterAll(async () => database?.close());

describe('background work: periodic tasks', () => {
  it('runs each task once per period, not before its first delay, and a failing task does not stop the others', async () => {
    const runs: string[] = [];
    const work = createBackgroundWork({
      db: database.db, live: createLocalBus(),
      settings: { smtpUrl: null, mailFrom: 'kefu@example.cn', wecomBaseUrl: 'http://127.0.0.1:9', dingtalkBaseUrl: 'http://127.0.0.1:9', live: createLocalBus(), robots: async () => ({}) },
      periodic: [
        { name: 'often', everyMs: 0, run: async () => { runs.push('often'); } },
        { name: 'hourly', everyMs: 3_600_000, run: async () => { runs.push('hourly'); } },
        { name: 'later', everyMs: 0, firstAfterMs: 3_600_000, run: async () => { runs.push('later'); } },
        { name: 'broken', everyMs: 0, run: async () => { throw new Error('boom'); } },
      ],
    });
    await work.tick();
    await work.tick();
    expect(runs).toEqual(['often', 'hourly', 'often']);
  });
});
