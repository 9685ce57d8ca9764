import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** A call with its agent's and customer's names and the work orders it produced. */
export function selectCalls(db: Kysely<DB>, tenantId: number) {
  return db
    .selectFrom('calls as c')
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'c.tenant_id').onRef('u.id', '=', 'c.agent_id'))
    .leftJoin('customers as cu', (j) => j.onRef('cu.tenant_id', '=', 'c.tenant_id').onRef('cu.id', '=', 'c.customer_id'))
    .where('c.tenant_id', '=', tenantId)
    .select([
      // from/to: the external party's number is the masked copy; its ciphertext (<col>_enc) only leaves through the audited reveal.
      'c.id', 'c.call_id', 'c.direction', 'c.from_number', 'c.to_number', 'c.from_number_enc', 'c.to_number_enc', 'c.queue', 'c.answering_number', 'c.agent_id', 'c.customer_id',
      'c.started_at', 'c.queued_at', 'c.answered_at', 'c.abandoned_at', 'c.ended_at', 'c.hangup_cause', 'c.result',
      'c.ring_seconds', 'c.queue_seconds', 'c.wait_seconds', 'c.talk_seconds', 'c.hold_seconds', 'c.acw_seconds', 'c.hold_count', 'c.unhold_count',
      'c.transfer_to', 'c.transfer_count', 'c.recording_url', 'c.last_event', 'c.last_event_at',
      'u.display_name as agent_name', 'cu.name as customer_name', 'cu.grade as customer_grade',
      sql<number[]>`coalesce((select array_agg(t.ticket_id order by t.ticket_id) from call_tickets t where t.tenant_id = c.tenant_id and t.call_id = c.id), '{}')`.as('ticket_ids'),
    ]);
}

export type CallViewRow = Awaited<ReturnType<ReturnType<typeof selectCalls>['executeTakeFirstOrThrow']>>;

export function findCallView(db: Kysely<DB>, tenantId: number, id: number) {
  return selectCalls(db, tenantId).where('c.id', '=', id).executeTakeFirst();
}

export function listCallEventRows(db: Kysely<DB>, tenantId: number, callId: string) {
  return db
    .selectFrom('call_events')
    .select(['event', 'at', 'data'])
    .where('tenant_id', '=', tenantId)
    .where('call_id', '=', callId)
    .orderBy('at')
    .orderBy('received_at')
    .limit(1000)
    .execute();
}
