import { sql, type Kysely } from 'kysely';
import { auditCallTicketLink } from './call-tickets.js';
import type { Call, CallDetail, CallListQuery } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { notFound } from '../../lib/app-error.js';
import { toIsoRequired } from '../../lib/clock.js';
import { phoneLookupKeys } from '../pii/pii-fields.js';
import { assertCanReadTicket } from '../tickets/tickets.policy.js';
import { assertCanReadCall, callRestriction } from './calls.policy.js';
import { presentCall } from './calls.presenter.js';
import { findCallView, listCallEventRows, selectCalls } from './calls.repo.js';

interface Ctx {
  db: Kysely<DB>;
  actor: Actor;
}

const COUNT_CAP = 10_000;

export async function listCalls({ db, actor, query }: Ctx & { query: CallListQuery }) {
  const only = callRestriction(actor);
  let q = selectCalls(db, actor.tenantId);
  if (only !== undefined) q = q.where('c.agent_id', '=', only);
  if (query.agentId !== undefined) q = q.where('c.agent_id', '=', query.agentId === 'me' ? actor.userId : query.agentId);
  if (query.from) q = q.where('c.started_at', '>=', new Date(query.from));
  if (query.to) q = q.where('c.started_at', '<', new Date(query.to));
  if (query.direction) q = q.where('c.direction', '=', query.direction);
  if (query.result?.length) q = q.where('c.result', 'in', query.result);
  if (query.queue) q = q.where('c.queue', '=', query.queue);
  if (query.customerId) q = q.where('c.customer_id', '=', query.customerId);
  // By the blind index of the external number (current and, during a key rotation, previous), in any format.
  if (query.phone) {
    const keys = phoneLookupKeys(query.phone);
    q = keys.length ? q.where('c.caller_bidx', 'in', keys) : q.where(sql<boolean>`false`);
  }
  const [rows, count] = await Promise.all([
    q.orderBy('c.started_at', 'desc').orderBy('c.id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
    db.selectFrom(q.clearSelect().select('c.id').limit(COUNT_CAP + 1).as('x')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const total = Number(count.n);
  return { items: rows.map((r) => presentCall(r, actor)), total: Math.min(total, COUNT_CAP), totalCapped: total > COUNT_CAP, page: query.page, pageSize: query.pageSize };
}

async function readableCall(db: Kysely<DB>, actor: Actor, id: number) {
  const row = await findCallView(db, actor.tenantId, id);
  assertCanReadCall(actor, row);
  return row!;
}

export async function getCall({ db, actor, id }: Ctx & { id: number }): Promise<Call> {
  return presentCall(await readableCall(db, actor, id), actor);
}

/** The raw events carry the call's numbers: shown as the call shows them (masked; stored masked since migration 0018). */
function maskedEventData(data: Record<string, unknown>, call: Call): Record<string, unknown> {
  const out = { ...data };
  for (const key of ['from', 'to'] as const) if (typeof out[key] === 'string') out[key] = call[key];
  return out;
}

export async function getCallDetail({ db, actor, id }: Ctx & { id: number }): Promise<CallDetail> {
  const row = await readableCall(db, actor, id);
  const call = presentCall(row, actor);
  const events = await listCallEventRows(db, actor.tenantId, row.call_id);
  return Object.assign(call, { events: events.map((e) => ({ event: e.event, at: toIsoRequired(e.at), data: maskedEventData(e.data, call) })) });
}

/** Records that a call produced (or concerns) a work order; both must be visible to the caller. */
export async function linkCallToTicket({ db, actor, id, ticketId }: Ctx & { id: number; ticketId: number }): Promise<Call> {
  await db.transaction().execute(async (trx) => {
    const call = await trx.selectFrom('calls').select(['id', 'agent_id']).where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
    assertCanReadCall(actor, call);
    const ticket = await trx.selectFrom('tickets').select(['id', 'responsible_id', 'assignee_id', 'created_by']).where('tenant_id', '=', actor.tenantId).where('id', '=', ticketId).executeTakeFirst();
    if (!ticket) throw notFound('ticket');
    assertCanReadTicket(actor, ticket);
    const inserted = await trx
      .insertInto('call_tickets')
      .values({ tenant_id: actor.tenantId, call_id: id, ticket_id: ticketId, created_by: actor.userId || null })
      .onConflict((oc) => oc.columns(['tenant_id', 'call_id', 'ticket_id']).doNothing())
      .returning('ticket_id')
      .executeTakeFirst();
    if (inserted) await auditCallTicketLink(trx, actor, id, ticketId);
  });
  return getCall({ db, actor, id });
}
