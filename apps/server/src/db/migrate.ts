import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002Calls from './migrations/0002_calls.js';
import * as m0003Sla from './migrations/0003_sla.js';
import * as m0004CallStats from './migrations/0004_call_stats.js';
import * as m0005WaitingCalls from './migrations/0005_waiting_calls.js';
import * as m0006Complaints from './migrations/0006_complaints.js';
import * as m0007Callbacks from './migrations/0007_callbacks.js';
import * as m0008Grading from './migrations/0008_grading.js';
import * as m0009Contracts from './migrations/0009_contracts.js';
import * as m0010Pii from './migrations/0010_pii.js';
import * as m0011Rosters from './migrations/0011_rosters.js';
import * as m0012Schedules from './migrations/0012_schedules.js';
import * as m0013ComplaintReports from './migrations/0013_complaint_reports.js';
import * as m0014RolePermissions from './migrations/0014_role_permissions.js';
import * as m0015CustomerArchive from './migrations/0015_customer_archive.js';
import * as m0016CustomerImport from './migrations/0016_customer_import.js';
import * as m0017CallRollups from './migrations/0017_call_rollups.js';
import * as m0018ContactPii from './migrations/0018_contact_pii.js';
import * as m0019TicketMergedIndex from './migrations/0019_ticket_merged_index.js';
import * as m0020HotPathConstraints from './migrations/0020_hot_path_constraints.js';
import * as m0021CallRungAgents from './migrations/0021_call_rung_agents.js';

const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_calls': m0002Calls,
  '0003_sla': m0003Sla,
  '0004_call_stats': m0004CallStats,
  '0005_waiting_calls': m0005WaitingCalls,
  '0006_complaints': m0006Complaints,
  '0007_callbacks': m0007Callbacks,
  '0008_grading': m0008Grading,
  '0009_contracts': m0009Contracts,
  '0010_pii': m0010Pii,
  '0011_rosters': m0011Rosters,
  '0012_schedules': m0012Schedules,
  '0013_complaint_reports': m0013ComplaintReports,
  '0014_role_permissions': m0014RolePermissions,
  '0015_customer_archive': m0015CustomerArchive,
  '0016_customer_import': m0016CustomerImport,
  '0017_call_rollups': m0017CallRollups,
  '0018_contact_pii': m0018ContactPii,
  '0019_ticket_merged_index': m0019TicketMergedIndex,
  '0020_hot_path_constraints': m0020HotPathConstraints,
  '0021_call_rung_agents': m0021CallRungAgents,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Applies every pending migration; safe to call from several processes at once (Kysely takes a lock). */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'kefu_migrations', migrationLockTableName: 'kefu_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
