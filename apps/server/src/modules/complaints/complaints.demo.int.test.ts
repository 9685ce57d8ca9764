import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createTestDatabase } from '../../testing/test-db.js';
import { seedDemoDepartment } from '../demo/demo-seed.js';
import { seedComplaintDemo } from './complaints.demo.js';

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoDepartment(database.db, { tenantId: 1, password: 'demo-pass-123' });
});
afterAll(async () => database?.close());

describe('demo complaint cases', () => {
  it('seeds cases at every stage, one serious waiting for the general manager', async () => {
    expect(await seedComplaintDemo(database.db, { tenantId: 1 })).toEqual({ cases: 6 });
    const rows = await database.db.selectFrom('complaint_cases').select(['grade', 'step', 'justified']).orderBy('ticket_id').execute();
    expect(rows.map((r) => `${r.grade}:${r.step}`)).toEqual([
      'serious:approve', 'serious:investigate', 'general:judge', 'general:approve', 'general:closed', 'general:closed',
    ]);
    const slips = await database.db.selectFrom('complaint_penalties').select(['staff_signed_at', 'gm_signed_at']).execute();
    expect(slips).toHaveLength(1);
    expect(slips[0]!.staff_signed_at).not.toBeNull();
    expect(slips[0]!.gm_signed_at).toBeNull();
    expect(await database.db.selectFrom('complaint_progress').select('id').execute()).toHaveLength(2);
  });
});
