import { sql, type Kysely } from 'kysely';
import type { AgentStateUpdate, AgentStateView } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { now, toIso } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';
import { currentAgentState, planAgentStateChange, type AgentStateChange, type StoredAgentState } from './agent-state-rules.js';

const UNIQUE_VIOLATION = '23505';

/**
 * Records an agent's state change: the new state, the presence interval it closes (agent_state_log) and,
 * when it ends after-call work, the end of that work on the call. Rare (a few per agent and day), so a small
 * transaction that locks the agent's row; an event older than the current state changes nothing.
 */
export async function applyAgentState(db: Kysely<DB>, tenantId: number, userId: number, change: AgentStateChange): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('agent_states')
      .select(['presence', 'presence_reason', 'presence_since', 'activity', 'activity_since', 'activity_until', 'call_id'])
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    const plan = planAgentStateChange(row as StoredAgentState | undefined, change);
    if (!plan.next) return false;
    const values = { updated_at: now(), ...plan.next };
    await trx
      .insertInto('agent_states')
      .values({ tenant_id: tenantId, user_id: userId, ...values })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet(values))
      .execute();
    if (plan.closed) {
      await trx
        .insertInto('agent_state_log')
        .values({ tenant_id: tenantId, user_id: userId, state: plan.closed.state, reason: plan.closed.reason, started_at: plan.closed.startedAt, ended_at: plan.closed.endedAt })
        .execute();
    }
    if (plan.endsAfterCallWorkOf !== null) {
      await sql`with ended as (
          update calls set acw_ended_at = least(coalesce(acw_ended_at, ${change.at}), ${change.at})
          where tenant_id = ${tenantId} and id = ${plan.endsAfterCallWorkOf} returning started_at)
        delete from call_stats_days d using ended where d.tenant_id = ${tenantId} and d.starts_at <= ended.started_at and d.ends_at > ended.started_at`.execute(trx);
    }
    return true;
  });
}

function assertCanSeeAll(actor: Actor) {
  if (!can(actor, 'calls.read_all')) throw new AppError('FORBIDDEN');
}

function selectAgents(db: Kysely<DB>, tenantId: number) {
  return db
    .selectFrom('users as u')
    .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'u.tenant_id').onRef('r.id', '=', 'u.role_id'))
    .leftJoin('agent_states as s', (j) => j.onRef('s.tenant_id', '=', 'u.tenant_id').onRef('s.user_id', '=', 'u.id'))
    .where('u.tenant_id', '=', tenantId)
    .where('u.active', '=', true)
    .select([
      'u.id', 'u.display_name', 'u.team_id', 'u.extension', 's.presence', 's.presence_reason', 's.presence_since',
      's.activity', 's.activity_since', 's.activity_until', 's.call_id',
    ]);
}

type AgentRow = Awaited<ReturnType<ReturnType<typeof selectAgents>['executeTakeFirstOrThrow']>>;

function present(row: AgentRow, at: Date): AgentStateView {
  const stored = row.presence === null ? undefined : (row as unknown as StoredAgentState);
  const current = currentAgentState(stored, at);
  return {
    user: { id: row.id, name: row.display_name },
    teamId: row.team_id,
    extension: row.extension,
    state: current.state,
    reason: current.reason,
    since: toIso(current.since),
    callId: current.callId,
  };
}

/**
 * Every agent with the current state and since when: users with a phone state or an extension, and those whose role
 * takes calls (sees its own calls only). Administrators and managers, who may see their own calls too, are listed
 * only once they have an extension or a state.
 */
export async function listAgentStates({ db, actor, teamId }: { db: Kysely<DB>; actor: Actor; teamId?: number }): Promise<{ at: string; items: AgentStateView[] }> {
  assertCanSeeAll(actor);
  let query = selectAgents(db, actor.tenantId).where((eb) =>
    eb.or([
      eb('s.user_id', 'is not', null),
      eb('u.extension', 'is not', null),
      sql<boolean>`('calls.read_own' = any(r.permissions) and not 'calls.read_all' = any(r.permissions))`,
    ]),
  );
  if (teamId) query = query.where('u.team_id', '=', teamId);
  const rows = await query.orderBy('u.id').execute();
  const at = now();
  return { at: at.toISOString(), items: rows.map((r) => present(r, at)) };
}

export async function setMyAgentState({ db, actor, input }: { db: Kysely<DB>; actor: Actor; input: AgentStateUpdate }): Promise<AgentStateView> {
  if (!can(actor, 'calls.read_own') && !can(actor, 'calls.read_all')) throw new AppError('FORBIDDEN');
  await applyAgentState(db, actor.tenantId, actor.userId, { state: input.state, reason: input.reason ?? null, at: now() });
  const row = await selectAgents(db, actor.tenantId).where('u.id', '=', actor.userId).executeTakeFirstOrThrow();
  return present(row, now());
}

/** The PBX extension an agent is known by (CTI `user` / `answeringNumber`). */
export async function setAgentExtension({ db, actor, userId, extension }: { db: Kysely<DB>; actor: Actor; userId: number; extension: string | null }): Promise<AgentStateView> {
  if (!can(actor, 'calls.admin')) throw new AppError('FORBIDDEN');
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'extension']).where('tenant_id', '=', actor.tenantId).where('id', '=', userId).forUpdate().executeTakeFirst();
    if (!user) throw notFound('user');
    if (user.extension === extension) return;
    const taken = extension === null ? undefined : await trx.selectFrom('users').select('id').where('tenant_id', '=', actor.tenantId).where('extension', '=', extension).where('id', '<>', userId).executeTakeFirst();
    if (taken) throw new AppError('CONFLICT', { detail: 'duplicate_extension' });
    try {
      await trx.updateTable('users').set({ extension }).where('tenant_id', '=', actor.tenantId).where('id', '=', userId).execute();
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new AppError('CONFLICT', { detail: 'duplicate_extension' });
      throw error;
    }
    await writeAudit(trx, actor, { action: 'user.extension_changed', entity: 'user', entityId: userId, detail: { from: user.extension, to: extension } });
  });
  const row = await selectAgents(db, actor.tenantId).where('u.id', '=', userId).executeTakeFirstOrThrow();
  return present(row, now());
}
