import type { CallMetrics } from '@kefu/shared';

/** Sums and counts over a set of calls (and agents' ready time), as the statistics query returns them. */
export interface CallCounts {
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  answeredWithinThreshold: number;
  /** Sum of the answered calls' waits (seconds). */
  waitSum: number;
  longestWait: number | null;
  /** Answered inbound calls that have ended (their handle time is known). */
  handled: number;
  talkSum: number;
  holdSum: number;
  acwSum: number;
  outbound: number;
  outboundConnected: number;
  /** Talk + hold + after-call work of every answered call (both directions) taken by an agent. */
  busySeconds: number;
  /** Agents' time in presence "ready"; null when it does not apply (a queue has no agents of its own). */
  staffedSeconds: number | null;
}

export const EMPTY_COUNTS: CallCounts = {
  offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, answeredWithinThreshold: 0, waitSum: 0, longestWait: null, handled: 0,
  talkSum: 0, holdSum: 0, acwSum: 0, outbound: 0, outboundConnected: 0, busySeconds: 0, staffedSeconds: null,
};

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
const average = (sum: number, n: number) => (n > 0 ? Math.round((sum / n) * 10) / 10 : null);

/** From counts to the published figures; no I/O. Rates are fractions (0.9 = 90 %) to four places, times seconds to one. */
export function computeCallMetrics(c: CallCounts): CallMetrics {
  return {
    offered: c.offered,
    answered: c.answered,
    abandoned: c.abandoned,
    shortAbandoned: c.shortAbandoned,
    answeredWithinThreshold: c.answeredWithinThreshold,
    connectRate: rate(c.answered, c.offered),
    serviceLevel: rate(c.answeredWithinThreshold, c.offered),
    abandonRate: rate(c.abandoned, c.offered),
    asa: average(c.waitSum, c.answered),
    aht: average(c.talkSum + c.holdSum + c.acwSum, c.handled),
    avgTalk: average(c.talkSum, c.handled),
    avgHold: average(c.holdSum, c.handled),
    avgAcw: average(c.acwSum, c.handled),
    longestWait: c.longestWait,
    occupancy: c.staffedSeconds && c.staffedSeconds > 0 ? Math.min(1, Math.round((c.busySeconds / c.staffedSeconds) * 10_000) / 10_000) : null,
    outbound: c.outbound,
    outboundConnected: c.outboundConnected,
  };
}

export function addCounts(a: CallCounts, b: CallCounts): CallCounts {
  const staffed = a.staffedSeconds === null && b.staffedSeconds === null ? null : (a.staffedSeconds ?? 0) + (b.staffedSeconds ?? 0);
  const longest = a.longestWait === null ? b.longestWait : b.longestWait === null ? a.longestWait : Math.max(a.longestWait, b.longestWait);
  return {
    offered: a.offered + b.offered, answered: a.answered + b.answered, abandoned: a.abandoned + b.abandoned, shortAbandoned: a.shortAbandoned + b.shortAbandoned,
    answeredWithinThreshold: a.answeredWithinThreshold + b.answeredWithinThreshold, waitSum: a.waitSum + b.waitSum, longestWait: longest, handled: a.handled + b.handled,
    talkSum: a.talkSum + b.talkSum, holdSum: a.holdSum + b.holdSum, acwSum: a.acwSum + b.acwSum, outbound: a.outbound + b.outbound,
    outboundConnected: a.outboundConnected + b.outboundConnected, busySeconds: a.busySeconds + b.busySeconds, staffedSeconds: staffed,
  };
}

/**
 * What a call counts as, decided once per call by the statistics query:
 * 0 no direction known (ignored), 1 outbound connected, 2 outbound not connected, 3 inbound answered within the
 * threshold, 4 answered later, 5 short abandon, 6 abandon, 7 other inbound outcome (busy, no answer, failed, forwarded).
 */
export interface ClassRow {
  key: string;
  class: number;
  n: number;
  /** Calls of the class whose talk time is known (answered and ended). */
  talked: number;
  wait_sum: number;
  wait_max: number | null;
  talk_sum: number;
  hold_sum: number;
  acw_sum: number;
  busy_sum: number;
}

