// A discrete-event simulation of an inbound hotline: Poisson arrivals following the intraday profile, one FIFO
// queue served by N agents, log-normal talk times, after-call work, callers who hang up when their patience runs
// out. Pure: it answers the CTI events (Zammad's, with our `at`, queue and agent-state extensions) in time order.
import { DateTime } from 'luxon';
import type { CtiEventInput } from '@kefu/shared';
import { createRandom, type Random } from './random.js';
import { callsPerInterval, WEEKDAY_FACTORS, WEEKDAY_PROFILE } from './traffic-profile.js';

export interface SimulationOptions {
  from: Date;
  to: Date;
  timeZone: string;
  /** Calls of an average weekday (weekday factor 1); the profile spreads them over the day. */
  callsPerDay: number;
  /** The agents' CTI names (extension, 工号 or username) as the PBX reports them. */
  agents: readonly string[];
  ahtSeconds: number;
  /** Spread of talk times (coefficient of variation of the log-normal). */
  ahtCv?: number;
  /** Talk times log-normal (realistic, default) or exponential (Erlang C's assumption). */
  talkDistribution?: 'lognormal' | 'exponential';
  acwSeconds?: number;
  /** Mean caller patience (exponential); null: nobody hangs up while waiting. */
  patienceSeconds: number | null;
  /** How long the agent's phone rings before they pick up. */
  ringSeconds?: number;
  queue?: string;
  /** The number callers dial. */
  serviceNumber?: string;
  /** Caller numbers to draw from (e.g. the customers' phones); otherwise random mobile numbers. */
  callerNumbers?: readonly string[];
  seed: number;
  /** Emit agentState events (ready at the start and after each after-call work). */
  agentStates?: boolean;
  /** Replace the profile by a constant rate (calls per hour), e.g. for a stationary check. */
  constantPerHour?: number;
  /** Service-level threshold of the summary. */
  thresholdSeconds?: number;
}

export interface SimulatedEvent {
  at: Date;
  body: CtiEventInput & { at: string };
}

export interface SimulationSummary {
  arrivals: number;
  answered: number;
  abandoned: number;
  answeredWithinThreshold: number;
  totalWaitSeconds: number;
}

/** One simulated call's facts (what its call record will say). */
export interface SimulatedCall {
  callId: string;
  from: string;
  queue: string;
  arrivedAt: Date;
  answeredAt: Date | null;
  abandonedAt: Date | null;
  endedAt: Date;
  agent: string | null;
  acwEndedAt: Date | null;
}

export interface Simulation {
  events: SimulatedEvent[];
  calls: SimulatedCall[];
  summary: SimulationSummary;
}

const HALF_HOUR = 30 * 60 * 1000;

/** Arrival instants: exponential gaps at the half hour's rate (memoryless, so restarting at each boundary is exact). */
function arrivals(o: SimulationOptions, random: Random): number[] {
  const perInterval = callsPerInterval(o.callsPerDay, WEEKDAY_PROFILE);
  const out: number[] = [];
  let start = o.from.getTime();
  const end = o.to.getTime();
  while (start < end) {
    const local = DateTime.fromMillis(start, { zone: o.timeZone });
    const index = local.hour * 2 + (local.minute >= 30 ? 1 : 0);
    const boundary = Math.min(end, local.startOf('hour').plus({ minutes: local.minute >= 30 ? 60 : 30 }).toMillis());
    const expected = o.constantPerHour !== undefined ? o.constantPerHour / 2 : perInterval[index]! * WEEKDAY_FACTORS[local.weekday - 1]!;
    const meanGap = expected > 0 ? HALF_HOUR / expected : Infinity;
    let t = start + random.exponential(meanGap);
    while (t < boundary) {
      out.push(t);
      t += random.exponential(meanGap);
    }
    start = boundary;
  }
  return out;
}

function mobileNumber(random: Random): string {
  const prefixes = ['138', '139', '135', '186', '187', '152', '158', '177', '199'];
  const prefix = prefixes[Math.floor(random.next() * prefixes.length)]!;
  return `${prefix}${String(Math.floor(random.next() * 1e8)).padStart(8, '0')}`;
}

