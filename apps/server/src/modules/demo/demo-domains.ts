// The demo's later chapters, seeded after the department itself has committed: they go through the domains' own
// service functions (each in its own transaction), so they run outside the department's seeding transaction.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export async function seedDemoDomains(db: Kysely<DB>, { tenantId, now = new Date() }: { tenantId: number; now?: Date }): Promise<Record<string, unknown>> {
  const { seedComplaintDemo } = await import('../complaints/complaints.demo.js');
  const { seedCallbacksDemo } = await import('../callbacks/callbacks.demo.js');
  const { seedGradingDemo } = await import('../grading/grading.demo.js');
  const { seedDemoContracts } = await import('../contracts/contracts.demo.js');
  const { seedRosterDemo } = await import('../rosters/rosters.demo.js');
  const { seedSchedulesDemo } = await import('../schedules/schedules.demo.js');
  const { seedCustomerArchiveDemo } = await import('../customer-archive/customer-archive.demo.js');
  const { seedCtiDemo } = await import('../calls/cti.demo.js');
  return {
    complaints: await seedComplaintDemo(db, { tenantId }),
    callbacks: await seedCallbacksDemo(db, { tenantId }),
    grading: await seedGradingDemo(db, { tenantId, now }),
    contracts: await seedDemoContracts(db, { tenantId, now }),
    rosters: await seedRosterDemo(db, { tenantId, now }),
    schedules: await seedSchedulesDemo(db, { tenantId, now }),
    customerArchive: await seedCustomerArchiveDemo(db, { tenantId, now }),
    cti: await seedCtiDemo(db, { tenantId }),
  };
}
