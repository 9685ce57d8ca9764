import { can, type Actor } from '../../lib/actor.js';
import { AppError } from '../../lib/app-error.js';

/** Who may see complaint cases: those who work, approve or report on them, and anyone who reads all orders. */
export function canReadComplaints(actor: Actor): boolean {
  return can(actor, 'complaints.handle') || can(actor, 'complaints.approve') || can(actor, 'complaints.approve_serious')
    || can(actor, 'reports.read') || can(actor, 'tickets.read_all');
}

export function assertCanReadComplaints(actor: Actor): void {
  if (!canReadComplaints(actor)) throw new AppError('FORBIDDEN');
}

/** Working a case (steps, payouts, penalty slips, progress log) is the complaint specialist's and manager's right. */
export function assertCanHandleComplaints(actor: Actor): void {
  if (!can(actor, 'complaints.handle')) throw new AppError('FORBIDDEN');
}

export function canApproveComplaints(actor: Actor): boolean {
  return can(actor, 'complaints.approve') || can(actor, 'complaints.approve_serious');
}

export function assertCanReadComplaintStats(actor: Actor): void {
  if (!can(actor, 'reports.read')) throw new AppError('FORBIDDEN');
}

/** A staff member reads their own penalty slips; managers, approvers and reporters read everyone's. */
export function canReadPenaltiesOf(actor: Actor, userId: number): boolean {
  return actor.userId === userId || can(actor, 'complaints.handle') || canApproveComplaints(actor) || can(actor, 'reports.read');
}
