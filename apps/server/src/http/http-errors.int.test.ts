import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, LIMITS, type ErrorCode } from '@kefu/shared';
import type { Database } from '../db/client.js';
import { createUserActor } from '../testing/factories.js';
import { createTestApp, loginAs } from '../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID } from '../testing/test-db.js';

// Bad input over HTTP: every refusal is a 4xx with {error:{code,message}} in the caller's language, never a 500,
// and nothing already saved changes.

let database: Database;
let app: FastifyInstance;
let admin: { authorization: string };
let agent: { authorization: string };
let agentRoleId: number;
let ticket: { id: number; version: number; subject: string };

const CJK = /[\u4e00-\u9fff]/;

function expectError(response: LightMyRequestResponse, status: number, code: ErrorCode) {
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status });
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.json() as { error: { code: string; message: string; details?: { issues?: Array<{ path: string; message: string }> } } };
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error;
}

/** A 400 VALIDATION answer whose issues name `path`; the message is Chinese unless English was asked for. */
function expectInvalid(response: LightMyRequestResponse, path?: string, locale: 'zh' | 'en' = 'zh') {
  const error = expectError(response, 400, 'VALIDATION');
  if (locale === 'zh') {
    expect(error.message).toMatch(/^输入有误：/);
  } else {
    expect(error.message).toMatch(/^Invalid input: /);
    expect(error.message).not.toMatch(CJK);
  }
  if (path) expect(error.details?.issues?.map((i) => i.path)).toContain(path);
  return error;
}

const inject = (options: InjectOptions) => app.inject(options);

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  const adminUser = await createUserActor(database.db, 'admin');
  const agentUser = await createUserActor(database.db, 'agent');
  admin = await loginAs(app, adminUser.username);
  agent = await loginAs(app, agentUser.username);
  agentRoleId = (await database.db.selectFrom('roles').select('id').where('tenant_id', '=', TEST_TENANT_ID).where('key', '=', 'agent').executeTakeFirstOrThrow()).id;
  const created = await inject({ method: 'POST', url: '/api/v1/tickets', headers: agent, payload: { type: 'consultation', subject: '原始主题', description: '原始描述' } });
  expect(created.statusCode).toBe(201);
  ticket = created.json();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('POST /api/v1/tickets with bad bodies', () => {
  const base = { type: 'consultation', subject: '咨询', description: '' };
  it.each([
    ['missing subject', { type: 'consultation', description: '' }, 'body.subject'],
    ['missing type', { subject: 's' }, 'body.type'],
    ['subject of the wrong type', { ...base, subject: 123 }, 'body.subject'],
    ['blank subject', { ...base, subject: '   ' }, 'body.subject'],
    ['subject one character too long', { ...base, subject: '长'.repeat(LIMITS.subjectMax + 1) }, 'body.subject'],
    ['description too long', { ...base, description: 'x'.repeat(LIMITS.descriptionMax + 1) }, 'body.description'],
    ['unknown priority', { ...base, priority: 'super' }, 'body.priority'],
    ['unknown channel', { ...base, channel: 'fax' }, 'body.channel'],
    ['badly formed type key', { ...base, type: 'Bad Type!' }, 'body.type'],
    ['tags not an array', { ...base, tags: '空调' }, 'body.tags'],
    ['too many tags', { ...base, tags: Array.from({ length: LIMITS.tagsPerTicket + 1 }, (_, i) => `t${i}`) }, 'body.tags'],
    ['negative customer id', { ...base, customerId: -1 }, 'body.customerId'],
    ['customer id as text', { ...base, customerId: 'abc' }, 'body.customerId'],
    ['customer id beyond safe integers', { ...base, customerId: 2 ** 63 }, 'body.customerId'],
    ['event time not a date', { ...base, eventTime: 'tomorrow' }, 'body.eventTime'],
    ['event time in year 1', { ...base, eventTime: '0001-01-01T00:00:00Z' }, 'body.eventTime'],
    ['answeredOnSpot as text', { ...base, answeredOnSpot: 'yes' }, 'body.answeredOnSpot'],
    ['NUL character in the subject', { ...base, subject: '退\u0000费' }, 'body.subject'],
    ['NUL character in a tag', { ...base, tags: ['ok', 'a\u0000'] }, 'body.tags.1'],
    ['NUL character in a custom field key', { ...base, custom: { 'a\u0000': 'x' } }, 'body.custom'],
  ])('%s → 400', async (_name, payload, path) => {
    expectInvalid(await inject({ method: 'POST', url: '/api/v1/tickets', headers: agent, payload }), path);
  });

  it('refuses an unknown work-order type, naming it', async () => {
    const error = expectInvalid(await inject({ method: 'POST', url: '/api/v1/tickets', headers: agent, payload: { ...base, type: 'no_such_type' } }));
    expect(error.message).toContain('no_such_type');
  });

  it('answers in English with Accept-Language: en', async () => {
    const response = await inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...agent, 'accept-language': 'en-US,en;q=0.9' }, payload: { ...base, priority: 'super', subject: '' } });
    const error = expectInvalid(response, 'body.priority', 'en');
    expect(error.details?.issues?.map((i) => i.path).sort()).toEqual(['body.priority', 'body.subject']);
  });

  it('refuses text that PostgreSQL cannot store in every language', async () => {
    const zh = expectInvalid(await inject({ method: 'POST', url: '/api/v1/tickets', headers: agent, payload: { ...base, description: 'a\u0000' } }), 'body.description');
    expect(zh.message).toContain('空字符');
    const en = expectInvalid(await inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...agent, 'accept-language': 'en' }, payload: { ...base, description: 'a\u0000' } }), 'body.description', 'en');
    expect(en.message).toContain('NUL');
  });

  it('refuses a follow-up order missing the five facts with MISSING_REQUIRED_FIELDS', async () => {
    const error = expectError(await inject({ method: 'POST', url: '/api/v1/tickets', headers: agent, payload: { ...base, answeredOnSpot: false } }), 400, 'MISSING_REQUIRED_FIELDS');
    expect(error.message).toBe('无法当场答复的工单必须填写：时间、地点、人物、事件、联系电话');
    expect(error.details).toEqual({ fields: ['time', 'place', 'person', 'event', 'contactPhone'] });
  });
});