/** Folds the per-class sums of each group into its counts; no I/O. */
export function foldClassRows(rows: readonly ClassRow[]): Map<string, Omit<CallCounts, 'staffedSeconds'>> {
  const out = new Map<string, Omit<CallCounts, 'staffedSeconds'>>();
  for (const r of rows) {
    const c = out.get(r.key) ?? { ...EMPTY_COUNTS };
    const n = Number(r.n);
    const offered = r.class === 3 || r.class === 4 || r.class === 6 || r.class === 7;
    if (offered) {
      c.offered += n;
      if (r.wait_max !== null) c.longestWait = Math.max(c.longestWait ?? 0, Number(r.wait_max));
    }
    if (r.class === 3 || r.class === 4) {
      c.answered += n;
      if (r.class === 3) c.answeredWithinThreshold += n;
      c.waitSum += Number(r.wait_sum);
      c.handled += Number(r.talked);
      c.talkSum += Number(r.talk_sum);
      c.holdSum += Number(r.hold_sum);
      c.acwSum += Number(r.acw_sum);
    }
    if (r.class === 5) c.shortAbandoned += n;
    if (r.class === 6) c.abandoned += n;
    if (r.class === 1 || r.class === 2) c.outbound += n;
    if (r.class === 1) c.outboundConnected += n;
    c.busySeconds += Number(r.busy_sum);
    out.set(r.key, c);
  }
  return out;
}

/** The definitions, as published in the API description of GET /calls/stats. */
export const CALL_METRIC_DEFINITIONS = `Hotline figures over the calls that **arrived** in [from, to) (a call belongs to the interval of its first event).
Inbound calls only, except \`outbound\`, \`outboundConnected\` and occupancy. Calls still waiting (no outcome yet) and
calls rejected by the block list are not counted; a call being talked is counted as answered.

Durations (whole seconds, per call): the caller's **wait** runs from queue entry (\`queueEnter\`, or the first event
when the PBX reports no queue) to the answer, or to the abandon / hangup. Talk excludes hold; hold sums hold → unhold.

- **offered** — inbound calls with an outcome, minus short abandons. Busy, no-answer, failed and forwarded calls are
  offered but neither answered nor abandoned.
- **shortAbandoned** — callers who hung up within \`shortAbandon\` seconds (default 5) of waiting. Excluded from
  offered and abandoned (a caller who dialled wrong, or gave up before anyone could answer, says nothing about
  staffing — the usual ACD convention); reported separately so the choice is visible. \`shortAbandon=0\` counts all.
- **answered** — offered calls an agent answered. **abandoned** — offered calls whose caller hung up unanswered in a
  queue or while ringing (\`queueAbandon\`, or hangup \`cancel\`/\`normalClearing\` before an answer).
- **connectRate** (接通率) = answered ÷ offered.
- **serviceLevel** (服务水平) = calls answered within \`threshold\` seconds (default 15; seed 000 asks 90 % in 15 s) ÷
  offered. Abandoned calls stay in the denominator — an abandon is a caller the center failed to serve in time — only
  short abandons leave it. This is the strictest of the common definitions (others drop all abandons, or count abandons
  within the threshold as met); it equals what the caller experiences.
- **abandonRate** (放弃率) = abandoned ÷ offered.
- **asa** (平均应答速度) = mean wait of answered calls. **longestWait** = the longest wait of any offered call.
- **aht** (平均处理时长) = mean of talk + hold + after-call work over answered calls that have ended (after-call work:
  from hangup until the agent is ready again, or the configured automatic after-call work).
- **occupancy** (占用率) = agents' busy time (talk + hold + after-call work of calls they answered, inbound and
  outbound) ÷ their staffed time (time in state "ready", calls included; breaks and offline excluded), capped at 1.
  Busy time counts by call arrival, ready time is clipped to the period (and per interval). Null when no ready time was
  recorded, and with a queue filter or queue grouping (agents do not belong to queues).
- Per **agent** / **team**: the calls the agent answered (abandoned calls belong to no agent), with the agent's
  current team. Per **interval15/30/60** and **day**: in the tenant's time zone; keys are local times.

Speed: whole days that ended more than two hours ago are read from per-day rollups (built on first use, rebuilt
after late events or imports), the rest of the period from the calls. Rollups hold wait-time histograms, so any
\`threshold\` and \`shortAbandon\` is answered from them with the same definitions; an agent or team filter with a
15/30/60-minute grouping, and a queue filter combined with agent or team, scan the calls (slower over months).`;
