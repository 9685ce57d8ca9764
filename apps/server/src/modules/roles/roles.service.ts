import type { Kysely } from 'kysely';
import type { Permission, Role, RoleInput } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { writeAudit } from '../audit/audit.service.js';
import { actorCache } from '../auth/actor-cache.js';

function assertAdmin(actor: Actor) {
  if (!can(actor, 'admin.roles')) throw new AppError('FORBIDDEN');
}

export async function listRoles({ db, actor }: { db: Kysely<DB>; actor: Actor }): Promise<Role[]> {
  const rows = await db
    .selectFrom('roles as r')
    .select(['r.id', 'r.key', 'r.name_zh', 'r.name_en', 'r.permissions', 'r.builtin'])
    .select((eb) => eb.selectFrom('users as u').select(eb.fn.countAll<number>().as('n')).whereRef('u.tenant_id', '=', 'r.tenant_id').whereRef('u.role_id', '=', 'r.id').as('user_count'))
    .where('r.tenant_id', '=', actor.tenantId)
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({ id: r.id, key: r.key, nameZh: r.name_zh, nameEn: r.name_en, permissions: r.permissions as Permission[], builtin: r.builtin, userCount: Number(r.user_count ?? 0) }));
}

export async function createRole({ db, actor, input }: { db: Kysely<DB>; actor: Actor; input: RoleInput }): Promise<Role> {
  assertAdmin(actor);
  const id = await db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('roles').select('id').where('tenant_id', '=', actor.tenantId).where('key', '=', input.key).executeTakeFirst();
    if (taken) throw new AppError('CONFLICT', { detail: 'duplicate_key' }, { field: 'key', value: input.key });
    const row = await trx
      .insertInto('roles')
      .values({ tenant_id: actor.tenantId, key: input.key, name_zh: input.nameZh, name_en: input.nameEn, permissions: [...new Set(input.permissions)] })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'role.created', entity: 'role', entityId: row.id, detail: { key: input.key, permissions: input.permissions } });
    return row.id;
  });
  return (await listRoles({ db, actor })).find((r) => r.id === id)!;
}

export async function updateRole({ db, actor, id, input }: { db: Kysely<DB>; actor: Actor; id: number; input: Partial<Omit<RoleInput, 'key'>> }): Promise<Role> {
  assertAdmin(actor);
  await db.transaction().execute(async (trx) => {
    const role = await trx.selectFrom('roles').select(['key', 'builtin']).where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
    if (!role) throw notFound('role');
    // Taking admin rights away from the admin role would lock everyone out of administration.
    if (role.key === 'admin' && input.permissions) throw new AppError('CONFLICT', { detail: 'admin_role_permissions' });
    const set = Object.assign(
      {},
      input.nameZh !== undefined ? { name_zh: input.nameZh } : {},
      input.nameEn !== undefined ? { name_en: input.nameEn } : {},
      input.permissions !== undefined ? { permissions: [...new Set(input.permissions)] } : {},
    );
    // An empty change has no column to set (UPDATE … SET would be invalid SQL).
    if (Object.keys(set).length > 0) await trx.updateTable('roles').set(set).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'role.updated', entity: 'role', entityId: id, detail: { ...input } });
  });
  actorCache.clear();
  return (await listRoles({ db, actor })).find((r) => r.id === id)!;
}

export async function deleteRole({ db, actor, id }: { db: Kysely<DB>; actor: Actor; id: number }): Promise<void> {
  assertAdmin(actor);
  await db.transaction().execute(async (trx) => {
    const role = await trx.selectFrom('roles').select(['builtin', 'key']).where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
    if (!role) throw notFound('role');
    if (role.builtin) throw new AppError('CONFLICT', { detail: 'builtin_role' });
    const used = await trx.selectFrom('users').select('id').where('tenant_id', '=', actor.tenantId).where('role_id', '=', id).executeTakeFirst();
    if (used) throw new AppError('CONFLICT', { detail: 'role_in_use' });
    await trx.deleteFrom('roles').where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'role.deleted', entity: 'role', entityId: id, detail: { key: role.key } });
  });
}
