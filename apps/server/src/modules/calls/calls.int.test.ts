import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { adminActor, createTestTicket, createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';
import { insertCustomer } from '../customers/customers.service.js';
import { applyCtiTokenFromEnv } from './cti-settings.js';

// Call records, the CTI settings, CSV import and agent states over the HTTP API, with the roles' rights.

let database: Database;
let app: FastifyInstance;
let agent: Actor;
let otherAgent: Actor;
type Headers = { authorization: string };
let adminH: Headers;
let agentH: Headers;
let otherH: Headers;
let leaderH: Headers;
let complaintsH: Headers;
let token: string;
let customerId: number;

const inject = (method: 'GET' | 'POST' | 'PUT', url: string, headers?: Headers, payload?: unknown) =>
  app.inject({ method, url, ...(headers ? { headers } : {}), ...(payload === undefined ? {} : { payload: payload as object }) });

function ok(response: LightMyRequestResponse, status = 200) {
  expect({ status: response.statusCode, body: response.body.slice(0, 1000) }).toMatchObject({ status });
  return response.json();
}

const cti = (body: Record<string, unknown>) => inject('POST', `/api/v1/cti/${token}`, undefined, body);
const base = Date.parse('2026-11-20T10:00:00+08:00');
const at = (s: number) => new Date(base + s * 1000).toISOString();

async function fullCall(callId: string, from: string, ext: string) {
  const call = { callId, direction: 'in', from, to: '4001234567', queue: '售后' };
  for (const e of [{ event: 'newCall', at: at(0) }, { event: 'queueEnter', at: at(2) }, { event: 'answer', answeringNumber: ext, at: at(10) }, { event: 'hangup', cause: 'normalClearing', at: at(70) }]) {
    expect((await cti({ ...call, ...e })).statusCode).toBe(200);
  }
  return (await database.db.selectFrom('calls').select('id').where('call_id', '=', callId).executeTakeFirstOrThrow()).id;
}

async function upload(headers: Headers, content: string | Uint8Array, filename = 'calls.csv') {
  const form = new FormData();
  form.append('file', new Blob([typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content)], { type: 'text/csv' }), filename);
  const request = new Request('http://kefu.invalid/', { method: 'POST', body: form });
  return app.inject({ method: 'POST', url: '/api/v1/calls/import', headers: { ...headers, 'content-type': request.headers.get('content-type')! }, payload: Buffer.from(await request.arrayBuffer()) });
}

