// End-to-end test harness: a real Kefu server in a child process + Debian's headless Chromium
// driven by playwright-core. Used by e2e/**/*.e2e.ts (run with e2e/vitest.config.ts).
//
//   const kefu = await startKefu();
//   const browser = await launchBrowser();
//   const page = await newPage(browser);              // locale zh-CN by default
//   await login(page, kefu.baseUrl, 'admin', ADMIN_PASSWORD);
//   await screenshot(page, 'dashboard');
//   await browser.close(); await kefu.stop();
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ADMIN_USERNAME = 'admin';
export const ADMIN_PASSWORD = 'demo-pass-123';
export const CHROMIUM_PATH = process.env.KEFU_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');
const LOG_DIR = join(REPO_ROOT, 'test-results', 'e2e-logs');
const SERVER_ENTRY = 'apps/server/src/main.ts';
const STARTUP_TIMEOUT_MS = 90_000;
/**
 * A data folder with the demo department already seeded (e2e/global-setup.ts makes it once per run): servers start
 * from a copy of it instead of seeding again, each still with a database of its own.
 */
export const E2E_TEMPLATE_DIR = process.env.KEFU_E2E_TEMPLATE_DIR ?? join(REPO_ROOT, 'test-results', 'e2e-template');
export const E2E_TEMPLATE_READY = join(E2E_TEMPLATE_DIR, '.ready');
const SEEDING_ENV = ['KEFU_DATA_DIR', 'DATABASE_URL', 'KEFU_SEED_DEMO', 'KEFU_ADMIN_PASSWORD'];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface KefuInstance {
  baseUrl: string;
  port: number;
  dataDir: string;
  /** Path of the file that receives the server's stdout+stderr (kept after stop). */
  logFile: string;
  /** Everything the server printed so far (last ~64 kB). */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHook = false;

/**
 * Starts `node --import tsx apps/server/src/main.ts` on a free port with a fresh data dir and
 * waits until GET /api/health answers 200 (up to 90 s). `env` is merged over the defaults
 * (PORT, KEFU_DATA_DIR, KEFU_ADMIN_PASSWORD='demo-pass-123').
 */
export async function startKefu(opts: { env?: Record<string, string | undefined>; fresh?: boolean; keepDataDir?: boolean; timeoutMs?: number } = {}): Promise<KefuInstance> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-e2e-data-'));
  const seedsItsOwn = opts.fresh || SEEDING_ENV.some((k) => opts.env && k in opts.env);
  if (!seedsItsOwn && existsSync(E2E_TEMPLATE_READY)) cpSync(E2E_TEMPLATE_DIR, dataDir, { recursive: true });
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = join(LOG_DIR, `server-${new Date().toISOString().replace(/[:.]/g, '-')}-${port}.log`);
  const logStream = createWriteStream(logFile);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    KEFU_DATA_DIR: dataDir,
    KEFU_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ...opts.env,
  };
  // Never leak vitest's worker plumbing (nor its NODE_ENV=test) into the server.
  if (process.env.NODE_ENV === 'test' && !opts.env?.NODE_ENV) delete env.NODE_ENV;
  delete env.VITEST;
  delete env.VITEST_POOL_ID;
  delete env.VITEST_WORKER_ID;
  if (env.PORT !== String(port)) throw new Error('startKefu: PORT is chosen by the harness; do not override it');

  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_ENTRY], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => {
      for (const c of running) c.kill('SIGKILL');
    });
  }

  let out = '';
  let sawUrl = false;
  const onData = (chunk: Buffer) => {
    const s = chunk.toString('utf8');
    logStream.write(s);
    out = (out + s).slice(-65_536);
    if (!sawUrl && s.includes('http://')) sawUrl = true;
    if (process.env.KEFU_E2E_VERBOSE === '1') process.stderr.write(`[kefu:${port}] ${s}`);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);

  const state: { exited: { code: number | null; signal: NodeJS.Signals | null } | null; spawnErr: Error | null } = {
    exited: null,
    spawnErr: null,
  };
  const exitPromise = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      state.exited = { code, signal };
      running.delete(child);
      resolve();
    });
  });
  child.on('error', (err) => {
    state.spawnErr = err;
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  let stopped = false;
  const instance: KefuInstance = {
    baseUrl,
    port,
    dataDir,
    logFile,
    output: () => out,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (!state.exited && !state.spawnErr) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exitPromise;
        clearTimeout(timer);
      }
      await new Promise<void>((r) => logStream.end(r));
      if (!opts.keepDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };

  const deadline = Date.now() + (opts.timeoutMs ?? STARTUP_TIMEOUT_MS);
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (state.spawnErr) {
      await instance.stop();
      throw new Error(`startKefu: could not spawn the server: ${state.spawnErr.message}`);
    }
    if (state.exited) {
      const e = state.exited;
      await instance.stop();
      throw new Error(
        `startKefu: the server exited before it was healthy (code ${e.code}, signal ${e.signal}). Output:\n${out.slice(-8000)}`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(3000) });
      if (res.status === 200) return instance;
      lastProblem = `GET /api/health answered ${res.status}`;
    } catch (err) {
      lastProblem = `GET /api/health: ${(err as Error).message}`;
    }
    await new Promise((r) => setTimeout(r, sawUrl ? 100 : 250));
  }
  await instance.stop();
  throw new Error(
    `startKefu: server not healthy after ${(opts.timeoutMs ?? STARTUP_TIMEOUT_MS) / 1000}s (${lastProblem}; printed http:// line: ${sawUrl}). Output:\n${out.slice(-8000)}`,
  );
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Launches Debian's Chromium headless. playwright-core's launch() gives every browser a fresh
 * temporary user-data-dir (and deletes it on close). Close it with `browser.close()`.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