export function simulateCalls(o: SimulationOptions): Simulation {
  if (o.agents.length === 0) throw new Error('at least one agent');
  const random = createRandom(o.seed);
  const queue = o.queue ?? '热线';
  const to = o.serviceNumber ?? '4008001234';
  const ring = (o.ringSeconds ?? 3) * 1000;
  const acw = (o.acwSeconds ?? 30) * 1000;
  const threshold = (o.thresholdSeconds ?? 15) * 1000;
  const events: SimulatedEvent[] = [];
  const push = (at: number, body: CtiEventInput) => events.push({ at: new Date(at), body: Object.assign({}, body, { at: new Date(at).toISOString() }) as SimulatedEvent['body'] });
  // When each agent is ready for the next call (after talk and after-call work).
  const freeAt = o.agents.map(() => o.from.getTime());
  if (o.agentStates !== false) for (const agent of o.agents) push(o.from.getTime(), { event: 'agentState', user: agent, state: 'ready' });
  const summary: SimulationSummary = { arrivals: 0, answered: 0, abandoned: 0, answeredWithinThreshold: 0, totalWaitSeconds: 0 };
  const calls: SimulatedCall[] = [];

  arrivals(o, random).forEach((arrival, i) => {
    summary.arrivals += 1;
    const callId = `sim-${o.seed}-${i + 1}`;
    const from = o.callerNumbers?.length ? o.callerNumbers[Math.floor(random.next() * o.callerNumbers.length)]! : mobileNumber(random);
    const patience = o.patienceSeconds === null ? Infinity : random.exponential(o.patienceSeconds * 1000);
    const talk = o.talkDistribution === 'exponential' ? random.exponential(o.ahtSeconds * 1000) : random.logNormal(o.ahtSeconds * 1000, o.ahtCv ?? 0.6);
    push(arrival, { event: 'newCall', callId, direction: 'in', from, to, queue });
    push(arrival, { event: 'queueEnter', callId, queue });
    // FIFO: calls are taken in arrival order by whichever agent is free first.
    let agent = 0;
    for (let a = 1; a < freeAt.length; a++) if (freeAt[a]! < freeAt[agent]!) agent = a;
    const answerAt = Math.max(arrival, freeAt[agent]!) + ring;
    if (answerAt - arrival > patience) {
      const gaveUp = arrival + patience;
      summary.abandoned += 1;
      push(gaveUp, { event: 'queueAbandon', callId, queue });
      push(gaveUp, { event: 'hangup', callId, direction: 'in', from, to, queue, cause: 'cancel' });
      calls.push({ callId, from, queue, arrivedAt: new Date(arrival), answeredAt: null, abandonedAt: new Date(gaveUp), endedAt: new Date(gaveUp), agent: null, acwEndedAt: null });
      return;
    }
    const name = o.agents[agent]!;
    const hangupAt = answerAt + talk;
    freeAt[agent] = hangupAt + acw;
    summary.answered += 1;
    summary.totalWaitSeconds += (answerAt - arrival) / 1000;
    if (answerAt - arrival <= threshold) summary.answeredWithinThreshold += 1;
    push(answerAt, { event: 'answer', callId, direction: 'in', from, to, queue, user: name, answeringNumber: name });
    push(hangupAt, { event: 'hangup', callId, direction: 'in', from, to, queue, answeringNumber: name, cause: 'normalClearing' });
    if (o.agentStates !== false && acw > 0) push(hangupAt + acw, { event: 'agentState', user: name, state: 'ready' });
    calls.push({ callId, from, queue, arrivedAt: new Date(arrival), answeredAt: new Date(answerAt), abandonedAt: null, endedAt: new Date(hangupAt), agent: name, acwEndedAt: new Date(hangupAt + acw) });
  });
  // Stable sort: events of one instant keep their causal order (newCall before queueEnter).
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { events, calls, summary };
}
