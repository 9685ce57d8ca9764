// Agents' scheduling profile: skills and contract rules (most days a week, nights or not).
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { agentProfileInputSchema, agentProfileSchema } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { notFound } from '../../lib/app-error.js';
import { now } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';
import { assertCanSchedule } from './schedules.policy.js';

type Profile = z.infer<typeof agentProfileSchema>;

/** Active users in a team (the ones generation schedules by default) with their profile. */
export async function listAgentProfiles({ db, actor }: { db: Kysely<DB>; actor: Actor }): Promise<Profile[]> {
  assertCanSchedule(actor);
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('schedule_agent_profiles as p', (j) => j.onRef('p.tenant_id', '=', 'u.tenant_id').onRef('p.user_id', '=', 'u.id'))
    .select(['u.id', 'u.display_name', 'u.team_id', 'p.skills', 'p.max_days_per_week', 'p.nights'])
    .where('u.tenant_id', '=', actor.tenantId)
    .where('u.active', '=', true)
    .where('u.team_id', 'is not', null)
    .orderBy('u.team_id')
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({ userId: r.id, name: r.display_name, teamId: r.team_id, skills: r.skills ?? [], maxDaysPerWeek: r.max_days_per_week ?? null, nights: r.nights ?? true }));
}

export async function setAgentProfile({ db, actor, userId, input }: { db: Kysely<DB>; actor: Actor; userId: number; input: z.infer<typeof agentProfileInputSchema> }): Promise<Profile> {
  assertCanSchedule(actor);
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'display_name', 'team_id']).where('tenant_id', '=', actor.tenantId).where('id', '=', userId).executeTakeFirst();
    if (!user) throw notFound('user');
    const values = { skills: input.skills, max_days_per_week: input.maxDaysPerWeek, nights: input.nights, updated_at: now() };
    await trx.insertInto('schedule_agent_profiles').values({ tenant_id: actor.tenantId, user_id: userId, ...values }).onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet(values)).execute();
    await writeAudit(trx, actor, { action: 'schedule.agent_profile_set', entity: 'user', entityId: userId, detail: { ...input } });
    return { userId, name: user.display_name, teamId: user.team_id, ...input };
  });
}
