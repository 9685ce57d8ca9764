import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { LiveBus } from '../../lib/live/live-bus.js';
import { createAgentDirectory, type AgentDirectory } from './agent-directory.js';
import { applyAgentState } from './agent-states.service.js';
import { CtiRejection, externalNumber, normalizedOrNull, toCallEventRow, userList, type ValidCtiEvent } from './cti-events.js';
import { createCtiTenantCache, type CtiTenant, type CtiTenantCache } from './cti-settings.js';
import { createCtiWriter, type CtiWriter } from './cti-writer.js';
import type { AppliedCallEvent } from './cti.repo.js';
import { createLiveBatcher, type LiveBatcher } from './live-batcher.js';
import { refreshMinuteRollups } from './call-stats.minutes.js';
import { createWallboardNotifier, type WallboardNotifier } from './wallboard-notifier.js';

/** The long-lived parts of the CTI endpoint, one per server process. */
export interface CtiRuntime {
  db: Kysely<DB>;
  live: LiveBatcher;
  tenants: CtiTenantCache;
  directory: AgentDirectory;
  writer: CtiWriter;
  wallboard: WallboardNotifier;
  close(): Promise<void>;
}

export function createCtiRuntime({ db, live, onError }: { db: Kysely<DB>; live: LiveBus; onError: (error: unknown) => void }): CtiRuntime {
  const writer = createCtiWriter(db, { onError });
  // The notifier also keeps the wallboard's minute rollups up to date while calls flow and no one watches.
  const wallboard = createWallboardNotifier(live, { onError, maintain: (tenantId) => refreshMinuteRollups(db, tenantId, new Date()) });
  const batcher = createLiveBatcher(live, onError);
  const directory = createAgentDirectory(db);
  return {
    db,
    live: batcher,
    tenants: createCtiTenantCache(db),
    directory,
    writer,
    wallboard,
    async close() {
      await writer.drain();
      await batcher.flush();
      await wallboard.close();
    },
  };
}

/** Zammad's answers: nothing to do, or reject a blocked caller. */
export type CtiAnswer = Record<string, never> | { action: 'reject'; reason: 'busy' };
const NOTHING: CtiAnswer = {};
const REJECT: CtiAnswer = { action: 'reject', reason: 'busy' };

const customerOf = (a: AppliedCallEvent) => (a.customer_id === null ? null : { id: a.customer_id, name: a.customer_name ?? '', grade: a.customer_grade });

/** Live events of an applied call event; published after commit, never awaited by the PBX's request. */
function publishCallEvent(rt: CtiRuntime, applied: AppliedCallEvent, input: ValidCtiEvent, named: number[]) {
  const base = { id: applied.id, callId: applied.call_id, direction: applied.direction, queue: applied.queue };
  const send = (topic: string, userIds: number[], payload: unknown) => {
    if (userIds.length === 0) return;
    rt.live.publish({ tenantId: applied.tenant_id, topic, userIds, payload });
  };
  const involved = [...new Set([...(applied.agent_id === null ? [] : [applied.agent_id]), ...named])];
  if (input.event === 'newCall' && applied.direction === 'in') {
    // The screen pop: the agents whose phones ring see the caller at once. They handle this call, so the
    // number comes unmasked (it pre-fills the work order), with the customer it belongs to. It is taken from the
    // event itself: the call row only keeps the masked copy (the number is encrypted at rest).
    send('call.ringing', named, Object.assign(base, {
      from: input.from ?? applied.from_number, to: input.to ?? applied.to_number, customer: customerOf(applied), startedAt: applied.started_at.toISOString(),
    }));
  } else if (input.event === 'answer' || input.event === 'hangup') {
    const [topic, payload] = input.event === 'answer'
      ? ['call.answered', Object.assign(base, { agentId: applied.agent_id, customer: customerOf(applied), answeredAt: applied.answered_at?.toISOString() ?? null })] as const
      : ['call.ended', Object.assign(base, { agentId: applied.agent_id, answered: applied.answered_at !== null, result: applied.result, endedAt: applied.ended_at?.toISOString() ?? null, talkSeconds: applied.talk_seconds })] as const;
    // The agents rung for an inbound call (kept on the call, whichever process received its newCall) hear how it
    // went even when answer / hangup do not name them: their pops close (a colleague answered, or the caller hung
    // up) instead of ringing on.
    send(topic, applied.direction === 'in' ? [...new Set([...involved, ...applied.rung_user_ids])] : involved, payload);
  }
  rt.wallboard.touch(applied.tenant_id);
}

/** The agent an event names: answeringNumber first (Zammad's order), then the first `user`. */
async function agentOf(rt: CtiRuntime, tenantId: number, input: ValidCtiEvent, named: number[]): Promise<number | null> {
  switch (input.event) {
    case 'newCall':
      // Outbound: `user` is the agent who dials. Inbound: the agents being rung, none of them yet the one who answers.
      return input.direction === 'out' ? (named[0] ?? null) : null;
    case 'answer':
      return (await rt.directory.resolve(tenantId, input.answeringNumber)) ?? named[0] ?? null;
    case 'hangup':
      return rt.directory.resolve(tenantId, input.answeringNumber);
    default:
      return null;
  }
}

/** Processes one validated event of a tenant whose integration is on; answers what Zammad would. */
export async function handleCtiEvent(rt: CtiRuntime, tenant: CtiTenant, input: ValidCtiEvent, receivedAt: Date): Promise<CtiAnswer> {
  const at = input.at ? new Date(input.at) : receivedAt;
  if (input.event === 'agentState') {
    const userId = (await rt.directory.resolve(tenant.tenantId, input.answeringNumber)) ?? (await rt.directory.resolveMany(tenant.tenantId, userList(input.user)))[0];
    if (userId === undefined || userId === null) throw new CtiRejection('cti_unknown_agent');
    const changed = await applyAgentState(rt.db, tenant.tenantId, userId, { state: input.state!, reason: input.reason ?? null, at });
    if (changed) rt.wallboard.touch(tenant.tenantId);
    return NOTHING;
  }
  const named = await rt.directory.resolveMany(tenant.tenantId, userList(input.user));
  // Zammad compares the caller with its block list as sent; numbers are compared normalized here, so any format matches.
  const caller = input.event === 'newCall' && input.direction === 'in' ? normalizedOrNull(externalNumber(input, 'in')) : null;
  const blocked = caller !== null && tenant.blocked.has(caller);
  const row = toCallEventRow(input, { tenantId: tenant.tenantId, at, agentId: await agentOf(rt, tenant.tenantId, input, named), blocked, afterCallWorkSeconds: tenant.afterCallWorkSeconds, namedUserIds: named });
  const applied = await rt.writer.submit(row);
  if (applied && !blocked) publishCallEvent(rt, applied, input, named);
  return blocked ? REJECT : NOTHING;
}
