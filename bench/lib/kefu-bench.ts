/**
 * Set-up shared by the browser benchmarks of the hotline: a UI build in a private folder, Kefu server processes on
 * one throwaway PostgreSQL with the demo seeded, demo customers with a unique mobile number, and Chromium.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
// @ts-expect-error plain ESM helper without types
import { startPgCluster } from '../../scripts/pg-cluster.mjs';
import { login, startServer } from './http-load.js';

const root = resolve(import.meta.dirname, '../..');
export const BENCH_PASSWORD = 'bench-pass-123';
export const CTI_TOKEN = 'bench-cti-token-0123456789abcdef';
export const ctiPath = `/api/v1/cti/${CTI_TOKEN}`;

/** Builds the UI into `outDir` (never apps/web/dist, which other work may be serving) unless `given` is set. */
export function buildWeb(given: string | undefined, outDir = '/tmp/web-bench'): string {
  if (given) return resolve(given);
  const started = Date.now();
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: join(root, 'apps/web'), stdio: 'inherit' });
  console.log(`UI built into ${outDir} in ${Math.round((Date.now() - started) / 1000)} s`);
  return outDir;
}

export async function startPg(): Promise<{ url: string; stop(): void }> {
  return process.env.BENCH_PG_URL ? { url: process.env.BENCH_PG_URL, stop: () => {} } : startPgCluster();
}

/**
 * `count` server processes on one database. The first migrates and seeds the demo (password BENCH_PASSWORD), the
 * others start after it on the seeded database; all take the CTI token and serve the UI from `webDist`.
 */
export async function startSeededServers(url: string, count: number, webDist: string, env: Record<string, string> = {}) {
  // One data dir for all: the processes must share the data keys (encrypted PII), as KEFU_WORKERS processes do.
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-bench-data-'));
  const servers = [];
  for (let i = 0; i < count; i++) {
    const started = Date.now();
    servers.push(await startServer({
      DATABASE_URL: url, KEFU_CTI_TOKEN: CTI_TOKEN, KEFU_WEB_DIST: webDist, KEFU_ADMIN_PASSWORD: BENCH_PASSWORD,
      KEFU_SEED_DEMO: i === 0 ? 'true' : 'false', KEFU_DATA_DIR: dataDir, ...env,
    }));
    console.log(`server ${i + 1}/${count} up at ${servers[i]!.baseUrl} in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  return servers;
}

/**
 * `want` demo persons with a mobile number of their own, read through the API as admin (numbers are stored encrypted;
 * revealing them is what an authorised user would do), ordered so that neighbours have different names.
 */
export async function customersWithMobiles(baseUrl: string, want: number): Promise<Array<{ id: number; name: string; mobile: string }>> {
  const token = await login(baseUrl, 'admin', BENCH_PASSWORD);
  const headers = { authorization: `Bearer ${token}` };
  const found: Array<{ id: number; name: string; mobile: string }> = [];
  const numbers = new Set<string>();
  for (let pageNo = 1; found.length < want; pageNo++) {
    const response = await fetch(`${baseUrl}/api/v1/customers?kind=person&pageSize=50&page=${pageNo}`, { headers });
    const { items } = (await response.json()) as { items: Array<{ id: number; name: string }> };
    if (!items?.length) break;
    for (const customer of items) {
      if (found.length >= want) break;
      const pii = (await (await fetch(`${baseUrl}/api/v1/customers/${customer.id}/reveal`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' })).json()) as { phones?: Array<{ number: string }> };
      const mobile = pii.phones?.map((p) => p.number.replace(/\D/g, '').replace(/^(0086|86)(?=1\d{10}$)/, '')).find((n) => /^1[3-9]\d{9}$/.test(n));
      if (!mobile || numbers.has(mobile)) continue;
      numbers.add(mobile);
      found.push({ id: customer.id, name: customer.name, mobile });
    }
  }
  // Interleave halves: neighbouring samples never wait for the same name.
  const half = Math.ceil(found.length / 2);
  return found.slice(0, half).flatMap((r, i) => (found[half + i] ? (found[half + i]!.name !== r.name ? [r, found[half + i]!] : [r]) : [r]));
}

/** The ways Chinese numbers reach a PBX: +86 with dashes, 0086, spaced, bare. */
export function mobileFormats(mobile: string): string[] {
  const [a, b, c] = [mobile.slice(0, 3), mobile.slice(3, 7), mobile.slice(7)];
  return [`+86 ${a}-${b}-${c}`, `0086${mobile}`, `${a} ${b} ${c}`, `+86${mobile}`, `0086 ${a} ${b} ${c}`, mobile, `${a}-${b}-${c}`];
}

// In-page code is passed as strings: tsx compiles functions with a __name helper that does not exist in the page.

/**
 * Before the app loads: records when each live WebSocket message that names a callId reaches the page, so a latency can
 * be split into "delivered" and "rendered". Costs one regex per message.
 */
export async function recordLiveMessages(page: Page) {
  await page.addInitScript(`(() => {
    window.__live = { opened: 0, seen: {} };
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url, protocols) {
        super(url, protocols);
        this.addEventListener('open', () => window.__live.opened++);
        this.addEventListener('message', (event) => {
          const match = /"callId":"([^"]+)"/.exec(String(event.data));
          if (match && !(match[1] in window.__live.seen)) window.__live.seen[match[1]] = Date.now();
        });
      }
    };
  })()`);
}

export const liveMessageSeen = (page: Page, callId: string) => page.evaluate(`window.__live.seen[${JSON.stringify(callId)}] ?? null`) as Promise<number | null>;

/**
 * Installs a MutationObserver that resolves when a visible element matching `selector` (inside `within`, if given)
 * contains `text`: Date.now() at that DOM mutation batch and again in the next animation frame (≈ painted). Null after `timeout`.
 * Install it before causing the change; collect with textSeen(). Cost: one querySelectorAll per mutation batch.
 */
export async function watchForText(page: Page, o: { selector: string; text: string; within?: string; timeout: number; key?: string }) {
  await page.evaluate(`void ((window.__watch ??= {})[${JSON.stringify(o.key ?? 'main')}] = new Promise((resolve) => {
    const selector = ${JSON.stringify(o.selector)}, text = ${JSON.stringify(o.text)}, within = ${JSON.stringify(o.within ?? null)};
    // Visible only: a closed drawer keeps its last content in the DOM.
    const shown = () => Array.from(document.querySelectorAll(selector)).some((el) => (!within || el.closest(within)) && (el.textContent || '').includes(text) && el.checkVisibility());
    let timer;
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      clearTimeout(timer);
      const dom = Date.now();
      requestAnimationFrame(() => resolve({ dom, frame: Date.now() }));
    });
    timer = setTimeout(() => { observer.disconnect(); resolve(null); }, ${o.timeout});
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class', 'style', 'hidden'] });
  }))`);
}

export const textSeen = (page: Page, key = 'main') => page.evaluate(`window.__watch[${JSON.stringify(key)}]`) as Promise<{ dom: number; frame: number } | null>;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
