import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';

let database: Database;
let app: FastifyInstance;
let admin: Actor;
let adminHeaders: { authorization: string };
let agentHeaders: { authorization: string };
let leaderHeaders: { authorization: string };
const roleIds: Record<string, number> = {};

type Headers = Record<string, string>;
const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Headers, payload?: unknown) =>
  app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

function expectError(response: LightMyRequestResponse, status: number, code: string, message?: string) {
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status });
  expect(response.json().error.code).toBe(code);
  if (message !== undefined) expect(response.json().error.message).toBe(message);
}

function expectStatus(response: LightMyRequestResponse, status: number) {
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status });
  return response.json();
}

/** Audit rows written by the admin about one record, oldest first. */
async function auditOf(entity: string, entityId: number) {
  const page = expectStatus(await call('GET', `/api/v1/audit?entity=${entity}&entityId=${entityId}&actorId=${admin.userId}&pageSize=100`, adminHeaders), 200);
  return (page.items as Array<{ action: string; actor: { id: number } | null }>).reverse();
}

const login = (username: string, password: string) => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  admin = await createUserActor(database.db, 'admin');
  adminHeaders = await loginAs(app, admin.username);
  agentHeaders = await loginAs(app, (await createUserActor(database.db, 'agent')).username);
  leaderHeaders = await loginAs(app, (await createUserActor(database.db, 'leader')).username);
  const roles = await database.db.selectFrom('roles').select(['id', 'key']).where('tenant_id', '=', TEST_TENANT_ID).execute();
  for (const r of roles) roleIds[r.key] = r.id;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('users', () => {
  it('the admin creates a user who can then sign in; the change is audited', async () => {
    const created = await call('POST', '/api/v1/users', adminHeaders, {
      username: 'Zhang.San', displayName: '张三', password: 'zhangsan-2026', roleId: roleIds.agent, employeeNo: 'KF001', email: 'zhangsan@example.com',
    });
    const user = expectStatus(created, 201);
    expect(user).toMatchObject({
      username: 'zhang.san', displayName: '张三', employeeNo: 'KF001', email: 'zhangsan@example.com',
      role: { id: roleIds.agent, key: 'agent', name: '客服代表' }, teamId: null, skillGroupIds: [], active: true, openTickets: 0, version: 1,
    });
    expect((await login('zhang.san', 'zhangsan-2026')).statusCode).toBe(200);
    expect(expectStatus(await call('GET', `/api/v1/users/${user.id}`, adminHeaders), 200)).toEqual(user);
    expect(expectStatus(await call('GET', '/api/v1/users', adminHeaders), 200).items.map((u: { id: number }) => u.id)).toContain(user.id);
    expect(await auditOf('user', user.id)).toEqual([expect.objectContaining({ action: 'user.created', actor: expect.objectContaining({ id: admin.userId }) })]);
    // The password is neither answered nor audited.
    const audit = await call('GET', `/api/v1/audit?entity=user&entityId=${user.id}`, adminHeaders);
    expect(audit.body).not.toContain('zhangsan-2026');
    expect(created.body).not.toContain('zhangsan-2026');
  });

  it('a duplicate username, in any letter case, → 409 CONFLICT in the caller language', async () => {
    const payload = { username: 'li.si', displayName: '李四', password: 'lisi-2026-pw', roleId: roleIds.agent };
    expectStatus(await call('POST', '/api/v1/users', adminHeaders, payload), 201);
    expectError(await call('POST', '/api/v1/users', adminHeaders, { ...payload, username: 'LI.SI' }), 409, 'CONFLICT', '该用户名已被使用');
    expectError(await call('POST', '/api/v1/users', { ...adminHeaders, 'accept-language': 'en' }, payload), 409, 'CONFLICT', 'This username is already taken');
  });

  it('two simultaneous creations of one username: one 201, one 409, one user', async () => {
    const payload = { username: 'twin', displayName: '双胞胎', password: 'twin-2026-pw', roleId: roleIds.agent };
    const results = await Promise.all([call('POST', '/api/v1/users', adminHeaders, payload), call('POST', '/api/v1/users', adminHeaders, payload)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().error.code).toBe('CONFLICT');
    const rows = await database.db.selectFrom('users').select('id').where('username', '=', 'twin').execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses unknown roles, teams and skill groups with 404', async () => {
    const base = { username: 'wang.wu', displayName: '王五', password: 'wangwu-2026', roleId: roleIds.agent };
    expectError(await call('POST', '/api/v1/users', adminHeaders, { ...base, roleId: 999_999 }), 404, 'NOT_FOUND', '角色不存在或您无权查看');
    expectError(await call('POST', '/api/v1/users', adminHeaders, { ...base, teamId: 999_999 }), 404, 'NOT_FOUND', '班组不存在或您无权查看');
    expectError(await call('POST', '/api/v1/users', adminHeaders, { ...base, skillGroupIds: [999_999] }), 404, 'NOT_FOUND', '技能组不存在或您无权查看');
    expect(await database.db.selectFrom('users').select('id').where('username', '=', 'wang.wu').execute()).toEqual([]);
  });

  it('a stale version → 409 VERSION_CONFLICT and nothing changes', async () => {
    const user = expectStatus(await call('POST', '/api/v1/users', adminHeaders, { username: 'zhao.liu', displayName: '赵六', password: 'zhaoliu-2026', roleId: roleIds.agent }), 201);
    expectStatus(await call('PATCH', `/api/v1/users/${user.id}`, adminHeaders, { version: 1, displayName: '赵六六' }), 200);
    expectError(await call('PATCH', `/api/v1/users/${user.id}`, adminHeaders, { version: 1, displayName: '旧版本', roleId: roleIds.manager }), 409, 'VERSION_CONFLICT');
    expect(expectStatus(await call('GET', `/api/v1/users/${user.id}`, adminHeaders), 200)).toMatchObject({ displayName: '赵六六', role: { key: 'agent' }, version: 2 });
  });

  it('a role change reaches the user on their open session', async () => {
    const user = await createUserActor(database.db, 'agent');
    const headers = await loginAs(app, user.username);
    expectError(await call('GET', '/api/v1/audit', headers), 403, 'FORBIDDEN');
    const current = expectStatus(await call('GET', `/api/v1/users/${user.userId}`, adminHeaders), 200);
    expectStatus(await call('PATCH', `/api/v1/users/${user.userId}`, adminHeaders, { version: current.version, roleId: roleIds.manager }), 200);
    expectStatus(await call('GET', '/api/v1/audit', headers), 200);
    expect(expectStatus(await call('GET', '/api/v1/auth/me', headers), 200).role.key).toBe('manager');
  });
});

describe('deactivating a user', () => {
  it('blocks their login and their open sessions; reactivating lets them back in', async () => {
    const created = expectStatus(await call('POST', '/api/v1/users', adminHeaders, { username: 'leaver', displayName: '离职员工', password: 'leaver-2026', roleId: roleIds.agent }), 201);
    const session = { authorization: `Bearer ${expectStatus(await login('leaver', 'leaver-2026'), 200).token}` };
    const off = expectStatus(await call('PATCH', `/api/v1/users/${created.id}`, adminHeaders, { version: created.version, active: false }), 200);
    expect(off.active).toBe(false);
    expectError(await login('leaver', 'leaver-2026'), 401, 'BAD_CREDENTIALS', '用户名或密码错误');
    expectError(await call('GET', '/api/v1/tickets', session), 401, 'UNAUTHENTICATED');
    expect(await auditOf('user', created.id)).toEqual([
      expect.objectContaining({ action: 'user.created' }),
      expect.objectContaining({ action: 'user.updated', detail: { fields: ['active'], passwordChanged: false } }),
    ]);
    expectStatus(await call('PATCH', `/api/v1/users/${created.id}`, adminHeaders, { version: off.version, active: true }), 200);
    expect((await login('leaver', 'leaver-2026')).statusCode).toBe(200);
  });

  it('an admin cannot deactivate themselves', async () => {
    const me = expectStatus(await call('GET', `/api/v1/users/${admin.userId}`, adminHeaders), 200);
    expectError(await call('PATCH', `/api/v1/users/${admin.userId}`, adminHeaders, { version: me.version, active: false }), 409, 'CONFLICT', '不能停用自己的账号');
    expect(expectStatus(await call('GET', `/api/v1/users/${admin.userId}`, adminHeaders), 200)).toMatchObject({ active: true, version: me.version });
  });
});

describe('administration is for administrators', () => {
  it.each([
    ['GET', '/api/v1/users', undefined],
    ['POST', '/api/v1/users', { username: 'sneaky', displayName: '偷偷', password: 'sneaky-2026', roleId: 1 }],
    ['GET', '/api/v1/users/1', undefined],
    ['PATCH', '/api/v1/users/1', { version: 1, active: false }],
    ['POST', '/api/v1/roles', { key: 'sneaky', nameZh: '偷', nameEn: 'Sneaky', permissions: ['admin.users'] }],
    ['PATCH', '/api/v1/roles/1', { permissions: [] }],
    ['DELETE', '/api/v1/roles/1', undefined],
    ['POST', '/api/v1/teams', { name: '偷偷的班组' }],
    ['POST', '/api/v1/skill-groups', { name: '偷偷的技能组' }],
    ['POST', '/api/v1/departments', { name: '偷偷的部门' }],
    ['POST', '/api/v1/ticket-types', { key: 'sneaky', nameZh: '偷', nameEn: 'Sneaky' }],
  ] as const)('%s %s → 403 for an agent and a shift leader', async (method, url, payload) => {
    for (const headers of [agentHeaders, leaderHeaders]) expectError(await call(method, url, headers, payload), 403, 'FORBIDDEN', '您没有执行此操作的权限');
  });

  it('and the refused attempts changed nothing', async () => {
    const rows = await database.db.selectFrom('users').select('username').where('username', '=', 'sneaky').execute();
    expect(rows).toEqual([]);
    expect(await database.db.selectFrom('roles').select('id').where('key', '=', 'sneaky').execute()).toEqual([]);
    expect(await database.db.selectFrom('teams').select('id').where('name', '=', '偷偷的班组').execute()).toEqual([]);
  });
});

describe('custom roles', () => {
  let trainee: { id: number };
  let traineeHeaders: { authorization: string };

  beforeAll(async () => {
    trainee = expectStatus(
      await call('POST', '/api/v1/roles', adminHeaders, { key: 'trainee', nameZh: '实习坐席', nameEn: 'Trainee', permissions: ['tickets.read_own', 'tickets.create', 'tickets.update', 'customers.read'] }),
      201,
    );
    expectStatus(await call('POST', '/api/v1/users', adminHeaders, { username: 'xiao.shi', displayName: '小实', password: 'trainee-2026', roleId: trainee.id }), 201);
    traineeHeaders = { authorization: `Bearer ${expectStatus(await login('xiao.shi', 'trainee-2026'), 200).token}` };
  });

  it('carries exactly its subset of permissions', async () => {
    expect(trainee).toMatchObject({ key: 'trainee', nameZh: '实习坐席', builtin: false, userCount: 0 });
    const me = expectStatus(await call('GET', '/api/v1/auth/me', traineeHeaders), 200);
    expect(me.role).toEqual({ id: trainee.id, key: 'trainee', name: '实习坐席' });
    expect([...me.permissions].sort()).toEqual(['customers.read', 'tickets.create', 'tickets.read_own', 'tickets.update']);
    const roles = expectStatus(await call('GET', '/api/v1/roles', adminHeaders), 200).items;
    expect(roles.find((r: { id: number }) => r.id === trainee.id).userCount).toBe(1);
    expect(await auditOf('role', trainee.id)).toEqual([expect.objectContaining({ action: 'role.created' })]);
  });

  it('is denied what it lacks: 403 on administration, NOT_FOUND on another agent’s order', async () => {
    expectError(await call('POST', '/api/v1/users', traineeHeaders, { username: 'nope', displayName: 'n', password: 'nope-2026-x', roleId: trainee.id }), 403, 'FORBIDDEN');
    expectError(await call('GET', '/api/v1/audit', traineeHeaders), 403, 'FORBIDDEN');
    expectError(await call('POST', '/api/v1/customers', traineeHeaders, { name: '客户' }), 403, 'FORBIDDEN');

    const theirs = expectStatus(await call('POST', '/api/v1/tickets', agentHeaders, { type: 'consultation', subject: '别人的工单' }), 201);
    const mine = expectStatus(await call('POST', '/api/v1/tickets', traineeHeaders, { type: 'consultation', subject: '我的工单' }), 201);
    expectError(await call('GET', `/api/v1/tickets/${theirs.id}`, traineeHeaders), 404, 'NOT_FOUND', '工单不存在或您无权查看');
    expectError(await call('PATCH', `/api/v1/tickets/${theirs.id}`, traineeHeaders, { version: theirs.version, subject: '改别人的' }), 404, 'NOT_FOUND');
    expectError(await call('GET', `/api/v1/tickets/${theirs.id}/events`, traineeHeaders), 404, 'NOT_FOUND');
    expectStatus(await call('GET', `/api/v1/tickets/${mine.id}`, traineeHeaders), 200);
    const list = expectStatus(await call('GET', '/api/v1/tickets?pageSize=200', traineeHeaders), 200);
    expect(list.items.map((t: { id: number }) => t.id)).toEqual([mine.id]);
    expect(expectStatus(await call('GET', `/api/v1/tickets/${theirs.id}`, agentHeaders), 200).subject).toBe('别人的工单');
  });

  it('widening the role takes effect at once', async () => {
    const theirs = expectStatus(await call('POST', '/api/v1/tickets', agentHeaders, { type: 'consultation', subject: '扩权后可见' }), 201);
    expectError(await call('GET', `/api/v1/tickets/${theirs.id}`, traineeHeaders), 404, 'NOT_FOUND');
    const updated = expectStatus(
      await call('PATCH', `/api/v1/roles/${trainee.id}`, adminHeaders, { permissions: ['tickets.read_all', 'tickets.read_own', 'tickets.create', 'tickets.update', 'customers.read'] }),
      200,
    );
    expect(updated.permissions).toContain('tickets.read_all');
    expectStatus(await call('GET', `/api/v1/tickets/${theirs.id}`, traineeHeaders), 200);
    expect(expectStatus(await call('PATCH', `/api/v1/roles/${trainee.id}`, adminHeaders, {}), 200)).toEqual(updated);
    expect((await auditOf('role', trainee.id)).map((e) => e.action)).toEqual(['role.created', 'role.updated', 'role.updated']);
  });

  it('duplicates and bad permissions are refused', async () => {
    expectError(await call('POST', '/api/v1/roles', adminHeaders, { key: 'trainee', nameZh: '重复', nameEn: 'Dup', permissions: [] }), 409, 'CONFLICT', '该标识已存在');
    expectError(await call('POST', '/api/v1/roles', adminHeaders, { key: 'agent', nameZh: '重复', nameEn: 'Dup', permissions: [] }), 409, 'CONFLICT');
    expectError(await call('POST', '/api/v1/roles', adminHeaders, { key: 'flyer', nameZh: '飞', nameEn: 'Fly', permissions: ['tickets.fly'] }), 400, 'VALIDATION');
    expectError(await call('POST', '/api/v1/roles', adminHeaders, { key: 'Bad Key', nameZh: '坏', nameEn: 'Bad', permissions: [] }), 400, 'VALIDATION');
  });

  it('built-in, in-use and admin roles are protected', async () => {
    expectError(await call('DELETE', `/api/v1/roles/${roleIds.agent}`, adminHeaders), 409, 'CONFLICT', '内置角色不能删除');
    expectError(await call('DELETE', `/api/v1/roles/${trainee.id}`, adminHeaders), 409, 'CONFLICT', '仍有用户使用该角色，不能删除');
    expectError(await call('PATCH', `/api/v1/roles/${roleIds.admin}`, adminHeaders, { permissions: ['tickets.read_own'] }), 409, 'CONFLICT', '系统管理员角色的权限不能修改');
    expect(expectStatus(await call('GET', '/api/v1/auth/me', adminHeaders), 200).permissions).toContain('admin.roles');
    expectError(await call('DELETE', '/api/v1/roles/999999', adminHeaders), 404, 'NOT_FOUND');
  });

  it('an unused custom role can be deleted, with an audit row', async () => {
    const spare = expectStatus(await call('POST', '/api/v1/roles', adminHeaders, { key: 'spare', nameZh: '备用', nameEn: 'Spare', permissions: ['tickets.read_own'] }), 201);
    expect(expectStatus(await call('DELETE', `/api/v1/roles/${spare.id}`, adminHeaders), 200)).toEqual({ ok: true });
    expect((await auditOf('role', spare.id)).map((e) => e.action)).toEqual(['role.created', 'role.deleted']);
    expect(expectStatus(await call('GET', '/api/v1/roles', adminHeaders), 200).items.map((r: { key: string }) => r.key)).not.toContain('spare');
  });
});

describe('teams, skill groups and departments', () => {
  it('teams: create with a leader, count members, rename; duplicates → 409; every change audited', async () => {
    const leader = await createUserActor(database.db, 'leader');
    const team = expectStatus(await call('POST', '/api/v1/teams', adminHeaders, { name: '早班一组', leaderId: leader.userId }), 201);
    expect(team).toMatchObject({ name: '早班一组', leaderId: leader.userId, memberCount: 0 });
    const member = expectStatus(await call('POST', '/api/v1/users', adminHeaders, { username: 'zao.ban', displayName: '早班', password: 'zaoban-2026', roleId: roleIds.agent, teamId: team.id }), 201);
    expect(member.teamId).toBe(team.id);
    expect(expectStatus(await call('GET', '/api/v1/teams', agentHeaders), 200).items.find((t: { id: number }) => t.id === team.id).memberCount).toBe(1);

    expectError(await call('POST', '/api/v1/teams', adminHeaders, { name: '早班一组' }), 409, 'CONFLICT', '该名称已被使用');
    const other = expectStatus(await call('POST', '/api/v1/teams', adminHeaders, { name: '晚班' }), 201);
    expectError(await call('PATCH', `/api/v1/teams/${other.id}`, adminHeaders, { name: '早班一组' }), 409, 'CONFLICT');
    const renamed = expectStatus(await call('PATCH', `/api/v1/teams/${team.id}`, adminHeaders, { name: '早班A组' }), 200);
    expect(renamed).toMatchObject({ name: '早班A组', leaderId: leader.userId, memberCount: 1 });
    expectError(await call('POST', '/api/v1/teams', adminHeaders, { name: '无名', leaderId: 999_999 }), 404, 'NOT_FOUND');
    expectError(await call('PATCH', '/api/v1/teams/999999', adminHeaders, { name: '不存在' }), 404, 'NOT_FOUND');
    // An empty change is harmless, not a broken UPDATE.
    expect(expectStatus(await call('PATCH', `/api/v1/teams/${team.id}`, adminHeaders, {}), 200)).toMatchObject({ name: '早班A组', leaderId: leader.userId });
    expectError(await call('PATCH', '/api/v1/teams/999999', adminHeaders, {}), 404, 'NOT_FOUND');
    expect((await auditOf('team', team.id)).map((e) => e.action)).toEqual(['team.created', 'team.updated', 'team.updated']);
  });

  it('skill groups: members and strategy; a rename keeps both; duplicates → 409', async () => {
    const a = await createUserActor(database.db, 'agent');
    const b = await createUserActor(database.db, 'agent');
    const group = expectStatus(await call('POST', '/api/v1/skill-groups', adminHeaders, { name: '投诉处理组', strategy: 'least_loaded', memberIds: [b.userId, a.userId, a.userId] }), 201);
    expect(group).toMatchObject({ name: '投诉处理组', strategy: 'least_loaded', memberIds: [a.userId, b.userId].sort((x, y) => x - y) });
    expect(expectStatus(await call('GET', `/api/v1/users/${a.userId}`, adminHeaders), 200).skillGroupIds).toEqual([group.id]);

    const renamed = expectStatus(await call('PATCH', `/api/v1/skill-groups/${group.id}`, adminHeaders, { name: '投诉专席' }), 200);
    expect(renamed).toEqual({ id: group.id, name: '投诉专席', strategy: 'least_loaded', memberIds: group.memberIds });
    const fewer = expectStatus(await call('PATCH', `/api/v1/skill-groups/${group.id}`, adminHeaders, { memberIds: [b.userId] }), 200);
    expect(fewer).toMatchObject({ name: '投诉专席', strategy: 'least_loaded', memberIds: [b.userId] });

    expectError(await call('POST', '/api/v1/skill-groups', adminHeaders, { name: '投诉专席' }), 409, 'CONFLICT', '该名称已被使用');
    expectError(await call('POST', '/api/v1/skill-groups', adminHeaders, { name: '空组', memberIds: [999_999] }), 404, 'NOT_FOUND');
    expectError(await call('POST', '/api/v1/skill-groups', adminHeaders, { name: '坏策略', strategy: 'random' }), 400, 'VALIDATION');
    expect((await auditOf('skill_group', group.id)).map((e) => e.action)).toEqual(['skill_group.created', 'skill_group.updated', 'skill_group.updated']);
  });

  it('departments: create, deactivate, rename without reactivating; duplicates → 409', async () => {
    const dept = expectStatus(await call('POST', '/api/v1/departments', adminHeaders, { name: '工程维修部', contactName: '刘工', email: 'repair@example.com' }), 201);
    expect(dept).toMatchObject({ name: '工程维修部', contactName: '刘工', email: 'repair@example.com', active: true });
    expect(expectStatus(await call('PATCH', `/api/v1/departments/${dept.id}`, adminHeaders, { active: false }), 200).active).toBe(false);
    const renamed = expectStatus(await call('PATCH', `/api/v1/departments/${dept.id}`, adminHeaders, { name: '工程部' }), 200);
    expect(renamed).toEqual({ id: dept.id, name: '工程部', contactName: '刘工', email: 'repair@example.com', active: false });
    expectError(await call('POST', '/api/v1/departments', adminHeaders, { name: '工程部' }), 409, 'CONFLICT');
    expect(expectStatus(await call('PATCH', `/api/v1/departments/${dept.id}`, adminHeaders, {}), 200)).toEqual(renamed);
    expectError(await call('POST', '/api/v1/departments', { ...adminHeaders, 'accept-language': 'en' }, { name: '工程部' }), 409, 'CONFLICT', 'This name is already in use');
    expect((await auditOf('department', dept.id)).map((e) => e.action)).toEqual(['department.created', 'department.updated', 'department.updated', 'department.updated']);
  });

  it('work-order types: a rename keeps the custom fields and the active flag', async () => {
    const type = expectStatus(
      await call('POST', '/api/v1/ticket-types', adminHeaders, {
        key: 'refund', nameZh: '退货退款', nameEn: 'Return', fields: [{ key: 'order_no', labelZh: '订单号', labelEn: 'Order no.', kind: 'text', required: true }],
      }),
      201,
    );
    expectStatus(await call('PATCH', `/api/v1/ticket-types/${type.id}`, adminHeaders, { active: false }), 200);
    const renamed = expectStatus(await call('PATCH', `/api/v1/ticket-types/${type.id}`, adminHeaders, { nameZh: '退款' }), 200);
    expect(renamed).toMatchObject({ nameZh: '退款', active: false, fields: [expect.objectContaining({ key: 'order_no', required: true })] });
    expect(expectStatus(await call('PATCH', `/api/v1/ticket-types/${type.id}`, adminHeaders, {}), 200)).toEqual(renamed);
    expectError(await call('POST', '/api/v1/ticket-types', adminHeaders, { key: 'refund', nameZh: '重复', nameEn: 'Dup' }), 409, 'CONFLICT', '该标识已存在');
  });
});
