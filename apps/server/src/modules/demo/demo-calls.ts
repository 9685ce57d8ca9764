// The demo's hotline history: two weeks of simulated inbound traffic (the same simulation `kefu simulate` sends),
// written straight into the call records so the first start stays quick. No raw CTI events are kept for it.
// The agents work the demo roster's shifts (demo-duty.ts); their presence goes into agent_state_log and
// agent_states, so the statistics have staffed time (occupancy) and the wallboard shows who is on duty now.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { normalizePhone } from '../../lib/phone.js';
import { shiftsOver, type PresenceChange } from '../calls/simulator/agent-duty.js';
import { simulateCalls } from '../calls/simulator/simulate-calls.js';
import { DEMO_SHIFTS, demoShiftOf } from './demo-duty.js';

const DAY = 86_400_000;
const TIME_ZONE = 'Asia/Shanghai';
const BATCH = 500;

export async function seedDemoCallHistory(db: Kysely<DB>, { tenantId, now, agents, customers, days = 14 }: {
  tenantId: number; now: Date; agents: Array<{ id: number; username: string }>; customers: Array<{ id: number; phone: string }>; days?: number;
}): Promise<number> {
  const start = new Date(Math.floor((now.getTime() - days * DAY) / DAY) * DAY - 8 * 3_600_000);
  // Two callers in three are known customers; the rest are new numbers.
  const known = customers.map((c) => c.phone);
  // As busy as 13 agents on shifts can serve near the 90 % target: weaker when a shift is thin (early morning, the
  // evening after the middle shift leaves, the night agent's meal), some callers giving up. Calls still going on at
  // `now` are left out (they have no end yet).
  const shifts = shiftsOver(start, now, TIME_ZONE, DEMO_SHIFTS, (a, day) => demoShiftOf(a, agents.length, day), agents.length);
  const sim = simulateCalls({
    from: start, to: now, timeZone: TIME_ZONE, callsPerDay: 500, agents: agents.map((a) => a.username), shifts,
    ahtSeconds: 210, acwSeconds: 30, patienceSeconds: 75, seed: 20261122, agentStates: false,
    callerNumbers: [...known, ...known.slice(0, Math.ceil(known.length / 2)).map((_, i) => `1${['39', '86', '58'][i % 3]}${String(10_000_000 + i * 7919).slice(0, 8)}`)],
  });
  const agentId = new Map(agents.map((a) => [a.username, a.id]));
  const customerOf = new Map(customers.map((c) => [normalizePhone(c.phone), c.id]));
  const rows = sim.calls.filter((c) => c.endedAt.getTime() < now.getTime()).map((c) => {
    const normalized = normalizePhone(c.from) || null;
    return {
      tenant_id: tenantId, call_id: c.callId, direction: 'in', from_number: c.from, to_number: '4008001234', caller_normalized: normalized,
      queue: c.queue, answering_number: c.agent, agent_id: c.agent ? agentId.get(c.agent)! : null, customer_id: normalized ? customerOf.get(normalized) ?? null : null,
      started_at: c.arrivedAt, queued_at: c.arrivedAt, answered_at: c.answeredAt, abandoned_at: c.abandonedAt, ended_at: c.endedAt,
      hangup_cause: c.answeredAt ? 'normalClearing' : 'cancel', acw_ended_at: c.acwEndedAt && c.acwEndedAt.getTime() < now.getTime() ? c.acwEndedAt : null,
      last_event: 'hangup', last_event_at: c.endedAt,
    };
  });
  for (let i = 0; i < rows.length; i += BATCH) await db.insertInto('calls').values(rows.slice(i, i + BATCH) as never).execute();
  await seedPresence(db, tenantId, sim.presence, agentId);
  return rows.length;
}

/** Each agent's presence changes as closed intervals (agent_state_log) and the state they leave the agent in. */
async function seedPresence(db: Kysely<DB>, tenantId: number, changes: readonly PresenceChange[], agentId: ReadonlyMap<string, number>) {
  const last = new Map<string, PresenceChange>();
  const log = [];
  for (const change of changes) {
    const before = last.get(change.agent);
    if (before) log.push({ tenant_id: tenantId, user_id: agentId.get(change.agent)!, state: before.state, reason: before.reason, started_at: before.at, ended_at: change.at });
    last.set(change.agent, change);
  }
  for (let i = 0; i < log.length; i += BATCH) await db.insertInto('agent_state_log').values(log.slice(i, i + BATCH)).execute();
  const current = [...last.values()].map((c) => ({ tenant_id: tenantId, user_id: agentId.get(c.agent)!, presence: c.state, presence_reason: c.reason, presence_since: c.at }));
  if (current.length) await db.insertInto('agent_states').values(current).execute();
}