/** A page in a fresh (cookie-less) context; locale zh-CN and a 1440x900 viewport unless overridden. */
export async function newPage(browser: Browser, opts: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    ...opts,
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  return context.newPage();
}

/** Logs in through the UI and waits until the app navigates away from /login. */
export async function login(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('[data-testid="login-username"]').fill(username);
  await page.locator('[data-testid="login-password"]').fill(password);
  await page.locator('[data-testid="login-submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 });
}

/** Saves a full-page PNG to test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Signs in as `username` (demo password) and calls the API; throws on a non-2xx answer. */
export async function apiCall<T>(baseUrl: string, username: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: ADMIN_PASSWORD }) });
  const { token } = (await res.json()) as { token: string };
  const r = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/** A screenshot from the top of the page, after layout settled. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await screenshot(page, name);
}

/**
 * Opens the Ant Design select with this test id, optionally types a search, and picks the option showing `label`.
 * A click landing while the dropdown still animates open can be lost (CI kept one open for 15 s over the button
 * behind it), so a single select is clicked until its dropdown is gone; a multiple select stays open by design and
 * is closed with Escape once the option shows as selected.
 */
export async function pickOption(page: Page, selectTestId: string, label: string, search?: string): Promise<void> {
  const select = page.locator(`[data-testid="${selectTestId}"]`);
  await select.click();
  if (search) await page.keyboard.type(search);
  const open = page.locator('.ant-select-dropdown:visible');
  const option = open.locator('.ant-select-item-option', { hasText: label }).first();
  const multiple = await select.evaluate((el) => el.classList.contains('ant-select-multiple') || el.closest('.ant-select-multiple') !== null);
  for (let attempt = 1; ; attempt++) {
    await option.click();
    if (multiple) {
      await option.and(page.locator('.ant-select-item-option-selected')).waitFor({ timeout: 5_000 });
      await page.keyboard.press('Escape');
    }
    await open.first().waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => undefined);
    if ((await open.count()) === 0) return;
    if (multiple || attempt === 4) throw new Error(`the ${selectTestId} dropdown stayed open after ${attempt} clicks on "${label}"`);
  }
}