describe('malformed bodies and content types', () => {
  const json = { 'content-type': 'application/json' };
  it.each([
    ['broken JSON', '{"type": "consultation",'],
    ['trailing comma', '{"type":"consultation","subject":"s",}'],
    ['single quotes', "{'type':'consultation'}"],
    ['prototype poisoning', '{"type":"consultation","subject":"s","__proto__":{"priority":"urgent"}}'],
  ])('%s → 400 "not valid JSON", translated', async (_name, payload) => {
    const zh = expectInvalid(await inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...agent, ...json }, payload }));
    expect(zh.message).toBe('输入有误：请求体不是有效的 JSON');
    const en = expectInvalid(await inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...agent, ...json, 'accept-language': 'en' }, payload }), undefined, 'en');
    expect(en.message).toBe('Invalid input: the body is not valid JSON');
  });

  it('an empty JSON body → 400', async () => {
    const error = expectInvalid(await inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...agent, ...json }, payload: '' }));
    expect(error.message).toBe('输入有误：请求体为空');
  });

  it.each(['null', '[]', '"text"', '42', 'true'])('JSON %s instead of an object → 400', async (payload) => {
    expectInvalid(await inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...agent, ...json }, payload }), 'body');
  });

  it('JSON nested 200 000 levels deep → 400, not a crash', async () => {
    const deep = '{"type":"consultation","subject":"s","custom":{"a":' + '['.repeat(200_000) + ']'.repeat(200_000) + '}}';
    const response = await inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...agent, ...json }, payload: deep });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION');
  });

  it.each(['application/xml', 'application/x-www-form-urlencoded', 'image/png'])('content type %s → 415', async (type) => {
    const response = await inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...agent, 'content-type': type }, payload: 'type=consultation&subject=s' });
    const error = expectError(response, 415, 'VALIDATION');
    expect(error.message).toBe('输入有误：不支持的内容类型（Content-Type）');
  });

  it('plain text instead of JSON → 400', async () => {
    expectInvalid(await inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...agent, 'content-type': 'text/plain' }, payload: 'subject=s' }), 'body');
  });

  it('a JSON body over the 1 MB limit → 413 naming the right limit', async () => {
    const payload = JSON.stringify({ type: 'consultation', subject: 's', description: 'x'.repeat(LIMITS.jsonBodyBytesMax) });
    const error = expectError(await inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...agent, ...json }, payload }), 413, 'PAYLOAD_TOO_LARGE');
    expect(error.message).toBe('上传内容过大（上限 1 MB）');
  });
});

