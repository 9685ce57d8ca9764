import { describe, expect, it } from 'vitest';
import { agentActivityOf, type AppliedCall } from './agent-activity.js';
import { toCallEventRow, validateCtiEvent } from './cti-events.js';

const T0 = Date.parse('2026-11-20T01:00:00Z');
const row = (event: string, callId: string, seconds: number, acw = 0) =>
  toCallEventRow(validateCtiEvent({ event, callId, direction: 'in', from: '13812345678', to: '400', answeringNumber: '8001' }), {
    tenantId: 1, at: new Date(T0 + seconds * 1000), agentId: 7, blocked: false, afterCallWorkSeconds: acw,
  });
const call = (callId: string, id: number, agent: number | null, answered: boolean): AppliedCall => ({ tenant_id: 1, call_id: callId, id, agent_id: agent, answered_at: answered ? new Date(T0) : null });

describe('agent activity of applied CTI events', () => {
  it('puts the agent on the call at answer, into after-call work at hangup when the center has it, else back', () => {
    expect(agentActivityOf([row('answer', 'c1', 10)], [call('c1', 101, 7, true)])).toEqual([
      { tenantId: 1, userId: 7, callRowId: 101, since: new Date(T0 + 10_000), activity: 'on_call', until: null },
    ]);
    expect(agentActivityOf([row('hangup', 'c1', 70, 30)], [call('c1', 101, 7, true)])).toEqual([
      { tenantId: 1, userId: 7, callRowId: 101, since: new Date(T0 + 70_000), activity: 'after_call_work', until: new Date(T0 + 100_000) },
    ]);
    expect(agentActivityOf([row('hangup', 'c1', 70)], [call('c1', 101, 7, true)])[0]).toMatchObject({ activity: null, until: null });
  });

  it('ignores calls nobody answered, calls without an agent, other events and duplicates (not applied)', () => {
    expect(agentActivityOf([row('hangup', 'c1', 70)], [call('c1', 101, 7, false)])).toEqual([]);
    expect(agentActivityOf([row('answer', 'c2', 10)], [call('c2', 102, null, true)])).toEqual([]);
    expect(agentActivityOf([row('newCall', 'c3', 0), row('hold', 'c4', 20)], [call('c3', 103, 7, true), call('c4', 104, 7, true)])).toEqual([]);
    expect(agentActivityOf([row('answer', 'c5', 10)], [])).toEqual([]);
  });

  it('keeps the newest event per agent of a batch, agents in one lock order', () => {
    const changes = agentActivityOf(
      [row('answer', 'late', 50), row('hangup', 'early', 40), row('answer', 'other', 5)],
      [call('late', 1, 9, true), call('early', 2, 9, true), call('other', 3, 4, true)],
    );
    expect(changes.map((c) => [c.userId, c.callRowId, c.activity])).toEqual([[4, 3, 'on_call'], [9, 1, 'on_call']]);
  });
});
