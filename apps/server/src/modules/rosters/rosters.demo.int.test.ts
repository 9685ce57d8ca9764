import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createTestDatabase } from '../../testing/test-db.js';
import { seedDemoDepartment } from '../demo/demo-seed.js';
import { seedRosterDemo, type RosterDemoResult } from './rosters.demo.js';

let database: Database;
let result: RosterDemoResult;
const now = new Date('2026-11-23T02:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoDepartment(database.db, { tenantId: 1, password: 'demo-pass-123', now });
  result = await seedRosterDemo(database.db, { tenantId: 1, now });
});
afterAll(async () => database?.close());

describe('the rosters demo', () => {
  it('rosters five weeks (two back, this one, two ahead) for every agent and leader, with a pending leave, a half-approved swap and a signed handover', async () => {
    const db = database.db;
    expect(result.shifts).toBeGreaterThan(100);
    const range = await db.selectFrom('roster_shifts').select((eb) => [eb.fn.min('date').as('first'), eb.fn.max('date').as('last')]).executeTakeFirstOrThrow();
    expect(range).toEqual({ first: '2026-11-09', last: '2026-12-13' });
    const leave = await db.selectFrom('roster_leave_requests').select(['status', 'days']).where('id', '=', result.leaveRequestId!).executeTakeFirstOrThrow();
    expect(leave).toEqual({ status: 'pending', days: 1 });
    const swap = await db.selectFrom('roster_swaps').select(['status', 'requester_leader_id', 'counterpart_leader_id']).where('id', '=', result.swapId!).executeTakeFirstOrThrow();
    expect(swap.status).toBe('pending');
    expect(swap.requester_leader_id).not.toBeNull();
    expect(swap.counterpart_leader_id).toBeNull();
    const handover = await db.selectFrom('roster_handovers').select(['status', 'shift_date']).where('id', '=', result.handoverId!).executeTakeFirstOrThrow();
    expect(handover).toEqual({ status: 'signed', shift_date: '2026-11-22' });
  });
});
