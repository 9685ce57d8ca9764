// Who may do what in rosters. Agents request (workforce.request); leaders approve up to a day (workforce.approve);
// the center director approves longer leave (workforce.direct); schedulers manage shifts; leaders sign handovers.
import type { Permission } from '@kefu/shared';
import { can, type Actor } from '../../lib/actor.js';
import { forbidden } from '../../lib/app-error.js';

export function assertCan(actor: Actor, ...anyOf: Permission[]): void {
  if (!anyOf.some((p) => can(actor, p))) throw forbidden();
}

/** Sees everyone's shifts, leave and attendance, not only their own. */
export function canSeeAllRosters(actor: Actor): boolean {
  return can(actor, 'workforce.schedule') || can(actor, 'workforce.approve') || can(actor, 'workforce.direct');
}
