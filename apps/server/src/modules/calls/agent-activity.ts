import { sql, type Kysely } from 'kysely';
import { executePrepared } from '../../db/prepared-statements.js';
import type { DB } from '../../db/schema.js';
import type { CallEventRow } from './cti-events.js';

/** What an applied answer / hangup does to the answering agent's call activity (agent_states). */
export interface AgentActivity {
  tenantId: number;
  userId: number;
  callRowId: number;
  since: Date;
  /** on_call after an answer, after_call_work after a hangup with automatic after-call work, otherwise back to none. */
  activity: 'on_call' | 'after_call_work' | null;
  until: Date | null;
}

/** The call as it stands after the event (only what the activity depends on). */
export interface AppliedCall {
  tenant_id: number;
  call_id: string;
  id: number;
  agent_id: number | null;
  answered_at: Date | null;
}

/**
 * The activity changes of a batch of applied events (at most one per call): an answered call's answer puts its agent
 * on the call, its hangup into after-call work (or back); per agent the newest event of the batch wins.
 */
export function agentActivityOf(rows: readonly CallEventRow[], applied: readonly AppliedCall[]): AgentActivity[] {
  const rowOf = new Map(rows.map((r) => [`${r.tenantId}\u0000${r.callId}`, r]));
  const byAgent = new Map<string, AgentActivity>();
  for (const call of applied) {
    const row = rowOf.get(`${call.tenant_id}\u0000${call.call_id}`);
    if (!row || call.agent_id === null || call.answered_at === null || (row.event !== 'answer' && row.event !== 'hangup')) continue;
    const afterCallWork = row.event === 'hangup' && row.acwSeconds > 0;
    const change: AgentActivity = {
      tenantId: call.tenant_id,
      userId: call.agent_id,
      callRowId: call.id,
      since: row.at,
      activity: row.event === 'answer' ? 'on_call' : afterCallWork ? 'after_call_work' : null,
      until: afterCallWork ? new Date(row.at.getTime() + row.acwSeconds * 1000) : null,
    };
    const key = `${call.tenant_id}\u0000${call.agent_id}`;
    const known = byAgent.get(key);
    if (!known || known.since <= change.since) byAgent.set(key, change);
  }
  return [...byAgent.values()].sort((a, b) => a.tenantId - b.tenantId || a.userId - b.userId);
}

/**
 * Writes activity changes in one statement. A late event must not undo a newer state (the agent may be on the next
 * call already): a change older than the agent's current activity is skipped.
 */
export async function applyAgentActivity(db: Kysely<DB>, changes: readonly AgentActivity[]): Promise<void> {
  if (changes.length === 0) return;
  const col = <T>(pick: (c: AgentActivity) => T) => changes.map(pick);
  await executePrepared(db, sql`
    insert into agent_states as s (tenant_id, user_id, presence, presence_since, activity, activity_since, activity_until, call_id)
    select tenant_id, user_id, 'ready', since, activity, since, until, call_row_id
    from unnest(${col((c) => c.tenantId)}::int[], ${col((c) => c.userId)}::bigint[], ${col((c) => c.callRowId)}::bigint[],
      ${col((c) => c.since.toISOString())}::timestamptz[], ${col((c) => c.activity)}::text[], ${col((c) => c.until?.toISOString() ?? null)}::timestamptz[])
      as c(tenant_id, user_id, call_row_id, since, activity, until)
    on conflict (tenant_id, user_id) do update set
      activity = excluded.activity, activity_since = excluded.activity_since, activity_until = excluded.activity_until,
      call_id = excluded.call_id, updated_at = now()
    where s.activity_since is null or s.activity_since <= excluded.activity_since`);
}
