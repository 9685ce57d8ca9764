#!/usr/bin/env node
// `npm test`: the whole test suite, in three stages.
//
//   unit  vitest (vitest.config.ts) over every *.test.ts, KEFU_TEST_DB=pglite
//   pg    vitest over the *.int.test.ts files only, KEFU_TEST_DB=postgres against a throwaway
//         PostgreSQL cluster (scripts/pg-cluster.mjs; KEFU_TEST_PG_URL = its admin URL)
//   e2e   `npm run build -w @kefu/web`, then vitest with e2e/vitest.config.ts (headless Chromium)
//
// Usage: node scripts/test.mjs [--only unit|pg|e2e] [vitest filters/flags...]
//   npm test                       everything
//   npm test -- --only pg tickets  only the Postgres stage, files whose path contains "tickets"
//
// A stage with no matching test files is skipped (not a failure). The last line printed is
// `N passed, N failed` (all stages summed); the exit code is non-zero if anything failed, a
// stage broke (web build, cluster start, vitest crash) or no test ran at all.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSystemDeps } from './system-deps.mjs';
import { startPgCluster } from './pg-cluster.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const ROOT_CONFIG = join(ROOT, 'vitest.config.ts');
const E2E_CONFIG = join(ROOT, 'e2e', 'vitest.config.ts');
const STAGES = ['unit', 'pg', 'e2e'];

// ---------------------------------------------------------------- arguments
let only = null;
const filters = [];
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--only') only = argv[++i];
    else if (a.startsWith('--only=')) only = a.slice('--only='.length);
    else if (a === '--help' || a === '-h') {
      console.log('usage: node scripts/test.mjs [--only unit|pg|e2e] [vitest filters/flags...]');
      process.exit(0);
    } else filters.push(a);
  }
  if (only !== null && !STAGES.includes(only)) {
    console.error(`[test] --only must be one of ${STAGES.join(', ')} (got ${JSON.stringify(only)})`);
    process.exit(2);
  }
}
const wanted = (stage) => only === null || only === stage;

// ---------------------------------------------------------------- helpers
const scratch = mkdtempSync(join(tmpdir(), 'kefu-test-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

function banner(text) {
  console.log(`\n======== ${text} ========`);
}

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (err) => {
      console.error(`[test] could not run ${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Test files vitest would run for this config + env + filters (no tests are executed). */
async function listTestFiles(config, env) {
  const out = join(scratch, `list-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  const code = await new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [VITEST, 'list', '--config', config, '--filesOnly', `--json=${out}`, '--passWithNoTests', ...filters],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } },
    );
    child.on('error', () => resolve(127));
    child.on('exit', (c) => resolve(c ?? 1));
  });
  if (!existsSync(out)) {
    // Could not list (e.g. a broken config): let the real run report the problem.
    console.log(`[test] (vitest list exited ${code}; running the stage anyway)`);
    return null;
  }
  return JSON.parse(readFileSync(out, 'utf8')).map((e) => e.file);
}

/**
 * Runs vitest once and reads its JSON report.
 * @returns {Promise<{ passed: number, failed: number, total: number, skipped: boolean, notes: string[] }>}
 */
async function runVitest(stage, config, env) {
  const report = join(scratch, `${stage}.json`);
  const args = [
    VITEST, 'run', '--config', config, '--passWithNoTests',
    '--reporter=default', '--reporter=json', `--outputFile.json=${report}`,
    ...filters,
  ];
  console.log(`[test] ${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')} vitest ${args.slice(1).join(' ')}`);
  const code = await run(process.execPath, args, env);
  const res = { passed: 0, failed: 0, total: 0, skipped: false, notes: [] };
  if (!existsSync(report)) {
    res.failed = 1;
    res.notes.push(`vitest exited with code ${code} and wrote no JSON report`);
    return res;
  }
  const j = JSON.parse(readFileSync(report, 'utf8'));
  const files = j.testResults ?? [];
  if (files.length === 0 && code === 0) {
    res.skipped = true;
    res.notes.push('no test files');
    return res;
  }
  res.total = j.numTotalTests ?? 0;
  res.passed = j.numPassedTests ?? 0;
  res.failed = j.numFailedTests ?? 0;
  // A file that failed to load/collect has no failed test of its own: count it as one failure.
  for (const f of files) {
    const failedInFile = (f.assertionResults ?? []).filter((a) => a.status === 'failed').length;
    if (f.status === 'failed' && failedInFile === 0) {
      res.failed += 1;
      res.notes.push(`file failed: ${f.name.replace(ROOT, '')}${f.message ? ` — ${String(f.message).split('\n')[0]}` : ''}`);
    }
  }
  if (code !== 0 && res.failed === 0) {
    res.failed = 1;
    res.notes.push(`vitest exited with code ${code} (unhandled error?) although no test failed`);
  }
  if (res.total === 0) res.notes.push('test files found but zero tests ran');
  const pending = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  if (pending) res.notes.push(`${pending} skipped/todo`);
  return res;
}

