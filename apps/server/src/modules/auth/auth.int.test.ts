import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_ROLES, PERMISSIONS, SESSION_TTL_HOURS } from '@kefu/shared';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { hashToken } from '../../lib/tokens.js';
import { createUserActor, TEST_PASSWORD } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';
import { actorCache } from './actor-cache.js';

let database: Database;
let app: FastifyInstance;
let adminHeaders: { authorization: string };

const login = (username: string, password = TEST_PASSWORD, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', headers, payload: { username, password, ...extra } });
const me = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function expectError(response: LightMyRequestResponse, status: number, code: string, message?: string) {
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status });
  expect(response.json().error.code).toBe(code);
  if (message !== undefined) expect(response.json().error.message).toBe(message);
}

function sessionCookie(response: LightMyRequestResponse) {
  return response.cookies.find((c) => c.name === 'kefu_session');
}

async function auditActions(userId: number) {
  const rows = await database.db.selectFrom('audit_log').select('action').where('tenant_id', '=', TEST_TENANT_ID).where('actor_id', '=', userId).orderBy('id').execute();
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  const admin = await createUserActor(database.db, 'admin');
  adminHeaders = await loginAs(app, admin.username);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('signing in', () => {
  let agent: Actor;
  beforeAll(async () => {
    agent = await createUserActor(database.db, 'agent', { displayName: '李客服' });
  });

  it('answers a token and the user, and sets an httpOnly session cookie; cookie and bearer both work', async () => {
    const started = Date.now();
    const response = await login(agent.username);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.token).toMatch(/^kf_1_[A-Za-z0-9_-]{20,}$/);
    expect(body.user).toMatchObject({ id: agent.userId, username: agent.username, displayName: '李客服', role: { key: 'agent' } });
    const ttl = new Date(body.expiresAt).getTime() - started;
    expect(ttl).toBeGreaterThan(SESSION_TTL_HOURS * 3600_000 - 60_000);
    expect(ttl).toBeLessThan(SESSION_TTL_HOURS * 3600_000 + 60_000);

    const cookie = sessionCookie(response);
    expect(cookie).toMatchObject({ value: body.token, httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(String(response.headers['set-cookie'])).toMatch(/HttpOnly/);

    const viaCookie = await me({ cookie: `kefu_session=${cookie!.value}` });
    expect(viaCookie.statusCode).toBe(200);
    expect(viaCookie.json().id).toBe(agent.userId);
    const viaBearer = await me(bearer(body.token));
    expect(viaBearer.statusCode).toBe(200);
    expect(viaBearer.json().id).toBe(agent.userId);
    expect((await app.inject({ method: 'GET', url: '/api/v1/tickets', headers: bearer(body.token) })).statusCode).toBe(200);
    expect(await auditActions(agent.userId)).toContain('auth.login');
  });

  it('accepts the username in any letter case and the tenant code', async () => {
    expect((await login(agent.username.toUpperCase())).statusCode).toBe(200);
    expect((await login(agent.username, TEST_PASSWORD, { tenant: 'default' })).statusCode).toBe(200);
  });

  it('a wrong password → 401 BAD_CREDENTIALS with no cookie; an unknown user looks exactly the same', async () => {
    const wrong = await login(agent.username, 'wrong-password');
    expectError(wrong, 401, 'BAD_CREDENTIALS', '用户名或密码错误');
    expect(sessionCookie(wrong)).toBeUndefined();
    const unknown = await login('nobody_here', 'wrong-password');
    expectError(unknown, 401, 'BAD_CREDENTIALS', '用户名或密码错误');
    expectError(await login(agent.username, TEST_PASSWORD, { tenant: 'no-such-tenant' }), 401, 'BAD_CREDENTIALS');
    expectError(await login(agent.username, 'wrong-password', {}, { 'accept-language': 'en' }), 401, 'BAD_CREDENTIALS', 'Wrong username or password');
  });

  it('refuses malformed login bodies with 400', async () => {
    expectError(await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: agent.username } }), 400, 'VALIDATION');
    expectError(await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: '', password: 'x' } }), 400, 'VALIDATION');
    expectError(await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'a\u0000', password: 'x' } }), 400, 'VALIDATION');
  });

  it('stores passwords as argon2id hashes, never the password', async () => {
    const row = await database.db.selectFrom('users').select('password_hash').where('id', '=', agent.userId).executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(row.password_hash).not.toContain(TEST_PASSWORD);
    // Two users with the same password get different (salted) hashes.
    const other = await createUserActor(database.db, 'agent');
    const otherRow = await database.db.selectFrom('users').select('password_hash').where('id', '=', other.userId).executeTakeFirstOrThrow();
    expect(otherRow.password_hash).not.toBe(row.password_hash);
  });

  it('a password changed by the admin is stored as argon2id; the old one stops working', async () => {
    const user = await createUserActor(database.db, 'agent');
    const current = (await app.inject({ method: 'GET', url: `/api/v1/users/${user.userId}`, headers: adminHeaders })).json();
    const changed = await app.inject({ method: 'PATCH', url: `/api/v1/users/${user.userId}`, headers: adminHeaders, payload: { version: current.version, password: 'brand-new-pass' } });
    expect(changed.statusCode).toBe(200);
    const row = await database.db.selectFrom('users').select('password_hash').where('id', '=', user.userId).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expectError(await login(user.username), 401, 'BAD_CREDENTIALS');
    expect((await login(user.username, 'brand-new-pass')).statusCode).toBe(200);
  });

  it('an inactive user cannot sign in, and their open sessions stop working', async () => {
    const user = await createUserActor(database.db, 'agent');
    const headers = await loginAs(app, user.username);
    expect((await me(headers)).statusCode).toBe(200);
    const current = (await app.inject({ method: 'GET', url: `/api/v1/users/${user.userId}`, headers: adminHeaders })).json();
    const deactivated = await app.inject({ method: 'PATCH', url: `/api/v1/users/${user.userId}`, headers: adminHeaders, payload: { version: current.version, active: false } });
    expect(deactivated.json().active).toBe(false);
    expectError(await login(user.username), 401, 'BAD_CREDENTIALS', '用户名或密码错误');
    expectError(await me(headers), 401, 'UNAUTHENTICATED');
  });

  it('an expired session → 401', async () => {
    const user = await createUserActor(database.db, 'agent');
    const { token } = (await login(user.username)).json();
    await database.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('token_hash', '=', hashToken(token)).execute();
    actorCache.clear();
    expectError(await me(bearer(token)), 401, 'UNAUTHENTICATED');
  });
});

