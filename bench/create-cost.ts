/**
 * What one work-order creation costs in CPU: milliseconds of the Kefu server process and of the PostgreSQL
 * processes per created order, read from /proc around an autocannon run (50 connections, closed loop).
 * Unlike requests per second, CPU per request barely moves when other work shares the machine, so two commits
 * can be compared on a busy host. The ceiling on a quiet 2-core machine is about 2000 ÷ (server + PostgreSQL
 * + load generator ms) orders per second.
 *   npx tsx bench/create-cost.ts [--tickets 50000] [--duration 15] [--rounds 2] [--between "<sql>"] [--rate 1000] [--loop-stats]
 * --rate offers a fixed rate (autocannon overallRate) instead of a closed loop; --loop-stats makes the server print its
 * event-loop delay and GC pauses at the end (bench/lib/loop-stats.mjs), to tell where a latency tail comes from.
 * --between runs SQL on the database after the first round (e.g. drop an index), so its effect is compared in one run.
 * Starts its own throwaway PostgreSQL cluster unless BENCH_PG_URL is set.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
// @ts-expect-error plain ESM helper without types
import { startPgCluster } from '../scripts/pg-cluster.mjs';
import { login, measurePosts, startServer } from './lib/http-load.js';
import { TICKS_PER_MS, clusterTicks, cpuTicks, parentOf } from './lib/proc-cpu.js';

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '50000' },
    duration: { type: 'string', default: '15' },
    rounds: { type: 'string', default: '2' },
    between: { type: 'string' },
    rate: { type: 'string' },
    'loop-stats': { type: 'boolean', default: false },
  },
});
const root = resolve(import.meta.dirname, '..');
const PASSWORD = 'bench-pass-123';
async function main() {
  const cluster = process.env.BENCH_PG_URL ? { url: process.env.BENCH_PG_URL, stop() {} } : await startPgCluster();
  const dbUrl = cluster.url.replace(/\/[^/?]*(\?|$)/, '/kefu_create_cost$1');
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('drop database if exists kefu_create_cost');
    await admin.query('create database kefu_create_cost');
    const backend = (await admin.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    const postmaster = parentOf(backend);
    await admin.end();

    execFileSync(process.execPath, ['--import', 'tsx', resolve(root, 'bench/seed-volume.ts'), '--tickets', values.tickets!, '--customers', '10000', '--password', PASSWORD], {
      cwd: root, env: { ...process.env, DATABASE_URL: dbUrl }, stdio: 'inherit',
    });
    const server = await startServer({
      DATABASE_URL: dbUrl, KEFU_BACKUP_HOUR: 'off',
      ...(values['loop-stats'] ? { KEFU_LOOP_STATS: '1', NODE_OPTIONS: `--import ${resolve(root, 'bench/lib/loop-stats.mjs')} ${process.env.BENCH_SERVER_NODE_OPTIONS ?? ''}` } : {}),
    });
    try {
      const token = await login(server.baseUrl, 'agent', PASSWORD);
      const url = `${server.baseUrl}/api/v1/tickets`;
      const body = { type: 'consultation', subject: '咨询宽带套餐资费', description: '客户来电询问宽带套餐的资费和办理方式' };
      await measurePosts(url, token, body, { duration: 3 }); // warm up: JIT, pool, caches
      // What the server and the database burn with no request at all (timers, sweeps, job polling), per second.
      const idleServer = cpuTicks(server.child.pid!);
      const idlePg = clusterTicks(postmaster);
      await new Promise((r) => setTimeout(r, 5000));
      console.log(`idle: server ${((cpuTicks(server.child.pid!) - idleServer) / TICKS_PER_MS / 5).toFixed(1)} ms/s, PostgreSQL ${((clusterTicks(postmaster) - idlePg) / TICKS_PER_MS / 5).toFixed(1)} ms/s`);
      for (let round = 1; round <= Number(values.rounds); round++) {
        if (round === 2 && values.between) {
          const client = new pg.Client({ connectionString: dbUrl });
          await client.connect();
          await client.query(values.between);
          await client.end();
          console.log(`after round 1: ${values.between}`);
        }
        const serverBefore = cpuTicks(server.child.pid!);
        const pgBefore = clusterTicks(postmaster);
        const loadBefore = process.cpuUsage();
        const result = await measurePosts(url, token, body, { duration: Number(values.duration), ...(values.rate ? { overallRate: Number(values.rate) } : {}) });
        const load = process.cpuUsage(loadBefore);
        const created = result.requests - result.non2xx;
        const perOrder = (ticks: number) => (ticks / TICKS_PER_MS / created).toFixed(3);
        console.log(
          `round ${round}: ${created} orders, ${result.rps}/s, p50 ${result.p50} p90 ${result.p90} p99 ${result.p99} max ${result.max} ms — CPU per order: server ${perOrder(cpuTicks(server.child.pid!) - serverBefore)} ms, ` +
            `PostgreSQL ${perOrder(clusterTicks(postmaster) - pgBefore)} ms, load generator ${((load.user + load.system) / 1000 / created).toFixed(3)} ms` +
            (result.non2xx ? ` (${result.non2xx} non-2xx!)` : ''),
        );
      }
    } finally {
      await server.stop();
    }
  } finally {
    cluster.stop();
  }
}

await main();