// ---------------------------------------------------------------- stages
const results = []; // { stage, passed, failed, total, skipped, notes, secs }
const t0 = Date.now();
let cluster = null;

async function stage(name, fn) {
  if (!wanted(name)) return;
  banner(`stage ${name}`);
  const s = Date.now();
  let r;
  try {
    r = await fn();
  } catch (err) {
    console.error(`[test] stage ${name} broke: ${err instanceof Error ? err.message : err}`);
    r = { passed: 0, failed: 1, total: 0, skipped: false, notes: [`stage broke: ${err instanceof Error ? err.message.split('\n')[0] : err}`] };
  }
  r.secs = (Date.now() - s) / 1000;
  results.push({ stage: name, ...r });
  if (r.skipped) console.log(`[test] stage ${name}: skipped (${r.notes.join('; ')})`);
}

try {
  if (only !== 'unit') {
    banner('system packages');
    try {
      ensureSystemDeps();
    } catch (err) {
      console.error(err instanceof Error ? err.message : err);
      console.log('0 passed, 1 failed');
      process.exit(1);
    }
  }

  await stage('unit', () => runVitest('unit', ROOT_CONFIG, { KEFU_TEST_DB: 'pglite' }));

  await stage('pg', async () => {
    const env = { KEFU_TEST_DB: 'postgres', KEFU_TEST_INT_ONLY: '1' };
    const files = await listTestFiles(ROOT_CONFIG, env);
    if (files && files.length === 0) return { passed: 0, failed: 0, total: 0, skipped: true, notes: ['no *.int.test.ts files'] };
    cluster = await startPgCluster({ log: (m) => console.log(m) });
    return runVitest('pg', ROOT_CONFIG, { ...env, KEFU_TEST_PG_URL: cluster.url });
  });

  await stage('e2e', async () => {
    const env = cluster ? { KEFU_TEST_PG_URL: cluster.url } : {};
    const files = await listTestFiles(E2E_CONFIG, env);
    if (files && files.length === 0) return { passed: 0, failed: 0, total: 0, skipped: true, notes: ['no e2e/**/*.e2e.ts files'] };
    console.log('[test] $ npm run build -w @kefu/web');
    const b = Date.now();
    const code = await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '-w', '@kefu/web']);
    if (code !== 0) {
      return { passed: 0, failed: 1, total: 0, skipped: false, notes: [`web build failed (npm run build -w @kefu/web exited ${code}); browser tests not run`] };
    }
    console.log(`[test] web build done in ${((Date.now() - b) / 1000).toFixed(1)}s`);
    return runVitest('e2e', E2E_CONFIG, env);
  });
} finally {
  if (cluster) {
    cluster.stop();
    if (!cluster.reused) console.log('[pg-cluster] stopped');
  }
}

// ---------------------------------------------------------------- summary
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const total = results.reduce((n, r) => n + r.total, 0);
banner(`summary (${((Date.now() - t0) / 1000).toFixed(0)}s)`);
for (const r of results) {
  const what = r.skipped ? 'skipped' : `${r.passed} passed, ${r.failed} failed of ${r.total}`;
  console.log(`  ${r.stage.padEnd(5)} ${what.padEnd(32)} ${r.secs.toFixed(1).padStart(6)}s${r.notes.length && !r.skipped ? `  (${r.notes.join('; ')})` : ''}`);
}
if (total === 0 && failed === 0) console.log('[test] no test ran at all: that is a failure');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || total === 0 || passed === 0 ? 1 : 0);
