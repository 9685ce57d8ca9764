/**
 * Customer import from CSV at volume (issue 6 item 1: 1,000,000 customers ≤ 120 s) on PostgreSQL, through the
 * import function itself (confirmCustomerImport: streamed parse, per-row validation, duplicate checks, AES-GCM +
 * blind index, batched inserts in one transaction, audit) — not over HTTP.
 *   npx tsx bench/customer-import.ts [--rows 1000000] [--preview]
 * Writes the CSV to a temporary file first (not timed). Starts its own throwaway cluster (scripts/pg-cluster.mjs)
 * unless BENCH_PG_URL is set.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
// @ts-expect-error plain ESM helper without types
import { startPgCluster } from '../scripts/pg-cluster.mjs';
import { PERMISSIONS } from '@kefu/shared';
import { openDatabase } from '../apps/server/src/db/client.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import { ensureTenant } from '../apps/server/src/bootstrap/tenant.js';
import { systemActor } from '../apps/server/src/lib/actor.js';
import { buildKeyRing, generateKey } from '../apps/server/src/lib/crypto/field-crypto.js';
import { useKeyRing } from '../apps/server/src/lib/crypto/key-ring.js';
import { confirmCustomerImport, previewCustomerImport } from '../apps/server/src/modules/customer-import/customer-import.service.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, preview: { type: 'boolean', default: false } } });
const ROWS = Number(values.rows);
const TENANT = 1;
const DISTRICTS = ['北京市海淀区', '北京市朝阳区', '上海市浦东新区', '广东省深圳市南山区', '浙江省杭州市西湖区', '四川省成都市武侯区'];

async function writeCsv(path: string) {
  const out = createWriteStream(path);
  const write = (line: string) => (out.write(line) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write('\uFEFF姓名,类型,电话,地址,等级,备注\n');
  let chunk = '';
  for (let i = 0; i < ROWS; i++) {
    chunk += `客户${i},个人,13${String(100_000_000 + i).slice(-9)},${DISTRICTS[i % DISTRICTS.length]}幸福路${i % 999}号,${'ABCDE'[i % 5]},\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'kefu-bench-import-'));
  const path = join(dir, 'customers.csv');
  await writeCsv(path);
  console.log(`CSV: ${ROWS} rows, ${((await stat(path)).size / 1024 / 1024).toFixed(1)} MB (UTF-8 with BOM; name, type, phone, address, grade)`);
  const cluster = process.env.BENCH_PG_URL ? { url: process.env.BENCH_PG_URL, stop: async () => {} } : await startPgCluster();
  const database = await openDatabase({ url: cluster.url, poolSize: 2 });
  try {
    await migrateToLatest(database.db);
    await ensureTenant(database.db, { id: TENANT, code: 'default', name: '基准' });
    useKeyRing(buildKeyRing([generateKey('b1')]));
    const actor = systemActor(TENANT, PERMISSIONS);
    if (values.preview) {
      const t = performance.now();
      const preview = await previewCustomerImport({ db: database.db, actor, source: { path }, query: { onExisting: 'error' } });
      console.log(`preview: ${preview.valid} valid, ${preview.invalid} invalid in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    const started = performance.now();
    const result = await confirmCustomerImport({ db: database.db, actor, source: { path }, query: { onExisting: 'error' }, fileName: 'bench.csv' });
    const seconds = (performance.now() - started) / 1000;
    const counts = await sql<{ c: number; p: number }>`select (select count(*) from customers)::int as c, (select count(*) from customer_phones)::int as p`.execute(database.db);
    console.log(`import: ${result.imported} customers (${counts.rows[0]!.c} in the table, ${counts.rows[0]!.p} encrypted phones) in ${seconds.toFixed(1)} s (${Math.round(ROWS / seconds)}/s)`);
    console.log(JSON.stringify({ rows: ROWS, seconds, perSecond: Math.round(ROWS / seconds), projectedMillionSeconds: Math.round((1_000_000 / ROWS) * seconds) }));
  } finally {
    await database.close();
    await cluster.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
