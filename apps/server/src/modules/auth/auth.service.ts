import type { Kysely } from 'kysely';
import { PERMISSIONS, SESSION_TTL_HOURS, type ApiToken, type ApiTokenCreate, type Locale, type LoginInput, type LoginResult, type Me, type Permission } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { now, toIso, toIsoRequired } from '../../lib/clock.js';
import { verifyPassword } from '../../lib/passwords.js';
import { generateToken, hashToken, parseTokenTenant } from '../../lib/tokens.js';
import { writeAudit } from '../audit/audit.service.js';
import { findActorRowByToken, findMeRow, findUserForLogin } from './auth.repo.js';
import { actorCache } from './actor-cache.js';
import { clearLoginFailures, isLoginThrottled, recordLoginFailure } from './login-throttle.js';

export { DEFAULT_TENANT_ID } from '../../lib/tenant.js';
import { DEFAULT_TENANT_ID } from '../../lib/tenant.js';

async function resolveTenantId(db: Kysely<DB>, code: string | undefined): Promise<number> {
  if (!code) return DEFAULT_TENANT_ID;
  const tenant = await db.selectFrom('tenants').select('id').where('code', '=', code).executeTakeFirst();
  if (!tenant) throw new AppError('BAD_CREDENTIALS');
  return tenant.id;
}

export async function login({ db, input, ip }: { db: Kysely<DB>; input: LoginInput; ip: string | null }): Promise<LoginResult> {
  if (isLoginThrottled(input.username, ip)) throw new AppError('RATE_LIMITED');
  const tenantId = await resolveTenantId(db, input.tenant);
  const user = await findUserForLogin(db, tenantId, input.username);
  // Verify even for unknown users would cost ~20 ms; we accept the timing difference for unknown names.
  if (!user || !user.active || !(await verifyPassword(user.password_hash, input.password))) {
    recordLoginFailure(input.username, ip);
    throw new AppError('BAD_CREDENTIALS');
  }
  clearLoginFailures(input.username, ip);
  const token = generateToken(tenantId);
  const expiresAt = new Date(now().getTime() + SESSION_TTL_HOURS * 3600_000);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('sessions').values({ tenant_id: tenantId, token_hash: hashToken(token), user_id: user.id, kind: 'session', expires_at: expiresAt }).execute();
    await trx.updateTable('users').set({ last_login_at: now() }).where('tenant_id', '=', tenantId).where('id', '=', user.id).execute();
    const actor = await actorFromToken(trx, token);
    if (actor) await writeAudit(trx, Object.assign({}, actor, { ip }), { action: 'auth.login', entity: 'user', entityId: user.id });
  });
  return { token, expiresAt: expiresAt.toISOString(), user: await getMe({ db, tenantId, userId: user.id }) };
}

export async function logout({ db, token }: { db: Kysely<DB>; token: string }): Promise<void> {
  const tenantId = parseTokenTenant(token);
  if (tenantId === null) return;
  await db.updateTable('sessions').set({ revoked_at: now() }).where('tenant_id', '=', tenantId).where('token_hash', '=', hashToken(token)).execute();
  actorCache.delete(hashToken(token));
}

/** The actor a bearer or cookie token stands for, or null when the token is unknown, expired, revoked or its user inactive. */
export async function actorFromToken(db: Kysely<DB>, token: string): Promise<Actor | null> {
  const tenantId = parseTokenTenant(token);
  if (tenantId === null) return null;
  const tokenHash = hashToken(token);
  const cached = actorCache.get(tokenHash);
  if (cached) return cached;
  const row = await findActorRowByToken(db, tenantId, tokenHash);
  const at = now();
  if (!row || row.revoked_at || !row.active || (row.expires_at && row.expires_at < at)) return null;
  if (!row.last_used_at || at.getTime() - row.last_used_at.getTime() > 5 * 60_000) {
    await db.updateTable('sessions').set({ last_used_at: at }).where('tenant_id', '=', tenantId).where('id', '=', row.session_id).execute();
  }
  const actor: Actor = {
    tenantId,
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    roleKey: row.role_key,
    teamId: row.team_id,
    permissions: new Set(row.permissions.filter((p): p is Permission => (PERMISSIONS as readonly string[]).includes(p))),
    locale: row.locale === 'en' ? 'en' : 'zh-CN',
    ip: null,
  };
  actorCache.set(tokenHash, actor);
  return actor;
}

export async function getMe({ db, tenantId, userId }: { db: Kysely<DB>; tenantId: number; userId: number }): Promise<Me> {
  const row = await findMeRow(db, tenantId, userId);
  if (!row) throw notFound('user');
  const locale: Locale = row.locale === 'en' ? 'en' : 'zh-CN';
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    employeeNo: row.employee_no,
    locale,
    role: { id: row.role_id, key: row.role_key, name: locale === 'en' ? row.role_name_en : row.role_name_zh },
    teamId: row.team_id,
    permissions: row.permissions.filter((p): p is Permission => (PERMISSIONS as readonly string[]).includes(p)),
    tenant: { id: row.tenant_id, name: row.tenant_name, timezone: row.timezone },
  };
}

export async function setMyLocale({ db, actor, locale }: { db: Kysely<DB>; actor: Actor; locale: Locale }): Promise<Me> {
  await db.updateTable('users').set({ locale }).where('tenant_id', '=', actor.tenantId).where('id', '=', actor.userId).execute();
  actorCache.clear();
  return getMe({ db, tenantId: actor.tenantId, userId: actor.userId });
}

function presentToken(row: { id: number; name: string | null; created_at: Date; expires_at: Date | null; last_used_at: Date | null }): ApiToken {
  return { id: row.id, name: row.name ?? '', createdAt: toIsoRequired(row.created_at), expiresAt: toIso(row.expires_at), lastUsedAt: toIso(row.last_used_at) };
}

export async function createApiToken({ db, actor, input }: { db: Kysely<DB>; actor: Actor; input: ApiTokenCreate }) {
  const token = generateToken(actor.tenantId);
  const expiresAt = input.expiresInDays ? new Date(now().getTime() + input.expiresInDays * 86_400_000) : null;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('sessions')
      .values({ tenant_id: actor.tenantId, token_hash: hashToken(token), user_id: actor.userId, kind: 'api', name: input.name, expires_at: expiresAt })
      .returning(['id', 'name', 'created_at', 'expires_at', 'last_used_at'])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'token.created', entity: 'token', entityId: row.id, detail: { name: input.name } });
    return Object.assign(presentToken(row), { token });
  });
}

export async function listApiTokens({ db, actor }: { db: Kysely<DB>; actor: Actor }): Promise<ApiToken[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'name', 'created_at', 'expires_at', 'last_used_at'])
    .where('tenant_id', '=', actor.tenantId)
    .where('user_id', '=', actor.userId)
    .where('kind', '=', 'api')
    .where('revoked_at', 'is', null)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(presentToken);
}

export async function revokeApiToken({ db, actor, id }: { db: Kysely<DB>; actor: Actor; id: number }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('sessions')
      .set({ revoked_at: now() })
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', id)
      .where('user_id', '=', actor.userId)
      .where('kind', '=', 'api')
      .where('revoked_at', 'is', null)
      .returning(['id', 'token_hash'])
      .executeTakeFirst();
    if (!row) throw notFound('token');
    actorCache.delete(row.token_hash);
    await writeAudit(trx, actor, { action: 'token.revoked', entity: 'token', entityId: id });
  });
}
