import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../db/client.js';
import { migrateToLatest } from '../db/migrate.js';
import { ensureTenant } from '../bootstrap/tenant.js';

export const TEST_TENANT_ID = 1;

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on the
 * PostgreSQL server of KEFU_TEST_PG_URL when KEFU_TEST_DB=postgres (dropped again on close).
 */
export async function createTestDatabase(): Promise<Database> {
  if (process.env.KEFU_TEST_DB === 'postgres') {
    const adminUrl = process.env.KEFU_TEST_PG_URL;
    if (!adminUrl) throw new Error('KEFU_TEST_DB=postgres needs KEFU_TEST_PG_URL');
    const name = `kefu_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ url: url.toString(), poolSize: 10 });
    await prepare(database);
    return {
      ...database,
      close: async () => {
        await database.close();
        const cleanup = new pg.Client({ connectionString: adminUrl });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      },
    };
  }
  const database = await openDatabase({});
  await prepare(database);
  return database;
}

async function prepare(database: Database) {
  await migrateToLatest(database.db);
  await ensureTenant(database.db, { id: TEST_TENANT_ID, code: 'default', name: '测试客服中心' });
}
