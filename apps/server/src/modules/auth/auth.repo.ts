import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export function findUserForLogin(db: Kysely<DB>, tenantId: number, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'password_hash', 'active'])
    .where('tenant_id', '=', tenantId)
    .where('username', '=', username.toLowerCase())
    .executeTakeFirst();
}

/** The user behind a session or API token, with their role and tenant. */
export function findActorRowByToken(db: Kysely<DB>, tenantId: number, tokenHash: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.user_id'))
    .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'u.tenant_id').onRef('r.id', '=', 'u.role_id'))
    .select([
      's.id as session_id', 's.kind', 's.expires_at', 's.revoked_at', 's.last_used_at',
      'u.id as user_id', 'u.username', 'u.display_name', 'u.team_id', 'u.locale', 'u.active',
      'r.key as role_key', 'r.permissions',
    ])
    .where('s.tenant_id', '=', tenantId)
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export function findMeRow(db: Kysely<DB>, tenantId: number, userId: number) {
  return db
    .selectFrom('users as u')
    .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'u.tenant_id').onRef('r.id', '=', 'u.role_id'))
    .innerJoin('tenants as t', 't.id', 'u.tenant_id')
    .select([
      'u.id', 'u.username', 'u.display_name', 'u.employee_no', 'u.locale', 'u.team_id',
      'r.id as role_id', 'r.key as role_key', 'r.name_zh as role_name_zh', 'r.name_en as role_name_en', 'r.permissions',
      't.id as tenant_id', 't.name as tenant_name', 't.timezone',
    ])
    .where('u.tenant_id', '=', tenantId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
}