let agentCallId: number;
let otherCallId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  const admin = await createUserActor(database.db, 'admin');
  agent = await createUserActor(database.db, 'agent', { displayName: '王坐席' });
  otherAgent = await createUserActor(database.db, 'agent', { displayName: '李坐席' });
  adminH = await loginAs(app, admin.username);
  agentH = await loginAs(app, agent.username);
  otherH = await loginAs(app, otherAgent.username);
  leaderH = await loginAs(app, (await createUserActor(database.db, 'leader')).username);
  complaintsH = await loginAs(app, (await createUserActor(database.db, 'complaints')).username);
  ok(await inject('PUT', `/api/v1/agents/${agent.userId}/extension`, adminH, { extension: '8001' }));
  ok(await inject('PUT', `/api/v1/agents/${otherAgent.userId}/extension`, adminH, { extension: '8002' }));
  customerId = await insertCustomer(database.db, adminActor(), { kind: 'person', name: '张三', grade: 'B', phones: ['13812345678'] });
  token = ok(await inject('PUT', '/api/v1/cti/settings', adminH, { enabled: true })).token;
  agentCallId = await fullCall('list-1', '+86 138 1234 5678', '8001');
  otherCallId = await fullCall('list-2', '021-6666-8888', '8002');
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('CTI settings', () => {
  it('lets the administrator switch the integration, change the token (audited, without the token) and block numbers', async () => {
    const before = ok(await inject('GET', '/api/v1/cti/settings', adminH));
    expect(before).toMatchObject({ enabled: true, endpoint: `/api/v1/cti/${token}`, blockedNumbers: [], afterCallWorkSeconds: 0 });
    const changed = ok(await inject('PUT', '/api/v1/cti/settings', adminH, { regenerateToken: true, blockedNumbers: ['13900000000'], afterCallWorkSeconds: 15 }));
    expect(changed.token).not.toBe(token);
    expect(changed.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // The new token works at once, the old one no more.
    expect((await inject('POST', `/api/v1/cti/${changed.token}`, undefined, { event: 'newCall', direction: 'in', callId: 'tok-1', from: '1', to: '2' })).statusCode).toBe(200);
    expect((await cti({ event: 'newCall', direction: 'in', callId: 'tok-2', from: '1', to: '2' })).statusCode).toBe(401);
    const audit = await database.db.selectFrom('audit_log').select('detail').where('action', '=', 'cti.settings_changed').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.detail).toEqual({ enabled: true, tokenChanged: true, blockedNumbers: 1, afterCallWorkSeconds: 15 });
    expect(JSON.stringify(audit.detail)).not.toContain(changed.token);
    token = ok(await inject('PUT', '/api/v1/cti/settings', adminH, { token: token, blockedNumbers: [], afterCallWorkSeconds: 0 })).token;
  });

  it('takes KEFU_CTI_TOKEN at start: sets the token and switches the integration on', async () => {
    const envToken = `env-${randomBytes(12).toString('hex')}`;
    try {
      ok(await inject('PUT', '/api/v1/cti/settings', adminH, { enabled: false }));
      expect(await applyCtiTokenFromEnv(database.db, TEST_TENANT_ID, { KEFU_CTI_TOKEN: envToken })).toBe(true);
      expect(await applyCtiTokenFromEnv(database.db, TEST_TENANT_ID, { KEFU_CTI_TOKEN: envToken })).toBe(false);
      expect(ok(await inject('GET', '/api/v1/cti/settings', adminH))).toMatchObject({ enabled: true, token: envToken });
      await expect(applyCtiTokenFromEnv(database.db, TEST_TENANT_ID, { KEFU_CTI_TOKEN: 'short' })).rejects.toThrow(/KEFU_CTI_TOKEN/);
      expect(await applyCtiTokenFromEnv(database.db, TEST_TENANT_ID, {})).toBe(false);
    } finally {
      ok(await inject('PUT', '/api/v1/cti/settings', adminH, { token, enabled: true }));
    }
  });

  it('is for administrators only, and refuses a weak token', async () => {
    expect((await inject('GET', '/api/v1/cti/settings', agentH)).statusCode).toBe(403);
    expect((await inject('PUT', '/api/v1/cti/settings', leaderH, { enabled: false })).statusCode).toBe(403);
    expect((await inject('PUT', '/api/v1/cti/settings', adminH, { token: 'short' })).statusCode).toBe(400);
  });
});

