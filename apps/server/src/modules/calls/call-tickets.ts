import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { writeAudit } from '../audit/audit.service.js';
import { externalCallNumber } from '../pii/call-numbers.js';

/**
 * A work order started from a screen pop names the PBX's callId: the call record lists the order. A callId the
 * database does not know (the PBX never reported the call, or another tenant's) links nothing.
 */
export async function linkCallOnIntake(db: Kysely<DB>, actor: Actor, pbxCallId: string, ticketId: number): Promise<void> {
  const linked = await db.insertInto('call_tickets')
    .columns(['tenant_id', 'call_id', 'ticket_id', 'created_by'])
    .expression((eb) => eb.selectFrom('calls').select((s) => ['tenant_id', 'id', s.val(ticketId).as('ticket_id'), s.val(actor.userId || null).as('created_by')])
      .where('tenant_id', '=', actor.tenantId).where('call_id', '=', pbxCallId))
    .onConflict((oc) => oc.columns(['tenant_id', 'call_id', 'ticket_id']).doNothing())
    .returning('call_id')
    .execute();
  for (const { call_id } of linked) await auditCallTicketLink(db, actor, call_id, ticketId);
}

/** The audit rows of a new call ↔ work-order link, one on each side. */
export function auditCallTicketLink(db: Kysely<DB>, actor: Actor, callId: number, ticketId: number): Promise<void> {
  return writeAudit(db, actor, [
    { action: 'call.ticket_linked', entity: 'call', entityId: callId, detail: { ticketId } },
    { action: 'ticket.call_linked', entity: 'ticket', entityId: ticketId, detail: { callId } },
  ]);
}

/**
 * Who a work order started from a call concerns: the external party's full number (decrypted here, on the server;
 * it reaches the browser only masked, so this is no reveal) and the call's customer (the survivor of a merge).
 * Null for a callId the database does not know.
 */
export async function callContactForIntake(db: Kysely<DB>, tenantId: number, pbxCallId: string): Promise<{ phone: string | null; customerId: number | null } | null> {
  const row = await db
    .selectFrom('calls as c')
    .leftJoin('customers as cu', (j) => j.onRef('cu.id', '=', 'c.customer_id').onRef('cu.tenant_id', '=', 'c.tenant_id'))
    .select(['c.direction', 'c.from_number', 'c.to_number', 'c.from_number_enc', 'c.to_number_enc', 'cu.id as customer_id', 'cu.merged_into_id'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.call_id', '=', pbxCallId)
    .orderBy('c.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return { phone: externalCallNumber(row), customerId: row.merged_into_id ?? row.customer_id ?? null };
}
