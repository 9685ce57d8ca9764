import { can, type Actor } from '../../lib/actor.js';
import { forbidden } from '../../lib/app-error.js';

/** Campaigns (create, target, generate, close) belong to whoever manages callbacks. */
export function assertManageCallbacks(actor: Actor): void {
  if (!can(actor, 'callbacks.manage')) throw forbidden();
}

/** Working a call list and recording results. */
export function assertWorkCallbacks(actor: Actor): void {
  if (!can(actor, 'callbacks.work') && !can(actor, 'callbacks.manage')) throw forbidden();
}

/** The monthly statistics are a report: managers and report readers. */
export function assertReadCallbackStats(actor: Actor): void {
  if (!can(actor, 'callbacks.manage') && !can(actor, 'reports.read')) throw forbidden();
}

/** An item is seen by its assignee and by managers; others get NOT_FOUND (see ARCHITECTURE rule 6). */
export function canSeeItem(actor: Actor, item: { assignee_id: number | null }): boolean {
  return can(actor, 'callbacks.manage') || (item.assignee_id !== null && item.assignee_id === actor.userId);
}

/** Surveys are sent and recorded by agents working callbacks or work orders; managers see them all. */
export function assertSendSurveys(actor: Actor): void {
  if (!can(actor, 'callbacks.work') && !can(actor, 'callbacks.manage') && !can(actor, 'tickets.update') && !can(actor, 'complaints.handle')) throw forbidden();
}