describe('call records', () => {
  it('shows agents their own calls, leaders all, with the caller\u2019s number masked for everyone until an audited reveal', async () => {
    const own = ok(await inject('GET', '/api/v1/calls', agentH));
    expect(own.items.map((c: { id: number }) => c.id)).toEqual([agentCallId]);
    expect(own.items[0]).toMatchObject({
      callId: 'list-1', direction: 'in', from: '138****5678', to: '4001234567', queue: '售后', answeringNumber: '8001', result: 'answered',
      agent: { id: agent.userId, name: '王坐席' }, customer: { id: customerId, name: '张三', grade: 'B' },
      ringSeconds: 2, queueSeconds: 8, waitSeconds: 8, talkSeconds: 60, holdSeconds: 0, acwSeconds: null, onHold: false, ticketIds: [], lastEvent: 'hangup',
    });
    const all = ok(await inject('GET', '/api/v1/calls?pageSize=50', leaderH));
    expect(all.items.map((c: { callId: string }) => c.callId)).toEqual(expect.arrayContaining(['list-1', 'list-2']));
    // A role with customers.reveal_pii sees the list masked too; the full number is an explicit, audited action.
    const listed = ok(await inject('GET', `/api/v1/calls?agentId=${otherAgent.userId}`, complaintsH));
    expect(listed.items.map((c: { from: string; to: string }) => [c.from, c.to])).toEqual([['021****8888', '4001234567']]);
    expect(ok(await inject('POST', `/api/v1/calls/${otherCallId}/reveal-numbers`, complaintsH, {}))).toEqual({ from: '021-6666-8888', to: '4001234567' });
    const audit = await database.db.selectFrom('audit_log').select(['entity_id', 'detail']).where('action', '=', 'call.contact_revealed').execute();
    expect(audit).toEqual([{ entity_id: otherCallId, detail: { callId: 'list-2' } }]);
    // An agent may not reveal, not even on their own call (they call back by call id); others' calls stay not found.
    expect((await inject('POST', `/api/v1/calls/${agentCallId}/reveal-numbers`, agentH, {})).statusCode).toBe(403);
    expect((await inject('POST', `/api/v1/calls/${otherCallId}/reveal-numbers`, agentH, {})).statusCode).toBe(404);
  });

  it('stores the caller\u2019s number only encrypted: the call row and its raw events hold no plaintext', async () => {
    const row = await database.db.selectFrom('calls').selectAll().where('id', '=', otherCallId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ from_number: '021****8888', to_number: '4001234567', caller_normalized: null, to_number_enc: null });
    expect(row.from_number_enc).toMatch(/^v1:/);
    expect(row.caller_bidx).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const raw = JSON.stringify(await database.db.selectFrom('calls').selectAll().where('id', 'in', [agentCallId, otherCallId]).execute())
      + JSON.stringify(await database.db.selectFrom('call_events').select('data').where('call_id', 'in', ['list-1', 'list-2']).execute());
    for (const plain of ['13812345678', '138 1234 5678', '02166668888', '2166668888', '6666-8888', '66668888']) expect(raw).not.toContain(plain);
  });

  it('filters by number in any format, customer, result, queue, direction and period', async () => {
    const ids = async (query: string) => ok(await inject('GET', `/api/v1/calls?${query}`, leaderH)).items.map((c: { callId: string }) => c.callId);
    // Through the blind index, in every Chinese format.
    for (const phone of ['0086 138-1234-5678', '+86 138 1234 5678', '13812345678', '138-1234-5678', '+8613812345678']) expect(await ids(`phone=${encodeURIComponent(phone)}`)).toEqual(['list-1']);
    for (const phone of ['021-6666-8888', '(021) 6666 8888', '+86 21 6666 8888', '02166668888']) expect(await ids(`phone=${encodeURIComponent(phone)}`)).toEqual(['list-2']);
    expect(await ids(`phone=${encodeURIComponent('138****5678')}`)).toEqual([]);
    expect(await ids(`customerId=${customerId}`)).toEqual(['list-1']);
    expect(await ids('result=answered&queue=售后'.replace('售后', encodeURIComponent('售后')))).toEqual(['list-2', 'list-1']);
    expect(await ids('direction=out&result=answered')).toEqual([]);
    expect(await ids(`from=${encodeURIComponent('2026-11-21T00:00:00+08:00')}&result=answered`)).toEqual([]);
    expect(await ids('agentId=me')).toEqual([]);
    expect((await inject('GET', '/api/v1/calls?result=lost', leaderH)).statusCode).toBe(400);
  });

  it('gives a call with its raw events, and hides other agents\u2019 calls as not found', async () => {
    const detail = ok(await inject('GET', `/api/v1/calls/${agentCallId}`, agentH));
    expect(detail.events.map((e: { event: string }) => e.event)).toEqual(['newCall', 'queueEnter', 'answer', 'hangup']);
    expect(detail.events[0]).toMatchObject({ at: at(0), data: { direction: 'in', from: '138****5678', queue: '售后' } });
    const hidden = await inject('GET', `/api/v1/calls/${otherCallId}`, agentH);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.message).toBe('通话记录不存在或您无权查看');
    expect((await inject('GET', '/api/v1/calls/999999', leaderH)).statusCode).toBe(404);
    expect((await inject('GET', '/api/v1/calls', undefined)).statusCode).toBe(401);
  });

  it('links a call to the work order it produced', async () => {
    const ticket = await createTestTicket(database.db, agent, { contactPhone: '13812345678' });
    const linked = ok(await inject('POST', `/api/v1/calls/${agentCallId}/tickets`, agentH, { ticketId: ticket.id }));
    expect(linked.ticketIds).toEqual([ticket.id]);
    // Twice is once.
    expect(ok(await inject('POST', `/api/v1/calls/${agentCallId}/tickets`, agentH, { ticketId: ticket.id })).ticketIds).toEqual([ticket.id]);
    const history = ok(await inject('GET', `/api/v1/tickets/${ticket.id}/events`, agentH));
    expect(history.items.map((e: { kind: string }) => e.kind)).toContain('call_linked');
    // Someone else's call, or a work order that does not exist: not found.
    expect((await inject('POST', `/api/v1/calls/${otherCallId}/tickets`, agentH, { ticketId: ticket.id })).statusCode).toBe(404);
    const missing = await inject('POST', `/api/v1/calls/${agentCallId}/tickets`, agentH, { ticketId: 987654 });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe('工单不存在或您无权查看');
  });
});

