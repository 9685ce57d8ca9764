import { can, type Actor } from '../../lib/actor.js';
import { AppError } from '../../lib/app-error.js';

/** Staffing figures are planning arithmetic: shift leaders (tickets.assign) and report readers may run them. */
export function assertCanPlanStaffing(actor: Actor): void {
  if (!can(actor, 'reports.read') && !can(actor, 'tickets.assign')) throw new AppError('FORBIDDEN');
}
