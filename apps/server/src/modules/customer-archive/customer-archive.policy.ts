// Who may see and do what in the customer archive.
import type { TimelineKind } from '@kefu/shared';
import { can, type Actor } from '../../lib/actor.js';
import { forbidden } from '../../lib/app-error.js';
import { canReadComplaints } from '../complaints/complaints.policy.js';

export function assertReadArchive(actor: Actor): void {
  if (!can(actor, 'customers.read')) throw forbidden();
}

/** Recording a contact note is writing to the customer's record. */
export function assertWriteArchive(actor: Actor): void {
  if (!can(actor, 'customers.write')) throw forbidden();
}

/**
 * Merging moves every record of one customer onto another and cannot be undone from the UI: it takes
 * customers.write plus customers.import (the archivist's and manager's right to reshape the archive in bulk),
 * not the agent's everyday customers.write alone.
 */
export function assertMerge(actor: Actor): void {
  if (!can(actor, 'customers.write') || !can(actor, 'customers.import')) throw forbidden();
}

export interface TimelineAccess {
  kinds: Set<TimelineKind>;
  /** Set when the caller reads only their own calls: other calls appear as restricted entries. */
  callsOf: number | undefined;
}

/**
 * Which sources the caller sees. Work orders: with tickets.read_all or read_own (orders the caller is not part of
 * appear without subject or link, see tickets.policy canReadTicket); complaint cases: complaints.policy; calls: with
 * calls.read_all or read_own; the rest belongs to the customer record (customers.read).
 */
export function timelineAccess(actor: Actor): TimelineAccess {
  const kinds = new Set<TimelineKind>(['follow_up', 'purchase', 'contract', 'callback', 'survey', 'contact']);
  if (can(actor, 'tickets.read_all') || can(actor, 'tickets.read_own')) kinds.add('ticket');
  if (canReadComplaints(actor)) kinds.add('complaint');
  let callsOf: number | undefined;
  if (can(actor, 'calls.read_all')) kinds.add('call');
  else if (can(actor, 'calls.read_own')) {
    kinds.add('call');
    callsOf = actor.userId;
  }
  return { kinds, callsOf };
}
