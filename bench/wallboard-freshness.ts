/**
 * Issue 4's wallboard figure: p99 ≤ 1 s from a CTI event to the shift leader's browser under ~5,000 CTI events/s.
 *   npx tsx bench/wallboard-freshness.ts [--markers 100] [--rate 5000] [--connections 256] [--agents 300] [--web-dist /tmp/web-bench]
 * Two Kefu server processes (A and B) on one throwaway PostgreSQL (unless BENCH_PG_URL), the demo seeded. Background
 * calls (newCall → answer → hangup) go to both at --rate events/s in total. Markers go to A only; everything that
 * watches is connected to B, so each figure includes the cross-process hop (LISTEN/NOTIFY):
 *  - wallboard: Chromium signed in as demo `leader` on B's /wallboard. A marker is an agentState event putting demo
 *    agent13 on a break with a new reason; the wallboard shows it as 休息（reason） in the agent table. Path: A writes,
 *    A's wallboard notifier announces wallboard.changed (≤ 1 per 300 ms per process), B relays it, the page refetches
 *    GET /api/v1/wallboard from B and renders.
 *  - WebSocket: a plain client on B's /api/v1/live signed in as demo agent12. A marker is a newCall ringing agent12;
 *    measured until its call.ringing message arrives.
 * With --windows-only [--hour-calls 200000]: no servers, no browser — the server-side cost of the wallboard's
 * 15/30/60-minute windows over an hour of that many calls, from the per-minute rollups (with the minutes of the
 * last three minutes' calls changed before each read, as under load) against the former scan of the calls, in process.
 */
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { sql } from 'kysely';
import { PERMISSIONS } from '@kefu/shared';
import { openDatabase } from '../apps/server/src/db/client.js';
import { migrateToLatest } from '../apps/server/src/db/migrate.js';
import { ensureTenant } from '../apps/server/src/bootstrap/tenant.js';
import { systemActor } from '../apps/server/src/lib/actor.js';
import { scannedWindows, WINDOWS_MINUTES } from '../apps/server/src/modules/wallboard/wallboard.service.js';
import { windowMetrics } from '../apps/server/src/modules/wallboard/wallboard-windows.js';
import { launchBrowser, login, newPage } from '../e2e/harness.js';
import { login as apiLogin } from './lib/http-load.js';
import { createBenchAgents, formatLoad, formatSummary, startBackgroundLoad, summarize } from './lib/cti-load.js';
import { BENCH_PASSWORD, buildWeb, ctiPath, sleep, startPg, startSeededServers, textSeen, watchForText } from './lib/kefu-bench.js';

const { values } = parseArgs({
  options: {
    markers: { type: 'string', default: '100' },
    rate: { type: 'string', default: '5000' },
    connections: { type: 'string', default: '256' },
    agents: { type: 'string', default: '300' },
    'web-dist': { type: 'string' },
    timeout: { type: 'string', default: '5000' },
    settle: { type: 'string', default: '5' },
    'windows-only': { type: 'boolean', default: false },
    'hour-calls': { type: 'string', default: '200000' },
  },
});

if (values['windows-only']) {
  await windowsOnly(Number(values['hour-calls']));
  process.exit(0);
}