describe('POST /calls/import', () => {
  const header = '呼叫ID,方向,主叫,被叫,队列,坐席,开始时间,排队时间,应答时间,结束时间,挂机原因,保持时长,话后处理时长,录音';

  it('imports a CSV with Chinese headers (GB18030 from Excel too), matching customers and agents, times in the center\u2019s zone', async () => {
    const prefix = `imp-${randomBytes(3).toString('hex')}`;
    const csv = [
      header,
      `${prefix}-1,呼入,13812345678,4001234567,售后,8001,2026-11-19 09:00:00,2026-11-19 09:00:05,2026-11-19 09:00:15,2026-11-19 09:05:15,,30,20,https://pbx.example.com/r/1.wav`,
      `${prefix}-2,in,13700000000,4001234567,售后,,2026-11-19 09:10:00,2026-11-19 09:10:02,,2026-11-19 09:10:40,cancel,,,`,
      `"${prefix}-3",out,8002,"021-6666-8888",,${otherAgent.username},2026-11-19T10:00:00+08:00,,2026-11-19T10:00:09+08:00,2026-11-19T10:02:09+08:00,normalClearing,0,0,`,
    ].join('\r\n');
    expect(ok(await upload(adminH, `\uFEFF${csv}\r\n`))).toEqual({ imported: 3 });
    const rows = await database.db.selectFrom('calls').selectAll().where('call_id', 'like', `${prefix}%`).orderBy('call_id').execute();
    expect(rows.map((r) => ({ id: r.call_id, result: r.result, agent: r.agent_id, customer: r.customer_id, wait: r.wait_seconds, talk: r.talk_seconds, hold: r.hold_seconds, acw: r.acw_seconds }))).toEqual([
      { id: `${prefix}-1`, result: 'answered', agent: agent.userId, customer: customerId, wait: 10, talk: 270, hold: 30, acw: 20 },
      { id: `${prefix}-2`, result: 'abandoned_queue', agent: null, customer: null, wait: 38, talk: null, hold: 0, acw: null },
      { id: `${prefix}-3`, result: 'answered', agent: otherAgent.userId, customer: null, wait: 9, talk: 120, hold: 0, acw: 0 },
    ]);
    expect(rows[0]!.started_at.toISOString()).toBe('2026-11-19T01:00:00.000Z');
    const events = await database.db.selectFrom('call_events').select(['event', 'data']).where('call_id', '=', `${prefix}-1`).execute();
    expect(events).toEqual([{ event: 'import', data: expect.objectContaining({ callId: `${prefix}-1`, agent: '8001' }) }]);

    // 呼叫ID,方向,开始时间 as Excel saves it in China (GB18030), then an ASCII row.
    const gbCsv = new Uint8Array([...Buffer.from('baf4bdd049442cb7bdcff22cbfaacabccab1bce40a', 'hex'), ...new TextEncoder().encode(`${prefix}-gb,in,2026-11-19 11:00:00\n`)]);
    expect(ok(await upload(adminH, gbCsv))).toEqual({ imported: 1 });
  });

  it('imports nothing when any row is wrong, and says which rows and why', async () => {
    const csv = [
      header,
      'bad-1,in,13812345678,400,售后,8001,2026-11-19 09:00:00,,2026-11-19 09:00:10,2026-11-19 09:01:00,,,,',
      'bad-2,sideways,13812345678,400,售后,,2026-11-19 09:00:00,,,,,,,',
      'bad-3,in,13812345678,400,售后,nobody,2026-11-19 09:00:00,,,,,,,',
      'bad-4,in,13812345678,400,售后,,not a time,,,,,,,',
      'bad-5,in,13812345678,400,售后,,2026-11-19 09:00:00,,2026-11-19 08:00:00,,,-3,,ftp://x',
      'bad-1,in,13812345678,400,售后,,2026-11-19 09:00:00,,,,,,,',
    ].join('\n');
    const response = await upload(adminH, csv);
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.message).toBe('输入有误：CSV 中有错误的行，未导入任何记录');
    const errors = body.error.details.errors.map((e: { row: number; column: string; code: string }) => `${e.row}:${e.column}:${e.code}`);
    expect(errors.sort()).toEqual([
      '3:direction:import_invalid_direction', '4:agent:import_unknown_agent', '5:startedAt:import_invalid_time', '6:answeredAt:import_time_order',
      '6:holdSeconds:import_invalid_number', '6:recordingUrl:import_invalid_url', '7:callId:import_duplicate_call',
    ].sort());
    expect(body.error.details.errors[0].message).toBeTruthy();
    expect(await database.db.selectFrom('calls').select('id').where('call_id', 'like', 'bad-%').execute()).toEqual([]);
  });

  it('refuses a callId that already exists, rolling back the rows before it', async () => {
    const csv = `${header}\nfresh-1,in,1,2,,,2026-11-19 09:00:00,,,,,,,\nlist-1,in,1,2,,,2026-11-19 09:00:00,,,,,,,\n`;
    const response = await upload(adminH, csv);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.errors).toMatchObject([{ row: 3, column: 'callId', code: 'import_duplicate_call' }]);
    expect(await database.db.selectFrom('calls').select('id').where('call_id', '=', 'fresh-1').execute()).toEqual([]);
  });

  it('needs calls.admin, a file, a header with the required columns and at least one row', async () => {
    expect((await upload(leaderH, `${header}\n`)).statusCode).toBe(403);
    expect((await inject('POST', '/api/v1/calls/import', adminH, {})).statusCode).toBe(400);
    expect((await upload(adminH, 'callId,from\nx,1\n')).json().error.details.errors).toMatchObject([{ column: 'direction', code: 'import_missing_column' }, { column: 'startedAt', code: 'import_missing_column' }]);
    expect((await upload(adminH, `${header}\n`)).json().error.details.errors).toMatchObject([{ code: 'import_no_rows' }]);
  });
});

