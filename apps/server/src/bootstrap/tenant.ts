import type { Kysely } from 'kysely';
import { BUILTIN_ROLES, BUILTIN_ROLE_KEYS, BUILTIN_TICKET_TYPES } from '@kefu/shared';
import type { DB } from '../db/schema.js';
import { BUILTIN_TYPE_NAMES } from '../modules/ticket-types/ticket-types.service.js';
import { ensureDefaultSlaPolicies } from '../modules/sla/sla-policies.service.js';

/**
 * Makes sure a tenant exists with the built-in roles and work-order types. Idempotent: runs on every
 * start, adds what a newer version introduced, and leaves what administrators changed alone.
 */
export async function ensureTenant(db: Kysely<DB>, tenant: { id: number; code: string; name: string; timezone?: string }): Promise<{ created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('tenants')
      .values({ id: tenant.id, code: tenant.code, name: tenant.name, timezone: tenant.timezone ?? 'Asia/Shanghai' })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    await trx
      .insertInto('roles')
      .values(BUILTIN_ROLE_KEYS.map((key) => ({ tenant_id: tenant.id, key, name_zh: BUILTIN_ROLES[key].nameZh, name_en: BUILTIN_ROLES[key].nameEn, permissions: BUILTIN_ROLES[key].permissions, builtin: true })))
      .onConflict((oc) => oc.columns(['tenant_id', 'key']).doNothing())
      .execute();
    await trx
      .insertInto('ticket_types')
      .values(BUILTIN_TICKET_TYPES.map((key) => ({ tenant_id: tenant.id, key, name_zh: BUILTIN_TYPE_NAMES[key].zh, name_en: BUILTIN_TYPE_NAMES[key].en, builtin: true })))
      .onConflict((oc) => oc.columns(['tenant_id', 'key']).doNothing())
      .execute();
    await ensureDefaultSlaPolicies(trx, tenant.id);
    return { created: Boolean(inserted) };
  });
}
