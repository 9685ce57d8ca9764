import { can, type Actor } from '../../lib/actor.js';
import { forbidden } from '../../lib/app-error.js';

/** Forecasts, requirements and schedule drafts are the shift leaders' planning (workforce.schedule). */
export function assertCanSchedule(actor: Actor): void {
  if (!can(actor, 'workforce.schedule')) throw forbidden();
}

/** An agent reads their own published shifts (workforce.request). */
export function assertCanReadOwnSchedule(actor: Actor): void {
  if (!can(actor, 'workforce.request') && !can(actor, 'workforce.schedule')) throw forbidden();
}
