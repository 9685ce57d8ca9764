#!/usr/bin/env node
// Self-test of the test harness itself (scripts/test.mjs, pg-cluster, vitest configs, e2e harness).
// Builds a throwaway fixture repo in a temp dir — the real harness files, this repo's node_modules
// (symlinked), a stub server (apps/server/src/main.ts) and a few tiny tests — and runs
// `node scripts/test.mjs` in it, checking the exit code and the final `N passed, N failed` line.
//
// Usage: node scripts/harness.selftest.mjs   (needs PostgreSQL + Chromium: scripts/system-deps.mjs)
//        KEFU_SELFTEST_KEEP=1 keeps the fixture dirs for inspection.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HARNESS_FILES = [
  'scripts/test.mjs', 'scripts/pg-cluster.mjs', 'scripts/system-deps.mjs',
  'vitest.config.ts', 'e2e/vitest.config.ts', 'e2e/harness.ts', 'e2e/smoke.e2e.ts',
];

const STUB_SERVER = `
import { createServer } from 'node:http';
const port = Number(process.env.PORT);
if (!process.env.KEFU_DATA_DIR || process.env.KEFU_ADMIN_PASSWORD !== 'demo-pass-123') {
  console.error('harness did not pass KEFU_DATA_DIR / KEFU_ADMIN_PASSWORD'); process.exit(3);
}
const page = '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>登录</title></head>' +
  '<body><h1>客服系统 登录</h1><form><input data-testid="login-username"><input type="password" data-testid="login-password">' +
  '<button type="button" data-testid="login-submit" onclick="location.href=\\'/home\\'">登录</button></form></body></html>';
createServer((req, res) => {
  if (req.url === '/api/health') { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ status: 'ok' })); return; }
  if (req.url === '/home') { res.setHeader('content-type', 'text/html; charset=utf-8'); res.end('<html lang="zh-CN"><body>首页</body></html>'); return; }
  if (req.url === '/login') { res.setHeader('content-type', 'text/html; charset=utf-8'); res.end(page); return; }
  res.statusCode = 404; res.end('not found');
}).listen(port, '127.0.0.1', () => console.log('Kefu stub listening on http://127.0.0.1:' + port));
`;

const UNIT_TEST = `
import { expect, it } from 'vitest';
it('adds', () => expect(1 + 1).toBe(2));
it('sees the DB mode', () => expect(['pglite', 'postgres']).toContain(process.env.KEFU_TEST_DB));
`;

const INT_TEST = `
import { expect, it } from 'vitest';
import pg from 'pg';
it('talks to the configured database', async () => {
  if (process.env.KEFU_TEST_DB !== 'postgres') { expect(process.env.KEFU_TEST_DB).toBe('pglite'); return; }
  const c = new pg.Client({ connectionString: process.env.KEFU_TEST_PG_URL });
  await c.connect();
  const r = await c.query("select current_setting('max_connections') as mc, current_setting('fsync') as fs, host(inet_server_addr()) as addr");
  await c.end();
  expect(r.rows[0]).toEqual({ mc: '300', fs: 'off', addr: '127.0.0.1' });
});
`;

// Exercises login() and newPage() of the harness against the stub's fake login form.
const LOGIN_E2E = `
import { expect, it } from 'vitest';
import { launchBrowser, login, newPage, startKefu } from './harness.js';
it('login() fills the form and waits until we leave /login', async () => {
  const kefu = await startKefu({ env: { KEFU_EXTRA: '1' } });
  const browser = await launchBrowser();
  try {
    const page = await newPage(browser);
    await login(page, kefu.baseUrl, 'admin', 'demo-pass-123');
    expect(new URL(page.url()).pathname).toBe('/home');
    expect(await page.evaluate(() => navigator.language)).toBe('zh-CN');
  } finally {
    await browser.close();
    await kefu.stop();
  }
});
`;

const FAILING_TEST = `
import { expect, it } from 'vitest';
it('fails on purpose', () => expect(1).toBe(2));
`;

