import type { Call, CallDirection, CallResult, CUSTOMER_GRADES } from '@kefu/shared';
import type { Actor } from '../../lib/actor.js';
import { toIso, toIsoRequired } from '../../lib/clock.js';
import { displayCallNumbers } from '../pii/call-numbers.js';
import type { CallViewRow } from './calls.repo.js';

type CustomerGrade = (typeof CUSTOMER_GRADES)[number];

/**
 * The center's own number (hotline, extension) is no secret; the other party's is always masked here, for every
 * role: the full number comes only from the audited reveal (revealCallNumbers), and click-to-call dials it by call id.
 */
export function presentCall(row: CallViewRow, _actor: Actor): Call {
  const direction = row.direction as CallDirection | null;
  const numbers = displayCallNumbers(row);
  return {
    id: row.id,
    callId: row.call_id,
    direction,
    from: numbers.from,
    to: numbers.to,
    queue: row.queue,
    answeringNumber: row.answering_number,
    agent: row.agent_id === null ? null : { id: row.agent_id, name: row.agent_name ?? '' },
    customer: row.customer_id === null ? null : { id: row.customer_id, name: row.customer_name ?? '', grade: row.customer_grade as CustomerGrade | null },
    startedAt: toIsoRequired(row.started_at),
    queuedAt: toIso(row.queued_at),
    answeredAt: toIso(row.answered_at),
    abandonedAt: toIso(row.abandoned_at),
    endedAt: toIso(row.ended_at),
    hangupCause: row.hangup_cause,
    result: row.result as CallResult,
    ringSeconds: row.ring_seconds,
    queueSeconds: row.queue_seconds,
    waitSeconds: row.wait_seconds,
    talkSeconds: row.talk_seconds,
    holdSeconds: row.hold_seconds,
    acwSeconds: row.acw_seconds,
    onHold: row.ended_at === null && row.hold_count > row.unhold_count,
    transferTo: row.transfer_to,
    transferCount: row.transfer_count,
    recordingUrl: row.recording_url,
    ticketIds: (row.ticket_ids ?? []).map(Number),
    lastEvent: row.last_event,
    lastEventAt: toIsoRequired(row.last_event_at),
  };
}
