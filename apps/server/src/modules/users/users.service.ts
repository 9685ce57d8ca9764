import { sql, type Kysely, type Updateable } from 'kysely';
import type { User, UserCreate, UserUpdate } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError, notFound, versionConflict } from '../../lib/app-error.js';
import { now, toIsoRequired } from '../../lib/clock.js';
import { hashPassword } from '../../lib/passwords.js';
import { writeAudit } from '../audit/audit.service.js';
import { actorCache } from '../auth/actor-cache.js';

function assertAdmin(actor: Actor) {
  if (!can(actor, 'admin.users')) throw new AppError('FORBIDDEN');
}

function selectUsers(db: Kysely<DB>, tenantId: number) {
  return db
    .selectFrom('users as u')
    .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'u.tenant_id').onRef('r.id', '=', 'u.role_id'))
    .where('u.tenant_id', '=', tenantId)
    .select([
      'u.id', 'u.username', 'u.display_name', 'u.employee_no', 'u.email', 'u.team_id', 'u.active', 'u.created_at', 'u.version',
      'r.id as role_id', 'r.key as role_key', 'r.name_zh', 'r.name_en',
      sql<number[]>`coalesce((select array_agg(m.skill_group_id order by m.skill_group_id) from skill_group_members m where m.tenant_id = u.tenant_id and m.user_id = u.id), '{}')`.as('skill_group_ids'),
      sql<number>`(select count(*) from tickets t where t.tenant_id = u.tenant_id and t.assignee_id = u.id and t.status not in ('resolved', 'closed'))`.as('open_tickets'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectUsers>['executeTakeFirstOrThrow']>>;
const present = (r: Row, actor: Actor): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  employeeNo: r.employee_no,
  email: r.email,
  role: { id: r.role_id, key: r.role_key, name: actor.locale === 'en' ? r.name_en : r.name_zh },
  teamId: r.team_id,
  skillGroupIds: (r.skill_group_ids ?? []).map(Number),
  active: r.active,
  openTickets: Number(r.open_tickets),
  createdAt: toIsoRequired(r.created_at),
  version: r.version,
});

export async function listUsers({ db, actor }: { db: Kysely<DB>; actor: Actor }): Promise<User[]> {
  assertAdmin(actor);
  const rows = await selectUsers(db, actor.tenantId).orderBy('u.id').execute();
  return rows.map((r) => present(r, actor));
}

export async function getUser({ db, actor, id }: { db: Kysely<DB>; actor: Actor; id: number }): Promise<User> {
  assertAdmin(actor);
  const row = await selectUsers(db, actor.tenantId).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('user');
  return present(row, actor);
}

async function assertRefs(db: Kysely<DB>, tenantId: number, refs: { roleId?: number; teamId?: number | null; skillGroupIds?: number[] }) {
  if (refs.roleId !== undefined && !(await db.selectFrom('roles').select('id').where('tenant_id', '=', tenantId).where('id', '=', refs.roleId).executeTakeFirst())) throw notFound('role');
  if (refs.teamId != null && !(await db.selectFrom('teams').select('id').where('tenant_id', '=', tenantId).where('id', '=', refs.teamId).executeTakeFirst())) throw notFound('team');
  if (refs.skillGroupIds?.length) {
    const found = await db.selectFrom('skill_groups').select('id').where('tenant_id', '=', tenantId).where('id', 'in', refs.skillGroupIds).execute();
    if (found.length !== new Set(refs.skillGroupIds).size) throw notFound('skillGroup');
  }
}

async function setSkillGroups(db: Kysely<DB>, tenantId: number, userId: number, ids: number[]) {
  await db.deleteFrom('skill_group_members').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
  const unique = [...new Set(ids)];
  if (unique.length) await db.insertInto('skill_group_members').values(unique.map((g) => ({ tenant_id: tenantId, skill_group_id: g, user_id: userId }))).execute();
}

/** Inserts a user; shared by the admin API, the CLI's `user add` and the demo seed. */
export async function insertUser(db: Kysely<DB>, actor: Actor, input: UserCreate): Promise<number> {
  await assertRefs(db, actor.tenantId, input);
  const username = input.username.toLowerCase();
  const taken = await db.selectFrom('users').select('id').where('tenant_id', '=', actor.tenantId).where('username', '=', username).executeTakeFirst();
  if (taken) throw new AppError('CONFLICT', { detail: 'duplicate_username' }, { field: 'username', value: username });
  const row = await db
    .insertInto('users')
    .values({
      tenant_id: actor.tenantId, username, display_name: input.displayName, password_hash: await hashPassword(input.password),
      role_id: input.roleId, team_id: input.teamId ?? null, employee_no: input.employeeNo ?? null, email: input.email ?? null, locale: input.locale,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await setSkillGroups(db, actor.tenantId, row.id, input.skillGroupIds);
  await writeAudit(db, actor, { action: 'user.created', entity: 'user', entityId: row.id, detail: { username, roleId: input.roleId, teamId: input.teamId ?? null } });
  return row.id;
}

export async function createUser({ db, actor, input }: { db: Kysely<DB>; actor: Actor; input: UserCreate }): Promise<User> {
  assertAdmin(actor);
  const id = await db.transaction().execute((trx) => insertUser(trx, actor, input));
  return getUser({ db, actor, id });
}

export async function updateUser({ db, actor, id, input }: { db: Kysely<DB>; actor: Actor; id: number; input: UserUpdate }): Promise<User> {
  assertAdmin(actor);
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('users').select(['version']).where('tenant_id', '=', actor.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw notFound('user');
    if (current.version !== input.version) throw versionConflict();
    await assertRefs(trx, actor.tenantId, input);
    if (input.active === false && id === actor.userId) throw new AppError('CONFLICT', { detail: 'cannot_deactivate_self' });
    const set: Updateable<DB['users']> = {};
    if (input.displayName !== undefined) set.display_name = input.displayName;
    if (input.password !== undefined) set.password_hash = await hashPassword(input.password);
    if (input.roleId !== undefined) set.role_id = input.roleId;
    if (input.teamId !== undefined) set.team_id = input.teamId;
    if (input.employeeNo !== undefined) set.employee_no = input.employeeNo;
    if (input.email !== undefined) set.email = input.email;
    if (input.active !== undefined) set.active = input.active;
    set.updated_at = now();
    set.version = current.version + 1;
    await trx
      .updateTable('users')
      .set(set)
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', id)
      .execute();
    if (input.skillGroupIds) await setSkillGroups(trx, actor.tenantId, id, input.skillGroupIds);
    const fields = Object.keys(input).filter((k) => k !== 'version' && k !== 'password');
    await writeAudit(trx, actor, { action: 'user.updated', entity: 'user', entityId: id, detail: { fields, passwordChanged: input.password !== undefined } });
  });
  actorCache.clear();
  return getUser({ db, actor, id });
}