function makeFixture({ unit = true, int = true, e2e = true, failing = false, webBuildFails = false, serverCrashes = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-harness-selftest-'));
  for (const f of HARNESS_FILES) {
    if (!e2e && f === 'e2e/smoke.e2e.ts') continue;
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(ROOT, f), join(dir, f));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fixture', private: true, type: 'module', workspaces: ['apps/web'] }));
  mkdirSync(join(dir, 'apps/web'), { recursive: true });
  writeFileSync(join(dir, 'apps/web/package.json'), JSON.stringify({ name: '@kefu/web', private: true, scripts: { build: webBuildFails ? 'node -e "process.exit(3)"' : 'node -e "console.log(\'fixture web build\')"' } }));
  mkdirSync(join(dir, 'apps/server/src'), { recursive: true });
  writeFileSync(join(dir, 'apps/server/src/main.ts'), serverCrashes ? "throw new Error('stub server crashed on purpose');" : STUB_SERVER);
  if (unit) writeFileSync(join(dir, 'apps/server/src/math.test.ts'), UNIT_TEST);
  if (int) writeFileSync(join(dir, 'apps/server/src/db.int.test.ts'), INT_TEST);
  if (e2e) writeFileSync(join(dir, 'e2e/login.e2e.ts'), LOGIN_E2E);
  if (failing) writeFileSync(join(dir, 'apps/server/src/broken.test.ts'), FAILING_TEST);
  return dir;
}

function runTests(dir, args) {
  const env = { ...process.env };
  delete env.KEFU_TEST_PG_URL;
  const r = spawnSync(process.execPath, [join(dir, 'scripts/test.mjs'), ...args], { cwd: dir, encoding: 'utf8', env });
  const lines = (r.stdout ?? '').trimEnd().split('\n');
  return { code: r.status, last: lines.at(-1), out: (r.stdout ?? '') + (r.stderr ?? '') };
}

const cases = [
  { name: 'all stages pass', fixture: {}, args: [], code: 0, last: '7 passed, 0 failed' },
  { name: 'a failing unit test fails the run', fixture: { failing: true, int: false, e2e: false }, args: ['--only', 'unit'], code: 1, last: '2 passed, 1 failed' },
  { name: 'no tests at all fails the run', fixture: { unit: false, int: false, e2e: false }, args: ['--only', 'unit'], code: 1, last: '0 passed, 0 failed' },
  { name: 'stages without files are skipped', fixture: { int: false, e2e: false }, args: [], code: 0, last: '2 passed, 0 failed', expect: /stage pg: skipped[\s\S]*stage e2e: skipped/ },
  { name: 'a broken web build fails the e2e stage', fixture: { webBuildFails: true }, args: ['--only', 'e2e'], code: 1, last: '0 passed, 1 failed', expect: /web build failed/ },
  { name: 'a crashing server is reported by startKefu', fixture: { serverCrashes: true }, args: ['--only', 'e2e'], code: 1, last: '0 passed, 2 failed', expect: /exited before it was healthy[\s\S]*crashed on purpose/ },
  { name: 'filters reach vitest', fixture: {}, args: ['--only', 'pg', 'db.int'], code: 0, last: '1 passed, 0 failed' },
];

let bad = 0;
for (const c of cases) {
  const dir = makeFixture(c.fixture);
  const t = Date.now();
  const r = runTests(dir, c.args);
  const ok = r.code === c.code && r.last === c.last && (!c.expect || c.expect.test(r.out));
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${c.name}: exit ${r.code}, "${r.last}" (${((Date.now() - t) / 1000).toFixed(1)}s)`);
  if (!ok) {
    bad++;
    console.log(`     expected exit ${c.code}, "${c.last}". Output:\n${r.out.slice(-6000)}`);
  }
  if (c.name === 'all stages pass' && ok && !existsSync(join(dir, 'test-results/screenshots/smoke-login.png'))) {
    bad++;
    console.log('FAIL smoke screenshot was not written');
  }
  if (process.env.KEFU_SELFTEST_KEEP === '1') console.log(`     kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
const leftovers = readdirSync(tmpdir()).filter((n) => n.startsWith('kefu-pg-'));
if (leftovers.length) console.log(`note: temp PG dirs still present: ${leftovers.join(', ')}`);
console.log(`${cases.length - bad} passed, ${bad} failed`);
process.exit(bad ? 1 : 0);
