// Who may do what in the archives (contracts, service staff, lending register).
import { can, type Actor } from '../../lib/actor.js';
import { forbidden } from '../../lib/app-error.js';

/** Contracts and staff are read by whoever reads customer archives (agents matching a worker to a customer too). */
export const canReadContracts = (actor: Actor) => can(actor, 'contracts.manage') || can(actor, 'customers.read');
export const canReadStaff = (actor: Actor) => can(actor, 'staff.manage') || can(actor, 'customers.read');
export const canReadLending = (actor: Actor) => can(actor, 'lending.manage') || can(actor, 'lending.approve');
/** Phone and ID card in clear: the same right as for customers' personal data. */
export const canSeeStaffPii = (actor: Actor) => can(actor, 'customers.reveal_pii');

export function assertCan(allowed: boolean): void {
  if (!allowed) throw forbidden();
}

export const assertStaffManage = (actor: Actor) => assertCan(can(actor, 'staff.manage'));
