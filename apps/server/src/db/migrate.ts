import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002Calls from './migrations/0002_calls.js';
import * as m0003Sla from './migrations/0003_sla.js';
import * as m0004CallStats from './migrations/0004_call_stats.js';
import * as m0005WaitingCalls from './migrations/0005_waiting_calls.js';

const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_calls': m0002Calls,
  '0003_sla': m0003Sla,
  '0004_call_stats': m0004CallStats,
  '0005_waiting_calls': m0005WaitingCalls,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Applies every pending migration; safe to call from several processes at once (Kysely takes a lock). */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'kefu_migrations', migrationLockTableName: 'kefu_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
