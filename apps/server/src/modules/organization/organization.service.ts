import { sql, type Kysely } from 'kysely';
import type { AssignmentStrategy, Department, SkillGroup, Team } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { writeAudit } from '../audit/audit.service.js';

type Ctx = { db: Kysely<DB>; actor: Actor };

const hasKeys = (values: object) => Object.keys(values).length > 0;

function assertCan(actor: Actor, permission: 'admin.teams' | 'admin.departments') {
  if (!can(actor, permission)) throw new AppError('FORBIDDEN');
}

async function assertNameFree(db: Kysely<DB>, table: 'teams' | 'skill_groups' | 'departments', tenantId: number, name: string, exceptId?: number) {
  let q = db.selectFrom(table).select('id').where('tenant_id', '=', tenantId).where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw new AppError('CONFLICT', { detail: 'duplicate_name' }, { field: 'name', value: name });
}

async function assertUsers(db: Kysely<DB>, tenantId: number, ids: Array<number | null | undefined>) {
  const wanted = [...new Set(ids.filter((i): i is number => typeof i === 'number'))];
  if (!wanted.length) return;
  const found = await db.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('id', 'in', wanted).execute();
  if (found.length !== wanted.length) throw notFound('user');
}

// Teams (班组)
export async function listTeams({ db, actor }: Ctx): Promise<Team[]> {
  const rows = await db
    .selectFrom('teams as t')
    .select(['t.id', 't.name', 't.leader_id'])
    .select(sql<number>`(select count(*) from users u where u.tenant_id = t.tenant_id and u.team_id = t.id and u.active)`.as('members'))
    .where('t.tenant_id', '=', actor.tenantId)
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, leaderId: r.leader_id, memberCount: Number(r.members) }));
}

export async function saveTeam({ db, actor, id, input }: Ctx & { id?: number; input: { name?: string; leaderId?: number | null } }): Promise<Team> {
  assertCan(actor, 'admin.teams');
  const savedId = await db.transaction().execute(async (trx) => {
    if (input.name) await assertNameFree(trx, 'teams', actor.tenantId, input.name, id);
    await assertUsers(trx, actor.tenantId, [input.leaderId]);
    if (id === undefined) {
      const row = await trx.insertInto('teams').values({ tenant_id: actor.tenantId, name: input.name!, leader_id: input.leaderId ?? null }).returning('id').executeTakeFirstOrThrow();
      await writeAudit(trx, actor, { action: 'team.created', entity: 'team', entityId: row.id, detail: input });
      return row.id;
    }
    const set = Object.assign({}, input.name !== undefined ? { name: input.name } : {}, input.leaderId !== undefined ? { leader_id: input.leaderId } : {});
    // UPDATE needs a column to set: an empty change only checks that the team exists.
    const row = hasKeys(set)
      ? await trx.updateTable('teams').set(set).where('tenant_id', '=', actor.tenantId).where('id', '=', id).returning('id').executeTakeFirst()
      : await trx.selectFrom('teams').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('team');
    await writeAudit(trx, actor, { action: 'team.updated', entity: 'team', entityId: id, detail: input });
    return id;
  });
  return (await listTeams({ db, actor })).find((t) => t.id === savedId)!;
}