describe('PATCH /api/v1/tickets/:id with bad input', () => {
  it.each([
    ['no version', { subject: '新' }, 'body.version'],
    ['version as text', { version: '1', subject: '新' }, 'body.version'],
    ['version zero', { version: 0 }, 'body.version'],
    ['fractional version', { version: 1.5 }, 'body.version'],
    ['unknown status', { version: 1, status: 'done' }, 'body.status'],
    ['empty subject', { version: 1, subject: '' }, 'body.subject'],
    ['oversized status reason', { version: 1, statusReason: 'x'.repeat(501) }, 'body.statusReason'],
    ['assignee "me" (a list filter, not an id)', { version: 1, assigneeId: 'me' }, 'body.assigneeId'],
    ['tags of numbers', { version: 1, tags: [1, 2] }, 'body.tags.0'],
  ])('%s → 400 and the order is unchanged', async (_name, payload, path) => {
    expectInvalid(await inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, headers: agent, payload }), path);
    const after = (await inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: agent })).json();
    expect(after).toMatchObject({ subject: '原始主题', description: '原始描述', status: 'new', version: ticket.version });
  });
});

describe('path ids', () => {
  it.each(['abc', '-1', '0', '1.5', '99999999999999999999', '%20', '1%00'])('/tickets/%s → 400 on GET and PATCH', async (id) => {
    expectInvalid(await inject({ method: 'GET', url: `/api/v1/tickets/${id}`, headers: agent }), 'params.id');
    expectInvalid(await inject({ method: 'PATCH', url: `/api/v1/tickets/${id}`, headers: agent, payload: { version: 1 } }), 'params.id');
  });

  it.each(['/api/v1/tickets/9007199254740991', '/api/v1/tickets/2147483648', '/api/v1/customers/424242', '/api/v1/users/424242'])('%s (a well-formed id nobody has) → 404 NOT_FOUND', async (url) => {
    const error = expectError(await inject({ method: 'GET', url, headers: admin }), 404, 'NOT_FOUND');
    expect(error.message).toMatch(/不存在或您无权查看$/);
  });

  it('PATCH of an order that does not exist → 404, in English too', async () => {
    const error = expectError(await inject({ method: 'PATCH', url: '/api/v1/tickets/424242', headers: { ...agent, 'accept-language': 'en' }, payload: { version: 1, subject: 'x' } }), 404, 'NOT_FOUND');
    expect(error.message).toBe('Work order not found or not visible to you');
  });
});

