import { describe, expect, it } from 'vitest';
import { pickAgent } from './agent-directory.js';
import { CtiRejection, parseFormBody, toCallEventRow, userList, validateCtiEvent } from './cti-events.js';
import { splitIntoRounds } from './cti-writer.js';

const rejection = (body: unknown) => {
  try {
    validateCtiEvent(body);
  } catch (error) {
    if (error instanceof CtiRejection) return error.word;
    throw error;
  }
  return null;
};

describe('parseFormBody', () => {
  it('reads user[] as an array and a repeated key as a list, as PBX form posts send them', () => {
    expect(parseFormBody('event=newCall&user%5B%5D=Alice&user%5B%5D=Bob&from=%2B8613812345678&queue=')).toEqual({ event: 'newCall', user: ['Alice', 'Bob'], from: '+8613812345678', queue: '' });
    expect(parseFormBody('user[]=Alice')).toEqual({ user: ['Alice'] });
    expect(parseFormBody('user=A&user=B')).toEqual({ user: ['A', 'B'] });
  });
});

describe('validateCtiEvent', () => {
  const call = { event: 'newCall', direction: 'in', callId: 'c1', from: '1', to: '2' };

  it('accepts Zammad events and our extensions, numbers as JSON numbers, empty optional fields as absent', () => {
    expect(validateCtiEvent({ ...call, from: 4930123, user: 'A', queue: '' })).toMatchObject({ from: '4930123', user: 'A', queue: undefined });
    expect(validateCtiEvent({ event: 'hold', callId: 'c1' })).toMatchObject({ event: 'hold' });
    expect(validateCtiEvent({ event: 'agentState', user: '8001', state: 'break', reason: '午餐' })).toMatchObject({ state: 'break' });
    expect(validateCtiEvent({ ...call, at: '2026-11-20T09:00:00+08:00' }).at).toBe('2026-11-20T09:00:00+08:00');
  });

  it('refuses what Zammad refuses, and what our events need', () => {
    expect(rejection({ ...call, direction: 'up' })).toBe('cti_invalid_direction');
    expect(rejection({ ...call, direction: undefined })).toBe('cti_invalid_direction');
    expect(rejection({ ...call, event: 'ring' })).toBe('cti_invalid_event');
    expect(rejection({ ...call, callId: '' })).toBe('cti_call_id');
    expect(rejection({ event: 'agentState', user: '8001' })).toBe('cti_agent_state');
    expect(rejection({ ...call, at: '2026-11-20 09:00' })).toBe('cti_body');
    expect(rejection({ ...call, recordingUrl: 'javascript:alert(1)' })).toBe('cti_body');
    expect(rejection({ ...call, callId: 'x'.repeat(251) })).toBe('cti_body');
    expect(rejection('event=newCall')).toBe('cti_body');
    expect(rejection(null)).toBe('cti_body');
  });
});

describe('toCallEventRow', () => {
  const at = new Date('2026-11-20T01:00:00Z');
  const ctx = { tenantId: 1, at, agentId: null, blocked: false, afterCallWorkSeconds: 30 };

  it('proposes the time of its event, the caller\u2019s number normalized, and the raw fields', () => {
    const row = toCallEventRow(validateCtiEvent({ event: 'newCall', direction: 'in', callId: 'c', from: '+86 138-1234-5678', to: '400', user: ['A'], at: at.toISOString() }), ctx);
    expect(row).toMatchObject({ event: 'newCall', callerNormalized: '13812345678', answeredAt: null, endedAt: null, acwSeconds: 0, holdCount: 0 });
    expect(row.data).toEqual({ direction: 'in', from: '+86 138-1234-5678', to: '400', user: ['A'] });
    const out = toCallEventRow(validateCtiEvent({ event: 'newCall', direction: 'out', callId: 'c', from: '8001', to: '(010) 1234 5678' }), ctx);
    expect(out.callerNormalized).toBe('1012345678');
    expect(toCallEventRow(validateCtiEvent({ event: 'newCall', direction: 'in', callId: 'c', from: 'anonymous', to: '400' }), ctx).callerNormalized).toBeNull();
  });

  it('sets exactly the column its event is about', () => {
    const row = (event: string, extra = {}) => toCallEventRow(validateCtiEvent({ event, callId: 'c', direction: 'in', ...extra }), ctx);
    expect(row('answer')).toMatchObject({ answeredAt: at, endedAt: null });
    expect(row('hangup', { cause: 'busy' })).toMatchObject({ endedAt: at, hangupCause: 'busy', acwSeconds: 30 });
    expect(row('queueEnter', { direction: undefined })).toMatchObject({ queuedAt: at, direction: 'in' });
    expect(row('queueAbandon')).toMatchObject({ abandonedAt: at });
    expect(row('hold')).toMatchObject({ holdSum: at.getTime() / 1000, holdCount: 1, unholdCount: 0 });
    expect(row('unhold')).toMatchObject({ unholdSum: at.getTime() / 1000, unholdCount: 1, holdCount: 0 });
    expect(row('transfer', { transferTo: '8002' })).toMatchObject({ transferTo: '8002', transferCount: 1 });
    expect(row('hold', { direction: undefined }).direction).toBeNull();
  });

  it('lists users from a string or an array', () => {
    expect(userList(undefined)).toEqual([]);
    expect(userList(' A ')).toEqual(['A']);
    expect(userList(['A', '', 'B'])).toEqual(['A', 'B']);
  });
});

describe('splitIntoRounds', () => {
  it('puts a call\u2019s second event into the next round, keeping the order per call', () => {
    const item = (callId: string, event: string) => ({ row: { tenantId: 1, callId, event } as never, event });
    const rounds = splitIntoRounds([item('a', 'newCall'), item('b', 'newCall'), item('a', 'answer'), item('a', 'hangup'), item('c', 'hangup')]);
    expect(rounds.map((r) => r.map((i) => `${(i.row as { callId: string }).callId}:${i.event}`))).toEqual([['a:newCall', 'b:newCall', 'c:hangup'], ['a:answer'], ['a:hangup']]);
  });
});

describe('pickAgent', () => {
  const users = [
    { id: 1, extension: '8001', employee_no: 'KF1001', username: 'wang', display_name: '王芳' },
    { id: 2, extension: '8002', employee_no: '8001', username: 'li', display_name: 'wang' },
  ];
  it('prefers extension, then 工号, username (any case), name, id', () => {
    expect(pickAgent(users, '8001')).toBe(1);
    expect(pickAgent(users, 'KF1001')).toBe(1);
    expect(pickAgent(users, 'WANG')).toBe(1);
    expect(pickAgent(users, '王芳')).toBe(1);
    expect(pickAgent(users, '2')).toBe(2);
    expect(pickAgent(users, 'nobody')).toBeNull();
  });
});
