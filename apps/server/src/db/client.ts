import { mkdirSync } from 'node:fs';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import { usePreparedStatements } from './prepared-statements.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Connection string for PostgreSQL (used by LISTEN/NOTIFY and backups later); null on PGlite. */
  url: string | null;
  /** The embedded instance (backups use its dumpDataDir); absent on PostgreSQL. */
  pglite?: { dumpDataDir(compression?: 'auto' | 'gzip' | 'none'): Promise<Blob> };
  close(): Promise<void>;
}

const INT8_OID = 20;

// pg answers int8 as strings and PGlite as bigint-ish numbers; ids and counts are safe integers, so both become numbers.
pg.types.setTypeParser(INT8_OID, (value: string) => Number(value));

export interface OpenDatabaseOptions {
  /** postgres://… to use a PostgreSQL server. */
  url?: string | null;
  /** Folder for the embedded PGlite database; in-memory when absent and no url. */
  dataDir?: string | null;
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 20 });
    // An idle connection dropped by the server (restart, failover) must not crash the process; the pool replaces it.
    pool.on('error', (error) => console.warn(`database connection lost: ${error.message}`));
    pool.on('connect', usePreparedStatements);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', url: options.url, close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: options.dataDir ?? undefined,
    extensions: { pg_trgm },
    parsers: { [INT8_OID]: (value: string) => Number(value) },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    url: null,
    pglite,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