describe('GET /api/v1/tickets with bad query values', () => {
  it.each([
    ['status=bogus', 'querystring.status.0'],
    ['status=open,bogus', 'querystring.status.1'],
    ['priority=super', 'querystring.priority.0'],
    ['channel=fax', 'querystring.channel.0'],
    ['sort=subject;drop table tickets', 'querystring.sort'],
    ['page=0', 'querystring.page'],
    ['page=-3', 'querystring.page'],
    ['page=1&page=2', 'querystring.page'],
    ['pageSize=201', 'querystring.pageSize'],
    ['pageSize=abc', 'querystring.pageSize'],
    ['assigneeId=someone', 'querystring.assigneeId'],
    ['responsibleId=none', 'querystring.responsibleId'],
    ['teamId=-1', 'querystring.teamId'],
    ['callbackPending=maybe', 'querystring.callbackPending'],
    ['createdFrom=yesterday', 'querystring.createdFrom'],
    ['createdTo=2026-02-30', 'querystring.createdTo'],
    [`q=${'查'.repeat(LIMITS.searchQueryMax + 1)}`, 'querystring.q'],
    [`tag=${'t'.repeat(LIMITS.tagMax + 1)}`, 'querystring.tag'],
    [Array.from({ length: 51 }, () => 'status=new').join('&'), 'querystring.status'],
    ['q=%E9%80%80%00', 'querystring.q'],
    ['tag=a%00', 'querystring.tag'],
  ])('?%s → 400', async (query, path) => {
    expectInvalid(await inject({ method: 'GET', url: `/api/v1/tickets?${query}`, headers: agent }), path);
  });

  it('English messages for query errors with Accept-Language: en', async () => {
    const error = expectInvalid(await inject({ method: 'GET', url: '/api/v1/tickets?status=bogus', headers: { ...agent, 'accept-language': 'en' } }), 'querystring.status.0', 'en');
    expect(error.message).toContain('status.0');
  });

  it('search text full of tsquery and LIKE syntax is searched, not executed', async () => {
    for (const q of ["'", "a' | 'b", '退费 & !投诉', '(*):', '100%_\\', '<->', '～～～']) {
      const response = await inject({ method: 'GET', url: `/api/v1/tickets?q=${encodeURIComponent(q)}`, headers: agent });
      expect({ q, status: response.statusCode }).toEqual({ q, status: 200 });
    }
  });

  it('ignores parameters it does not know', async () => {
    const response = await inject({ method: 'GET', url: '/api/v1/tickets?foo=bar&status=new', headers: agent });
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((i: { id: number }) => i.id)).toContain(ticket.id);
  });
});

describe('POST /api/v1/customers with bad bodies', () => {
  it.each([
    ['no name', { phones: [] }, 'body.name'],
    ['empty name', { name: '' }, 'body.name'],
    ['name too long', { name: '张'.repeat(LIMITS.nameMax + 1) }, 'body.name'],
    ['unknown kind', { name: '张三', kind: 'alien' }, 'body.kind'],
    ['phones not a list', { name: '张三', phones: '13812345678' }, 'body.phones'],
    ['too many phones', { name: '张三', phones: Array.from({ length: LIMITS.phonesPerCustomer + 1 }, (_, i) => `1380000000${i % 10}`) }, 'body.phones'],
    ['phone too short', { name: '张三', phones: ['12'] }, 'body.phones.0'],
    ['phone too long', { name: '张三', phones: ['1'.repeat(LIMITS.phoneMax + 1)] }, 'body.phones.0'],
    ['phone object without number', { name: '张三', phones: [{ label: '手机' }] }, 'body.phones.0'],
    ['bad email', { name: '张三', email: 'not-an-email' }, 'body.email'],
    ['unknown grade', { name: '张三', grade: 'F' }, 'body.grade'],
    ['NUL in a phone', { name: '张三', phones: ['\u0000\u0000138'] }, 'body.phones.0'],
  ])('%s → 400', async (_name, payload, path) => {
    expectInvalid(await inject({ method: 'POST', url: '/api/v1/customers', headers: agent, payload }), path);
  });

  it('a phone without enough digits is refused by the service, naming the number', async () => {
    const error = expectInvalid(await inject({ method: 'POST', url: '/api/v1/customers', headers: agent, payload: { name: '张三', phones: ['call me'] } }));
    expect(error.message).toContain('call me');
  });

  it('an organization id that is not an organization → 404', async () => {
    const person = (await inject({ method: 'POST', url: '/api/v1/customers', headers: agent, payload: { name: '个人客户' } })).json();
    expectError(await inject({ method: 'POST', url: '/api/v1/customers', headers: agent, payload: { name: '员工', organizationId: person.id } }), 404, 'NOT_FOUND');
  });
});

