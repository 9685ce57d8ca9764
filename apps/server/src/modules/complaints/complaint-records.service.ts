// The records around a case: payouts being paid, staff penalty slips (职员处罚单) and the progress log.
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { ComplaintPayout, ComplaintPenalty, ComplaintProgressEntry, PenaltyCreate } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, notFound, ruleViolation } from '../../lib/app-error.js';
import { now } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';
import { applySlaEvents } from '../sla/ticket-sla.service.js';
import { penaltySignRefusal, type PenaltySigner } from './complaint-steps.js';
import { assertCanHandleComplaints, canReadPenaltiesOf } from './complaints.policy.js';
import { loadPayouts, presentPenalty, selectPenalties } from './complaints.repo.js';
import { tenantTimeZone as tenantZone } from '../../lib/tenant.js';

type Ctx = { db: Kysely<DB>; actor: Actor };

async function caseOrThrow(db: Kysely<DB>, actor: Actor, ticketId: number, lock = false) {
  let q = db.selectFrom('complaint_cases').select(['ticket_id', 'justified', 'responsible_user_id', 'closed_at'])
    .where('tenant_id', '=', actor.tenantId).where('ticket_id', '=', ticketId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('record');
  return row;
}

/** Records that an approved payout was paid out to the customer. */
export async function markPayoutPaid({ db, actor, ticketId, payoutId, paidAt }: Ctx & { ticketId: number; payoutId: number; paidAt?: string }): Promise<ComplaintPayout[]> {
  assertCanHandleComplaints(actor);
  await db.transaction().execute(async (trx) => {
    await caseOrThrow(trx, actor, ticketId);
    const payout = await trx.selectFrom('complaint_payouts').select(['approved_at', 'paid_at', 'amount_fen', 'kind'])
      .where('tenant_id', '=', actor.tenantId).where('ticket_id', '=', ticketId).where('id', '=', payoutId).forUpdate().executeTakeFirst();
    if (!payout) throw notFound('record');
    if (payout.approved_at === null) throw ruleViolation('complaint_payout_not_approved');
    if (payout.paid_at !== null) throw ruleViolation('complaint_payout_already_paid');
    const at = paidAt ? new Date(paidAt) : now();
    await trx.updateTable('complaint_payouts').set({ paid_at: at }).where('tenant_id', '=', actor.tenantId).where('id', '=', payoutId).execute();
    await writeAudit(trx, actor, { action: 'complaint.payout_paid', entity: 'ticket', entityId: ticketId, detail: { payoutId, kind: payout.kind, amountFen: payout.amount_fen } });
  });
  return loadPayouts(db, actor.tenantId, ticketId);
}


/** A penalty slip for the responsible staff member of a justified complaint, kept for that month's performance. */
export async function createPenalty({ db, actor, ticketId, input }: Ctx & { ticketId: number; input: PenaltyCreate }): Promise<ComplaintPenalty> {
  assertCanHandleComplaints(actor);
  if (input.points === undefined && input.amountFen === undefined) throw ruleViolation('complaint_penalty_needs_content');
  const id = await db.transaction().execute(async (trx) => {
    const c = await caseOrThrow(trx, actor, ticketId, true);
    if (c.justified !== true || c.responsible_user_id === null) throw ruleViolation('complaint_penalty_needs_responsible');
    const at = now();
    const month = DateTime.fromJSDate(at, { zone: await tenantZone(trx, actor.tenantId) }).toFormat('yyyy-MM');
    const row = await trx.insertInto('complaint_penalties').values({
      tenant_id: actor.tenantId, ticket_id: ticketId, user_id: c.responsible_user_id, penalty: input.penalty, points: input.points ?? null,
      amount_fen: input.amountFen ?? null, month, created_by: actor.userId || null, created_at: at,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'complaint.penalty_created', entity: 'ticket', entityId: ticketId, detail: { penaltyId: row.id, userId: c.responsible_user_id, points: input.points ?? null, amountFen: input.amountFen ?? null } });
    return row.id;
  });
  return presentPenalty(await selectPenalties(db, actor.tenantId).where('p.id', '=', id).executeTakeFirstOrThrow());
}

/** Signs a slip as the penalised staff member or as the general manager; each only by that person. */
export async function signPenalty({ db, actor, penaltyId, as }: Ctx & { penaltyId: number; as: PenaltySigner }): Promise<ComplaintPenalty> {
  await db.transaction().execute(async (trx) => {
    const slip = await trx.selectFrom('complaint_penalties').select(['ticket_id', 'user_id', 'staff_signed_at', 'gm_signed_at'])
      .where('tenant_id', '=', actor.tenantId).where('id', '=', penaltyId).forUpdate().executeTakeFirst();
    if (!slip || !canReadPenaltiesOf(actor, slip.user_id)) throw notFound('record');
    const refusal = penaltySignRefusal(as, { userId: slip.user_id, staffSignedAt: slip.staff_signed_at, gmSignedAt: slip.gm_signed_at }, actor);
    if (refusal) throw ruleViolation(refusal, { signer: `complaint_signer_${as}` }, { as });
    const at = now();
    await trx.updateTable('complaint_penalties').set(as === 'staff' ? { staff_signed_at: at } : { gm_signed_by: actor.userId, gm_signed_at: at })
      .where('tenant_id', '=', actor.tenantId).where('id', '=', penaltyId).execute();
    await writeAudit(trx, actor, { action: 'complaint.penalty_signed', entity: 'ticket', entityId: slip.ticket_id, detail: { penaltyId, as } });
  });
  return presentPenalty(await selectPenalties(db, actor.tenantId).where('p.id', '=', penaltyId).executeTakeFirstOrThrow());
}

/** Penalty slips for performance: one person's (default: the caller's), optionally of one month (yyyy-MM). */
export async function listPenalties({ db, actor, query }: Ctx & { query: { userId?: number; month?: string } }): Promise<ComplaintPenalty[]> {
  const userId = query.userId ?? actor.userId;
  if (!canReadPenaltiesOf(actor, userId)) throw new AppError('FORBIDDEN');
  let q = selectPenalties(db, actor.tenantId).where('p.user_id', '=', userId);
  if (query.month) q = q.where('p.month', '=', query.month);
  return (await q.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(500).execute()).map(presentPenalty);
}

/** A progress entry of a long-running case; it counts as a progress update for the order's SLA clock. */
export async function addProgress({ db, actor, ticketId, body }: Ctx & { ticketId: number; body: string }): Promise<ComplaintProgressEntry> {
  assertCanHandleComplaints(actor);
  return db.transaction().execute(async (trx) => {
    const c = await caseOrThrow(trx, actor, ticketId, true);
    if (c.closed_at !== null) throw ruleViolation('complaint_case_closed');
    const at = now();
    const row = await trx.insertInto('complaint_progress').values({ tenant_id: actor.tenantId, ticket_id: ticketId, at, author_id: actor.userId || null, body })
      .returning(['id', 'at']).executeTakeFirstOrThrow();
    await trx.updateTable('complaint_cases').set({ updated_at: at }).where('tenant_id', '=', actor.tenantId).where('ticket_id', '=', ticketId).execute();
    const sla = await applySlaEvents(trx, actor, ticketId, [{ kind: 'update' }], at);
    await writeAudit(trx, actor, [{ action: 'complaint.progress_added', entity: 'ticket', entityId: ticketId, detail: { progressId: row.id } }, ...sla]);
    return { id: row.id, at: at.toISOString(), author: actor.userId ? { id: actor.userId, name: actor.displayName } : null, body };
  });
}
