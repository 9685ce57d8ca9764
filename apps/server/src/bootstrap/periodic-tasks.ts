// The periodic work every Kefu process runs from its background tick (each task is idempotent across processes).
import type { AppConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { ensureMonthlyComplaintReports } from '../modules/complaint-reports/complaint-analysis.service.js';
import { remindExpiringContracts } from '../modules/contracts/contracts.reminders.js';
import type { LiveBus } from '../lib/live/live-bus.js';
import { runScheduledBackup } from '../modules/pii/backup.schedule.js';
import { scheduleVipRecompute } from '../modules/grading/grading-vip.service.js';
import { prebuildRecentStatsDays } from '../modules/calls/call-stats.service.js';
import type { PeriodicTask } from '../modules/sla/sla-runtime.js';

const MINUTE = 60_000;

/**
 * `primary`: this is the first (or only) process of the host — the one that also writes the daily backup, which
 * must not run twice at once.
 */
export function periodicTasks(config: AppConfig, database: Database, { primary, live }: { primary: boolean; live: LiveBus }): PeriodicTask[] {
  return [
    // Generated on the 1st for the previous month (the check is cheap; a missed 1st is caught up on the next start).
    { name: 'monthly complaint analysis', everyMs: 10 * MINUTE, run: ({ db, at }) => ensureMonthlyComplaintReports({ db, at }) },
    // Makes sure each tenant's nightly VIP scoring is queued (deduplicated: one pending job per tenant and night).
    { name: 'VIP recompute schedule', everyMs: 60 * MINUTE, run: async ({ db, at }) => {
      for (const t of await db.selectFrom('tenants').select('id').execute()) await scheduleVipRecompute(db, t.id, at);
    } },
    // Yesterday's call statistics are rolled up in the background, not by the first manager who asks.
    { name: 'call statistics rollups', everyMs: 30 * MINUTE, firstAfterMs: 5 * MINUTE, run: ({ db, at }) => prebuildRecentStatsDays(db, at) },
    // Contracts ending within 15 days remind their owners once per end date.
    { name: 'contract renewal reminders', everyMs: 30 * MINUTE, run: ({ db, at }) => remindExpiringContracts({ db, at, live }) },
    // The first check waits a quarter of an hour: a backup on every start would slow starts, tests and benchmarks.
    // KEFU_BACKUP_HOUR=off switches the daily backup off (e.g. where the database is backed up by other means).
    ...(primary && process.env.KEFU_BACKUP_HOUR !== 'off'
      ? [{ name: 'daily backup', everyMs: MINUTE, firstAfterMs: 15 * MINUTE, run: ({ at }: { at: Date }) => runScheduledBackup({ config, database, at }) }]
      : []),
  ];
}
