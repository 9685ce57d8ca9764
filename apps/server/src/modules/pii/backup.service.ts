import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { sql } from 'kysely';
import type { AppConfig } from '../../config.js';
import type { Database } from '../../db/client.js';
import { KEY_FILE_NAME, keyRing, writeKeyFile } from '../../lib/crypto/key-ring.js';
import { decodeKey, parseKeyList } from '../../lib/crypto/field-crypto.js';
import { extractTarGz, TarGzWriter } from './backup.tar.js';
import { findPgTool } from './backup.pg-tools.js';

/**
 * `kefu backup` / `kefu restore`: one tar.gz holding manifest.json, the database (PGlite data folder dump or
 * pg_dump custom format), the key ring (keys.json — without it the encrypted personal data is unreadable) and
 * the attachments folder (files/…).
 */

export const BACKUP_FORMAT = 'kefu-backup';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: 1;
  createdAt: string;
  database: 'pglite' | 'postgres';
  migration: string | null;
  counts: Record<string, number>;
  files: number;
  keyIds: string[];
}

const COUNTED = ['tenants', 'users', 'customers', 'customer_phones', 'tickets', 'ticket_notes', 'ticket_attachments', 'calls', 'audit_log'] as const;

export async function recordCounts(database: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED) {
    const exists = await sql<{ ok: boolean }>`select to_regclass(${table}) is not null as ok`.execute(database.db);
    if (!exists.rows[0]?.ok) continue;
    const row = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db);
    counts[table] = Number(row.rows[0]!.n);
  }
  return counts;
}

function listFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.push(path);
    }
  };
  walk(root);
  return out.sort();
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolveRun() : reject(new Error(`${command} exited with ${code}: ${stderr.trim().slice(0, 2000)}`))));
  });
}

export function defaultBackupName(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');
  return `kefu-backup-${stamp}.tar.gz`;
}