describe('POST /api/v1/users with bad bodies', () => {
  const base = () => ({ username: 'new_user', displayName: '新用户', password: 'long-enough-1', roleId: agentRoleId });
  it.each([
    ['username with spaces', { username: 'bad name' }, 'body.username'],
    ['username too long', { username: 'u'.repeat(LIMITS.usernameMax + 1) }, 'body.username'],
    ['Chinese username', { username: '张三' }, 'body.username'],
    ['password too short', { password: 'short' }, 'body.password'],
    ['password too long', { password: 'p'.repeat(LIMITS.passwordMax + 1) }, 'body.password'],
    ['role id as text', { roleId: 'agent' }, 'body.roleId'],
    ['unknown locale', { locale: 'fr' }, 'body.locale'],
    ['bad email', { email: '@' }, 'body.email'],
    ['skill group ids of text', { skillGroupIds: ['x'] }, 'body.skillGroupIds.0'],
    ['no display name', { displayName: undefined }, 'body.displayName'],
  ])('%s → 400', async (_name, change, path) => {
    expectInvalid(await inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { ...base(), ...change } }), path);
  });

  it('a role that does not exist → 404 in the caller language', async () => {
    const zh = expectError(await inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { ...base(), roleId: 999_999 } }), 404, 'NOT_FOUND');
    expect(zh.message).toBe('角色不存在或您无权查看');
    const en = expectError(await inject({ method: 'POST', url: '/api/v1/users', headers: { ...admin, 'accept-language': 'en' }, payload: { ...base(), roleId: 999_999 } }), 404, 'NOT_FOUND');
    expect(en.message).toBe('Role not found or not visible to you');
  });

  it('validation comes before nothing: an agent gets 403 for a valid body', async () => {
    const error = expectError(await inject({ method: 'POST', url: '/api/v1/users', headers: agent, payload: base() }), 403, 'FORBIDDEN');
    expect(error.message).toBe('您没有执行此操作的权限');
  });
});

describe('authentication', () => {
  it.each([
    ['no token', {}],
    ['a garbage bearer token', { authorization: 'Bearer garbage' }],
    ['an empty bearer token', { authorization: 'Bearer ' }],
    ['a well-formed token nobody was given', { authorization: `Bearer kf_1_${'A'.repeat(32)}` }],
    ['a token of a tenant that does not exist', { authorization: `Bearer kf_999999999_${'A'.repeat(32)}` }],
    ['Basic credentials', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
    ['a garbage session cookie', { cookie: 'kefu_session=%ZZ' }],
  ])('%s → 401 UNAUTHENTICATED', async (_name, headers) => {
    const error = expectError(await inject({ method: 'GET', url: '/api/v1/tickets', headers }), 401, 'UNAUTHENTICATED');
    expect(error.message).toBe('请先登录');
    const en = expectError(await inject({ method: 'GET', url: '/api/v1/tickets', headers: { ...headers, 'accept-language': 'en' } }), 401, 'UNAUTHENTICATED');
    expect(en.message).toBe('Please sign in first');
  });

  it('a revoked (logged-out) token → 401 on the next request', async () => {
    const user = await createUserActor(database.db, 'agent');
    const headers = await loginAs(app, user.username);
    expect((await inject({ method: 'GET', url: '/api/v1/tickets', headers })).statusCode).toBe(200);
    expect((await inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode).toBe(200);
    expectError(await inject({ method: 'GET', url: '/api/v1/tickets', headers }), 401, 'UNAUTHENTICATED');
  });

  it('writes are refused without a token and change nothing', async () => {
    expectError(await inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, payload: { version: ticket.version, subject: '匿名修改' } }), 401, 'UNAUTHENTICATED');
    expectError(await inject({ method: 'POST', url: '/api/v1/tickets', payload: { type: 'consultation', subject: '匿名' } }), 401, 'UNAUTHENTICATED');
    expect((await inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: agent })).json()).toMatchObject({ subject: '原始主题', version: ticket.version });
  });
});