describe('agent states', () => {
  it('lets an agent go on a break and back; leaders see every agent\u2019s state and since when', async () => {
    const onBreak = ok(await inject('PUT', '/api/v1/agents/me/state', agentH, { state: 'break', reason: '培训' }));
    expect(onBreak).toMatchObject({ user: { id: agent.userId }, state: 'break', reason: '培训', extension: '8001' });
    const board = ok(await inject('GET', '/api/v1/agents/states', leaderH));
    expect(board.items.find((i: { user: { id: number } }) => i.user.id === agent.userId)).toMatchObject({ state: 'break', reason: '培训' });
    expect(board.items.find((i: { user: { id: number } }) => i.user.id === otherAgent.userId)).toMatchObject({ state: 'ready', since: at(70) });
    const ready = ok(await inject('PUT', '/api/v1/agents/me/state', agentH, { state: 'ready' }));
    expect(ready).toMatchObject({ state: 'ready', reason: null });
    const log = await database.db.selectFrom('agent_state_log').select(['state', 'reason']).where('user_id', '=', agent.userId).orderBy('id').execute();
    expect(log.slice(-1)).toEqual([{ state: 'break', reason: '培训' }]);
    expect((await inject('GET', '/api/v1/agents/states', agentH)).statusCode).toBe(403);
    expect((await inject('PUT', '/api/v1/agents/me/state', agentH, { state: 'on_call' })).statusCode).toBe(400);
  });

  it('lists the people who take calls, not the administrators and managers who may see their own calls', async () => {
    const newcomer = await createUserActor(database.db, 'agent', { displayName: '新坐席' });
    const manager = await createUserActor(database.db, 'manager', { displayName: '周经理' });
    const ids = () => inject('GET', '/api/v1/agents/states', leaderH).then((r) => ok(r).items.map((i: { user: { id: number } }) => i.user.id));
    const listed = await ids();
    // An agent without an extension or a state yet is there (offline); a manager is not.
    expect(listed).toContain(newcomer.userId);
    expect(listed).not.toContain(manager.userId);
    // A manager who takes calls on an extension is.
    ok(await inject('PUT', `/api/v1/agents/${manager.userId}/extension`, adminH, { extension: '8099' }));
    expect(await ids()).toContain(manager.userId);
  });

  it('keeps extensions unique and for administrators to set', async () => {
    const clash = await inject('PUT', `/api/v1/agents/${otherAgent.userId}/extension`, adminH, { extension: '8001' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.message).toBe('该分机号已分配给其他坐席');
    expect((await inject('PUT', `/api/v1/agents/${agent.userId}/extension`, otherH, { extension: '9999' })).statusCode).toBe(403);
    expect((await inject('PUT', '/api/v1/agents/999999/extension', adminH, { extension: '9999' })).statusCode).toBe(404);
  });
});

it('keeps the tenant in every row it writes', async () => {
  const tenants = await database.db.selectFrom('calls').select('tenant_id').distinct().execute();
  expect(tenants).toEqual([{ tenant_id: TEST_TENANT_ID }]);
});