describe('signing out', () => {
  it('revokes the bearer session at once and clears the cookie', async () => {
    const user = await createUserActor(database.db, 'agent');
    const { token } = (await login(user.username)).json();
    expect((await me(bearer(token))).statusCode).toBe(200);
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(token) });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toEqual({ ok: true });
    const cleared = sessionCookie(out);
    expect(cleared?.value).toBe('');
    expect(cleared?.expires && cleared.expires.getTime()).toBeLessThanOrEqual(Date.now());
    expectError(await me(bearer(token)), 401, 'UNAUTHENTICATED');
    const row = await database.db.selectFrom('sessions').select('revoked_at').where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
  });

  it('revokes a cookie session too, and only that session', async () => {
    const user = await createUserActor(database.db, 'agent');
    const first = (await login(user.username)).json().token as string;
    const second = (await login(user.username)).json().token as string;
    await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: `kefu_session=${first}` } });
    expectError(await me({ cookie: `kefu_session=${first}` }), 401, 'UNAUTHENTICATED');
    expect((await me(bearer(second))).statusCode).toBe(200);
  });

  it('is harmless without a session', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer('garbage') })).statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  it('shows a new token once; lists never show it; revoking makes it 401 at once', async () => {
    const user = await createUserActor(database.db, 'agent');
    const session = await loginAs(app, user.username);
    const created = await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: session, payload: { name: '工单系统对接' } });
    expect(created.statusCode).toBe(201);
    const token = created.json();
    expect(token).toMatchObject({ id: expect.any(Number), name: '工单系统对接', expiresAt: null, lastUsedAt: null });
    expect(token.token).toMatch(/^kf_1_/);

    // The token authenticates as its owner, through the stable integration API.
    const viaToken = await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(token.token), payload: { type: 'consultation', subject: '接口创建', description: '' } });
    expect(viaToken.statusCode).toBe(201);
    expect(viaToken.json().responsible.id).toBe(user.userId);

    const listed = await app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: session });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toEqual([{ id: token.id, name: '工单系统对接', createdAt: token.createdAt, expiresAt: null, lastUsedAt: expect.any(String) }]);
    expect(listed.body).not.toContain(token.token);
    // Only a hash is stored.
    const stored = await database.db.selectFrom('sessions').select(['token_hash', 'kind']).where('id', '=', token.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ token_hash: hashToken(token.token), kind: 'api' });

    const revoked = await app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${token.id}`, headers: session });
    expect(revoked.statusCode).toBe(200);
    expectError(await app.inject({ method: 'GET', url: '/api/v1/tickets', headers: bearer(token.token) }), 401, 'UNAUTHENTICATED');
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: session })).json().items).toEqual([]);
    expectError(await app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${token.id}`, headers: session }), 404, 'NOT_FOUND', '令牌不存在或您无权查看');
    expect(await auditActions(user.userId)).toEqual(expect.arrayContaining(['token.created', 'token.revoked']));
    // The session that managed the token is unaffected.
    expect((await me(session)).statusCode).toBe(200);
  });

  it('nobody else can see or revoke my token', async () => {
    const owner = await createUserActor(database.db, 'agent');
    const other = await createUserActor(database.db, 'manager');
    const ownerHeaders = await loginAs(app, owner.username);
    const otherHeaders = await loginAs(app, other.username);
    const token = (await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: ownerHeaders, payload: { name: '我的' } })).json();
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: otherHeaders })).json().items).toEqual([]);
    expectError(await app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${token.id}`, headers: otherHeaders }), 404, 'NOT_FOUND');
    expect((await me(bearer(token.token))).statusCode).toBe(200);
  });

  it('a login session cannot be "revoked" as if it were an API token', async () => {
    const user = await createUserActor(database.db, 'agent');
    const { token } = (await login(user.username)).json();
    const session = await database.db.selectFrom('sessions').select('id').where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow();
    expectError(await app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${session.id}`, headers: bearer(token) }), 404, 'NOT_FOUND');
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: bearer(token) })).json().items).toEqual([]);
  });

  it('honours expiresInDays and refuses an expired token', async () => {
    const user = await createUserActor(database.db, 'agent');
    const session = await loginAs(app, user.username);
    const created = (await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: session, payload: { name: '临时', expiresInDays: 30 } })).json();
    const days = (new Date(created.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    await database.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', created.id).execute();
    expectError(await me(bearer(created.token)), 401, 'UNAUTHENTICATED');
  });

  it('validates the token request', async () => {
    const user = await createUserActor(database.db, 'agent');
    const session = await loginAs(app, user.username);
    expectError(await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: session, payload: { name: '' } }), 400, 'VALIDATION');
    expectError(await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: session, payload: { name: 'x', expiresInDays: 0 } }), 400, 'VALIDATION');
    expectError(await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: session, payload: { name: 'x', expiresInDays: 3651 } }), 400, 'VALIDATION');
    expectError(await app.inject({ method: 'DELETE', url: '/api/v1/auth/tokens/abc', headers: session }), 400, 'VALIDATION');
    expectError(await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', payload: { name: 'x' } }), 401, 'UNAUTHENTICATED');
  });
});

