import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase } from '../../testing/test-db.js';

let database: Database;
let app: FastifyInstance;
let leader: { authorization: string };
let agent: { authorization: string };

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  leader = await loginAs(app, (await createUserActor(database.db, 'leader')).username);
  agent = await loginAs(app, (await createUserActor(database.db, 'agent')).username);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('canned replies (script library)', () => {
  it('a leader adds and edits replies; agents read and search them but cannot change them', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/v1/macros', headers: leader, payload: { category: 'closing', title: '结束语', body: '感谢您的来电，再见！' } });
    expect(created.statusCode).toBe(201);
    const macro = created.json();
    const denied = await app.inject({ method: 'POST', url: '/api/v1/macros', headers: agent, payload: { category: 'closing', title: 'x', body: 'y' } });
    expect(denied.statusCode).toBe(403);
    const found = await app.inject({ method: 'GET', url: `/api/v1/macros?q=${encodeURIComponent('来电')}`, headers: agent });
    expect(found.json().items.map((m: { id: number }) => m.id)).toEqual([macro.id]);
    const stale = await app.inject({ method: 'PATCH', url: `/api/v1/macros/${macro.id}`, headers: leader, payload: { version: macro.version + 1, body: '改' } });
    expect(stale.statusCode).toBe(409);
    const retired = await app.inject({ method: 'PATCH', url: `/api/v1/macros/${macro.id}`, headers: leader, payload: { version: macro.version, active: false } });
    expect(retired.json()).toMatchObject({ active: false, version: macro.version + 1, body: '感谢您的来电，再见！' });
    expect((await app.inject({ method: 'GET', url: '/api/v1/macros', headers: agent })).json().items).toEqual([]);
    const all = await app.inject({ method: 'GET', url: '/api/v1/macros?includeInactive=true', headers: leader });
    expect(all.json().items).toHaveLength(1);
  });

  it('rejects an unknown category with a translated 400', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/macros', headers: { ...leader, 'accept-language': 'en' }, payload: { category: 'nope', title: 't', body: 'b' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'VALIDATION' });
    expect(response.json().error.message).toMatch(/^Invalid input/);
  });
});
