import { OPEN_TICKET_STATUSES, type TicketStatus } from '@kefu/shared';
import { AppError } from '../../lib/app-error.js';

/** Where a work order may go from each status. Reopening (resolved/closed → in_progress) counts the reopen. */
const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['assigned', 'in_progress', 'waiting_customer', 'waiting_department', 'resolved', 'closed'],
  assigned: ['new', 'in_progress', 'waiting_customer', 'waiting_department', 'resolved', 'closed'],
  in_progress: ['assigned', 'waiting_customer', 'waiting_department', 'resolved', 'closed'],
  waiting_customer: ['in_progress', 'waiting_department', 'resolved', 'closed'],
  waiting_department: ['in_progress', 'waiting_customer', 'resolved', 'closed'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: TicketStatus, to: TicketStatus): void {
  if (from === to) return;
  if (!canTransition(from, to)) throw new AppError('INVALID_TRANSITION', { from, to });
}

export function isOpenStatus(status: TicketStatus): boolean {
  return OPEN_TICKET_STATUSES.includes(status);
}

export function isReopen(from: TicketStatus, to: TicketStatus): boolean {
  return (from === 'resolved' || from === 'closed') && isOpenStatus(to);
}

/** The timestamps a status change sets or clears. */
export function statusTimestamps(from: TicketStatus, to: TicketStatus, at: Date): { resolved_at?: Date | null; closed_at?: Date | null } {
  if (to === 'resolved') return { resolved_at: at, closed_at: null };
  if (to === 'closed') return from === 'resolved' ? { closed_at: at } : { resolved_at: at, closed_at: at };
  if (isReopen(from, to)) return { resolved_at: null, closed_at: null };
  return {};
}
