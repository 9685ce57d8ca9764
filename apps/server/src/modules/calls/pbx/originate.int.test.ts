// Click-to-call against a fake Asterisk: a real TCP server speaking the Manager Interface text protocol.
import { createServer, type Server, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.js';
import type { Actor } from '../../../lib/actor.js';
import { createTestTicket, createUserActor, followUpFacts } from '../../../testing/factories.js';
import { createTestApp, loginAs } from '../../../testing/test-app.js';
import { createTestDatabase } from '../../../testing/test-db.js';
import { toCallEventRow, validateCtiEvent } from '../cti-events.js';
import { applyCallEvents } from '../cti.repo.js';
import { createAmiParser } from './ami-client.js';

type Behaviour = 'ok' | 'bad-login' | 'originate-error' | 'hang-up' | 'silent';
interface FakeAsterisk { server: Server; port: number; actions: Array<Record<string, string>>; behaviour: Behaviour }

function fakeAsterisk(): Promise<FakeAsterisk> {
  const fake = { actions: [] as Array<Record<string, string>>, behaviour: 'ok' as Behaviour } as FakeAsterisk;
  fake.server = createServer((socket: Socket) => {
    socket.setEncoding('utf8');
    socket.write('Asterisk Call Manager/9.0.0\r\n');
    // Events of other activity interleave on a real AMI; the client must skip them.
    socket.write('Event: FullyBooted\r\nPrivilege: system,all\r\nStatus: Fully Booted\r\n\r\n');
    const parse = createAmiParser((m) => {
      fake.actions.push(m);
      const reply = (lines: string) => socket.write(`${lines}\r\nActionID: ${m.ActionID}\r\n\r\n`);
      if (m.Action === 'Login') return reply(m.Username === 'kefu' && m.Secret === 's3cret' && fake.behaviour !== 'bad-login' ? 'Response: Success\r\nMessage: Authentication accepted' : 'Response: Error\r\nMessage: Authentication failed');
      if (m.Action === 'Originate') {
        if (fake.behaviour === 'hang-up') return socket.destroy();
        if (fake.behaviour === 'silent') return;
        return reply(fake.behaviour === 'originate-error' ? 'Response: Error\r\nMessage: Extension does not exist.' : 'Response: Success\r\nMessage: Originate successfully queued');
      }
      if (m.Action === 'Logoff') { reply('Response: Goodbye\r\nMessage: Thanks for all the fish.'); socket.end(); }
    }, null);
    socket.on('data', parse);
    socket.on('error', () => {});
  });
  return new Promise((resolve) => fake.server.listen(0, '127.0.0.1', () => { fake.port = (fake.server.address() as { port: number }).port; resolve(fake); }));
}

let database: Database;
let app: FastifyInstance;
let asterisk: FakeAsterisk;
let agent: Actor;
let headers: { authorization: string };

beforeAll(async () => {
  asterisk = await fakeAsterisk();
  database = await createTestDatabase();
  app = await createTestApp(database);
  agent = await createUserActor(database.db, 'agent');
  await database.db.updateTable('users').set({ extension: '8001' }).where('id', '=', agent.userId).execute();
  headers = await loginAs(app, agent.username);
  await database.db.updateTable('tenants').set({ settings: JSON.stringify({ pbx: { amiUrl: `ami://kefu:s3cret@127.0.0.1:${asterisk.port}?context=from-internal&channel=PJSIP/{ext}&timeout=1500` } }) }).where('id', '=', 1).execute();
});
afterEach(() => { asterisk.actions.length = 0; asterisk.behaviour = 'ok'; });
afterAll(async () => {
  await app?.close();
  await database?.close();
  asterisk?.server.close();
});

const originate = (payload: object, h = headers) => app.inject({ method: 'POST', url: '/api/v1/calls/originate', headers: h, payload });

describe('click-to-call through AMI', () => {
  it('logs in, originates from the agent’s extension to the number (mobile as is), logs off; the dial is audited masked', async () => {
    const response = await originate({ number: '+86 138-1234-5678' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ number: '138****5678', extension: '8001', actionId: expect.stringMatching(/^kefu-/) });
    expect(asterisk.actions.map((a) => a.Action)).toEqual(['Login', 'Originate', 'Logoff']);
    expect(asterisk.actions[1]).toMatchObject({ Channel: 'PJSIP/8001', Exten: '13812345678', Context: 'from-internal', Priority: '1', Async: 'true', ActionID: response.json().actionId });
    const audit = await database.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'call.dialed').execute();
    expect(audit).toEqual([{ action: 'call.dialed', detail: { number: '138****5678', extension: '8001', actionId: response.json().actionId } }]);
  });

  it('from a work order: dials its contact (landline with trunk 0), tags the call with the order and records the call-back', async () => {
    const ticket = await createTestTicket(database.db, agent, { ...followUpFacts, contactPhone: '(010) 8765 4321', answeredOnSpot: false, assigneeId: agent.userId });
    const response = await originate({ ticketId: ticket.id });
    expect(response.statusCode, response.body).toBe(200);
    expect(asterisk.actions[1]).toMatchObject({ Exten: '01087654321', Variable: `KEFU_TICKET=${ticket.id}` });
    const audit = await database.db.selectFrom('audit_log').select(['entity_id', 'detail']).where('action', '=', 'ticket.callback_dialed').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ entity_id: ticket.id, detail: { extension: '8001' } });
  });

  it('calls back the other party of a call by call id: decrypted on the server, masked in the answer and the audit', async () => {
    const at = new Date('2026-11-20T10:00:00+08:00');
    const call = (callId: string, direction: 'in' | 'out', from: string, to: string, agentId: number) =>
      applyCallEvents(database.db, [toCallEventRow(validateCtiEvent({ event: 'newCall', callId, direction, from, to }), { tenantId: 1, at, agentId, blocked: false, afterCallWorkSeconds: 0 })]);
    const [inbound] = await call('cb-in', 'in', '+86 139-8765-4321', '4001234567', agent.userId);
    const [outbound] = await call('cb-out', 'out', '8001', '(021) 6666 8888', agent.userId);
    expect(inbound!.from_number).toBe('139****4321');
    const response = await originate({ callId: inbound!.id });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ number: '139****4321', extension: '8001' });
    expect(asterisk.actions[1]).toMatchObject({ Exten: '13987654321' });
    asterisk.actions.length = 0;
    expect((await originate({ callId: outbound!.id })).statusCode).toBe(200);
    expect(asterisk.actions[1]).toMatchObject({ Exten: '02166668888' });
    const audits = JSON.stringify(await database.db.selectFrom('audit_log').select('detail').where('action', '=', 'call.dialed').execute());
    expect(audits).toContain('139****4321');
    expect(audits).not.toContain('87654321');
    // Another agent's call is not found for an agent (calls.read_own); an unknown call neither.
    const other = await createUserActor(database.db, 'agent');
    await database.db.updateTable('users').set({ extension: '8009' }).where('id', '=', other.userId).execute();
    expect((await originate({ callId: inbound!.id }, await loginAs(app, other.username))).statusCode).toBe(404);
    expect((await originate({ callId: 999999 })).statusCode).toBe(404);
  });

  it('answers the PBX’s own refusal, a wrong login, a dropped or silent PBX as translated 422s', async () => {
    asterisk.behaviour = 'originate-error';
    const refused = await originate({ number: '13812345678' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toBe('电话交换机拒绝了外呼：Extension does not exist.');
    asterisk.behaviour = 'bad-login';
    expect((await originate({ number: '13812345678' })).json().error.message).toContain('Authentication failed');
    asterisk.behaviour = 'hang-up';
    expect((await originate({ number: '13812345678' })).json().error.message).toContain('closed the connection');
    asterisk.behaviour = 'silent';
    expect((await originate({ number: '13812345678' })).json().error.message).toContain('no answer from the PBX within 1500 ms');
  });

  it('needs an extension and a configured PBX; an agent cannot dial an order they may not see', async () => {
    const other = await createUserActor(database.db, 'agent');
    const otherHeaders = await loginAs(app, other.username);
    const noExtension = await originate({ number: '13812345678' }, otherHeaders);
    expect(noExtension.statusCode).toBe(422);
    expect(noExtension.json().error.message).toContain('没有分机号');
    const withoutNumber = await createTestTicket(database.db, agent, { assigneeId: agent.userId });
    await database.db.updateTable('users').set({ extension: '8002' }).where('id', '=', other.userId).execute();
    expect((await originate({ ticketId: withoutNumber.id }, otherHeaders)).json().error.message).toBe('该记录没有可拨打的号码');
    await database.db.insertInto('roles').values({ tenant_id: 1, key: 'outsider', name_zh: '外包坐席', name_en: 'Outsourced', permissions: ['tickets.read_own', 'tickets.update'] }).execute();
    const outsider = await createUserActor(database.db, 'outsider');
    await database.db.updateTable('users').set({ extension: '8003' }).where('id', '=', outsider.userId).execute();
    expect((await originate({ ticketId: withoutNumber.id }, await loginAs(app, outsider.username))).statusCode).toBe(404);
    await database.db.updateTable('tenants').set({ settings: JSON.stringify({}) }).where('id', '=', 1).execute();
    const none = await originate({ number: '13812345678' });
    expect(none.statusCode).toBe(422);
    expect(none.json().error.message).toContain('尚未配置电话交换机');
    expect((await originate({})).statusCode).toBe(400);
  });
});