// Skill groups (技能组)
export async function listSkillGroups({ db, actor }: Ctx): Promise<SkillGroup[]> {
  const rows = await db
    .selectFrom('skill_groups as g')
    .select(['g.id', 'g.name', 'g.strategy'])
    .select(sql<number[]>`coalesce((select array_agg(m.user_id order by m.user_id) from skill_group_members m where m.tenant_id = g.tenant_id and m.skill_group_id = g.id), '{}')`.as('member_ids'))
    .where('g.tenant_id', '=', actor.tenantId)
    .orderBy('g.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, strategy: r.strategy as AssignmentStrategy, memberIds: (r.member_ids ?? []).map(Number) }));
}

export async function saveSkillGroup({ db, actor, id, input }: Ctx & { id?: number; input: { name?: string; strategy?: AssignmentStrategy; memberIds?: number[] } }): Promise<SkillGroup> {
  assertCan(actor, 'admin.teams');
  const savedId = await db.transaction().execute(async (trx) => {
    if (input.name) await assertNameFree(trx, 'skill_groups', actor.tenantId, input.name, id);
    await assertUsers(trx, actor.tenantId, input.memberIds ?? []);
    let groupId = id;
    if (groupId === undefined) {
      const row = await trx.insertInto('skill_groups').values({ tenant_id: actor.tenantId, name: input.name!, strategy: input.strategy ?? 'round_robin' }).returning('id').executeTakeFirstOrThrow();
      groupId = row.id;
    } else {
      const set = Object.assign({}, input.name !== undefined ? { name: input.name } : {}, input.strategy !== undefined ? { strategy: input.strategy } : {});
      // Changing only the members sets no column of the group itself: then just check that it exists.
      const row = hasKeys(set)
        ? await trx.updateTable('skill_groups').set(set).where('tenant_id', '=', actor.tenantId).where('id', '=', groupId).returning('id').executeTakeFirst()
        : await trx.selectFrom('skill_groups').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', groupId).executeTakeFirst();
      if (!row) throw notFound('skillGroup');
    }
    if (input.memberIds) {
      await trx.deleteFrom('skill_group_members').where('tenant_id', '=', actor.tenantId).where('skill_group_id', '=', groupId).execute();
      const members = [...new Set(input.memberIds)];
      if (members.length) await trx.insertInto('skill_group_members').values(members.map((u) => ({ tenant_id: actor.tenantId, skill_group_id: groupId!, user_id: u }))).execute();
    }
    await writeAudit(trx, actor, { action: id === undefined ? 'skill_group.created' : 'skill_group.updated', entity: 'skill_group', entityId: groupId, detail: input });
    return groupId;
  });
  return (await listSkillGroups({ db, actor })).find((g) => g.id === savedId)!;
}

// Departments the service desk transfers work to (工程部, 财务部 …)
export async function listDepartments({ db, actor }: Ctx): Promise<Department[]> {
  const rows = await db.selectFrom('departments').select(['id', 'name', 'contact_name', 'email', 'active']).where('tenant_id', '=', actor.tenantId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, contactName: r.contact_name, email: r.email, active: r.active }));
}

export async function saveDepartment({ db, actor, id, input }: Ctx & { id?: number; input: { name?: string; contactName?: string; email?: string; active?: boolean } }): Promise<Department> {
  assertCan(actor, 'admin.departments');
  const savedId = await db.transaction().execute(async (trx) => {
    if (input.name) await assertNameFree(trx, 'departments', actor.tenantId, input.name, id);
    const values: { name?: string; contact_name?: string; email?: string; active?: boolean } = {};
    if (input.name !== undefined) values.name = input.name;
    if (input.contactName !== undefined) values.contact_name = input.contactName;
    if (input.email !== undefined) values.email = input.email;
    if (input.active !== undefined) values.active = input.active;
    if (id === undefined) {
      const row = await trx.insertInto('departments').values({ tenant_id: actor.tenantId, name: input.name!, ...values }).returning('id').executeTakeFirstOrThrow();
      await writeAudit(trx, actor, { action: 'department.created', entity: 'department', entityId: row.id, detail: input });
      return row.id;
    }
    const row = hasKeys(values)
      ? await trx.updateTable('departments').set(values).where('tenant_id', '=', actor.tenantId).where('id', '=', id).returning('id').executeTakeFirst()
      : await trx.selectFrom('departments').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('department');
    await writeAudit(trx, actor, { action: 'department.updated', entity: 'department', entityId: id, detail: input });
    return id;
  });
  return (await listDepartments({ db, actor })).find((d) => d.id === savedId)!;
}