export async function createBackup({ config, database, out, at = new Date() }: { config: Pick<AppConfig, 'filesDir'>; database: Database; out: string; at?: Date }): Promise<{ file: string; manifest: BackupManifest }> {
  const file = resolve(out);
  const ring = keyRing();
  const last = await sql<{ name: string }>`select name from kefu_migrations order by name desc limit 1`.execute(database.db);
  const files = listFiles(config.filesDir);
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT, version: 1, createdAt: at.toISOString(), database: database.kind, migration: last.rows[0]?.name ?? null,
    counts: await recordCounts(database), files: files.length, keyIds: ring.keys.map((k) => k.id),
  };
  const partial = `${file}.partial`;
  const tar = new TarGzWriter(partial);
  try {
    await tar.addBuffer('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)), at);
    const keys = { keys: ring.keys.map((k) => ({ id: k.id, key: k.key.toString('base64'), createdAt: at.toISOString() })) };
    await tar.addBuffer(KEY_FILE_NAME, Buffer.from(JSON.stringify(keys, null, 2)), at);
    if (database.kind === 'pglite') {
      if (!database.pglite) throw new Error('this PGlite database does not expose its data folder');
      const dump = Buffer.from(await (await database.pglite.dumpDataDir('gzip')).arrayBuffer());
      await tar.addBuffer('database/pglite.tar.gz', dump, at);
    } else {
      const tmp = mkdtempSync(join(tmpdir(), 'kefu-dump-'));
      try {
        const dumpFile = join(tmp, 'postgres.dump');
        await run(findPgTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${dumpFile}`, `--dbname=${database.url}`]);
        const { size, mtime } = statSync(dumpFile);
        await tar.addFile('database/postgres.dump', dumpFile, size, mtime);
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    }
    for (const path of files) {
      const { size, mtime } = statSync(path);
      await tar.addFile(`files/${relative(config.filesDir, path).split(sep).join('/')}`, path, size, mtime);
    }
    await tar.finish();
  } catch (error) {
    await tar.finish().catch(() => undefined);
    rmSync(partial, { force: true });
    throw error;
  }
  renameSync(partial, file);
  return { file, manifest };
}

export interface RestoreTarget {
  config: Pick<AppConfig, 'dataDir' | 'filesDir' | 'databaseUrl'>;
  file: string;
  /** Replace a non-empty target (the old PGlite folder is kept aside as pglite.replaced-<time>). */
  force?: boolean;
}

async function postgresIsEmpty(url: string): Promise<boolean> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query(`select count(*)::int as n from information_schema.tables where table_schema = 'public'`);
    return Number(r.rows[0].n) === 0;
  } finally {
    await client.end();
  }
}

/** Restores a backup into the configured data folder / database. The server must not be running on it. */
export async function restoreBackup({ config, file, force = false }: RestoreTarget): Promise<BackupManifest> {
  const tmp = mkdtempSync(join(tmpdir(), 'kefu-restore-'));
  try {
    const filesRoot = resolve(config.filesDir);
    const buffers = await extractTarGz(resolve(file), (name) => {
      if (name === 'manifest.json' || name === KEY_FILE_NAME) return 'buffer';
      if (name === 'database/pglite.tar.gz' || name === 'database/postgres.dump') return { file: join(tmp, name.split('/')[1]!) };
      if (name.startsWith('files/')) {
        const target = resolve(filesRoot, name.slice('files/'.length));
        // A crafted archive must not write outside the files folder.
        if (!target.startsWith(filesRoot + sep)) throw new Error(`refusing to restore ${name}`);
        return { file: target };
      }
      return 'skip';
    });
    const manifestBuffer = buffers.get('manifest.json');
    if (!manifestBuffer) throw new Error('not a Kefu backup (no manifest.json)');
    const manifest = JSON.parse(manifestBuffer.toString('utf8')) as BackupManifest;
    if (manifest.format !== BACKUP_FORMAT) throw new Error('not a Kefu backup');
    const keysBuffer = buffers.get(KEY_FILE_NAME);
    if (keysBuffer) {
      const parsed = JSON.parse(keysBuffer.toString('utf8')) as { keys: Array<{ id: string; key: string; createdAt: string }> };
      const keys = parsed.keys.map((k) => decodeKey(k.id, k.key));
      const keyFile = join(config.dataDir, KEY_FILE_NAME);
      if (existsSync(keyFile) && !force) throw new Error(`${keyFile} exists; restore with --force to replace it`);
      writeKeyFile(keyFile, keys, new Map(parsed.keys.map((k) => [k.id, k.createdAt])));
    }
    if (config.databaseUrl) {
      const dump = join(tmp, 'postgres.dump');
      if (!existsSync(dump)) throw new Error(`this backup holds a ${manifest.database} database; restore it with DATABASE_URL unset`);
      const empty = await postgresIsEmpty(config.databaseUrl);
      if (!empty && !force) throw new Error('the target database is not empty; restore with --force to replace its tables');
      await run(findPgTool('pg_restore'), ['--no-owner', '--no-privileges', '--exit-on-error', ...(empty ? [] : ['--clean', '--if-exists']), `--dbname=${config.databaseUrl}`, dump]);
    } else {
      const dump = join(tmp, 'pglite.tar.gz');
      if (!existsSync(dump)) throw new Error(`this backup holds a ${manifest.database} database; set DATABASE_URL to restore it`);
      const dataDir = join(config.dataDir, 'pglite');
      if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
        if (!force) throw new Error(`${dataDir} is not empty; restore with --force (the old folder is kept aside)`);
        renameSync(dataDir, `${dataDir}.replaced-${Date.now()}`);
      }
      const { PGlite } = await import('@electric-sql/pglite');
      const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
      const pglite = await PGlite.create({ dataDir, loadDataDir: new Blob([readFileSync(dump)]), extensions: { pg_trgm } });
      await pglite.close();
    }
    if (process.env.KEFU_DATA_KEYS) {
      const envIds = parseKeyList(process.env.KEFU_DATA_KEYS).map((k) => k.id);
      const missing = manifest.keyIds.filter((id) => !envIds.includes(id));
      if (missing.length) console.warn(`KEFU_DATA_KEYS lacks key(s) ${missing.join(', ')} of this backup: use the restored ${KEY_FILE_NAME} or add them`);
    }
    writeFileSync(join(config.dataDir, 'restored-from.json'), JSON.stringify({ file: resolve(file), at: new Date().toISOString(), manifest }, null, 2));
    return manifest;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
