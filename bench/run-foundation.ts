/**
 * The foundation issue's figures: work-order creation throughput, list and search latency, phone lookup,
 * on PostgreSQL (1,000,000 work orders, 200,000 customers) and on embedded PGlite (100,000 / 20,000).
 *   npx tsx bench/run-foundation.ts [--pg-tickets 1000000] [--pglite-tickets 100000] [--skip-pg] [--skip-pglite] [--workers 2] [--duration 10]
 * Starts its own throwaway PostgreSQL cluster (scripts/pg-cluster.mjs) unless BENCH_PG_URL is set.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
// @ts-expect-error plain ESM helper without types
import { startPgCluster } from '../scripts/pg-cluster.mjs';
import { login, measureGets, measurePosts, startServer, type LatencyResult } from './lib/http-load.js';

const { values } = parseArgs({
  options: {
    'pg-tickets': { type: 'string', default: '1000000' },
    'pg-customers': { type: 'string', default: '200000' },
    'pglite-tickets': { type: 'string', default: '100000' },
    'pglite-customers': { type: 'string', default: '20000' },
    'skip-pg': { type: 'boolean', default: false },
    'skip-pglite': { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    workers: { type: 'string', default: '1' },
  },
});
const root = resolve(import.meta.dirname, '..');
const PASSWORD = 'bench-pass-123';

function seed(env: Record<string, string>, tickets: string, customers: string) {
  execFileSync(process.execPath, ['--import', 'tsx', resolve(root, 'bench/seed-volume.ts'), '--tickets', tickets, '--customers', customers, '--password', PASSWORD], {
    cwd: root, env: { ...process.env, ...env }, stdio: 'inherit',
  });
}

interface Figures {
  createMax: Awaited<ReturnType<typeof measurePosts>>;
  createAt1000: Awaited<ReturnType<typeof measurePosts>>;
  latency: Record<'agentQueue' | 'leaderList' | 'search' | 'phoneLookup', { single: LatencyResult; loaded: LatencyResult }>;
}

async function measure(env: Record<string, string>): Promise<Figures> {
  const server = await startServer(env);
  try {
    const api = `${server.baseUrl}/api/v1`;
    const agentToken = await login(server.baseUrl, 'agent', PASSWORD);
    const leaderToken = await login(server.baseUrl, 'leader', PASSWORD);
    const directory = (await (await fetch(`${api}/directory`, { headers: { authorization: `Bearer ${leaderToken}` } })).json()) as { teams: Array<{ id: number }> };
    const teamIds = directory.teams.map((t) => t.id);
    const words = ['退费', '空调 漏水', '投诉', '房产证', '宽带', '服务态度', '电梯故障', '发票', '按揭贷款', '物业费'];
    const workloads = {
      agentQueue: { token: agentToken, urls: [`${api}/tickets?assigneeId=me&status=open&sort=-createdAt&pageSize=20`, `${api}/tickets?responsibleId=me&status=open&pageSize=20`] },
      leaderList: {
        token: leaderToken,
        urls: [
          ...teamIds.map((id) => `${api}/tickets?status=open&teamId=${id}&sort=-createdAt&pageSize=50`),
          `${api}/tickets?status=open&sort=-priority&pageSize=50`,
          `${api}/tickets?status=open&assigneeId=none&sort=-createdAt&pageSize=50`,
          `${api}/tickets?status=new,assigned&sort=-createdAt&pageSize=50`,
        ],
      },
      search: { token: leaderToken, urls: words.map((w) => `${api}/tickets?q=${encodeURIComponent(w)}&pageSize=20`) },
      phoneLookup: { token: agentToken, urls: Array.from({ length: 50 }, (_, i) => `${api}/customers?phone=${encodeURIComponent(`+86 139-${String(1000 + i * 37).padStart(4, '0')}-${String(i * 97).padStart(4, '0')}`)}`) },
    };
    const latency = {} as Figures['latency'];
    for (const [name, w] of Object.entries(workloads) as Array<[keyof typeof workloads, { token: string; urls: string[] }]>) {
      // One user at a time (the latency a person sees), then four at once (the server busy with others too).
      latency[name] = { single: await measureGets(w.urls, w.token, { concurrency: 1, total: 400 }), loaded: await measureGets(w.urls, w.token, { concurrency: 4, total: 400 }) };
    }
    const body = { type: 'consultation', subject: '性能测试：咨询资费', description: '客户来电咨询套餐资费，已告知' };
    const duration = Number(values.duration);
    const createMax = await measurePosts(`${api}/tickets`, agentToken, body, { duration });
    const createAt1000 = await measurePosts(`${api}/tickets`, agentToken, body, { duration, overallRate: 1000 });
    return { createMax, createAt1000, latency };
  } finally {
    await server.stop();
  }
}

function print(label: string, f: Figures) {
  console.log(`\n## ${label}`);
  const c = (r: Figures['createMax']) => `${r.rps} req/s, p50 ${r.p50} ms, p90 ${r.p90} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}`;
  console.log(`create, 50 connections flat out (${values.duration} s): ${c(f.createMax)}`);
  console.log(`create, 50 connections offering 1,000/s (${values.duration} s): ${c(f.createAt1000)}`);
  for (const [name, r] of Object.entries(f.latency)) {
    console.log(`${name.padEnd(12)} one user: p50 ${r.single.p50} ms p95 ${r.single.p95} ms p99 ${r.single.p99} ms | four at once: p50 ${r.loaded.p50} ms p95 ${r.loaded.p95} ms (${r.loaded.rps} req/s) | errors ${r.single.errors + r.loaded.errors}`);
  }
}

const results: Record<string, Figures> = {};
if (!values['skip-pg']) {
  const cluster = process.env.BENCH_PG_URL ? { url: process.env.BENCH_PG_URL, stop: async () => {} } : await startPgCluster();
  try {
    const url = cluster.url.replace(/\/postgres$/, '/postgres');
    const t0 = Date.now();
    seed({ DATABASE_URL: url, KEFU_DATA_DIR: resolve(root, 'bench/.data/pg-files') }, values['pg-tickets']!, values['pg-customers']!);
    console.log(`PostgreSQL seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    results.postgres = await measure({ DATABASE_URL: url, KEFU_DATA_DIR: resolve(root, 'bench/.data/pg-files'), KEFU_WORKERS: values.workers! });
    print(`PostgreSQL, ${values['pg-tickets']} work orders, ${values.workers} server process(es)`, results.postgres);
  } finally {
    await cluster.stop();
  }
}
if (!values['skip-pglite']) {
  const dir = resolve(root, `bench/.data/pglite-${values['pglite-tickets']}`);
  if (!existsSync(resolve(dir, 'pglite'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    seed({ KEFU_DATA_DIR: dir, DATABASE_URL: '' }, values['pglite-tickets']!, values['pglite-customers']!);
  }
  results.pglite = await measure({ KEFU_DATA_DIR: dir, DATABASE_URL: '' });
  print(`PGlite (embedded), ${values['pglite-tickets']} work orders`, results.pglite);
}
if (results.postgres && results.pglite) {
  console.log('\n## PGlite ÷ PostgreSQL (target ≤ 3×)');
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  console.log(`create throughput (flat out): PostgreSQL ÷ PGlite = ${ratio(results.postgres.createMax.rps, results.pglite.createMax.rps)}×`);
  for (const key of ['agentQueue', 'leaderList', 'search', 'phoneLookup'] as const) {
    console.log(`${key} p95, one user: ${ratio(results.pglite.latency[key].single.p95, results.postgres.latency[key].single.p95)}×`);
  }
}
