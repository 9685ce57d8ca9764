// A discrete-event simulation of an inbound hotline: Poisson arrivals following the intraday profile, one FIFO
// queue served by N agents, log-normal talk times, after-call work, callers who hang up when their patience runs
// out. Pure: it answers the CTI events (Zammad's, with our `at`, queue and agent-state extensions) in time order.
import { DateTime } from 'luxon';
import type { CtiEventInput } from '@kefu/shared';
import { AgentDuty, type DutyShift, type PresenceChange } from './agent-duty.js';
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
  /** Emit agentState events (ready at the start or at each shift's start; after-call work from each hangup, ready at its end; breaks; offline). */
  agentStates?: boolean;
  /** Each agent's shifts (by index of `agents`); without, every agent is on duty around the clock. */
  shifts?: ReadonlyArray<readonly DutyShift[]>;
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
  /** With shifts: the agents' presence changes up to `to`, in time order. */
  presence: PresenceChange[];
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
  const presence: PresenceChange[] = [];
  const duties = o.agents.map((agent, i) => new AgentDuty(agent, o.shifts?.[i] ?? null, o.from.getTime(), presence));
  if (o.agentStates !== false) for (const [i, agent] of o.agents.entries()) if (!o.shifts?.[i]) push(o.from.getTime(), { event: 'agentState', user: agent, state: 'ready' });
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
    // FIFO: calls are taken in arrival order by whichever agent on duty is free first.
    let agent = -1;
    let start = Infinity;
    for (const [a, duty] of duties.entries()) {
      const at = duty.earliestStart(arrival);
      if (at !== null && at < start) [agent, start] = [a, at];
    }
    const answerAt = start + ring;
    if (answerAt - arrival > patience) {
      // Nobody on duty for the rest of the run and callers who would wait forever: they hang up after a minute.
      const gaveUp = arrival + (Number.isFinite(patience) ? patience : 60_000);
      summary.abandoned += 1;
      push(gaveUp, { event: 'queueAbandon', callId, queue });
      push(gaveUp, { event: 'hangup', callId, direction: 'in', from, to, queue, cause: 'cancel' });
      calls.push({ callId, from, queue, arrivedAt: new Date(arrival), answeredAt: null, abandonedAt: new Date(gaveUp), endedAt: new Date(gaveUp), agent: null, acwEndedAt: null });
      return;
    }
    const name = o.agents[agent]!;
    const hangupAt = answerAt + talk;
    duties[agent]!.freeAt = hangupAt + acw;
    summary.answered += 1;
    summary.totalWaitSeconds += (answerAt - arrival) / 1000;
    if (answerAt - arrival <= threshold) summary.answeredWithinThreshold += 1;
    push(answerAt, { event: 'answer', callId, direction: 'in', from, to, queue, user: name, answeringNumber: name });
    push(hangupAt, { event: 'hangup', callId, direction: 'in', from, to, queue, answeringNumber: name, cause: 'normalClearing' });
    if (o.agentStates !== false && acw > 0) {
      // The PBX reports the wrap-up as the agent's phone does: after-call work from the hangup, ready at its end.
      push(hangupAt, { event: 'agentState', user: name, state: 'after_call_work' });
      push(hangupAt + acw, { event: 'agentState', user: name, state: 'ready' });
    }
    calls.push({ callId, from, queue, arrivedAt: new Date(arrival), answeredAt: new Date(answerAt), abandonedAt: null, endedAt: new Date(hangupAt), agent: name, acwEndedAt: new Date(hangupAt + acw) });
  });
  for (const duty of duties) duty.settle(o.to.getTime());
  const changes = presence.filter((c) => c.at.getTime() <= o.to.getTime());
  // Stable sorts: changes and events of one instant keep their causal order (newCall before queueEnter; ready after
  // after-call work before the break or the end of the shift that follows it).
  changes.sort((a, b) => a.at.getTime() - b.at.getTime());
  if (o.agentStates !== false) for (const c of changes) push(c.at.getTime(), { event: 'agentState', user: c.agent, state: c.state, ...(c.reason ? { reason: c.reason } : {}) });
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { events, calls, presence: changes, summary };
}
