/**
 * What one work-order creation costs in CPU: milliseconds of the Kefu server process and of the PostgreSQL
 * processes per created order, read from /proc around an autocannon run (50 connections, closed loop).
 * Unlike requests per second, CPU per request barely moves when other work shares the machine, so two commits
 * can be compared on a busy host. The ceiling on a quiet 2-core machine is about 2000 ÷ (server + PostgreSQL
 * + load generator ms) orders per second.
 *   npx tsx bench/create-cost.ts [--tickets 50000] [--duration 15] [--rounds 2]
 * Starts its own throwaway PostgreSQL cluster unless BENCH_PG_URL is set.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
// @ts-expect-error plain ESM helper without types
import { startPgCluster } from '../scripts/pg-cluster.mjs';
import { login, measurePosts, startServer } from './lib/http-load.js';

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '50000' },
    duration: { type: 'string', default: '15' },
    rounds: { type: 'string', default: '2' },
  },
});
const root = resolve(import.meta.dirname, '..');
const PASSWORD = 'bench-pass-123';
const TICKS_PER_MS = 100 / 1000; // USER_HZ is 100 on Linux

/** utime + stime of a process, in clock ticks (KERNEL_ONLY=1: stime only, to see the system-call share). */
function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (process.env.KERNEL_ONLY ? 0 : Number(fields[11])) + Number(fields[12]);
  } catch {
    return 0; // the process ended between listing and reading
  }
}

function parentOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** CPU ticks of the postmaster and every backend it forked (ended backends are not counted: keep connections pooled). */
function clusterTicks(postmaster: number): number {
  let sum = cpuTicks(postmaster);
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === postmaster) continue;
    try {
      if (parentOf(pid) === postmaster) sum += cpuTicks(pid);
    } catch {
      /* gone */
    }
  }
  return sum;
}

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
    const server = await startServer({ DATABASE_URL: dbUrl, KEFU_BACKUP_HOUR: 'off' });
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
        const serverBefore = cpuTicks(server.child.pid!);
        const pgBefore = clusterTicks(postmaster);
        const loadBefore = process.cpuUsage();
        const result = await measurePosts(url, token, body, { duration: Number(values.duration) });
        const load = process.cpuUsage(loadBefore);
        const created = result.requests - result.non2xx;
        const perOrder = (ticks: number) => (ticks / TICKS_PER_MS / created).toFixed(3);
        console.log(
          `round ${round}: ${created} orders, ${result.rps}/s, p99 ${result.p99} ms — CPU per order: server ${perOrder(cpuTicks(server.child.pid!) - serverBefore)} ms, ` +
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
