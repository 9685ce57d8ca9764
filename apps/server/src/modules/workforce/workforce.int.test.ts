import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase } from '../../testing/test-db.js';

let database: Database;
let app: FastifyInstance;
const headers: Record<'leader' | 'gm' | 'complaints' | 'agent', { authorization: string }> = {} as never;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  for (const role of ['leader', 'gm', 'complaints', 'agent'] as const) headers[role] = await loginAs(app, (await createUserActor(database.db, role)).username);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (query: string, who: { authorization: string } | Record<string, never>, language?: string) =>
  app.inject({ method: 'GET', url: `/api/v1/workforce/staffing?${query}`, headers: { ...who, ...(language ? { 'accept-language': language } : {}) } });

describe('GET /api/v1/workforce/staffing', () => {
  it('answers the fewest agents for a target (Call Centre Helper example: 14, 20 with 30 % shrinkage)', async () => {
    const response = await get('calls=100&intervalMin=30&aht=180&targetSl=0.8&targetT=20&shrinkage=0.3', headers.leader);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(Object.keys(body)).toEqual(['agents', 'staffWithShrinkage', 'serviceLevel', 'pWait', 'asa', 'occupancy']);
    expect(body).toMatchObject({ agents: 14, staffWithShrinkage: 20 });
    expect(body.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(body.occupancy).toBeCloseTo(0.714, 3);
  });

  it('defaults to 30-minute intervals and 90 % in 15 s, and honours a maximum occupancy', async () => {
    const defaults = (await get('calls=100&aht=180', headers.gm)).json();
    const explicit = (await get('calls=100&intervalMin=30&aht=180&targetSl=0.9&targetT=15', headers.gm)).json();
    expect(defaults).toEqual(explicit);
    expect(defaults.serviceLevel).toBeGreaterThanOrEqual(0.9);
    const capped = (await get('calls=100&aht=180&maxOccupancy=0.6', headers.gm)).json();
    expect(capped.agents).toBe(17);
    expect(capped.occupancy).toBeLessThanOrEqual(0.6);
  });

  it('evaluates given agents, and adds pAbandon under Erlang A when patience is given', async () => {
    const evaluated = (await get('calls=100&aht=180&targetT=20&agents=11', headers.complaints)).json();
    expect(evaluated.agents).toBe(11);
    expect(evaluated.pWait).toBeCloseTo(0.6821, 4);
    const impatient = await get('calls=100&aht=180&targetSl=0.8&targetT=20&patience=120', headers.leader);
    expect(impatient.statusCode).toBe(200);
    expect(Object.keys(impatient.json())).toEqual(['agents', 'staffWithShrinkage', 'serviceLevel', 'pWait', 'asa', 'occupancy', 'pAbandon']);
    expect(impatient.json().agents).toBeLessThan(14);
    // with patience, fewer agents than the load is a valid (overloaded) question
    const overloaded = (await get('calls=100&aht=180&patience=60&agents=8', headers.leader)).json();
    expect(overloaded.pAbandon).toBeGreaterThan(0.2);
  });

  it('is documented in the OpenAPI description with its query parameters', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operation = spec.paths['/api/v1/workforce/staffing'].get;
    expect(operation.parameters.map((p: { name: string }) => p.name)).toEqual(['calls', 'intervalMin', 'aht', 'targetSl', 'targetT', 'maxOccupancy', 'shrinkage', 'patience', 'agents']);
    expect(operation.parameters.filter((p: { required?: boolean }) => p.required).map((p: { name: string }) => p.name)).toEqual(['calls', 'aht']);
  });

  it('needs reports.read or tickets.assign, and a signed-in caller', async () => {
    expect((await get('calls=100&aht=180', headers.agent)).statusCode).toBe(403);
    expect((await get('calls=100&aht=180', {})).statusCode).toBe(401);
  });

  it('refuses impossible inputs with translated 400s', async () => {
    const negative = await get('calls=-5&aht=180', headers.leader, 'en');
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.code).toBe('VALIDATION');
    expect(negative.json().error.message).toMatch(/^Invalid input: calls: /);
    const chinese = await get('calls=-5&aht=180', headers.leader);
    expect(chinese.json().error.message).toMatch(/^输入有误：calls: /);

    for (const query of ['calls=100&aht=0', 'calls=100&aht=180&targetSl=1', 'calls=100&aht=180&targetT=-1', 'calls=100&aht=180&shrinkage=1',
      'calls=100&aht=180&maxOccupancy=0', 'calls=100&aht=180&agents=0', 'calls=100&aht=180&agents=2.5', 'calls=0x10&aht=180', 'aht=180', 'calls=100&intervalMin=0&aht=180']) {
      const response = await get(query, headers.leader, 'en');
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code, query).toBe('VALIDATION');
    }

    const unstable = await get('calls=100&aht=180&agents=10', headers.leader, 'en');
    expect(unstable.statusCode).toBe(400);
    expect(unstable.json().error).toMatchObject({ code: 'VALIDATION', details: { field: 'agents', offeredLoad: 10 } });
    expect(unstable.json().error.message).toBe('Invalid input: without patience, agents must be more than the offered load (calls × aht ÷ interval), or the queue grows without end');
    expect((await get('calls=100&aht=180&agents=10', headers.leader)).json().error.message).toMatch(/^输入有误：未给出客户耐心时长（patience）时，坐席数（agents）必须大于话务量/);

    const unreachable = await get('calls=9000&aht=1800&maxOccupancy=0.5', headers.leader, 'en');
    expect(unreachable.statusCode).toBe(400);
    expect(unreachable.json().error.message).toBe('Invalid input: maxOccupancy cannot be met with up to 10000 agents');
  });
});
