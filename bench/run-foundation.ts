/**
 * The foundation issue's figures: work-order creation throughput, list and search latency, phone lookup,
 * on PostgreSQL (1,000,000 work orders, 200,000 customers) and on embedded PGlite (100,000 / 20,000).
 *   npx tsx bench/run-foundation.ts [--pg-tickets 1000000] [--pglite-tickets 100000] [--skip-pg] [--skip-pglite]
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
  create: Awaited<ReturnType<typeof measurePosts>>;
  agentQueue: LatencyResult;
  leaderList: LatencyResult;
  search: LatencyResult;
  phoneLookup: LatencyResult;
}

async function measure(env: Record<string, string>): Promise<Figures> {
  const server = await startServer(env);
  try {
    const api = `${server.baseUrl}/api/v1`;
    const agentToken = await login(server.baseUrl, 'agent', PASSWORD);
    const leaderToken = await login(server.baseUrl, 'leader', PASSWORD);
    const directory = (await (await fetch(`${api}/directory`, { headers: { authorization: `Bearer ${leaderToken}` } })).json()) as { teams: Array<{ id: number }> };
    const teamIds = directory.teams.map((t) => t.id);
    const agentQueue = await measureGets([`${api}/tickets?assigneeId=me&status=open&sort=-createdAt&pageSize=20`, `${api}/tickets?responsibleId=me&status=open&pageSize=20`], agentToken);
    const leaderList = await measureGets(
      [
        ...teamIds.map((id) => `${api}/tickets?status=open&teamId=${id}&sort=-createdAt&pageSize=50`),
        `${api}/tickets?status=open&sort=-priority&pageSize=50`,
        `${api}/tickets?status=open&assigneeId=none&sort=-createdAt&pageSize=50`,
        `${api}/tickets?status=new,assigned&sort=-createdAt&pageSize=50`,
      ],
      leaderToken,
    );
    const words = ['退费', '空调 漏水', '投诉', '房产证', '宽带', '服务态度', '电梯故障', '发票', '按揭贷款', '物业费'];
    const search = await measureGets(words.map((w) => `${api}/tickets?q=${encodeURIComponent(w)}&pageSize=20`), leaderToken);
    const phones = Array.from({ length: 50 }, (_, i) => `${api}/customers?phone=${encodeURIComponent(`+86 139-${String(1000 + i * 37).padStart(4, '0')}-${String(i * 97).padStart(4, '0')}`)}`);
    const phoneLookup = await measureGets(phones, agentToken);
    const create = await measurePosts(`${api}/tickets`, agentToken, { type: 'consultation', subject: '性能测试：咨询资费', description: '客户来电咨询套餐资费，已告知' }, { duration: Number(values.duration) });
    return { create, agentQueue, leaderList, search, phoneLookup };
  } finally {
    await server.stop();
  }
}

function print(label: string, f: Figures) {
  console.log(`\n## ${label}`);
  console.log(`create work orders (50 connections, ${values.duration} s): ${f.create.rps} req/s, p50 ${f.create.p50} ms, p99 ${f.create.p99} ms, non-2xx ${f.create.non2xx}, errors ${f.create.errors}`);
  for (const [name, r] of Object.entries({ 'agent queue': f.agentQueue, 'leader list': f.leaderList, 'full-text search': f.search, 'phone lookup': f.phoneLookup })) {
    console.log(`${name.padEnd(18)} p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms  (${r.requests} requests, ${r.errors} errors, ${r.rps} req/s at concurrency 4)`);
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
    results.postgres = await measure({ DATABASE_URL: url, KEFU_DATA_DIR: resolve(root, 'bench/.data/pg-files') });
    print(`PostgreSQL, ${values['pg-tickets']} work orders`, results.postgres);
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
  console.log(`create throughput: ${ratio(results.postgres.create.rps, results.pglite.create.rps)}× slower`);
  for (const key of ['agentQueue', 'leaderList', 'search', 'phoneLookup'] as const) console.log(`${key} p95: ${ratio(results.pglite[key].p95, results.postgres[key].p95)}×`);
}
