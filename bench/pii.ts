/**
 * Personal-data protection figures (issue 6 items 7–8) on PostgreSQL:
 *  - import-style insert of N customers (default 1,000,000) with an encrypted phone, address and ID card number
 *    (AES-256-GCM + blind index computed in Node, multi-row unnest inserts, 2 connections) — target ≤ 120 s;
 *  - lookup by phone at that size through the service functions (findCustomerIdsByPhone, listCustomers with
 *    phone = the screen pop) — target p95 ≤ 10 ms;
 *  - `keys rotate` speed on a sample (re-encrypt + re-index).
 *   npx tsx bench/pii.ts [--customers 1000000] [--batch 5000] [--lookups 2000] [--rotate 100000]
 * Starts its own throwaway cluster (scripts/pg-cluster.mjs) unless BENCH_PG_URL is set.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
// @ts-expect-error plain ESM helper without types
import { startPgCluster } from '../scripts/pg-cluster.mjs';
import { openDatabase } from '../apps/server/src/db/client.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import { ensureTenant } from '../apps/server/src/bootstrap/tenant.js';
import { systemActor } from '../apps/server/src/lib/actor.js';
import { buildKeyRing, generateKey } from '../apps/server/src/lib/crypto/field-crypto.js';
import { keyRing, useKeyRing } from '../apps/server/src/lib/crypto/key-ring.js';
import { findCustomerIdsByPhone, listCustomers } from '../apps/server/src/modules/customers/customers.service.js';
import { insertEncryptedCustomers, type ImportedCustomer } from '../apps/server/src/modules/pii/pii-import.js';
import { encryptPhone } from '../apps/server/src/modules/pii/pii-fields.js';
import { reencryptAll } from '../apps/server/src/modules/pii/keys.service.js';
import { PERMISSIONS } from '@kefu/shared';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '5000' },
    lookups: { type: 'string', default: '2000' },
    rotate: { type: 'string', default: '0' },
    'with-address': { type: 'boolean', default: false },
  },
});
const TOTAL = Number(values.customers);
const BATCH = Number(values.batch);
const LOOKUPS = Number(values.lookups);
const TENANT = 1;
const DISTRICTS = ['北京市海淀区', '北京市朝阳区', '上海市浦东新区', '广东省深圳市南山区', '浙江省杭州市西湖区', '四川省成都市武侯区'];

const phoneOf = (i: number) => `13${String(100_000_000 + i).slice(-9)}`;
function customer(i: number): ImportedCustomer {
  return { name: `客户${i}`, phones: [phoneOf(i)], address: values['with-address'] ? `${DISTRICTS[i % DISTRICTS.length]}幸福路${i % 999}号` : null, idCard: null };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  const cluster = process.env.BENCH_PG_URL ? { url: process.env.BENCH_PG_URL, stop: async () => {} } : await startPgCluster();
  const database = await openDatabase({ url: cluster.url, poolSize: 4 });
  try {
    await migrateToLatest(database.db);
    await ensureTenant(database.db, { id: TENANT, code: 'default', name: '基准' });
    useKeyRing(buildKeyRing([generateKey('b1')]));

    // 0. The Node share: encryption + blind index + mask of one phone.
    const sample = 50_000;
    const t0 = performance.now();
    for (let i = 0; i < sample; i++) encryptPhone(phoneOf(i));
    const encryptMicros = ((performance.now() - t0) * 1000) / sample;
    console.log(`encryptPhone: ${encryptMicros.toFixed(1)} µs per number (AES-256-GCM + HMAC blind index + mask)`);

    // 1. Import: two connections insert while Node encrypts the next batch.
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      for (;;) {
        const from = next;
        if (from >= TOTAL) return;
        next += BATCH;
        const batch = Array.from({ length: Math.min(BATCH, TOTAL - from) }, (_, k) => customer(from + k));
        await insertEncryptedCustomers(database.db, TENANT, batch);
        if ((from / BATCH) % 20 === 0) process.stdout.write(`\r  imported ${from + batch.length} / ${TOTAL}`);
      }
    };
    await Promise.all([worker(), worker()]);
    const importSeconds = (performance.now() - started) / 1000;
    process.stdout.write('\n');
    await sql`analyze customers`.execute(database.db);
    await sql`analyze customer_phones`.execute(database.db);
    const counts = await sql<{ c: number; p: number }>`select (select count(*) from customers)::int as c, (select count(*) from customer_phones)::int as p`.execute(database.db);
    console.log(`import: ${counts.rows[0]!.c} customers, ${counts.rows[0]!.p} encrypted phones in ${importSeconds.toFixed(1)} s (${Math.round(TOTAL / importSeconds)}/s)`);

    // 2. Lookups of random existing numbers in mixed formats.
    const actor = systemActor(TENANT, PERMISSIONS);
    const formats = [(n: string) => n, (n: string) => `+86 ${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`, (n: string) => `0086${n}`];
    const measure = async (label: string, fn: (phone: string) => Promise<number>) => {
      const times: number[] = [];
      let misses = 0;
      for (let i = 0; i < LOOKUPS; i++) {
        const k = Math.floor(Math.random() * TOTAL);
        const phone = formats[i % formats.length]!(phoneOf(k));
        const t = performance.now();
        const found = await fn(phone);
        times.push(performance.now() - t);
        if (found !== 1) misses++;
      }
      times.sort((a, b) => a - b);
      console.log(`${label}: ${LOOKUPS} lookups, p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms, misses ${misses}`);
      return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), misses };
    };
    // The machine's noise floor (a shared 2-core box): a bare round trip, and the lookup's own execution time in the server.
    const floor = await measure('select 1 round trip (noise floor)', async () => ((await sql`select 1`.execute(database.db)), 1));
    const { phoneLookupKeys } = await import('../apps/server/src/modules/pii/pii-fields.js');
    const serverMs: number[] = [];
    for (let i = 0; i < 200; i++) {
      const keys = phoneLookupKeys(phoneOf(Math.floor(Math.random() * TOTAL)));
      const plan = await sql<{ 'QUERY PLAN': string }>`explain (analyze, format text) select distinct customer_id from customer_phones where tenant_id = ${TENANT} and phone_bidx in (${sql.join(keys)}) limit 20`.execute(database.db);
      const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
      serverMs.push(Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? NaN));
      if (i === 0) console.log(text.split('\n').filter((l) => /Index|Scan/.test(l)).join('\n'));
    }
    serverMs.sort((a, b) => a - b);
    console.log(`lookup execution inside PostgreSQL (EXPLAIN ANALYZE): p50 ${percentile(serverMs, 50).toFixed(3)} ms, p95 ${percentile(serverMs, 95).toFixed(3)} ms`);
    const byIds = await measure('findCustomerIdsByPhone', async (p) => (await findCustomerIdsByPhone(database.db, TENANT, p)).length);
    const byList = await measure('listCustomers(phone) — screen pop', async (p) => (await listCustomers({ db: database.db, actor, query: { phone: p, page: 1, pageSize: 20 } })).items.length);

    // 3. Rotation speed on a separate database of --rotate customers (phone + address each).
    const rotateRows = Number(values.rotate);
    if (rotateRows > 0) {
      await sql.raw('create database kefu_rotate').execute(database.db);
      const url = new URL(cluster.url);
      url.pathname = '/kefu_rotate';
      const rot = await openDatabase({ url: url.toString(), poolSize: 2 });
      try {
        await migrateToLatest(rot.db);
        await ensureTenant(rot.db, { id: TENANT, code: 'default', name: '基准' });
        for (let from = 0; from < rotateRows; from += BATCH) {
          await insertEncryptedCustomers(rot.db, TENANT, Array.from({ length: Math.min(BATCH, rotateRows - from) }, (_, k) => ({ ...customer(from + k), address: `北京市海淀区幸福路${k}号` })));
        }
        useKeyRing(buildKeyRing([generateKey('b2'), ...keyRing().keys]));
        const t = performance.now();
        const rotated = await reencryptAll(rot.db, keyRing(), { batchSize: 5000 });
        console.log(`keys rotate: ${rotated.phones} phones + ${rotated.addresses} addresses re-encrypted and re-indexed in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      } finally {
        await rot.close();
      }
    }
    console.log(JSON.stringify({ customers: TOTAL, withAddress: values['with-address'], importSeconds, encryptMicros, floor, serverP95: percentile(serverMs, 95), byIds, byList }));
  } finally {
    await database.close();
    await cluster.stop();
  }
}

await main();
