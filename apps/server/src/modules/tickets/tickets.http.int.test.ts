import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '@kefu/shared';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { createUserActor } from '../../testing/factories.js';
import { createTestApp, filesDirOf, loginAs } from '../../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';

// The stable integration API for work orders, driven over HTTP as an outside system would.

let database: Database;
let app: FastifyInstance;
let agent: Actor;
let agentHeaders: { authorization: string };
let leaderHeaders: { authorization: string };
let otherAgentHeaders: { authorization: string };

type Headers = Record<string, string>;
const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Headers, payload?: unknown) =>
  app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

function expectStatus(response: LightMyRequestResponse, status: number) {
  expect({ status: response.statusCode, body: response.body.slice(0, 2000) }).toMatchObject({ status });
  return response.json();
}

function expectError(response: LightMyRequestResponse, status: number, code: string, message?: string) {
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status });
  expect(response.json().error.code).toBe(code);
  if (message !== undefined) expect(response.json().error.message).toBe(message);
}

/** A multipart/form-data body built by the platform's FormData, as a browser or fetch() would send it. */
async function multipart(form: FormData) {
  const request = new Request('http://kefu.invalid/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type')! };
}

async function upload(ticketId: number, headers: Headers, content: Buffer, filename: string, type = 'application/octet-stream') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)], { type }), filename);
  const body = await multipart(form);
  return app.inject({ method: 'POST', url: `/api/v1/tickets/${ticketId}/attachments`, headers: { ...headers, 'content-type': body.contentType }, payload: body.payload });
}

const createTicket = async (headers: Headers, payload: Record<string, unknown>) => expectStatus(await call('POST', '/api/v1/tickets', headers, { type: 'consultation', description: '', ...payload }), 201);

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  agent = await createUserActor(database.db, 'agent', { displayName: '陈坐席' });
  agentHeaders = await loginAs(app, agent.username);
  otherAgentHeaders = await loginAs(app, (await createUserActor(database.db, 'agent')).username);
  leaderHeaders = await loginAs(app, (await createUserActor(database.db, 'leader')).username);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('create, read and change a work order', () => {
  it('POST /tickets with just {type, subject, description} → 201 with an id', async () => {
    const response = await call('POST', '/api/v1/tickets', agentHeaders, { type: 'consultation', subject: '咨询宽带资费', description: '客户询问200M宽带的价格' });
    const ticket = expectStatus(response, 201);
    expect(ticket).toMatchObject({
      id: expect.any(Number),
      type: 'consultation',
      subject: '咨询宽带资费',
      description: '客户询问200M宽带的价格',
      status: 'new',
      priority: 'normal',
      channel: 'phone',
      responsible: { id: agent.userId, name: '陈坐席' },
      assignee: null,
      version: 1,
    });
    expect(ticket.number).toMatch(/^GD\d{15}$/);
    expect(Date.parse(ticket.createdAt)).not.toBeNaN();
  });

  it('GET /tickets/{id} answers the order with its notes, attachments, links and transfers', async () => {
    const created = await createTicket(agentHeaders, { subject: '查询订单', description: '订单号 TB2026' });
    const detail = expectStatus(await call('GET', `/api/v1/tickets/${created.id}`, agentHeaders), 200);
    expect(detail).toEqual({ ...created, notes: [], attachments: [], links: [], transfers: [], mergedFrom: [] });
    expectError(await call('GET', '/api/v1/tickets/987654', agentHeaders), 404, 'NOT_FOUND', '工单不存在或您无权查看');
  });

  it('PATCH changes fields and status, bumps the version and records the history', async () => {
    const created = await createTicket(agentHeaders, { subject: '网络故障', description: '家里断网' });
    const changed = expectStatus(
      await call('PATCH', `/api/v1/tickets/${created.id}`, agentHeaders, { version: created.version, subject: '网络故障（光猫）', priority: 'high', tags: ['宽带', '光猫'], status: 'in_progress' }),
      200,
    );
    expect(changed).toMatchObject({ subject: '网络故障（光猫）', priority: 'high', tags: ['宽带', '光猫'], status: 'in_progress', version: created.version + 1 });
    expect(expectStatus(await call('GET', `/api/v1/tickets/${created.id}`, agentHeaders), 200)).toMatchObject({ subject: '网络故障（光猫）', version: 2 });
    const events = expectStatus(await call('GET', `/api/v1/tickets/${created.id}/events`, agentHeaders), 200).items;
    expect(events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'updated', 'status_changed']);
    expect(events[1].data.changes.subject).toEqual(['网络故障', '网络故障（光猫）']);

    const resolved = expectStatus(await call('PATCH', `/api/v1/tickets/${created.id}`, agentHeaders, { version: changed.version, status: 'resolved', statusReason: '已重启光猫' }), 200);
    expect(resolved.resolvedAt).not.toBeNull();
    expectError(
      await call('PATCH', `/api/v1/tickets/${created.id}`, agentHeaders, { version: resolved.version, status: 'waiting_customer' }),
      409,
      'INVALID_TRANSITION',
      '工单状态不能从“已解决”变为“等待客户”',
    );
    expectError(
      await call('PATCH', `/api/v1/tickets/${created.id}`, { ...agentHeaders, 'accept-language': 'en' }, { version: resolved.version, status: 'waiting_customer' }),
      409,
      'INVALID_TRANSITION',
      'A work order cannot go from "resolved" to "waiting on customer"',
    );
    expect(expectStatus(await call('GET', `/api/v1/tickets/${created.id}`, agentHeaders), 200)).toMatchObject({ status: 'resolved', version: resolved.version });
  });

  it('an agent cannot hand an order to someone else (403) and the order stays as it was', async () => {
    const created = await createTicket(agentHeaders, { subject: '转给别人？' });
    const other = await createUserActor(database.db, 'agent');
    expectError(await call('PATCH', `/api/v1/tickets/${created.id}`, agentHeaders, { version: created.version, assigneeId: other.userId }), 403, 'FORBIDDEN');
    const assigned = expectStatus(await call('PATCH', `/api/v1/tickets/${created.id}`, leaderHeaders, { version: created.version, assigneeId: other.userId }), 200);
    expect(assigned).toMatchObject({ status: 'assigned', assignee: { id: other.userId } });
  });
});

