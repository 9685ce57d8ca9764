import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createUserActor } from '../../testing/factories.js';
import { createTestApp, loginAs } from '../../testing/test-app.js';
import { createTestDatabase } from '../../testing/test-db.js';

let database: Database;
let app: FastifyInstance;
let headers: { authorization: string };

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  headers = await loginAs(app, (await createUserActor(database.db, 'leader')).username);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('POST /calendars/due', () => {
  it('answers the same due times as the CLI, for presets and definitions', async () => {
    // 5x8: Friday 17:00 + 120 business minutes → 1 h on Friday, 1 h on Monday morning.
    const preset = await app.inject({ method: 'POST', url: '/api/v1/calendars/due', headers, payload: { calendar: '5x8', start: '2026-11-20T17:00:00+08:00', minutes: 120 } });
    expect(preset.json()).toEqual({ due: '2026-11-23T10:00:00+08:00', missingHolidayYears: [] });
    // National Day 2026: 1–7 October closed on 5x8; 30 September 17:00 + 90 min → 1 h that day, 30 min on 8 October.
    const holiday = await app.inject({ method: 'POST', url: '/api/v1/calendars/due', headers, payload: { calendar: '5x8', start: '2026-09-30T17:00', minutes: 90 } });
    expect(holiday.json().due).toBe('2026-10-08T09:30:00+08:00');
    const custom = await app.inject({
      method: 'POST', url: '/api/v1/calendars/due', headers,
      payload: { calendar: { name: '夜班', timeZone: 'Asia/Shanghai', weeklyHours: { mon: [{ start: '20:00', end: '24:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } }, start: '2026-11-23T19:00:00+08:00', minutes: 30 },
    });
    expect(custom.statusCode, custom.body).toBe(200);
    expect(custom.json().due).toBe('2026-11-23T20:30:00+08:00');
  });

  it('names the field of a bad calendar or start; needs a login', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/v1/calendars/due', headers, payload: { calendar: { timeZone: 'Asia/Shanghai', weeklyHours: { mon: [{ start: '09:00', end: '08:00' }] } }, start: '2026-11-23T09:00', minutes: 5 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('weeklyHours.mon');
    const start = await app.inject({ method: 'POST', url: '/api/v1/calendars/due', headers, payload: { calendar: '24x7', start: 'tomorrow', minutes: 5 } });
    expect(start.statusCode).toBe(400);
    expect(start.json().error.message).toContain('start');
    expect((await app.inject({ method: 'POST', url: '/api/v1/calendars/due', payload: { calendar: '24x7', start: '2026-11-23T09:00', minutes: 5 } })).statusCode).toBe(401);
  });
});