describe('/auth/me', () => {
  it.each(['agent', 'leader', 'manager', 'admin', 'gm', 'qa', 'complaints', 'archivist'] as const)('reports the %s role and exactly its permissions', async (roleKey) => {
    const user = await createUserActor(database.db, roleKey);
    const response = await me(await loginAs(app, user.username));
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      id: user.userId,
      username: user.username,
      locale: 'zh-CN',
      role: { key: roleKey, name: BUILTIN_ROLES[roleKey].nameZh },
      tenant: { id: TEST_TENANT_ID, name: '测试客服中心', timezone: 'Asia/Shanghai' },
    });
    expect([...body.permissions].sort()).toEqual([...BUILTIN_ROLES[roleKey].permissions].sort());
  });

  it('admin holds every permission, the manager all but settings, the agent no admin right', async () => {
    const permissionsOf = async (roleKey: string) => (await me(await loginAs(app, (await createUserActor(database.db, roleKey)).username))).json().permissions as string[];
    expect((await permissionsOf('admin')).sort()).toEqual([...PERMISSIONS].sort());
    const manager = await permissionsOf('manager');
    expect(manager).not.toContain('admin.settings');
    expect(manager).toContain('audit.read');
    const agent = await permissionsOf('agent');
    expect(agent.filter((p) => p.startsWith('admin.'))).toEqual([]);
    expect(agent).not.toContain('customers.reveal_pii');
  });
});

