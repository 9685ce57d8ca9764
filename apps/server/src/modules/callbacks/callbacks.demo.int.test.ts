import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createTestDatabase } from '../../testing/test-db.js';
import { seedDemoDepartment } from '../demo/demo-seed.js';
import { seedCallbacksDemo } from './callbacks.demo.js';

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoDepartment(database.db, { tenantId: 1, password: 'demo-pass-123', now: new Date() });
});
afterAll(async () => database?.close());

describe('callbacks demo data', () => {
  it('seeds one worked campaign and six surveys', async () => {
    const result = await seedCallbacksDemo(database.db, { tenantId: 1 });
    expect(result.items).toBeGreaterThan(3);
    expect(result.surveys).toBe(6);
    const items = await database.db.selectFrom('callback_items').select(['status', 'assignee_id']).where('campaign_id', '=', result.campaignId).execute();
    expect(items).toHaveLength(result.items);
    expect(new Set(items.map((i) => i.assignee_id)).size).toBe(3);
    expect(items.filter((i) => i.status === 'done').length).toBeGreaterThan(0);
    expect(items.filter((i) => i.status === 'pending').length).toBeGreaterThan(0);
    const answered = await database.db.selectFrom('surveys').select('id').where('answered_at', 'is not', null).execute();
    expect(answered).toHaveLength(5);
  });
});
