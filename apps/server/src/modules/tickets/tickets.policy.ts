import { can, type Actor } from '../../lib/actor.js';
import { AppError, notFound } from '../../lib/app-error.js';

interface TicketPeople {
  responsible_id: number | null;
  assignee_id: number | null;
  created_by: number | null;
}

export function canReadTicket(actor: Actor, ticket: TicketPeople): boolean {
  if (can(actor, 'tickets.read_all')) return true;
  if (!can(actor, 'tickets.read_own')) return false;
  return [ticket.responsible_id, ticket.assignee_id, ticket.created_by].includes(actor.userId);
}

/** Unknown and invisible orders look the same to the caller: NOT_FOUND. */
export function assertCanReadTicket(actor: Actor, ticket: TicketPeople | undefined): asserts ticket is TicketPeople {
  if (!ticket || !canReadTicket(actor, ticket)) throw notFound('ticket');
}

export function assertCanUpdateTicket(actor: Actor, ticket: TicketPeople | undefined): asserts ticket is TicketPeople {
  assertCanReadTicket(actor, ticket);
  if (!can(actor, 'tickets.update')) throw new AppError('FORBIDDEN');
}

/** Assigning to others needs tickets.assign; anyone who may update can take an unassigned order. */
export function assertCanAssign(actor: Actor, current: { assignee_id: number | null }, to: number | null): void {
  if (can(actor, 'tickets.assign')) return;
  if (to === actor.userId && current.assignee_id === null && can(actor, 'tickets.update')) return;
  throw new AppError('FORBIDDEN');
}

/** Roles with personal-data rights, and whoever has to call this open order's customer back. */
export function canRevealTicketContact(actor: Actor, ticket: TicketPeople & { status: string }): boolean {
  if (can(actor, 'customers.reveal_pii')) return true;
  const open = ticket.status !== 'resolved' && ticket.status !== 'closed';
  return open && can(actor, 'tickets.update') && (ticket.responsible_id === actor.userId || ticket.assignee_id === actor.userId);
}

/** Null when the caller may see every order; otherwise the user whose involvement restricts lists. */
export function listRestriction(actor: Actor): number | undefined {
  if (can(actor, 'tickets.read_all')) return undefined;
  if (can(actor, 'tickets.read_own')) return actor.userId;
  throw new AppError('FORBIDDEN');
}
