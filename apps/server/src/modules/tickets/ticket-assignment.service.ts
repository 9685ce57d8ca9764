import type { Kysely } from 'kysely';
import type { AssignmentStrategy } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { notFound } from '../../lib/app-error.js';
import { pickLeastLoaded, pickRoundRobin } from './ticket-assignment.js';

/**
 * Picks a member of a skill group by its strategy (or the one asked for). The group row is locked so that
 * concurrent round-robin picks in several processes hand out members in turn, never twice the same.
 */
export async function chooseAssignee(db: Kysely<DB>, tenantId: number, skillGroupId: number, strategyOverride?: AssignmentStrategy): Promise<number | null> {
  const group = await db.selectFrom('skill_groups').select(['strategy', 'last_assigned_user_id']).where('tenant_id', '=', tenantId).where('id', '=', skillGroupId).forUpdate().executeTakeFirst();
  if (!group) throw notFound('skillGroup');
  const strategy = (strategyOverride ?? group.strategy) as AssignmentStrategy;
  if (strategy === 'manual') return null;
  const members = await db
    .selectFrom('skill_group_members as m')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'm.tenant_id').onRef('u.id', '=', 'm.user_id'))
    .select('u.id')
    .where('m.tenant_id', '=', tenantId)
    .where('m.skill_group_id', '=', skillGroupId)
    .where('u.active', '=', true)
    .execute();
  const ids = members.map((m) => m.id);
  let chosen: number | null;
  if (strategy === 'round_robin') {
    chosen = pickRoundRobin(ids, group.last_assigned_user_id);
  } else {
    const loads = ids.length
      ? await db
          .selectFrom('tickets')
          .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('open')])
          .where('tenant_id', '=', tenantId)
          .where('assignee_id', 'in', ids)
          .where('status', 'not in', ['resolved', 'closed'])
          .groupBy('assignee_id')
          .execute()
      : [];
    const byUser = new Map(loads.map((l) => [l.assignee_id!, Number(l.open)]));
    chosen = pickLeastLoaded(ids.map((userId) => ({ userId, open: byUser.get(userId) ?? 0 })));
  }
  if (chosen !== null) {
    await db.updateTable('skill_groups').set({ last_assigned_user_id: chosen }).where('tenant_id', '=', tenantId).where('id', '=', skillGroupId).execute();
  }
  return chosen;
}