describe('Chinese full-text search: GET /tickets?q=', () => {
  let refund: { id: number };
  let invest: { id: number };
  let complaint: { id: number };
  const search = async (q: string, headers: Headers = leaderHeaders) =>
    (expectStatus(await call('GET', `/api/v1/tickets?pageSize=200&q=${encodeURIComponent(q)}`, headers), 200).items as Array<{ id: number }>).map((t) => t.id);

  beforeAll(async () => {
    refund = await createTicket(agentHeaders, { subject: '话费争议', description: '客户说上月多扣了30元，我要求退费' });
    invest = await createTicket(agentHeaders, { subject: '理财咨询', description: '想了解投资理财产品的收益' });
    complaint = await createTicket(agentHeaders, { type: 'complaint', subject: '服务态度', description: '客户投诉营业厅员工态度差' });
  });

  it('finds 退费 inside a sentence, by word and not by substring', async () => {
    expect(await search('退费')).toEqual([refund.id]);
    expect(await search('投诉')).toEqual([complaint.id]);
    expect(await search('投资')).toEqual([invest.id]);
    expect(await search('退费 上月')).toEqual([refund.id]);
    expect(await search('退费 投资')).toEqual([]);
  });

  it('answers the total and honours other filters with the query', async () => {
    const page = expectStatus(await call('GET', `/api/v1/tickets?q=${encodeURIComponent('退费')}&status=open&type=consultation`, leaderHeaders), 200);
    expect(page).toMatchObject({ total: 1, totalCapped: false, page: 1, pageSize: LIMITS.pageSizeDefault });
    expect(expectStatus(await call('GET', `/api/v1/tickets?q=${encodeURIComponent('退费')}&type=complaint`, leaderHeaders), 200).total).toBe(0);
  });

  it('follows a change of subject (the index is rebuilt)', async () => {
    const order = await createTicket(agentHeaders, { subject: '账单疑问', description: '看不懂账单' });
    expect(await search('退款')).not.toContain(order.id);
    expectStatus(await call('PATCH', `/api/v1/tickets/${order.id}`, agentHeaders, { version: order.version, description: '客户要求退款' }), 200);
    expect(await search('退款')).toEqual([order.id]);
    expect(await search('账单')).toEqual([order.id]);
  });

  it('finds notes, work-order numbers and contact phones in any format', async () => {
    const order = await createTicket(agentHeaders, { subject: '电梯问题', contactPhone: '139 8888 7777' });
    expectStatus(await call('POST', `/api/v1/tickets/${order.id}/notes`, agentHeaders, { body: '物业说明天派人检修电梯钢丝绳' }), 201);
    expect(await search('钢丝绳')).toEqual([order.id]);
    expect(await search(order.number)).toEqual([order.id]);
    expect(await search('+86 139-8888-7777')).toEqual([order.id]);
  });

  it('only shows an agent the orders it may see', async () => {
    expect(await search('退费', otherAgentHeaders)).toEqual([refund.id]);
    await database.db.insertInto('roles').values({ tenant_id: TEST_TENANT_ID, key: 'own_only', name_zh: '仅本人', name_en: 'Own only', permissions: ['tickets.read_own', 'tickets.create', 'tickets.update'] }).execute();
    const ownOnly = await loginAs(app, (await createUserActor(database.db, 'own_only')).username);
    expect(await search('退费', ownOnly)).toEqual([]);
  });
});