/** The windows' server-side cost over an hour of `count` calls: per-minute rollups against the scan they replace. */
async function windowsOnly(count: number) {
  const cluster = await startPg();
  const database = await openDatabase({ url: cluster.url, poolSize: 4 });
  const { db } = database;
  try {
    await migrateToLatest(db);
    await ensureTenant(db, { id: 1, code: 'default', name: '客服中心' });
    // The last 65 minutes: 88 % answered (wait 0–44 s, talk 30–89 s), 7 % abandoned, 2 % short abandons, the rest busy;
    // the calls of the last two minutes still waiting or talking.
    await sql`
      with g as (select i, (i * 2654435761) % 4294967296 as h, (i * 31) % 100 as roll, now() - ((i * 3900.0) / ${count}) * interval '1 second' as started
                 from generate_series(1, ${count}::bigint) i)
      insert into calls (tenant_id, call_id, direction, to_number, queue, started_at, queued_at, answered_at, ended_at, hangup_cause, last_event, last_event_at)
      select 1, 'w' || i, 'in', '4001234567', 'queue' || (1 + i % 10), started, started,
        case when roll < 88 and started < now() - interval '45 seconds' then started + ((h / 7) % 45) * interval '1 second' end,
        case when started > now() - interval '2 minutes' then null
             when roll < 88 then started + ((h / 7) % 45 + 30 + (h / 19) % 60) * interval '1 second'
             when roll < 95 then started + (10 + (h / 11) % 120) * interval '1 second' else started + (1 + (h / 13) % 4) * interval '1 second' end,
        case when roll < 88 then 'normalClearing' when roll < 97 then 'cancel' else 'busy' end, 'hangup', started
      from g`.execute(db);
    await sql`vacuum analyze calls`.execute(db);
    const actor = systemActor(1, PERMISSIONS);
    const timed = async <T>(f: () => Promise<T>) => { const t = performance.now(); const r = await f(); return { ms: performance.now() - t, r }; };
    const first = await timed(() => windowMetrics(db, 1, new Date(), WINDOWS_MINUTES));
    console.log(`${count} calls in the last hour; first read builds the hour's minute rollups: ${Math.round(first.ms)} ms`);
    const rolled: number[] = [];
    const scanned: number[] = [];
    let same = 0;
    const rounds = 10;
    for (let i = 0; i < rounds; i++) {
      // What three seconds of traffic at full load do: calls of the last three minutes get their answer or hangup.
      await sql`update calls set hold_count = hold_count where tenant_id = 1 and started_at > now() - interval '3 minutes' and id % ${rounds} = ${i}`.execute(db);
      const at = new Date();
      const a = await timed(() => windowMetrics(db, 1, at, WINDOWS_MINUTES));
      const b = await timed(() => scannedWindows(db, actor, at));
      rolled.push(a.ms);
      scanned.push(b.ms);
      if (JSON.stringify(a.r) === JSON.stringify(b.r)) same++;
    }
    const stats = (xs: number[]) => { const s = [...xs].sort((x, y) => x - y); return `p50 ${Math.round(s[Math.floor(s.length / 2)]!)} ms, max ${Math.round(s.at(-1)!)} ms`; };
    console.log(`windows from minute rollups (refresh + read): ${stats(rolled)}`);
    console.log(`windows scanning the calls (before):          ${stats(scanned)}`);
    console.log(`identical answers: ${same} of ${rounds}`);
  } finally {
    await database.close();
    cluster.stop();
  }
}
const markers = Number(values.markers);
const rate = Number(values.rate);
const timeout = Number(values.timeout);
const TARGET_P99 = 1000;
const MARKER_AGENT = 'agent13';
const WS_AGENT = 'agent12';