describe('unknown routes', () => {
  it.each([
    ['GET', '/api/v1/nope'],
    ['GET', '/api/nope'],
    ['DELETE', '/api/v1/tickets'],
    ['PUT', '/api/v1/tickets/1'],
    ['POST', '/api/v1/tickets/1/nope'],
    ['GET', '/api/v2/tickets'],
  ] as const)('%s %s → 404 NOT_FOUND as JSON', async (method, url) => {
    const error = expectError(await inject({ method, url, headers: admin }), 404, 'NOT_FOUND');
    expect(error.message).toBe('记录不存在或您无权查看');
  });
});

describe('optimistic locking', () => {
  it('a stale PATCH → 409 VERSION_CONFLICT and the order keeps the newer change', async () => {
    const created = (await inject({ method: 'POST', url: '/api/v1/tickets', headers: agent, payload: { type: 'consultation', subject: '版本一' } })).json();
    const first = await inject({ method: 'PATCH', url: `/api/v1/tickets/${created.id}`, headers: agent, payload: { version: created.version, subject: '版本二' } });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(created.version + 1);
    const stale = await inject({ method: 'PATCH', url: `/api/v1/tickets/${created.id}`, headers: agent, payload: { version: created.version, subject: '被覆盖', priority: 'urgent' } });
    const error = expectError(stale, 409, 'VERSION_CONFLICT');
    expect(error.message).toBe('该记录已被他人修改，请刷新后重试');
    const after = (await inject({ method: 'GET', url: `/api/v1/tickets/${created.id}`, headers: agent })).json();
    expect(after).toMatchObject({ subject: '版本二', priority: 'normal', version: created.version + 1 });
    const future = await inject({ method: 'PATCH', url: `/api/v1/tickets/${created.id}`, headers: agent, payload: { version: created.version + 5, subject: '未来' } });
    expectError(future, 409, 'VERSION_CONFLICT');
  });

  it('two concurrent PATCHes with the same version: exactly one 200 and one 409', async () => {
    for (let round = 0; round < 5; round++) {
      const created = (await inject({ method: 'POST', url: '/api/v1/tickets', headers: agent, payload: { type: 'consultation', subject: `并发 ${round}` } })).json();
      const [a, b] = await Promise.all(
        ['甲', '乙'].map((who) => inject({ method: 'PATCH', url: `/api/v1/tickets/${created.id}`, headers: agent, payload: { version: created.version, subject: `${who}改的` } })),
      );
      expect([a!.statusCode, b!.statusCode].sort()).toEqual([200, 409]);
      const winner = a!.statusCode === 200 ? a! : b!;
      const loser = a!.statusCode === 409 ? a! : b!;
      expect(loser.json().error.code).toBe('VERSION_CONFLICT');
      const after = (await inject({ method: 'GET', url: `/api/v1/tickets/${created.id}`, headers: agent })).json();
      expect(after).toMatchObject({ subject: winner.json().subject, version: created.version + 1 });
      const events = (await inject({ method: 'GET', url: `/api/v1/tickets/${created.id}/events`, headers: agent })).json();
      expect(events.items.map((e: { kind: string }) => e.kind)).toEqual(['created', 'updated']);
    }
  });
});

// ---------------------------------------------------------------------------------------------- fuzz

