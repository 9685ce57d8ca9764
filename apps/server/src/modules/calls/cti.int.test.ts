import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import type { LiveEvent } from '../../lib/live/live-bus.js';
import { adminActor, createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';
import { insertCustomer } from '../customers/customers.service.js';
import { currentPhoneIndex, decryptOrNull } from '../pii/pii-fields.js';
import { updateCtiSettings } from './cti-settings.js';

// The CTI endpoint driven as a PBX drives it: Zammad's payloads (JSON and form data) and Kefu's extensions.

let database: Database;
let app: FastifyInstance;
let token: string;
let agent: Actor;
let otherAgent: Actor;
let bystander: Actor;
let customerId: number;
const live: LiveEvent[] = [];
let callSeq = 0;

const url = (t = token) => `/api/v1/cti/${t}`;
const postJson = (body: unknown, t = token) => app.inject({ method: 'POST', url: url(t), payload: body as object });
const postForm = (form: string, t = token) => app.inject({ method: 'POST', url: url(t), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form });
const nextCallId = () => `call-${Date.now()}-${++callSeq}`;
const T0 = Date.parse('2026-11-20T09:00:00+08:00');
const at = (seconds: number, base = T0) => new Date(base + seconds * 1000).toISOString();

async function settings(input: Parameters<typeof updateCtiSettings>[0]['input']) {
  await updateCtiSettings({ db: database.db, actor: adminActor(), input });
  // The endpoint caches settings for a few seconds; a PUT through the API invalidates, a direct change does not.
  await app.inject({ method: 'PUT', url: '/api/v1/cti/settings', headers: await loginAs(app, admin.username), payload: {} });
}
let admin: Actor;

function expectOk(response: LightMyRequestResponse, body = '{}') {
  expect({ status: response.statusCode, body: response.body }).toEqual({ status: 200, body });
}

const callRow = (callId: string) => database.db.selectFrom('calls').selectAll().where('tenant_id', '=', TEST_TENANT_ID).where('call_id', '=', callId).executeTakeFirstOrThrow();
const eventCount = async (callId: string) => Number((await database.db.selectFrom('call_events').select((eb) => eb.fn.countAll<number>().as('n')).where('call_id', '=', callId).executeTakeFirstOrThrow()).n);

async function waitFor<T>(find: () => T | undefined, ms = 2000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`not found within ${ms} ms; live: ${JSON.stringify(live.map((e) => e.topic))}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  app.live.subscribe((event) => live.push(event));
  admin = await createUserActor(database.db, 'admin');
  agent = await createUserActor(database.db, 'agent', { displayName: '王坐席' });
  otherAgent = await createUserActor(database.db, 'agent', { displayName: '李坐席' });
  bystander = await createUserActor(database.db, 'agent');
  await database.db.updateTable('users').set({ extension: '8001' }).where('id', '=', agent.userId).execute();
  await database.db.updateTable('users').set({ extension: '8002' }).where('id', '=', otherAgent.userId).execute();
  customerId = await insertCustomer(database.db, adminActor(), { kind: 'person', name: '张三', grade: 'A', phones: ['138 1234 5678'] });
  const result = await updateCtiSettings({ db: database.db, actor: adminActor(), input: { enabled: true, blockedNumbers: ['+86 139-0000-0000'] } });
  token = result.token!;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});
beforeEach(() => {
  live.length = 0;
});

describe('Zammad generic CTI compatibility', () => {
  it('answers {} to the documented JSON payloads of newCall, answer and hangup', async () => {
    const callId = nextCallId();
    expectOk(await postJson({ event: 'newCall', from: '493023125741', to: '492214710334', direction: 'in', callId, user: ['Christopher Miller', 'Emma Taylor'] }));
    expectOk(await postJson({ event: 'answer', from: '493023125741', to: '492214710334', direction: 'in', callId, user: 'Emma Taylor', answeringNumber: 'emma@chrispresso.com' }));
    expectOk(await postJson({ event: 'hangup', from: '493023125741', to: '492214710334', direction: 'in', callId, user: 'Emma Taylor', answeringNumber: 'emma@chrispresso.com', cause: 'normalClearing' }));
    const row = await callRow(callId);
    // The caller's number is stored encrypted (masked copy + ciphertext); the center's own number stays readable.
    expect(row).toMatchObject({ direction: 'in', from_number: '493****5741', to_number: '492214710334', to_number_enc: null, hangup_cause: 'normalClearing', result: 'answered', last_event: 'hangup' });
    expect(decryptOrNull(row.from_number_enc)).toBe('493023125741');
    expect(await eventCount(callId)).toBe(3);
  });

  it('stores an event whose text holds a lone surrogate (a broken character from the PBX) instead of failing it', async () => {
    const callId = nextCallId();
    expectOk(await postJson({ event: 'newCall', from: '13812345678', to: '4001234567', direction: 'in', callId, user: ['8001'], queue: '售后\ud83d' }));
    expect((await callRow(callId)).queue).toBe('售后\ufffd');
    expect(await eventCount(callId)).toBe(1);
  });

  it('reads x-www-form-urlencoded bodies with user[] repeated, as in the documented curl examples', async () => {
    const callId = nextCallId();
    expectOk(await postForm(`event=newCall&from=02214710334&to=03023125771&direction=in&callId=${callId}&user%5B%5D=${agent.username}&user%5B%5D=8002&queue=`));
    const row = await callRow(callId);
    expect(row).toMatchObject({ direction: 'in', from_number: '022****0334', queue: null, result: 'ongoing' });
    expect(decryptOrNull(row.from_number_enc)).toBe('02214710334');
    const [event] = await database.db.selectFrom('call_events').select('data').where('call_id', '=', callId).execute();
    expect(event!.data).toMatchObject({ user: [agent.username, '8002'] });
  });

  it('reads multipart form data (curl --form)', async () => {
    const callId = nextCallId();
    const form = new FormData();
    for (const [k, v] of Object.entries({ event: 'newCall', from: '493055571600', to: '491711234567890', direction: 'out', callId, 'user[]': 'Christopher Miller' })) form.append(k, v);
    const request = new Request('http://kefu.invalid/', { method: 'POST', body: form });
    const response = await app.inject({ method: 'POST', url: url(), headers: { 'content-type': request.headers.get('content-type')! }, payload: Buffer.from(await request.arrayBuffer()) });
    expectOk(response);
    // Outbound: the callee is the external party (encrypted), the caller ID is the center's.
    const row = await callRow(callId);
    expect(row).toMatchObject({ direction: 'out', from_number: '493055571600', from_number_enc: null, to_number: '491****7890' });
    expect(decryptOrNull(row.to_number_enc)).toBe('491711234567890');
  });

  it('rejects a blocked caller (any number format) with Zammad\u2019s answer and records the call as blocked', async () => {
    const callId = nextCallId();
    expectOk(await postJson({ event: 'newCall', from: '13900000000', to: '4001234567', direction: 'in', callId }), '{"action":"reject","reason":"busy"}');
    // A repeat is answered the same way; the PBX then ends the call.
    expectOk(await postJson({ event: 'newCall', from: '13900000000', to: '4001234567', direction: 'in', callId, at: (await callRow(callId)).started_at.toISOString() }), '{"action":"reject","reason":"busy"}');
    expectOk(await postJson({ event: 'hangup', from: '13900000000', to: '4001234567', direction: 'in', callId, cause: 'cancel' }));
    expect((await callRow(callId)).result).toBe('blocked');
    // Outbound calls to that number are not blocked.
    expectOk(await postJson({ event: 'newCall', from: '4001234567', to: '13900000000', direction: 'out', callId: nextCallId() }));
  });

  it('answers 401 to an unknown token and 422 to a bad direction, a missing direction, an unknown event or a body it cannot use', async () => {
    const bad = await postJson({ event: 'newCall', from: '1', to: '2', direction: 'in', callId: 'x' }, 'not-the-token-at-all-123');
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'CTI 令牌无效，请联系管理员' });
    const sideways = await postJson({ event: 'newCall', from: '1', to: '2', direction: 'sideways', callId: 'x' });
    expect(sideways.statusCode).toBe(422);
    expect(sideways.json().error.message).toBe('输入有误：通话方向（direction）必须是 in 或 out');
    expect((await postForm('event=answer&from=1&to=2&callId=x')).statusCode).toBe(422);
    const unknown = await app.inject({ method: 'POST', url: url(), headers: { 'accept-language': 'en' }, payload: { event: 'ringing', direction: 'in', callId: 'x' } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.message).toBe('Invalid input: unknown CTI event');
    expect((await postJson({ event: 'hangup', direction: 'in' })).statusCode).toBe(422);
    expect((await app.inject({ method: 'POST', url: url(), headers: { 'content-type': 'application/json' }, payload: '[1,2]' })).statusCode).toBe(422);
    expect((await postJson({ event: 'hangup', direction: 'in', callId: 'x', at: 'yesterday' })).statusCode).toBe(422);
    // Nothing of it was stored.
    expect(await database.db.selectFrom('calls').select('id').where('call_id', '=', 'x').execute()).toEqual([]);
  });

  it('answers 422 while the integration is switched off', async () => {
    await settings({ enabled: false });
    try {
      const response = await postJson({ event: 'newCall', from: '1', to: '2', direction: 'in', callId: nextCallId() });
      expect(response.statusCode).toBe(422);
      expect(response.json().error.message).toBe('CTI 集成未启用，请联系管理员');
    } finally {
      await settings({ enabled: true });
    }
  });
});

describe('call records from events', () => {
  it('turns a full inbound call (newCall → queueEnter → answer → hold/unhold → hangup) into ring, queue, talk and hold times', async () => {
    const callId = nextCallId();
    const base = { direction: 'in', callId, from: '+86 138-1234-5678', to: '4001234567' };
    expectOk(await postJson({ ...base, event: 'newCall', at: at(0) }));
    expectOk(await postJson({ ...base, event: 'queueEnter', queue: '售后', at: at(5) }));
    expectOk(await postJson({ ...base, event: 'answer', answeringNumber: '8001', at: at(25) }));
    expectOk(await postJson({ ...base, event: 'hold', at: at(60) }));
    expectOk(await postJson({ ...base, event: 'unhold', at: at(90) }));
    expectOk(await postJson({ ...base, event: 'hold', at: at(100) }));
    expectOk(await postJson({ ...base, event: 'unhold', at: at(110) }));
    expectOk(await postJson({ ...base, event: 'hangup', cause: 'normalClearing', recordingUrl: 'https://pbx.example.com/rec/1.wav', at: at(185) }));
    const row = await callRow(callId);
    expect(row).toMatchObject({
      result: 'answered', queue: '售后', agent_id: agent.userId, customer_id: customerId, caller_normalized: null, caller_bidx: currentPhoneIndex('13812345678'), answering_number: '8001',
      ring_seconds: 5, queue_seconds: 20, wait_seconds: 20, hold_seconds: 40, talk_seconds: 120, acw_seconds: null,
      recording_url: 'https://pbx.example.com/rec/1.wav', last_event: 'hangup',
    });
    expect(row.started_at.toISOString()).toBe(at(0));
    expect(row.ended_at!.toISOString()).toBe(at(185));
    // The agent is ready again when the call ends (no automatic after-call work configured).
    const state = await database.db.selectFrom('agent_states').selectAll().where('user_id', '=', agent.userId).executeTakeFirstOrThrow();
    expect(state).toMatchObject({ activity: null, presence: 'ready' });
  });

  it('gives the same record whatever the order, and ignores repeats of (callId, event, at)', async () => {
    const events = (callId: string) => [
      { event: 'newCall', direction: 'in', callId, from: '02012345678', to: '400', at: at(0) },
      { event: 'queueEnter', direction: 'in', callId, queue: 'sales', at: at(3) },
      { event: 'answer', direction: 'in', callId, from: '02012345678', to: '400', answeringNumber: '8002', at: at(13) },
      { event: 'hold', callId, at: at(20) },
      { event: 'unhold', callId, at: at(26) },
      { event: 'hangup', direction: 'in', callId, from: '02012345678', to: '400', cause: 'normalClearing', at: at(70) },
    ];
    const inOrder = nextCallId();
    for (const e of events(inOrder)) expectOk(await postJson(e));
    const shuffled = nextCallId();
    const list = events(shuffled);
    // The answer comes first (creating the call), the hangup before the hold, everything twice.
    for (const i of [2, 5, 4, 3, 0, 1, 2, 5, 3, 0]) expectOk(await postJson(list[i]));
    const pick = (r: Awaited<ReturnType<typeof callRow>>) => ({ ...r, id: 0, call_id: '', started_at: r.started_at.toISOString(), ended_at: r.ended_at?.toISOString(), answered_at: r.answered_at?.toISOString(), queued_at: r.queued_at?.toISOString(), last_event_at: r.last_event_at.toISOString() });
    const a = pick(await callRow(inOrder));
    const b = pick(await callRow(shuffled));
    expect(b).toEqual(a);
    expect(a).toMatchObject({ result: 'answered', ring_seconds: 3, queue_seconds: 10, hold_seconds: 6, talk_seconds: 51, agent_id: otherAgent.userId, last_event: 'hangup' });
    expect(await eventCount(shuffled)).toBe(6);
  });

  it('lets repeats of events sent without `at` change nothing that matters', async () => {
    const callId = nextCallId();
    const base = { direction: 'in', callId, from: '13812345678', to: '400' };
    expectOk(await postJson({ ...base, event: 'newCall' }));
    expectOk(await postJson({ ...base, event: 'newCall' }));
    expectOk(await postJson({ ...base, event: 'answer', answeringNumber: agent.username }));
    const first = await callRow(callId);
    expectOk(await postJson({ ...base, event: 'answer', answeringNumber: otherAgent.username }));
    expectOk(await postJson({ ...base, event: 'hangup', cause: 'normalClearing' }));
    expectOk(await postJson({ ...base, event: 'hangup', cause: 'busy' }));
    const row = await callRow(callId);
    expect(row).toMatchObject({ result: 'answered', agent_id: agent.userId, hangup_cause: 'normalClearing', customer_id: customerId });
    expect(row.started_at).toEqual(first.started_at);
    expect(row.answered_at).toEqual(first.answered_at);
  });

  it.each([
    ['a caller hanging up in the queue', [['newCall', 0], ['queueEnter', 2], ['hangup', 40, 'cancel']], 'abandoned_queue', 38],
    ['a queueAbandon event', [['newCall', 0], ['queueEnter', 4], ['queueAbandon', 30], ['hangup', 31, 'normalClearing']], 'abandoned_queue', 26],
    ['a caller hanging up while it rings', [['newCall', 0], ['hangup', 12, 'cancel']], 'abandoned_ringing', 12],
    ['a busy line', [['newCall', 0], ['hangup', 1, 'busy']], 'busy', 1],
    ['an agent rejecting (noAnswer)', [['newCall', 0], ['hangup', 20, 'noAnswer']], 'no_answer', 20],
    ['a forwarded call', [['newCall', 0], ['hangup', 9, 'forwarded']], 'forwarded', 9],
    ['an unreachable number', [['newCall', 0], ['hangup', 3, 'notFound']], 'failed', 3],
  ] as const)('records %s', async (_name, steps, result, wait) => {
    const callId = nextCallId();
    for (const [event, seconds, cause] of steps as ReadonlyArray<readonly [string, number, string?]>) {
      expectOk(await postJson({ event, callId, direction: 'in', from: '13700000000', to: '400', queue: 'q1', at: at(seconds), ...(cause ? { cause } : {}) }));
    }
    expect(await callRow(callId)).toMatchObject({ result, wait_seconds: wait, answered_at: null, talk_seconds: null });
  });

  it('records an unanswered outbound call as no answer, and busy as busy', async () => {
    const noAnswer = nextCallId();
    expectOk(await postJson({ event: 'newCall', callId: noAnswer, direction: 'out', from: '8001', to: '13812345678', user: agent.username, at: at(0) }));
    expectOk(await postJson({ event: 'hangup', callId: noAnswer, direction: 'out', from: '8001', to: '13812345678', cause: 'cancel', at: at(30) }));
    expect(await callRow(noAnswer)).toMatchObject({ result: 'no_answer', agent_id: agent.userId, customer_id: customerId });
    const busy = nextCallId();
    expectOk(await postJson({ event: 'newCall', callId: busy, direction: 'out', from: '8001', to: '13812345678', at: at(0) }));
    expectOk(await postJson({ event: 'hangup', callId: busy, direction: 'out', from: '8001', to: '13812345678', cause: 'busy', at: at(5) }));
    expect((await callRow(busy)).result).toBe('busy');
  });

  it('counts transfers and keeps the last target', async () => {
    const callId = nextCallId();
    for (const e of [
      { event: 'newCall', at: at(0) }, { event: 'answer', answeringNumber: '8001', at: at(5) },
      { event: 'transfer', transferTo: '8002', at: at(40) }, { event: 'transfer', transferTo: '投诉组', at: at(80) }, { event: 'hangup', cause: 'normalClearing', at: at(100) },
    ]) expectOk(await postJson({ ...e, callId, direction: 'in', from: '13700000001', to: '400' }));
    expect(await callRow(callId)).toMatchObject({ transfer_count: 2, transfer_to: '投诉组', agent_id: agent.userId, talk_seconds: 95 });
  });
});

describe('live events', () => {
  it('pops the caller and the matched customer up on the screens of the agents being rung, and no one else\u2019s', async () => {
    const callId = nextCallId();
    expectOk(await postJson({ event: 'newCall', direction: 'in', callId, from: '+86 138 1234 5678', to: '4001234567', queue: '售后', user: [agent.username, '8002'] }));
    const ofCall = (topic: string) => () => live.find((e) => e.topic === topic && (e.payload as { callId: string }).callId === callId);
    const ringing = await waitFor(ofCall('call.ringing'));
    expect(ringing.userIds!.sort()).toEqual([agent.userId, otherAgent.userId].sort());
    expect(ringing.tenantId).toBe(TEST_TENANT_ID);
    expect(ringing.payload).toMatchObject({ callId, from: '+86 138 1234 5678', to: '4001234567', queue: '售后', direction: 'in', customer: { id: customerId, name: '张三', grade: 'A' } });
    expect(ringing.userIds).not.toContain(bystander.userId);

    expectOk(await postJson({ event: 'answer', direction: 'in', callId, from: '+86 138 1234 5678', to: '4001234567', answeringNumber: '8001' }));
    const answered = await waitFor(ofCall('call.answered'));
    // Every agent rung hears of the answer (a colleague's pop closes), though the answer names only the one who took it.
    expect(answered.userIds!.sort()).toEqual([agent.userId, otherAgent.userId].sort());
    expect(answered.payload).toMatchObject({ callId, agentId: agent.userId, customer: { id: customerId } });
    expectOk(await postJson({ event: 'hangup', direction: 'in', callId, from: '+86 138 1234 5678', to: '4001234567', cause: 'normalClearing' }));
    const ended = await waitFor(ofCall('call.ended'));
    expect(ended.payload).toMatchObject({ callId, result: 'answered' });
    // The wallboard hears of it, throttled, without addressees (everyone of the tenant).
    const wallboard = await waitFor(() => live.find((e) => e.topic === 'wallboard.changed'));
    expect(wallboard.userIds).toBeUndefined();
  });

  it('publishes nothing for a repeated event', async () => {
    const callId = nextCallId();
    const body = { event: 'newCall', direction: 'in', callId, from: '13812345678', to: '400', user: agent.username, at: at(0, Date.now()) };
    expectOk(await postJson(body));
    const ringingOf = () => live.filter((e) => e.topic === 'call.ringing' && (e.payload as { callId: string }).callId === callId);
    await waitFor(() => ringingOf()[0]);
    expectOk(await postJson(body));
    await new Promise((r) => setTimeout(r, 50));
    expect(ringingOf()).toHaveLength(1);
  });

  it('does not pop up blocked callers', async () => {
    const callId = nextCallId();
    expectOk(await postJson({ event: 'newCall', from: '13900000000', to: '400', direction: 'in', callId, user: agent.username }), '{"action":"reject","reason":"busy"}');
    await new Promise((r) => setTimeout(r, 50));
    expect(live.filter((e) => e.topic === 'call.ringing' && (e.payload as { callId: string }).callId === callId)).toEqual([]);
  });
});

describe('agent states from the PBX and from calls', () => {
  it('takes agentState events (user, state, reason) and moves agents to on_call and after-call work with their calls', async () => {
    const me = await createUserActor(database.db, 'agent', { displayName: '赵坐席' });
    await database.db.updateTable('users').set({ extension: '8100' }).where('id', '=', me.userId).execute();
    const base = Date.parse('2026-11-21T09:00:00+08:00');
    expectOk(await postJson({ event: 'agentState', user: '8100', state: 'ready', at: at(0, base) }));
    await settings({ afterCallWorkSeconds: 30 });
    try {
      const callId = nextCallId();
      const call = { callId, direction: 'in', from: '13700000002', to: '400' };
      expectOk(await postJson({ ...call, event: 'newCall', at: at(100, base) }));
      expectOk(await postJson({ ...call, event: 'answer', answeringNumber: '8100', at: at(110, base) }));
      let state = await database.db.selectFrom('agent_states').selectAll().where('user_id', '=', me.userId).executeTakeFirstOrThrow();
      expect(state).toMatchObject({ presence: 'ready', activity: 'on_call' });
      expectOk(await postJson({ ...call, event: 'hangup', cause: 'normalClearing', at: at(200, base) }));
      state = await database.db.selectFrom('agent_states').selectAll().where('user_id', '=', me.userId).executeTakeFirstOrThrow();
      expect(state).toMatchObject({ activity: 'after_call_work' });
      expect(state.activity_until!.toISOString()).toBe(at(230, base));
      expect((await callRow(callId)).acw_seconds).toBe(30);
      // The agent is ready earlier than the automatic 30 s: the call's after-call work is what it really was.
      expectOk(await postJson({ event: 'agentState', answeringNumber: '8100', state: 'ready', at: at(212, base) }));
      expect((await callRow(callId)).acw_seconds).toBe(12);
      expectOk(await postJson({ event: 'agentState', user: me.username, state: 'break', reason: '午餐', at: at(300, base) }));
      // A stale event changes nothing.
      expectOk(await postJson({ event: 'agentState', user: '8100', state: 'offline', at: at(250, base) }));
      state = await database.db.selectFrom('agent_states').selectAll().where('user_id', '=', me.userId).executeTakeFirstOrThrow();
      expect(state).toMatchObject({ presence: 'break', presence_reason: '午餐', activity: null });
      const log = await database.db.selectFrom('agent_state_log').select(['state', 'reason', 'seconds']).where('user_id', '=', me.userId).orderBy('id').execute();
      expect(log).toEqual([{ state: 'ready', reason: null, seconds: 300 }]);
    } finally {
      await settings({ afterCallWorkSeconds: 0 });
    }
  });

  it('answers 422 to an agentState for nobody it knows', async () => {
    expect((await postJson({ event: 'agentState', user: 'ghost', state: 'ready' })).statusCode).toBe(422);
    expect((await postJson({ event: 'agentState', user: '8001' })).statusCode).toBe(422);
  });
});
