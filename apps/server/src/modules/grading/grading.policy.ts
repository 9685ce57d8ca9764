import type { Actor } from '../../lib/actor.js';
import { can } from '../../lib/actor.js';
import { forbidden } from '../../lib/app-error.js';

// Reading grades, lists and the panel: customers.read. Recording follow-ups, owners and purchases: customers.write.
// The leader's overview and the VIP recompute also need reports.read; the grade rules need admin.settings.
export function assertRead(actor: Actor) {
  if (!can(actor, 'customers.read')) throw forbidden();
}
export function assertWrite(actor: Actor) {
  if (!can(actor, 'customers.write')) throw forbidden();
}
export function assertOverview(actor: Actor) {
  if (!can(actor, 'customers.read') || !can(actor, 'reports.read')) throw forbidden();
}
export function assertManageRules(actor: Actor) {
  if (!can(actor, 'admin.settings')) throw forbidden();
}
/** Another owner's due list is a leader's view. */
export function canSeeOthersLists(actor: Actor): boolean {
  return can(actor, 'reports.read');
}
