/**
 * Server CPU of one work-order creation without the HTTP socket and the load generator: the real app
 * (Fastify inject) over PostgreSQL, N creations 16 at a time, process CPU per creation. With --profile it
 * writes a V8 CPU profile of the measured part (/tmp/create-inject.cpuprofile).
 *   npx tsx bench/create-inject.ts [--orders 5000] [--profile]
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
// @ts-expect-error plain ESM helper without types
import { startPgCluster } from '../scripts/pg-cluster.mjs';
import { createTestApp, loginAs } from '../apps/server/src/testing/test-app.js';
import { createUserActor } from '../apps/server/src/testing/factories.js';

const { values } = parseArgs({ options: { orders: { type: 'string', default: '5000' }, profile: { type: 'boolean', default: false } } });
const cluster = process.env.BENCH_PG_URL ? { url: process.env.BENCH_PG_URL, stop() {} } : await startPgCluster();
process.env.KEFU_TEST_DB = 'postgres';
process.env.KEFU_TEST_PG_URL = cluster.url;
const { createTestDatabase } = await import('../apps/server/src/testing/test-db.js');
const database = await createTestDatabase();
try {
  const app = await createTestApp(database);
  await createUserActor(database.db, 'agent', { username: 'bench-agent' });
  const headers = await loginAs(app, 'bench-agent');
  const payload = { type: 'consultation', subject: '咨询宽带套餐资费', description: '客户来电询问宽带套餐的资费和办理方式' };
  const run = async (n: number) => {
    let next = 0;
    const worker = async () => {
      while (next++ < n) {
        const r = await app.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload });
        if (r.statusCode !== 201) throw new Error(`${r.statusCode} ${r.body}`);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
  };
  await run(2000);
  const session = new Session();
  if (values.profile) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  const n = Number(values.orders);
  const before = process.cpuUsage();
  const t0 = performance.now();
  await run(n);
  const cpu = process.cpuUsage(before);
  const wall = performance.now() - t0;
  if (values.profile) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync('/tmp/create-inject.cpuprofile', JSON.stringify(profile));
  }
  console.log(`${n} orders in ${(wall / 1000).toFixed(1)} s — server CPU per order ${((cpu.user + cpu.system) / 1000 / n).toFixed(3)} ms (user ${(cpu.user / 1000 / n).toFixed(3)}, system ${(cpu.system / 1000 / n).toFixed(3)})`);
  await app.close();
} finally {
  await database.close();
  cluster.stop();
}