describe('PATCH /auth/me/locale', () => {
  it('switches the language of the profile and of error messages, and back', async () => {
    const user = await createUserActor(database.db, 'agent');
    const headers = await loginAs(app, user.username);
    const en = await app.inject({ method: 'PATCH', url: '/api/v1/auth/me/locale', headers, payload: { locale: 'en' } });
    expect(en.statusCode).toBe(200);
    expect(en.json()).toMatchObject({ locale: 'en', role: { key: 'agent', name: 'Agent' } });
    expect((await me(headers)).json().locale).toBe('en');
    const row = await database.db.selectFrom('users').select('locale').where('id', '=', user.userId).executeTakeFirstOrThrow();
    expect(row.locale).toBe('en');
    // Without Accept-Language the stored preference decides the language of errors.
    const error = await app.inject({ method: 'GET', url: '/api/v1/tickets/424242', headers });
    expectError(error, 404, 'NOT_FOUND', 'Work order not found or not visible to you');
    // An explicit header still wins.
    expectError(await app.inject({ method: 'GET', url: '/api/v1/tickets/424242', headers: { ...headers, 'accept-language': 'zh-CN' } }), 404, 'NOT_FOUND', '工单不存在或您无权查看');

    const zh = await app.inject({ method: 'PATCH', url: '/api/v1/auth/me/locale', headers, payload: { locale: 'zh-CN' } });
    expect(zh.json()).toMatchObject({ locale: 'zh-CN', role: { name: '客服代表' } });
    expectError(await app.inject({ method: 'GET', url: '/api/v1/tickets/424242', headers }), 404, 'NOT_FOUND', '工单不存在或您无权查看');
  });

  it('refuses a language it does not have', async () => {
    const user = await createUserActor(database.db, 'agent');
    const headers = await loginAs(app, user.username);
    expectError(await app.inject({ method: 'PATCH', url: '/api/v1/auth/me/locale', headers, payload: { locale: 'fr' } }), 400, 'VALIDATION');
    expectError(await app.inject({ method: 'PATCH', url: '/api/v1/auth/me/locale', headers, payload: {} }), 400, 'VALIDATION');
    expect((await me(headers)).json().locale).toBe('zh-CN');
    expectError(await app.inject({ method: 'PATCH', url: '/api/v1/auth/me/locale', payload: { locale: 'en' } }), 401, 'UNAUTHENTICATED');
  });
});
