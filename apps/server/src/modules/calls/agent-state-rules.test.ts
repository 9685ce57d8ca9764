import { describe, expect, it } from 'vitest';
import { currentAgentState, planAgentStateChange, type StoredAgentState } from './agent-state-rules.js';

const t = (s: number) => new Date(Date.UTC(2026, 10, 20, 1, 0, s));
const ready: StoredAgentState = { presence: 'ready', presence_reason: null, presence_since: t(0), activity: null, activity_since: null, activity_until: null, call_id: null };

describe('currentAgentState', () => {
  it('shows an agent never seen as offline', () => {
    expect(currentAgentState(undefined, t(0))).toEqual({ state: 'offline', reason: null, since: null, callId: null });
  });

  it('shows a call over the presence, and after-call work until it runs out', () => {
    expect(currentAgentState({ ...ready, activity: 'on_call', activity_since: t(10), call_id: 7 }, t(20))).toEqual({ state: 'on_call', reason: null, since: t(10), callId: 7 });
    const acw = { ...ready, activity: 'after_call_work', activity_since: t(60), activity_until: t(90), call_id: 7 };
    expect(currentAgentState(acw, t(80))).toMatchObject({ state: 'after_call_work', since: t(60) });
    expect(currentAgentState(acw, t(95))).toEqual({ state: 'ready', reason: null, since: t(90), callId: null });
    expect(currentAgentState({ ...acw, activity_until: null }, t(500))).toMatchObject({ state: 'after_call_work' });
  });

  it('dates "ready" from the end of the last call when that is later than the presence', () => {
    expect(currentAgentState({ ...ready, activity: null, activity_since: t(70) }, t(80)).since).toEqual(t(70));
    expect(currentAgentState({ ...ready, presence: 'break', presence_reason: '午餐', presence_since: t(100), activity_since: t(70) }, t(120))).toEqual({ state: 'break', reason: '午餐', since: t(100), callId: null });
  });
});

describe('planAgentStateChange', () => {
  it('starts an unknown agent in the state given, without a closed interval', () => {
    expect(planAgentStateChange(undefined, { state: 'ready', reason: 'ignored', at: t(0) })).toEqual({ next: ready, closed: null, endsAfterCallWorkOf: null });
  });

  it('closes the presence interval it replaces, and keeps a reason only for breaks', () => {
    const plan = planAgentStateChange(ready, { state: 'break', reason: '培训', at: t(300) });
    expect(plan.next).toMatchObject({ presence: 'break', presence_reason: '培训', presence_since: t(300) });
    expect(plan.closed).toEqual({ state: 'ready', reason: null, startedAt: t(0), endedAt: t(300) });
    expect(planAgentStateChange(plan.next!, { state: 'offline', reason: '下班', at: t(400) }).next).toMatchObject({ presence: 'offline', presence_reason: null });
  });

  it('ignores repeats and events older than the current presence', () => {
    expect(planAgentStateChange(ready, { state: 'ready', reason: null, at: t(50) }).next).toBeNull();
    expect(planAgentStateChange({ ...ready, presence_since: t(100) }, { state: 'break', reason: null, at: t(50) }).next).toBeNull();
    expect(planAgentStateChange({ ...ready, activity: 'on_call', activity_since: t(100) }, { state: 'after_call_work', reason: null, at: t(90) }).next).toBeNull();
  });

  it('ends after-call work when the agent sets a presence, and names the call whose work it ends', () => {
    const acw = { ...ready, activity: 'after_call_work', activity_since: t(60), activity_until: t(90), call_id: 7 };
    const plan = planAgentStateChange(acw, { state: 'ready', reason: null, at: t(75) });
    expect(plan.next).toMatchObject({ presence: 'ready', presence_since: t(0), activity: null, activity_since: t(75), activity_until: null });
    expect(plan.closed).toBeNull();
    expect(plan.endsAfterCallWorkOf).toBe(7);
  });

  it('keeps a call in progress when the presence changes', () => {
    const plan = planAgentStateChange({ ...ready, activity: 'on_call', activity_since: t(10), call_id: 3 }, { state: 'offline', reason: null, at: t(20) });
    expect(plan.next).toMatchObject({ presence: 'offline', activity: 'on_call', call_id: 3 });
    expect(plan.endsAfterCallWorkOf).toBeNull();
  });

  it('starts after-call work set by hand, open-ended', () => {
    expect(planAgentStateChange(ready, { state: 'after_call_work', reason: null, at: t(30) }).next).toMatchObject({ activity: 'after_call_work', activity_since: t(30), activity_until: null });
  });
});