const webDist = buildWeb(values['web-dist']);
const cluster = await startPg();
const servers = await startSeededServers(cluster.url, 2, webDist);
const [a, b] = [servers[0]!, servers[1]!];
const database = await openDatabase({ url: cluster.url, poolSize: 2 });
const browser = await launchBrowser();
let socket: WebSocket | null = null;
try {
  await createBenchAgents(database.db, Number(values.agents));
  const cti = async (body: Record<string, unknown>) => {
    const response = await fetch(`${a.baseUrl}${ctiPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`CTI ${body.event}: ${response.status}`);
  };

  // The plain WebSocket client on B.
  const arrivals = new Map<string, number>();
  const token = await apiLogin(b.baseUrl, WS_AGENT, BENCH_PASSWORD);
  socket = new WebSocket(`${b.baseUrl.replace('http', 'ws')}/api/v1/live?token=${encodeURIComponent(token)}`);
  await new Promise<void>((resolve, reject) => {
    socket!.once('error', reject);
    socket!.on('message', (data) => {
      const message = JSON.parse(String(data)) as { topic: string; payload: { callId?: string } };
      if (message.topic === 'hello') resolve();
      if (message.topic === 'call.ringing' && message.payload.callId && !arrivals.has(message.payload.callId)) arrivals.set(message.payload.callId, Date.now());
    });
  });
  const arrival = async (callId: string) => {
    const until = Date.now() + timeout;
    while (!arrivals.has(callId) && Date.now() < until) await sleep(2);
    return arrivals.get(callId) ?? null;
  };

  // The wallboard in Chromium on B.
  const page = await newPage(browser);
  await login(page, b.baseUrl, 'leader', BENCH_PASSWORD);
  await page.goto(`${b.baseUrl}/wallboard`);
  await page.locator('[data-testid="live-status"][data-connected="yes"]').waitFor({ state: 'attached', timeout: 30_000 });
  await page.locator('[data-testid="wallboard-waiting"]').waitFor({ timeout: 30_000 });
  // The agents' table is virtual (only the rows in view are in the page): scroll the marker agent into view, as the
  // leader watching that agent would.
  const leaderToken = await apiLogin(b.baseUrl, 'leader', BENCH_PASSWORD);
  const shown = (await (await fetch(`${b.baseUrl}/api/v1/wallboard`, { headers: { authorization: `Bearer ${leaderToken}` } })).json()) as { agents: Array<{ user: { id: number; name: string } }> };
  const marker = await database.db.selectFrom('users').select('id').where('username', '=', MARKER_AGENT).executeTakeFirstOrThrow();
  const index = shown.agents.findIndex((agent) => agent.user.id === Number(marker.id));
  await page.locator('[data-testid="wallboard-agents"] .ant-table-row').first().waitFor();
  await page.evaluate((i) => {
    const holder = document.querySelector('[data-testid="wallboard-agents"] .ant-table-tbody-virtual-holder')!;
    holder.scrollTop = Math.max(0, i - 3) * document.querySelector('[data-testid="wallboard-agents"] .ant-table-row')!.getBoundingClientRect().height;
  }, index);
  await page.locator('[data-testid="wallboard-agents"] .ant-table-row', { hasText: shown.agents[index]!.user.name }).waitFor({ timeout: 10_000 });

  // The page's GETs of the wallboard: how long they take, and how many a newer wallboard.changed cancelled.
  const wallboardGets = { started: new Map<object, number>(), durations: [] as number[], failed: 0, counting: false };
  page.on('request', (r) => wallboardGets.counting && r.url().includes('/api/v1/wallboard') && wallboardGets.started.set(r, Date.now()));
  page.on('requestfinished', (r) => {
    const t = wallboardGets.started.get(r);
    if (t !== undefined) wallboardGets.durations.push(Date.now() - t);
  });
  page.on('requestfailed', (r) => wallboardGets.started.has(r) && wallboardGets.failed++);

  const split = Math.max(1, Math.floor(Number(values.connections) / 2));
  const loads = [a, b].map((s, i) => startBackgroundLoad(s.baseUrl, { path: ctiPath, rate: rate / 2, connections: split, prefix: `bg${i}`, agents: Number(values.agents) }));
  await sleep(Number(values.settle) * 1000);

  console.log(`Method: Node takes Date.now() just before POSTing the marker to server A. In the page (on server B) a MutationObserver,
installed before the POST, looks for "（<reason>）" in the wallboard's tags on every DOM mutation batch and takes Date.now() when
it appears and again in the next requestAnimationFrame (≈ painted; the reported figure). The WebSocket client on B takes
Date.now() when call.ringing for the marker call arrives. One machine, one wall clock (1 ms). Markers are ${markers}, 200–600 ms apart
(random, so they do not line up with the notifier's 300 ms rhythm), after ${values.settle} s of load.`);
  const board: Array<{ dom: number; frame: number }> = [];
  const ws: number[] = [];
  let boardMissed = 0;
  let wsMissed = 0;
  const run = `${Date.now() % 100_000}`;
  wallboardGets.counting = true;
  for (let i = 0; i < markers; i++) {
    const reason = `M${run}-${i}`;
    const callId = `mark-${run}-${i}`;
    await watchForText(page, { selector: '.ant-tag', text: `（${reason}）`, timeout });
    const t0 = Date.now();
    await cti({ event: 'agentState', user: MARKER_AGENT, state: 'break', reason });
    const t1 = Date.now();
    await cti({ event: 'newCall', direction: 'in', callId, from: '13700000000', to: '4008001234', user: WS_AGENT });
    const [seen, got] = await Promise.all([textSeen(page), arrival(callId)]);
    if (seen) board.push({ dom: seen.dom - t0, frame: seen.frame - t0 });
    else (boardMissed++, board.push({ dom: timeout, frame: timeout }));
    if (got !== null) ws.push(got - t1);
    else (wsMissed++, ws.push(timeout));
    await cti({ event: 'hangup', direction: 'in', callId, from: '13700000000', to: '4008001234', user: WS_AGENT, cause: 'cancel' });
    await sleep(200 + Math.random() * 400);
  }
  wallboardGets.counting = false;
  const results = await Promise.all(loads.map((l) => l.stop()));
  const p99ok = (s: ReturnType<typeof summarize>) => (s.p99 <= TARGET_P99 ? `p99 ≤ ${TARGET_P99} ms MET` : `p99 > ${TARGET_P99} ms NOT MET`);
  const frame = summarize(board.map((m) => m.frame));
  const wsSummary = summarize(ws);
  console.log(`\n== wallboard freshness under ${rate} events/s offered (markers to server A, watchers on server B)`);
  console.log(`wallboard in Chromium, agentState → 休息（reason） painted:  ${formatSummary(frame)}  → ${p99ok(frame)}${boardMissed ? `  MISSED ${boardMissed} (not shown within ${timeout} ms; counted as ${timeout} ms)` : ''}`);
  console.log(`  in the DOM (MutationObserver):                          ${formatSummary(summarize(board.map((m) => m.dom)))}`);
  console.log(`WebSocket client, newCall → call.ringing on the other process: ${formatSummary(wsSummary)}  → ${p99ok(wsSummary)}${wsMissed ? `  MISSED ${wsMissed} (counted as ${timeout} ms)` : ''}`);
  console.log(`  the page's GET /api/v1/wallboard during the markers: ${wallboardGets.started.size} sent, ${wallboardGets.durations.length} completed (${formatSummary(summarize(wallboardGets.durations))}), ${wallboardGets.failed} aborted (a newer wallboard.changed cancels a refetch in flight)`);
  results.forEach((r, i) => console.log(`background load to server ${'AB'[i]}: ${formatLoad(r)}`));
  const total = results.reduce((sum, r) => sum + r.achieved, 0);
  console.log(`background load achieved in total: ${total} events/s of ${rate} offered${total < rate * 0.95 ? ' (BELOW the offered rate: the figure above is for the achieved rate)' : ''}`);
} finally {
  socket?.close();
  await browser.close();
  await database.close();
  for (const s of servers) await s.stop();
  cluster.stop();
}