/** mulberry32: small, seeded, reproducible. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIELD_NAMES = [
  'type', 'subject', 'description', 'priority', 'channel', 'customerId', 'contactName', 'contactPhone', 'eventTime', 'eventPlace', 'eventPerson',
  'tags', 'custom', 'skillGroupId', 'teamId', 'assigneeId', 'answeredOnSpot', 'answer', 'createCustomer', 'version', 'status', 'statusReason',
  'kind', 'name', 'phones', 'email', 'address', 'organizationId', 'grade', 'notes', 'username', 'displayName', 'password', 'roleId', 'employeeNo',
  'skillGroupIds', 'locale', 'number', 'label', 'active',
];
const QUERY_NAMES = ['q', 'status', 'type', 'priority', 'channel', 'assigneeId', 'responsibleId', 'teamId', 'skillGroupId', 'customerId', 'page', 'pageSize', 'sort', 'tag', 'callbackPending', 'createdFrom', 'createdTo', 'phone', 'kind', 'organizationId'];
const STRING_PIECES = [
  '', ' ', '退费', '投诉', '客户', 'GD20261123', '138 1234 5678', '+86 138-1234-5678', '(010) 1234 5678', '１３８', '\u0000', "'", '"', '\\', '%', '_',
  '<script>alert(1)</script>', "'; drop table tickets; --", '😀', '\ud800', '\u202e', 'consultation', 'complaint', 'new', 'open', 'resolved', 'urgent',
  'me', 'none', 'true', '1', '-1', '0x10', '1e3', 'NaN', '2026-11-20T10:00:00+08:00', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', 'person',
  'organization', 'A', 'zh-CN', 'en', 'a:*', '&|!', '__proto__', 'constructor',
];
const NUMBERS = [0, -0, 1, 2, -1, 1.5, -7.25, 2 ** 31, 2 ** 31 - 1, 2 ** 53, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 5e-324];

function fuzzer(seed: number) {
  const rnd = prng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const string = (allowSurrogates = true): string => {
    const roll = rnd();
    if (roll < 0.05) return 'x'.repeat(int(25_000));
    if (roll < 0.15) return '字'.repeat(int(300));
    const parts = Array.from({ length: 1 + int(3) }, () => pick(STRING_PIECES));
    const text = parts.join(pick(['', ' ', ',']));
    return allowSurrogates ? text : text.replace(/[\ud800-\udfff]/g, '?');
  };
  const value = (depth: number): unknown => {
    const roll = rnd();
    if (roll < 0.35) return string();
    if (roll < 0.55) return rnd() < 0.5 ? pick(NUMBERS) : int(2000) - 5;
    if (roll < 0.62) return rnd() < 0.5;
    if (roll < 0.68) return null;
    if (depth >= 3) return string();
    if (roll < 0.84) return Array.from({ length: int(5) }, () => value(depth + 1));
    return object(depth + 1);
  };
  const object = (depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (let i = int(6); i > 0; i--) out[rnd() < 0.8 ? pick(FIELD_NAMES) : string()] = value(depth);
    return out;
  };
  /** Mostly a valid body with a few fields broken, sometimes something of any shape at all. */
  const body = (valid: Record<string, unknown>): unknown => {
    const roll = rnd();
    if (roll < 0.15) return value(0);
    if (roll < 0.3) return object(0);
    const out: Record<string, unknown> = { ...valid };
    for (let i = 1 + int(3); i > 0; i--) {
      const key = rnd() < 0.7 ? pick(Object.keys(valid).concat(FIELD_NAMES)) : string();
      if (rnd() < 0.15) delete out[key];
      else out[key] = value(1);
    }
    return out;
  };
  const query = () =>
    Array.from({ length: int(4) }, () => {
      const name = rnd() < 0.85 ? pick(QUERY_NAMES) : string(false);
      const text = rnd() < 0.3 ? String(pick(NUMBERS)) : string(false);
      return `${encodeURIComponent(name)}=${encodeURIComponent(text)}`;
    }).join('&');
  return { body, query, int, pick, rnd };
}

