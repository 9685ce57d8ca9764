import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { adminActor } from '../../testing/factories.js';
import { createTestApp } from '../../testing/test-app.js';
import { createTestDatabase, TEST_TENANT_ID } from '../../testing/test-db.js';
import { updateCtiSettings } from './cti-settings.js';

// The CTI endpoint over a real socket: the ordinary event is served before Fastify (cti-fast-path.ts), everything
// else must answer exactly what the Fastify route answers (app.inject goes straight to Fastify).

let database: Database;
let app: FastifyInstance;
let base: string;
let token: string;
/** Requests the CTI fast path let through to Fastify (a fast path added after it sees only those). */
const declined: string[] = [];
let seq = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  app.fastPaths.add((request) => {
    declined.push(`${request.method} ${request.headers['content-type'] ?? ''}`);
    return false;
  });
  token = (await updateCtiSettings({ db: database.db, actor: adminActor(), input: { enabled: true, blockedNumbers: ['13900000000'] } })).token!;
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const callId = () => `fast-${Date.now()}-${++seq}`;

async function viaSocket(body: string, type = 'application/json', t = token) {
  const response = await fetch(`${base}/api/v1/cti/${t}`, { method: 'POST', headers: { 'content-type': type, 'accept-language': 'en' }, body });
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

async function viaFastify(body: string, type = 'application/json', t = token) {
  const response = await app.inject({ method: 'POST', url: `/api/v1/cti/${t}`, headers: { 'content-type': type, 'accept-language': 'en' }, payload: body });
  return { status: response.statusCode, type: response.headers['content-type'], body: response.body };
}

describe('CTI events over a socket', () => {
  it('stores an ordinary JSON event without Fastify, once, and answers as Zammad does', async () => {
    const id = callId();
    declined.length = 0;
    const event = JSON.stringify({ event: 'newCall', from: '+86 138-1234-5678', to: '4001234567', direction: 'in', callId: id, queue: '售后', at: '2026-11-20T09:00:00+08:00' });
    expect(await viaSocket(event)).toEqual({ status: 200, type: 'application/json; charset=utf-8', body: '{}' });
    expect(await viaSocket(event)).toMatchObject({ status: 200, body: '{}' }); // a repeat changes nothing
    expect(await viaSocket(JSON.stringify({ event: 'newCall', from: '13900000000', to: '400', direction: 'in', callId: callId() }))).toMatchObject({ status: 200, body: '{"action":"reject","reason":"busy"}' });
    expect(declined).toEqual([]);
    const call = await database.db.selectFrom('calls').select(['direction', 'queue', 'from_number', 'started_at']).where('tenant_id', '=', TEST_TENANT_ID).where('call_id', '=', id).executeTakeFirstOrThrow();
    expect(call).toMatchObject({ direction: 'in', queue: '售后', started_at: new Date('2026-11-20T01:00:00Z') });
    expect(call.from_number).not.toContain('1234'); // masked at rest
    const events = await database.db.selectFrom('call_events').select('event').where('call_id', '=', id).execute();
    expect(events).toHaveLength(1);
  });

  it('reads Zammad form bodies with user[] without Fastify', async () => {
    const id = callId();
    declined.length = 0;
    expect(await viaSocket(`event=newCall&from=02012345678&to=400&direction=in&callId=${id}&user%5B%5D=8001&user%5B%5D=8002`, 'application/x-www-form-urlencoded')).toMatchObject({ status: 200, body: '{}' });
    expect(declined).toEqual([]);
    const row = await database.db.selectFrom('call_events').select('data').where('call_id', '=', id).executeTakeFirstOrThrow();
    expect((row.data as { user: string[] }).user).toEqual(['8001', '8002']);
  });

  it('answers bad input exactly as the Fastify route does, storing nothing', async () => {
    const cases: Array<[string, string?, string?]> = [
      ['{"event": "newCall", '],
      ['[]'],
      ['null'],
      [JSON.stringify({ event: 'newCall', from: '1', to: '2', direction: 'sideways', callId: callId() })],
      [JSON.stringify({ event: 'newCall', from: '1', to: '2', callId: callId() })],
      [JSON.stringify({ event: 'ringing', direction: 'in', callId: callId() })],
      [JSON.stringify({ event: 'newCall', from: '1', to: '2', direction: 'in' })],
      [JSON.stringify({ event: 'newCall', from: '1\u0000', to: '2', direction: 'in', callId: callId() })],
      ['{"__proto__": {"x": 1}, "event": "newCall", "direction": "in", "callId": "p1"}'],
      [JSON.stringify({ event: 'newCall', from: '1', to: '2', direction: 'in', callId: callId() }), 'application/json', 'not-the-token'],
      ['event=newCall&direction=up&callId=f1', 'application/x-www-form-urlencoded'],
    ];
    const before = await database.db.selectFrom('call_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const [body, type, t] of cases) {
      const socket = await viaSocket(body, type, t);
      expect(socket.status, body).toBeGreaterThanOrEqual(400);
      expect(socket.status, body).toBeLessThan(500);
      expect(socket, body).toEqual(await viaFastify(body, type, t));
    }
    const after = await database.db.selectFrom('call_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('leaves multipart and oversized bodies to Fastify', async () => {
    declined.length = 0;
    const form = new FormData();
    for (const [k, v] of Object.entries({ event: 'newCall', from: '02012345678', to: '400', direction: 'in', callId: callId() })) form.append(k, v);
    const multipart = await fetch(`${base}/api/v1/cti/${token}`, { method: 'POST', body: form });
    expect(multipart.status).toBe(200);
    const big = await viaSocket(JSON.stringify({ event: 'newCall', from: '1', to: '2', direction: 'in', callId: callId(), queue: 'x'.repeat(70_000) }));
    expect(big.status).toBe(413);
    expect(declined).toHaveLength(2);
    expect(declined[0]).toMatch(/^POST multipart\/form-data/);
  });
});
