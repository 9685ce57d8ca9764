import { can, type Actor } from '../../lib/actor.js';
import { AppError, notFound } from '../../lib/app-error.js';

/** Null when the caller sees every call; otherwise the agent whose own calls (agent_id) restrict what is seen. */
export function callRestriction(actor: Actor): number | undefined {
  if (can(actor, 'calls.read_all')) return undefined;
  if (can(actor, 'calls.read_own')) return actor.userId;
  throw new AppError('FORBIDDEN');
}

/** Unknown and invisible calls look the same: NOT_FOUND. */
export function assertCanReadCall(actor: Actor, call: { agent_id: number | null } | undefined): asserts call is { agent_id: number | null } {
  if (!call) throw notFound('call');
  const only = callRestriction(actor);
  if (only !== undefined && call.agent_id !== only) throw notFound('call');
}
