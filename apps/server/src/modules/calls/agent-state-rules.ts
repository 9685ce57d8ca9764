import type { AgentState, PresenceState } from '@kefu/shared';

/** agent_states as stored: presence is what the agent set, activity what calls made of it. */
export interface StoredAgentState {
  presence: string;
  presence_reason: string | null;
  presence_since: Date;
  activity: string | null;
  activity_since: Date | null;
  activity_until: Date | null;
  call_id: number | null;
}

export interface CurrentAgentState {
  state: AgentState;
  reason: string | null;
  since: Date | null;
  callId: number | null;
}

const later = (a: Date, b: Date | null) => (b && b > a ? b : a);

/** What the wallboard shows: a call's activity (after-call work until it runs out) over the agent's presence. */
export function currentAgentState(row: StoredAgentState | undefined, now: Date): CurrentAgentState {
  if (!row) return { state: 'offline', reason: null, since: null, callId: null };
  if (row.activity === 'on_call') return { state: 'on_call', reason: null, since: row.activity_since, callId: row.call_id };
  if (row.activity === 'after_call_work' && (!row.activity_until || row.activity_until > now)) {
    return { state: 'after_call_work', reason: null, since: row.activity_since, callId: row.call_id };
  }
  // Back to the presence: since the presence was set, or since the last call activity ended if that is later.
  const activityEnd = row.activity === 'after_call_work' ? row.activity_until : row.activity_since;
  return { state: row.presence as PresenceState, reason: row.presence_reason, since: later(row.presence_since, activityEnd), callId: null };
}

export interface AgentStateChange {
  state: 'ready' | 'break' | 'offline' | 'after_call_work' | 'on_call';
  reason: string | null;
  at: Date;
}

export interface AgentStatePlan {
  /** The row to store, or null when nothing changes (a repeat, or an event older than the current state). */
  next: StoredAgentState | null;
  /** The presence interval the change closes, for agent_state_log. */
  closed: { state: string; reason: string | null; startedAt: Date; endedAt: Date } | null;
  /** The call whose after-call work this change ends. */
  endsAfterCallWorkOf: number | null;
}

const PRESENCES: readonly string[] = ['ready', 'break', 'offline'];

export function planAgentStateChange(row: StoredAgentState | undefined, change: AgentStateChange): AgentStatePlan {
  const none: AgentStatePlan = { next: null, closed: null, endsAfterCallWorkOf: null };
  const { at } = change;
  if (PRESENCES.includes(change.state)) {
    const reason = change.state === 'break' ? change.reason : null;
    if (!row) {
      return { next: { presence: change.state, presence_reason: reason, presence_since: at, activity: null, activity_since: null, activity_until: null, call_id: null }, closed: null, endsAfterCallWorkOf: null };
    }
    if (at <= row.presence_since) return none;
    const inAfterCallWork = row.activity === 'after_call_work';
    const samePresence = row.presence === change.state && row.presence_reason === reason;
    if (samePresence && !inAfterCallWork) return none;
    return {
      next: Object.assign(
        {},
        row,
        { presence: change.state, presence_reason: reason, presence_since: samePresence ? row.presence_since : at },
        // Setting a presence ends after-call work (the agent is done with the call); a call in progress goes on.
        inAfterCallWork ? { activity: null, activity_since: at, activity_until: null } : {},
      ),
      closed: samePresence ? null : { state: row.presence, reason: row.presence_reason, startedAt: row.presence_since, endedAt: at },
      endsAfterCallWorkOf: inAfterCallWork ? row.call_id : null,
    };
  }
  // after_call_work (set by the agent or the PBX) and on_call (reported by the PBX): the activity changes.
  if (row?.activity_since && at < row.activity_since) return none;
  if (row?.activity === change.state && !row.activity_until) return none;
  const base: StoredAgentState = row ?? { presence: 'ready', presence_reason: null, presence_since: at, activity: null, activity_since: null, activity_until: null, call_id: null };
  return { next: Object.assign({}, base, { activity: change.state, activity_since: at, activity_until: null }), closed: null, endsAfterCallWorkOf: null };
}