describe('fuzzing a handful of endpoints with random JSON', () => {
  it('never answers 5xx and leaves existing records untouched (seeded, reproducible)', async () => {
    const db = database.db;
    // Records that must survive: an order with a customer and a note, the customer, a user.
    const customer = (await inject({ method: 'POST', url: '/api/v1/customers', headers: admin, payload: { name: '保护客户', phones: ['13811112222', { number: '010-66668888', label: '办公' }], email: 'keep@example.com' } })).json();
    const kept = (await inject({ method: 'POST', url: '/api/v1/tickets', headers: agent, payload: { type: 'complaint', subject: '保护工单', description: '不得被改动', customerId: customer.id, tags: ['保护'] } })).json();
    expect((await inject({ method: 'POST', url: `/api/v1/tickets/${kept.id}/notes`, headers: agent, payload: { body: '保护备注' } })).statusCode).toBe(201);
    const user = (await inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { username: 'keep_me', displayName: '保护用户', password: 'keep-me-123', roleId: agentRoleId } })).json();
    // Scratch records the PATCH fuzzing may legitimately change.
    const scratchTicket = (await inject({ method: 'POST', url: '/api/v1/tickets', headers: agent, payload: { type: 'consultation', subject: '草稿' } })).json();
    const scratchCustomer = (await inject({ method: 'POST', url: '/api/v1/customers', headers: admin, payload: { name: '草稿客户' } })).json();

    const snapshot = async () => ({
      ticket: await db.selectFrom('tickets').selectAll().where('id', '=', kept.id).executeTakeFirstOrThrow(),
      notes: await db.selectFrom('ticket_notes').selectAll().where('ticket_id', '=', kept.id).execute(),
      customer: await db.selectFrom('customers').selectAll().where('id', '=', customer.id).executeTakeFirstOrThrow(),
      phones: await db.selectFrom('customer_phones').selectAll().where('customer_id', '=', customer.id).orderBy('id').execute(),
      user: await db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow(),
      skills: await db.selectFrom('skill_group_members').selectAll().where('user_id', '=', user.id).execute(),
    });
    const before = await snapshot();

    const f = fuzzer(20261123);
    const targets = [
      () => ({ method: 'POST' as const, url: '/api/v1/tickets', headers: agent, valid: { type: 'consultation', subject: '模糊测试', description: '' } }),
      () => ({ method: 'PATCH' as const, url: `/api/v1/tickets/${f.rnd() < 0.9 ? scratchTicket.id : f.pick(['abc', '-1', '0', '1e3', String(2 ** 53)])}`, headers: agent, valid: { version: 1 + f.int(3), subject: '模糊' } }),
      () => ({ method: 'POST' as const, url: '/api/v1/customers', headers: agent, valid: { name: '模糊客户', phones: ['13800001111'] } }),
      () => ({ method: 'PATCH' as const, url: `/api/v1/customers/${scratchCustomer.id}`, headers: admin, valid: { version: 1 + f.int(3), name: '模糊客户' } }),
      () => ({ method: 'POST' as const, url: '/api/v1/users', headers: admin, valid: { username: `fuzz_${f.int(5)}`, displayName: '模糊', password: 'fuzz-pass-1', roleId: agentRoleId } }),
      () => ({ method: 'POST' as const, url: `/api/v1/tickets/${scratchTicket.id}/notes`, headers: agent, valid: { body: '模糊备注' } }),
    ];
    const statuses = new Map<number, number>();
    const seen = new Set<string>();
    for (let i = 0; i < 360; i++) {
      let response: LightMyRequestResponse;
      let sent: string;
      if (i % 6 === 5) {
        const url = `${f.pick(['/api/v1/tickets', '/api/v1/customers', '/api/v1/audit'])}?${f.query()}`;
        sent = `GET ${url}`;
        response = await inject({ method: 'GET', url, headers: admin });
      } else {
        const target = f.pick(targets)();
        const payload = JSON.stringify(f.body(target.valid));
        sent = `${target.method} ${target.url} ${payload.slice(0, 300)}`;
        response = await inject({ method: target.method, url: target.url, headers: { ...target.headers, 'content-type': 'application/json' }, payload });
      }
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      expect(response.statusCode, `${sent} → ${response.body.slice(0, 300)}`).toBeLessThan(500);
      if (response.statusCode >= 400) {
        const error = response.json().error;
        expect(ERROR_CODES, sent).toContain(error.code);
        expect(error.message, sent).toMatch(CJK);
        seen.add(error.code);
      }
    }
    // The fuzz reached both the validator and the services behind it.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
    expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
    expect(seen).toContain('VALIDATION');
    expect(await snapshot()).toEqual(before);
  });
});
