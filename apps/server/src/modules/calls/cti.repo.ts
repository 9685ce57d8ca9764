import { sql, type Kysely } from 'kysely';
import { jsonbText } from '../../db/jsonb-text.js';
import { executePrepared } from '../../db/prepared-statements.js';
import type { DB } from '../../db/schema.js';
import { encryptCallNumbers, type EncryptedCallNumbers } from '../pii/call-numbers.js';
import { normalizedPhoneKeys } from '../pii/pii-fields.js';
import type { CallEventRow } from './cti-events.js';
import { agentActivityOf, applyAgentActivity } from './agent-activity.js';

/** A call as it stands after one applied (new, not duplicate) event. */
export interface AppliedCallEvent {
  event: string;
  at: Date;
  tenant_id: number;
  id: number;
  call_id: string;
  direction: string | null;
  /** Display copies: the external party's number masked (the plaintext is only in the event that came in). */
  from_number: string | null;
  to_number: string | null;
  queue: string | null;
  agent_id: number | null;
  customer_id: number | null;
  customer_name: string | null;
  customer_grade: string | null;
  started_at: Date;
  answered_at: Date | null;
  ended_at: Date | null;
  result: string;
  wait_seconds: number | null;
  talk_seconds: number | null;
  /** The agents the call's newCall events named: inbound, those whose phones rang. */
  rung_user_ids: number[];
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/**
 * Applies CTI events of distinct calls in ONE statement (the caller guarantees at most one event per call):
 *  1. appends them to call_events, skipping those already there — the (callId, event, at) idempotency check;
 *  2. upserts each new one into calls, merging column by column (earliest time, first known value, sums),
 *     so events that arrive late, twice or out of order give the same row, with no read-modify-write;
 *  3. marks statistics rollups of the calls' days stale, if any (only replays and very late events hit one);
 *  4. answers the merged calls with their customer, for live events.
 * The answering agents' activity follows in a statement of its own (agent-activity.ts).
 * The batch is one json parameter whatever its size, so the statement text never changes.
 * The external party's number is stored encrypted (masked copy + ciphertext + caller_bidx, migration 0018), in
 * calls and in the raw event kept in call_events; caller_normalized is only used in the statement, never stored.
 */
export async function writeCallEvents(db: Kysely<DB>, rows: readonly CallEventRow[]): Promise<AppliedCallEvent[]> {
  if (rows.length === 0) return [];
  // Customer phones are matched by their blind index (current and, during a key rotation, previous).
  const events = rows.map((r) => {
    const numbers = encryptCallNumbers(r.direction, r.fromNumber, r.toNumber);
    const [callerBidx, callerBidxPrev] = normalizedPhoneKeys(r.callerNormalized);
    // Absent values are left out (undefined, which JSON.stringify skips): json_to_recordset reads a missing key as
    // null, and most of an event's columns are empty, so the batch is a fifth shorter to write and to parse.
    return {
      tenant_id: r.tenantId, call_id: r.callId, event: r.event, at: r.at, data: eventData(r, numbers), direction: r.direction ?? undefined,
      from_number: numbers.from_number ?? undefined, to_number: numbers.to_number ?? undefined, caller_normalized: r.callerNormalized ?? undefined,
      queue: r.queue ?? undefined, answering_number: r.answeringNumber ?? undefined, agent_id: r.agentId ?? undefined, queued_at: r.queuedAt ?? undefined,
      answered_at: r.answeredAt ?? undefined, abandoned_at: r.abandonedAt ?? undefined, ended_at: r.endedAt ?? undefined, hangup_cause: r.hangupCause ?? undefined,
      hold_sum: r.holdSum, hold_count: r.holdCount, unhold_sum: r.unholdSum, unhold_count: r.unholdCount, transfer_to: r.transferTo ?? undefined,
      transfer_count: r.transferCount, recording_url: r.recordingUrl ?? undefined, blocked: r.blocked, acw_seconds: r.acwSeconds,
      caller_bidx: callerBidx ?? undefined, caller_bidx_prev: callerBidxPrev ?? undefined, from_number_enc: numbers.from_number_enc ?? undefined,
      to_number_enc: numbers.to_number_enc ?? undefined, rung_user_ids: r.rungUserIds,
    };
  });
  // Prepared once per connection: parsing and planning this statement cost as much as running it (bench/cti-ingest.ts).
  const result = await executePrepared(db, sql<Omit<AppliedCallEvent, 'event' | 'at'>>`
    with i as (
      -- The batch travels as ONE json parameter: escaping 30 array literals in JavaScript (pg's text[] format) cost
      -- the server more than the JSON text does. json, not jsonb: read once, it is not worth building a jsonb of the
      -- whole batch first (19 instead of 27 µs per event in PostgreSQL, with the empty keys left out).
      select * from json_to_recordset(${jsonbText(events)}::json) as i(tenant_id int, call_id text, event text, at timestamptz, data jsonb,
        direction text, from_number text, to_number text, caller_normalized text, queue text, answering_number text, agent_id bigint,
        queued_at timestamptz, answered_at timestamptz, abandoned_at timestamptz, ended_at timestamptz, hangup_cause text,
        hold_sum float8, hold_count int, unhold_sum float8, unhold_count int, transfer_to text, transfer_count int, recording_url text,
        blocked bool, acw_seconds int, caller_bidx text, caller_bidx_prev text, from_number_enc text, to_number_enc text, rung_user_ids int[])
    ),
    ev as (
      insert into call_events (tenant_id, call_id, event, at, data)
      select tenant_id, call_id, event, at, data from i
      on conflict do nothing
      returning tenant_id, call_id, event, at
    ),
    f as (
      select i.* from i join ev on ev.tenant_id = i.tenant_id and ev.call_id = i.call_id and ev.event = i.event and ev.at = i.at
    ),
    up as (
      insert into calls as k (tenant_id, call_id, direction, from_number, to_number, from_number_enc, to_number_enc, caller_bidx, queue, answering_number, agent_id, customer_id,
        started_at, queued_at, answered_at, abandoned_at, ended_at, hangup_cause, hold_sum, hold_count, unhold_sum, unhold_count,
        transfer_to, transfer_count, recording_url, blocked, acw_ended_at, rung_user_ids, last_event, last_event_at)
      select f.tenant_id, f.call_id, f.direction, f.from_number, f.to_number, f.from_number_enc, f.to_number_enc, f.caller_bidx, f.queue, f.answering_number, f.agent_id,
        case when f.caller_normalized is not null and f.event in ('newCall', 'answer', 'hangup') then
          (select p.customer_id from customer_phones p where p.tenant_id = f.tenant_id and p.phone_bidx in (f.caller_bidx, f.caller_bidx_prev) order by p.customer_id limit 1) end,
        f.at, f.queued_at, f.answered_at, f.abandoned_at, f.ended_at, f.hangup_cause, f.hold_sum, f.hold_count, f.unhold_sum, f.unhold_count,
        f.transfer_to, f.transfer_count, f.recording_url, f.blocked,
        case when f.event = 'hangup' and f.acw_seconds > 0 then f.at + f.acw_seconds * interval '1 second' end,
        coalesce(f.rung_user_ids, '{}'), f.event, f.at
      from f
      -- One lock order for every writer.
      order by f.tenant_id, f.call_id
      on conflict (tenant_id, call_id) do update set
        direction = coalesce(k.direction, excluded.direction),
        from_number = coalesce(k.from_number, excluded.from_number),
        to_number = coalesce(k.to_number, excluded.to_number),
        from_number_enc = coalesce(k.from_number_enc, excluded.from_number_enc),
        to_number_enc = coalesce(k.to_number_enc, excluded.to_number_enc),
        caller_bidx = coalesce(k.caller_bidx, excluded.caller_bidx),
        queue = coalesce(k.queue, excluded.queue),
        answering_number = coalesce(k.answering_number, excluded.answering_number),
        agent_id = coalesce(k.agent_id, excluded.agent_id),
        customer_id = coalesce(k.customer_id, excluded.customer_id),
        started_at = least(k.started_at, excluded.started_at),
        queued_at = least(k.queued_at, excluded.queued_at),
        answered_at = least(k.answered_at, excluded.answered_at),
        abandoned_at = least(k.abandoned_at, excluded.abandoned_at),
        ended_at = least(k.ended_at, excluded.ended_at),
        hangup_cause = coalesce(k.hangup_cause, excluded.hangup_cause),
        hold_sum = k.hold_sum + excluded.hold_sum,
        hold_count = k.hold_count + excluded.hold_count,
        unhold_sum = k.unhold_sum + excluded.unhold_sum,
        unhold_count = k.unhold_count + excluded.unhold_count,
        transfer_to = coalesce(excluded.transfer_to, k.transfer_to),
        transfer_count = k.transfer_count + excluded.transfer_count,
        recording_url = coalesce(excluded.recording_url, k.recording_url),
        blocked = k.blocked or excluded.blocked,
        acw_ended_at = least(k.acw_ended_at, excluded.acw_ended_at),
        rung_user_ids = case when cardinality(excluded.rung_user_ids) = 0 then k.rung_user_ids
          else array(select distinct u from unnest(k.rung_user_ids || excluded.rung_user_ids) as u order by u) end,
        last_event = case when excluded.last_event_at >= k.last_event_at then excluded.last_event else k.last_event end,
        last_event_at = greatest(k.last_event_at, excluded.last_event_at)
      returning k.tenant_id, k.id, k.call_id, k.direction, k.from_number, k.to_number, k.queue, k.agent_id, k.customer_id,
        k.started_at, k.answered_at, k.ended_at, k.result, k.wait_seconds, k.talk_seconds, k.rung_user_ids
    ),
    -- An event for a call of a day whose statistics are rolled up (a replay, a very late event) makes that day stale.
    stale as (
      delete from call_stats_days d using up
      where d.tenant_id = up.tenant_id and d.starts_at <= up.started_at and d.ends_at > up.started_at
    )
    -- One row per call, and a call is in the batch once: no join back to f (the planner, seeing CTEs of unknown size,
    -- joined them in nested loops, quadratic in the batch); the event of each row is the caller's.
    select up.*, c.name as customer_name, c.grade as customer_grade
    from up left join customers c on c.tenant_id = up.tenant_id and c.id = up.customer_id`);
  const rowOf = new Map(rows.map((r) => [`${r.tenantId}\u0000${r.callId}`, r]));
  return result.rows.map((call) => {
    const row = rowOf.get(`${call.tenant_id}\u0000${call.call_id}`)!;
    return Object.assign(call, { event: row.event, at: row.at });
  });
}

/**
 * writeCallEvents, then the answering agents' activity (agent_states). The writer runs the two itself, so that
 * agent rows shared by its lanes are written by one statement at a time; this is for single callers.
 */
export async function applyCallEvents(db: Kysely<DB>, rows: readonly CallEventRow[]): Promise<AppliedCallEvent[]> {
  const applied = await writeCallEvents(db, rows);
  await applyAgentActivity(db, agentActivityOf(rows, applied));
  return applied;
}

/** The event as received, with the numbers it carries replaced by the call's display copies (no plaintext at rest). */
function eventData(row: CallEventRow, numbers: EncryptedCallNumbers): Record<string, unknown> {
  const data = row.data;
  if (data.from === undefined && data.to === undefined) return data;
  const copy = Object.assign({}, data);
  if (data.from !== undefined) copy.from = numbers.from_number;
  if (data.to !== undefined) copy.to = numbers.to_number;
  return copy;
}
