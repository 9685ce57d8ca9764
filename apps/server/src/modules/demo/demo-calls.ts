// The demo's hotline history: two weeks of simulated inbound traffic (the same simulation `kefu simulate` sends),
// written straight into the call records so the first start stays quick. No raw CTI events are kept for it.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { normalizePhone } from '../../lib/phone.js';
import { simulateCalls } from '../calls/simulator/simulate-calls.js';

const DAY = 86_400_000;
const BATCH = 500;

export async function seedDemoCallHistory(db: Kysely<DB>, { tenantId, now, agents, customers, days = 14 }: {
  tenantId: number; now: Date; agents: Array<{ id: number; username: string }>; customers: Array<{ id: number; phone: string }>; days?: number;
}): Promise<number> {
  const start = new Date(Math.floor((now.getTime() - days * DAY) / DAY) * DAY - 8 * 3_600_000);
  // Two callers in three are known customers; the rest are new numbers.
  const known = customers.map((c) => c.phone);
  // As busy as a center staffed close to its target: weekdays near a 90 % service level, Mondays below it, weekends
  // easy, some callers giving up. Calls still going on at `now` are left out (they have no end yet).
  const sim = simulateCalls({
    from: start, to: now, timeZone: 'Asia/Shanghai', callsPerDay: 1800, agents: agents.map((a) => a.username),
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
  return rows.length;
}
