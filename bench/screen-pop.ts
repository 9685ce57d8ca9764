/**
 * Issue 4's screen-pop figure: p95 ≤ 300 ms from the PBX's `newCall` to the caller's customer panel in the agent's browser.
 *   npx tsx bench/screen-pop.ts [--samples 100] [--load-rate 1000] [--connections 64] [--agents 300] [--web-dist /tmp/web-bench] [--profile /tmp/page.cpuprofile]
 * Starts a throwaway PostgreSQL cluster (unless BENCH_PG_URL is set), builds the UI into /tmp/web-bench (unless
 * --web-dist), starts one Kefu server with the demo seeded, and opens headless Chromium signed in as demo `agent`.
 * Each sample POSTs newCall (inbound, user=agent) from a demo customer's mobile in a varied Chinese format and waits for
 * that customer's name in the drawer's customer panel, then hangs up and closes the drawer. Phase 1 on an idle server,
 * phase 2 while other calls arrive at --load-rate events/s (--load-rate 0 skips it).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../apps/server/src/db/client.js';
import { launchBrowser, login, newPage } from '../e2e/harness.js';
import { createBenchAgents, formatLoad, formatSummary, startBackgroundLoad, summarize } from './lib/cti-load.js';
import { BENCH_PASSWORD, buildWeb, ctiPath, customersWithMobiles, liveMessageSeen, mobileFormats, recordLiveMessages, sleep, startPg, startSeededServers, textSeen, watchForText } from './lib/kefu-bench.js';

const { values } = parseArgs({
  options: {
    samples: { type: 'string', default: '100' },
    warmup: { type: 'string', default: '3' },
    'load-rate': { type: 'string', default: '1000' },
    connections: { type: 'string', default: '64' },
    agents: { type: 'string', default: '300' },
    'web-dist': { type: 'string' },
    timeout: { type: 'string', default: '5000' },
    // A V8 CPU profile of the page's main thread over the loaded phase (summary: node bench/lib/cpu-summary.mjs FILE).
    profile: { type: 'string' },
  },
});
const samples = Number(values.samples);
const loadRate = Number(values['load-rate']);
const TARGET_P95 = 300;

const webDist = buildWeb(values['web-dist']);
const cluster = await startPg();
const [server] = await startSeededServers(cluster.url, 1, webDist);
const database = await openDatabase({ url: cluster.url, poolSize: 2 });
const browser = await launchBrowser();
try {
  await createBenchAgents(database.db, Number(values.agents));
  const baseUrl = server!.baseUrl;
  const customers = await customersWithMobiles(baseUrl, samples + Number(values.warmup) + 10);
  if (customers.length === 0) throw new Error('no demo customer with a mobile number');
  if (samples + Number(values.warmup) > customers.length) console.log(`note: ${customers.length} distinct customers; later samples repeat a customer (its panel may come from the browser's cache)`);
  const cti = async (body: Record<string, unknown>) => {
    const response = await fetch(`${baseUrl}${ctiPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`CTI ${body.event}: ${response.status}`);
  };

  const page = await newPage(browser);
  await recordLiveMessages(page);
  const openAgentPage = async () => {
    await login(page, baseUrl, 'agent', BENCH_PASSWORD);
    await page.locator('[data-testid="live-status"][data-connected="yes"]').waitFor({ state: 'attached', timeout: 30_000 });
  };
  await openAgentPage();

  /** One pop: POST newCall → the name in the drawer's customer panel (DOM and next frame) and the WebSocket arrival. */
  const pop = async (n: number, phase: string) => {
    const customer = customers[n % customers.length]!;
    const formats = mobileFormats(customer.mobile);
    const from = formats[n % formats.length]!;
    const callId = `pop-${phase}-${n}-${Date.now()}`;
    // The observer is in the page before the POST; it checks the drawer on every DOM mutation batch.
    await watchForText(page, { selector: '[data-testid="customer-panel-name"]', within: '[data-testid="screen-pop"]', text: customer.name, timeout: Number(values.timeout) });
    // The name alone, as the ringing message carries it (before the panel's request) or from the loaded panel.
    await watchForText(page, { key: 'named', selector: '[data-testid="customer-panel-known-name"], [data-testid="customer-panel-name"]', within: '[data-testid="screen-pop"]', text: customer.name, timeout: Number(values.timeout) });
    const t0 = Date.now();
    await cti({ event: 'newCall', direction: 'in', callId, from, to: '4008001234', user: 'agent' });
    const acked = Date.now();
    const seen = await textSeen(page);
    const named = await textSeen(page, 'named');
    const ws = await liveMessageSeen(page, callId);
    await cti({ event: 'hangup', direction: 'in', callId, from, to: '4008001234', user: 'agent', cause: 'cancel' });
    // An unanswered hangup closes the pop (call.ended); should it still be open, the agent closes it.
    const close = page.locator('[data-testid="screen-pop"] .ant-drawer-close');
    if (await close.isVisible()) await close.click({ timeout: 5000 }).catch(() => {});
    await page.locator('[data-testid="screen-pop"] [data-testid="customer-panel-name"]').waitFor({ state: 'hidden', timeout: 5000 });
    await sleep(50 + Math.random() * 100);
    if (!seen) return { from, name: customer.name, missed: true as const };
    return { from, name: customer.name, missed: false as const, dom: seen.dom - t0, frame: seen.frame - t0, named: named === null ? null : named.frame - t0, ws: ws === null ? null : ws - t0, post: acked - t0 };
  };

  const phase = async (label: string, key: string) => {
    for (let i = 0; i < Number(values.warmup); i++) await pop(samples + i, `${key}w`);
    const results = [];
    for (let i = 0; i < samples; i++) results.push(await pop(i, key));
    const ok = results.filter((r) => !r.missed) as Array<{ dom: number; frame: number; named: number | null; ws: number | null; post: number; from: string }>;
    const missed = results.filter((r) => r.missed);
    // A miss counts as the timeout (a lower bound), so it cannot flatter the percentiles.
    const frame = summarize([...ok.map((r) => r.frame), ...missed.map(() => Number(values.timeout))]);
    console.log(`\n== ${label}`);
    console.log(`screen pop, POST newCall → customer name painted (next animation frame): ${formatSummary(frame)}  → p95 ${frame.p95 <= TARGET_P95 ? '≤' : '>'} ${TARGET_P95} ms ${frame.p95 <= TARGET_P95 ? 'MET' : 'NOT MET'}`);
    console.log(`  name in the DOM (MutationObserver):                 ${formatSummary(summarize(ok.map((r) => r.dom)))}`);
    console.log(`  caller's name painted (from the message or panel):  ${formatSummary(summarize(ok.flatMap((r) => (r.named === null ? [] : [r.named]))))}`);
    console.log(`  call.ringing WebSocket message reaches the page:    ${formatSummary(summarize(ok.flatMap((r) => (r.ws === null ? [] : [r.ws]))))}`);
    console.log(`  CTI POST answered (the PBX's view):                 ${formatSummary(summarize(ok.map((r) => r.post)))}`);
    console.log(`  caller number formats, in turn: ${mobileFormats('13812345678').join(' | ')}`);
    if (missed.length) console.log(`  MISSED (no name within ${values.timeout} ms, counted as ${values.timeout} ms): ${missed.length}: ${missed.slice(0, 5).map((m) => `${m.from} ${m.name}`).join('; ')}`);
    return { frame, missed: missed.length };
  };

  console.log(`Method: Node takes Date.now() just before POSTing newCall to the CTI endpoint; a MutationObserver installed in the page
beforehand checks the drawer ([data-testid=screen-pop]) for the customer's name in the customer panel on every DOM mutation batch
and takes Date.now() when it appears, then once more in the next requestAnimationFrame (≈ when the frame with the name is painted;
the reported figure). Both clocks are this machine's wall clock (1 ms resolution). Observer overhead: one querySelectorAll per
mutation batch (< 1 ms); a WebSocket wrapper in the page records when call.ringing arrives (one regex per message).
Each sample uses another demo customer (the panel is fetched, not cached); ${values.warmup} warm-up pops per phase are not counted.`);
  await phase(`idle server, ${samples} samples`, 'idle');
  if (loadRate > 0) {
    // A fresh page: no customer panel of phase 1 in the browser's query cache.
    await page.reload();
    await page.locator('[data-testid="live-status"][data-connected="yes"]').waitFor({ state: 'attached', timeout: 30_000 });
    const load = startBackgroundLoad(baseUrl, { path: ctiPath, rate: loadRate, connections: Number(values.connections), prefix: 'bg', agents: Number(values.agents) });
    await sleep(3000);
    const profiler = values.profile ? await page.context().newCDPSession(page) : null;
    if (profiler) await profiler.send('Profiler.enable').then(() => profiler.send('Profiler.start'));
    await phase(`with background CTI load of ${loadRate} events/s (other agents' calls), ${samples} samples`, 'load');
    if (profiler) {
      const { profile } = await profiler.send('Profiler.stop');
      writeFileSync(values.profile!, JSON.stringify(profile));
      console.log(`  page CPU profile: ${values.profile}`);
    }
    console.log(`  background load: ${formatLoad(await load.stop())}`);
  }
} finally {
  await browser.close();
  await database.close();
  await server!.stop();
  cluster.stop();
}
