import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { migrateToLatest } from './db/migrate.js';
import { ensureTenant } from './bootstrap/tenant.js';
import { DEFAULT_TENANT_ID } from './modules/auth/auth.service.js';
import { applyCtiTokenFromEnv } from './modules/calls/cti-settings.js';
import { seedDemoDepartment, type DemoSeedResult } from './modules/demo/demo-seed.js';
import { backfillTicketSla } from './modules/sla/ticket-sla.service.js';

/** Opens the configured database (PostgreSQL when DATABASE_URL is set, else PGlite in the data folder), migrated and bootstrapped. */
export async function openPreparedDatabase(config: AppConfig): Promise<Database> {
  mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? null : join(config.dataDir, 'pglite') });
  await migrateToLatest(database.db);
  await (await import('./modules/pii/pii-startup.js')).preparePii(database.db, config);
  await ensureTenant(database.db, { id: DEFAULT_TENANT_ID, code: 'default', name: '客服中心' });
  await applyCtiTokenFromEnv(database.db, DEFAULT_TENANT_ID);
  return database;
}

/**
 * The demo password: KEFU_ADMIN_PASSWORD when set; otherwise one generated at the first seed and kept
 * in the data folder (readable by its owner only), so later starts can print it again.
 */
export function demoPassword(config: AppConfig, env: NodeJS.ProcessEnv = process.env): string {
  if (env.KEFU_ADMIN_PASSWORD) return env.KEFU_ADMIN_PASSWORD;
  const file = join(config.dataDir, 'demo-password.txt');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = `kefu-${randomBytes(6).toString('base64url')}`;
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** Seeds the demo department when the default tenant has no users yet. */
export async function seedDemoIfEmpty(database: Database, password: string): Promise<DemoSeedResult | null> {
  const anyUser = await database.db.selectFrom('users').select('id').where('tenant_id', '=', DEFAULT_TENANT_ID).limit(1).executeTakeFirst();
  if (anyUser) return null;
  const seeded = await seedDemoDepartment(database.db, { tenantId: DEFAULT_TENANT_ID, password });
  // The demo's orders are inserted in bulk: start their SLA clocks (past ladder steps count as taken).
  await backfillTicketSla(database.db, DEFAULT_TENANT_ID);
  await (await import('./modules/demo/demo-domains.js')).seedDemoDomains(database.db, { tenantId: DEFAULT_TENANT_ID });
  // The demo's customers are inserted in bulk as plaintext: encrypt them before anyone reads them.
  await (await import('./modules/pii/pii-backfill.js')).encryptPlaintextPii(database.db);
  return seeded;
}