describe('attachments', () => {
  let ticketId: number;
  beforeAll(async () => {
    ticketId = (await createTicket(agentHeaders, { subject: '退费凭证', description: '客户发来转账截图' })).id;
  });

  it('uploads a file as multipart and downloads the same bytes with its UTF-8 name', async () => {
    const content = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(64 * 1024), Buffer.from([0, 255, 0, 254])]);
    const uploaded = await upload(ticketId, agentHeaders, content, '退费凭证 2026年11月.pdf', 'application/pdf');
    const attachment = expectStatus(uploaded, 201);
    expect(attachment).toMatchObject({ id: expect.any(Number), filename: '退费凭证 2026年11月.pdf', mimeType: 'application/pdf', size: content.length, uploadedBy: { id: agent.userId } });

    const download = await app.inject({ method: 'GET', url: `/api/v1/attachments/${attachment.id}/download`, headers: otherAgentHeaders });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(Number(download.headers['content-length'])).toBe(content.length);
    expect(Buffer.compare(download.rawPayload, content)).toBe(0);
    const disposition = String(download.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.replace(/^attachment; filename\*=UTF-8''/, ''))).toBe('退费凭证 2026年11月.pdf');
    expect(disposition).toMatch(/^[\x20-\x7e]+$/);

    const detail = expectStatus(await call('GET', `/api/v1/tickets/${ticketId}`, agentHeaders), 200);
    expect(detail.attachments).toEqual([attachment]);
    const events = expectStatus(await call('GET', `/api/v1/tickets/${ticketId}/events`, agentHeaders), 200).items;
    expect(events.at(-1)).toMatchObject({ kind: 'attachment_added', data: { attachmentId: attachment.id, filename: '退费凭证 2026年11月.pdf', size: content.length } });
  });

  it('keeps a hostile file name harmless', async () => {
    const attachment = expectStatus(await upload(ticketId, agentHeaders, Buffer.from('hello'), '../../etc/pass"wd\r\n.txt', 'text/plain'), 201);
    expect(attachment.filename).not.toMatch(/[\\/"\r\n]/);
    const download = await app.inject({ method: 'GET', url: `/api/v1/attachments/${attachment.id}/download`, headers: agentHeaders });
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('hello');
  });

  it('an upload over 20 MB → 413 and nothing is stored', async () => {
    const before = await database.db.selectFrom('ticket_attachments').select('id').where('ticket_id', '=', ticketId).execute();
    const response = await upload(ticketId, agentHeaders, Buffer.alloc(LIMITS.attachmentBytesMax + 1, 7), 'big.bin');
    expectError(response, 413, 'PAYLOAD_TOO_LARGE', '上传内容过大（上限 20 MB）');
    const after = await database.db.selectFrom('ticket_attachments').select('id').where('ticket_id', '=', ticketId).execute();
    expect(after).toEqual(before);
  });

  it('refuses an empty file, a missing file, a JSON body and an unknown order', async () => {
    expectError(await upload(ticketId, agentHeaders, Buffer.alloc(0), 'empty.txt'), 400, 'VALIDATION');
    const form = new FormData();
    form.append('note', 'no file here');
    const noFile = await multipart(form);
    expectError(await app.inject({ method: 'POST', url: `/api/v1/tickets/${ticketId}/attachments`, headers: { ...agentHeaders, 'content-type': noFile.contentType }, payload: noFile.payload }), 400, 'VALIDATION');
    expectError(await call('POST', `/api/v1/tickets/${ticketId}/attachments`, agentHeaders, { file: 'aGVsbG8=' }), 400, 'VALIDATION');
    expectError(await upload(987654, agentHeaders, Buffer.from('x'), 'x.txt'), 404, 'NOT_FOUND');
    expectError(await upload(ticketId, {}, Buffer.from('x'), 'x.txt'), 401, 'UNAUTHENTICATED');
  });

  it('a shift leader deletes an attachment (file and row go, history and audit keep it); an agent may not', async () => {
    const attachment = expectStatus(await upload(ticketId, agentHeaders, Buffer.from('wrong file'), '错传的文件.txt', 'text/plain'), 201);
    const row = await database.db.selectFrom('ticket_attachments').select('storage_key').where('id', '=', attachment.id).executeTakeFirstOrThrow();
    const stored = join(filesDirOf(app), row.storage_key);
    expect(existsSync(stored)).toBe(true);
    expectError(await call('DELETE', `/api/v1/attachments/${attachment.id}`, agentHeaders), 403, 'FORBIDDEN');
    expect(existsSync(stored)).toBe(true);
    expectStatus(await call('DELETE', `/api/v1/attachments/${attachment.id}`, leaderHeaders), 200);
    expect(existsSync(stored)).toBe(false);
    expectError(await app.inject({ method: 'GET', url: `/api/v1/attachments/${attachment.id}/download`, headers: agentHeaders }), 404, 'NOT_FOUND');
    expectError(await call('DELETE', `/api/v1/attachments/${attachment.id}`, leaderHeaders), 404, 'NOT_FOUND');
    const events = expectStatus(await call('GET', `/api/v1/tickets/${ticketId}/events`, agentHeaders), 200).items;
    expect(events.at(-1)).toMatchObject({ kind: 'attachment_deleted', data: { attachmentId: attachment.id, filename: '错传的文件.txt', size: 10 } });
  });

  it('a caller who may not see the order can neither download nor upload (404)', async () => {
    const attachment = expectStatus(await upload(ticketId, agentHeaders, Buffer.from('secret'), 'secret.txt', 'text/plain'), 201);
    await database.db.insertInto('roles').values({ tenant_id: TEST_TENANT_ID, key: 'outsider', name_zh: '外包', name_en: 'Outsider', permissions: ['tickets.read_own', 'tickets.create', 'tickets.update'] }).execute();
    const outsider = await loginAs(app, (await createUserActor(database.db, 'outsider')).username);
    expectError(await app.inject({ method: 'GET', url: `/api/v1/attachments/${attachment.id}/download`, headers: outsider }), 404, 'NOT_FOUND');
    expectError(await upload(ticketId, outsider, Buffer.from('x'), 'x.txt'), 404, 'NOT_FOUND');
    expectError(await app.inject({ method: 'GET', url: '/api/v1/attachments/987654/download', headers: agentHeaders }), 404, 'NOT_FOUND', '附件不存在或您无权查看');
  });
});

