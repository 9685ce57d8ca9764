// `kefu simulate`: realistic CTI traffic sent to a running Kefu over its real CTI endpoint, either in real time
// (optionally faster) or as a compressed history with `at` timestamps.
import type { Command } from 'commander';
import { parseShiftTemplates, shiftsOver } from './agent-duty.js';
import { simulateCalls, type SimulatedEvent } from './simulate-calls.js';

interface SimulateOptions {
  url: string;
  token?: string;
  agents: string;
  callsPerDay: string;
  aht: string;
  acw: string;
  patience: string;
  seed: string;
  from?: string;
  days?: string;
  hours: string;
  speed: string;
  concurrency: string;
  timeZone: string;
  shifts?: string;
}

const DEMO_AGENTS = ['agent', ...Array.from({ length: 12 }, (_, i) => `agent${String(i + 2).padStart(2, '0')}`)];

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a number greater than 0, got "${value}"`);
  return n;
}

/** A CTI event to the endpoint; answers false when Kefu did not acknowledge it. */
async function post(endpoint: string, body: object): Promise<boolean> {
  try {
    const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await response.arrayBuffer();
    if (response.status === 401) throw new Error('the CTI token was refused (401): check --token / KEFU_CTI_TOKEN');
    return response.ok;
  } catch (error) {
    if (error instanceof Error && error.message.includes('401')) throw error;
    return false;
  }
}

/** Sends every event with its `at`, as fast as the server takes them; events of one call, and of one agent, keep their order. */
export async function sendCompressed(endpoint: string, events: readonly SimulatedEvent[], concurrency: number, onProgress?: (sent: number) => void) {
  const lanes: SimulatedEvent[][] = Array.from({ length: concurrency }, () => []);
  const laneOf = (key: string) => {
    let h = 0;
    for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
    return h % concurrency;
  };
  // A call's events go in one lane, and so do an agent's: the answer, hangup and state changes of one agent must
  // arrive in order, or a wrap-up reported before the hangup it follows would be undone by it.
  const keyOf = (e: SimulatedEvent) => (e.body.event === 'agentState' ? String(e.body.user) : e.body.answeringNumber ?? e.body.callId ?? '');
  for (const e of events) lanes[laneOf(keyOf(e))]!.push(e);
  let sent = 0;
  let failed = 0;
  await Promise.all(lanes.map(async (lane) => {
    for (const e of lane) {
      if (await post(endpoint, e.body)) sent += 1;
      else failed += 1;
      if ((sent + failed) % 1000 === 0) onProgress?.(sent);
    }
  }));
  return { sent, failed };
}

/** Sends each event when its time comes (scaled by `speed`), stamped by the server's clock. */
async function sendRealTime(endpoint: string, events: readonly SimulatedEvent[], speed: number, origin: number) {
  const started = Date.now();
  let sent = 0;
  let failed = 0;
  const pending = new Set<Promise<void>>();
  for (const e of events) {
    const wait = (e.at.getTime() - origin) / speed - (Date.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const { at: _at, ...body } = e.body;
    const p: Promise<void> = post(endpoint, body).then((ok) => { if (ok) sent += 1; else failed += 1; pending.delete(p); });
    pending.add(p);
  }
  await Promise.all(pending);
  return { sent, failed };
}

async function runSimulate(o: SimulateOptions): Promise<void> {
  const token = o.token ?? process.env.KEFU_CTI_TOKEN;
  if (!token) throw new Error('--token (or KEFU_CTI_TOKEN) is required: the CTI token set in Kefu’s hotline settings');
  const endpoint = `${o.url.replace(/\/$/, '')}/api/v1/cti/${encodeURIComponent(token)}`;
  const agents = /^\d+$/.test(o.agents) ? DEMO_AGENTS.slice(0, Number(o.agents)) : o.agents.split(',').map((a) => a.trim()).filter(Boolean);
  const compressed = o.from !== undefined || o.days !== undefined;
  const days = o.days ? positive('--days', o.days) : 1;
  const from = compressed ? new Date(o.from ?? Date.now() - days * 86_400_000) : new Date();
  if (Number.isNaN(from.getTime())) throw new Error(`--from must be an ISO 8601 date-time, got "${o.from}"`);
  const to = new Date(from.getTime() + (compressed ? days * 86_400_000 : positive('--hours', o.hours) * 3_600_000));
  // With --shifts the agents take the shifts in turn (agent 1 the first, agent 2 the second, …), every day.
  const templates = o.shifts ? parseShiftTemplates(o.shifts) : null;
  const shifts = templates ? shiftsOver(from, to, o.timeZone, templates, (a) => a % templates.length, agents.length) : undefined;
  const sim = simulateCalls({
    from, to, timeZone: o.timeZone, callsPerDay: positive('--calls-per-day', o.callsPerDay), agents, shifts,
    ahtSeconds: positive('--aht', o.aht), acwSeconds: Number(o.acw), patienceSeconds: positive('--patience', o.patience), seed: Number(o.seed) || 1,
  });
  const s = sim.summary;
  console.log(`simulating ${from.toISOString()} → ${to.toISOString()}: ${s.arrivals} calls (${s.answered} answered, ${s.abandoned} abandoned), ${sim.events.length} events, ${agents.length} agents`);
  const t0 = Date.now();
  const result = compressed
    ? await sendCompressed(endpoint, sim.events, positive('--concurrency', o.concurrency), (n) => process.stdout.write(`\r${n}/${sim.events.length} events`))
    : await sendRealTime(endpoint, sim.events, positive('--speed', o.speed), from.getTime());
  const seconds = (Date.now() - t0) / 1000;
  console.log(`\n${result.sent} events acknowledged, ${result.failed} failed, in ${seconds.toFixed(1)} s (${Math.round(result.sent / Math.max(seconds, 0.001))}/s)`);
  if (result.failed > 0) process.exitCode = 1;
}

export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description(
      'send realistic hotline traffic to a running Kefu through its CTI endpoint: Poisson arrivals over a Chinese service ' +
      'center’s day, log-normal talk times, after-call work, callers hanging up when their patience runs out. Real time by ' +
      'default (--hours, --speed); with --from/--days a compressed history is sent at once with `at` timestamps.',
    )
    .option('--url <url>', 'Kefu’s address', 'http://localhost:3000')
    .option('--token <token>', 'CTI token (default: KEFU_CTI_TOKEN)')
    .option('--agents <list|n>', 'agents’ CTI names (username, extension or 工号), comma-separated, or a number of demo agents', '13')
    .option('--calls-per-day <n>', 'calls of an average weekday', '3000')
    .option('--aht <seconds>', 'average talk time', '240')
    .option('--acw <seconds>', 'after-call work per call', '30')
    .option('--patience <seconds>', 'mean caller patience in the queue', '90')
    .option('--seed <n>', 'random seed (the same seed sends the same traffic)', '1')
    .option('--from <iso>', 'compressed history starting here (default: --days before now)')
    .option('--days <n>', 'days of compressed history')
    .option('--hours <n>', 'real-time run length', '1')
    .option('--speed <factor>', 'real-time speed-up (durations shrink with it)', '1')
    .option('--concurrency <n>', 'parallel connections for a compressed history', '16')
    .option('--shifts <list>', 'agents work shifts, taken in turn, e.g. "08:00-16:30,13:30-22:00" (a 30-minute meal in the middle of each); default: around the clock')
    .option('--time-zone <zone>', 'the center’s time zone (the day profile is local time)', 'Asia/Shanghai')
    .action(async (options: SimulateOptions) => {
      try {
        await runSimulate(options);
      } catch (error) {
        console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 2;
      }
    });
}