describe('GET /api/openapi.json', () => {
  let doc: Record<string, any>;
  beforeAll(async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    doc = response.json();
  });

  it('is an OpenAPI 3 document with the integration paths', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(doc.paths['/api/v1/tickets'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/api/v1/tickets/{id}'])).toEqual(expect.arrayContaining(['get', 'patch']));
    expect(Object.keys(doc.paths['/api/v1/customers'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/api/v1/auth/login'])).toEqual(['post']);
    expect(doc.paths['/api/health']).toBeUndefined();
    expect(doc.paths['/api/openapi.json']).toBeUndefined();
  });

  it('describes the create body from the shared schema', () => {
    const create = doc.paths['/api/v1/tickets'].post;
    const schema = create.requestBody.content['application/json'].schema;
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(expect.arrayContaining(['type', 'subject']));
    expect(schema.properties.subject).toMatchObject({ type: 'string', maxLength: LIMITS.subjectMax });
    expect(schema.properties.priority.enum).toEqual(['low', 'normal', 'high', 'urgent']);
    expect(create.responses['201'].content['application/json'].schema.properties.id.type).toBe('number');
    const login = doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema;
    expect(login.required).toEqual(expect.arrayContaining(['username', 'password']));
  });

  it('is well formed: responses, declared path parameters, 3.0 schema types, resolvable references', () => {
    const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
    const problems: string[] = [];
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      if (!path.startsWith('/') || path.includes('/:')) problems.push(`${path}: not an OpenAPI path template`);
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries<any>(item)) {
        if (!methods.includes(method)) continue;
        const where = `${method.toUpperCase()} ${path}`;
        const statuses = Object.keys(op.responses ?? {});
        if (statuses.length === 0) problems.push(`${where}: no responses`);
        for (const status of statuses) {
          if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status)) problems.push(`${where}: bad status key ${status}`);
          if (typeof op.responses[status].description !== 'string') problems.push(`${where} ${status}: response without description`);
        }
        const declared = (op.parameters ?? []).filter((p: any) => p.in === 'path');
        for (const name of templated) {
          if (!declared.some((p: any) => p.name === name && p.required === true)) problems.push(`${where}: path parameter ${name} not declared`);
        }
        for (const p of op.parameters ?? []) if (!['query', 'header', 'path', 'cookie'].includes(p.in)) problems.push(`${where}: parameter ${p.name} in ${p.in}`);
      }
    }
    // OpenAPI 3.0 schemas: `type` is a single known name (no 3.1 type arrays, no "null").
    const types = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object']);
    const walk = (node: unknown, where: string) => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}/${i}`));
      if (node === null || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if ('type' in record && typeof record.type !== 'object' && where.includes('schema') && !types.has(record.type as string)) problems.push(`${where}: type ${String(record.type)}`);
      if (Array.isArray(record.type) && where.includes('schema')) problems.push(`${where}: type array`);
      if (typeof record.$ref === 'string') {
        const target = record.$ref.replace(/^#\//, '').split('/').reduce<any>((acc, key) => acc?.[key], doc);
        if (!record.$ref.startsWith('#/') || target === undefined) problems.push(`${where}: unresolved $ref ${record.$ref}`);
      }
      for (const [key, value] of Object.entries(record)) walk(value, `${where}/${key}`);
    };
    walk(doc.paths, '#/paths');
    walk(doc.components?.schemas ?? {}, '#/components/schemas');
    expect(problems).toEqual([]);
  });

  it('is public: readable without signing in', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { authorization: 'Bearer garbage' } })).statusCode).toBe(200);
  });
});

describe('GET /tickets/backlog', () => {
  it('groups open work by age; the buckets sum to the open count', async () => {
    const owner = await createUserActor(database.db, 'agent', { displayName: '积压坐席' });
    const make = async (hoursAgo: number, extra: Record<string, unknown> = {}) => {
      const t = await createTicket(leaderHeaders, { subject: `积压 ${hoursAgo}h`, assigneeId: owner.userId, ...extra });
      await database.db.updateTable('tickets').set({ created_at: new Date(Date.now() - hoursAgo * 3600_000) }).where('id', '=', t.id).execute();
      return t;
    };
    await make(1);
    await make(2);
    await make(5);
    await make(30);
    const oldest = await make(100);
    await make(80);
    await make(200, { answeredOnSpot: true, answer: '已当场答复' });

    const backlog = expectStatus(await call('GET', '/api/v1/tickets/backlog?groupBy=assignee', leaderHeaders), 200);
    const row = backlog.rows.find((r: { id: number | null }) => r.id === owner.userId);
    expect(row).toMatchObject({ key: String(owner.userId), label: '积压坐席', buckets: { lt4h: 2, lt24h: 1, lt72h: 1, gte72h: 2 }, total: 6 });
    const oldestCreated = await database.db.selectFrom('tickets').select('created_at').where('id', '=', oldest.id).executeTakeFirstOrThrow();
    expect(row.oldestAt).toBe(oldestCreated.created_at.toISOString());

    const openCount = expectStatus(await call('GET', '/api/v1/tickets?status=open&pageSize=1', leaderHeaders), 200).total;
    for (const groupBy of ['assignee', 'team', 'type', 'skillGroup']) {
      const page = expectStatus(await call('GET', `/api/v1/tickets/backlog?groupBy=${groupBy}`, leaderHeaders), 200);
      for (const r of page.rows) expect(r.buckets.lt4h + r.buckets.lt24h + r.buckets.lt72h + r.buckets.gte72h).toBe(r.total);
      expect(page.rows.reduce((sum: number, r: { total: number }) => sum + r.total, 0)).toBe(page.total);
      expect({ groupBy, total: page.total }).toEqual({ groupBy, total: openCount });
    }
    const byType = expectStatus(await call('GET', '/api/v1/tickets/backlog?groupBy=type', leaderHeaders), 200);
    expect(byType.rows.find((r: { key: string }) => r.key === 'consultation').label).toBe('咨询');
  });

  it('is refused to an agent (403) and validates groupBy (400)', async () => {
    expectError(await call('GET', '/api/v1/tickets/backlog', agentHeaders), 403, 'FORBIDDEN');
    expectError(await call('GET', '/api/v1/tickets/backlog?groupBy=weather', leaderHeaders), 400, 'VALIDATION');
  });
});
