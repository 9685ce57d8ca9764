// Moving a case through its steps: submit a step's fields, approve or reject the proposal, record the follow-up.
import type { Kysely } from 'kysely';
import type { ComplaintDetail, ComplaintGrade, ComplaintPosition, ComplaintStep, FollowUpResult, TicketStatus } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError, notFound, ruleViolation, versionConflict } from '../../lib/app-error.js';
import { now } from '../../lib/clock.js';
import { writeAudit, type AuditEntryInput } from '../audit/audit.service.js';
import { applySlaEvents } from '../sla/ticket-sla.service.js';
import { isOpenStatus, statusTimestamps } from '../tickets/ticket-lifecycle.js';
import { alertSeriousComplaint } from './complaint-notify.js';
import {
  approvalRefusal, checkStepData, isSubmittable, nextPosition, pendingApproval, requiredApprovals, stepSubmitRefusal,
  type JudgeData, type StepValues, type SubmittableStep,
} from './complaint-steps.js';
import { assertCanHandleComplaints } from './complaints.policy.js';
import { approvedLevels, loadDetail, selectCases } from './complaints.repo.js';

type Ctx = { db: Kysely<DB>; actor: Actor };
type CaseSet = Partial<Record<keyof DB['complaint_cases'], unknown>>;

const stepWord = (step: ComplaintPosition) => `complaint_step_${step}`;

async function lockCaseOrThrow(trx: Kysely<DB>, actor: Actor, ticketId: number, version: number | undefined) {
  const row = await trx.selectFrom('complaint_cases').selectAll().where('tenant_id', '=', actor.tenantId).where('ticket_id', '=', ticketId).forUpdate().executeTakeFirst();
  if (!row) throw notFound('record');
  if (version !== undefined && row.version !== version) throw versionConflict();
  return row;
}
type LockedCase = Awaited<ReturnType<typeof lockCaseOrThrow>>;

async function reload(db: Kysely<DB>, actor: Actor, ticketId: number): Promise<ComplaintDetail> {
  const row = await selectCases(db, actor.tenantId).where('c.ticket_id', '=', ticketId).executeTakeFirstOrThrow();
  return loadDetail(db, actor.tenantId, row);
}

async function assertUserInTenant(trx: Kysely<DB>, actor: Actor, step: ComplaintStep, field: string, table: 'users' | 'teams', id: number | null) {
  if (id === null) return;
  const found = await trx.selectFrom(table).select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
  if (!found) throw ruleViolation('complaint_field_invalid', { step: stepWord(step), field: `complaint_field_${field}` }, { step, field });
}

/** The work order is resolved with its case (the clock stops); an order already resolved or closed is left alone. */
async function resolveTicket(trx: Kysely<DB>, actor: Actor, ticketId: number, at: Date): Promise<AuditEntryInput[]> {
  const ticket = await trx.selectFrom('tickets').select(['status', 'version']).where('tenant_id', '=', actor.tenantId).where('id', '=', ticketId).forUpdate().executeTakeFirstOrThrow();
  const from = ticket.status as TicketStatus;
  if (!isOpenStatus(from)) return [];
  await trx.updateTable('tickets').set({ status: 'resolved', updated_at: at, version: ticket.version + 1, ...statusTimestamps(from, 'resolved', at) })
    .where('tenant_id', '=', actor.tenantId).where('id', '=', ticketId).execute();
  const sla = await applySlaEvents(trx, actor, ticketId, [{ kind: 'status', from, to: 'resolved' }], at);
  return [{ action: 'ticket.status_changed', entity: 'ticket', entityId: ticketId, detail: { from, to: 'resolved', reason: 'complaint_closed' } }, ...sla];
}

/** What a step changes on the case beyond its recorded fields. */
async function applyStep<S extends SubmittableStep>(trx: Kysely<DB>, actor: Actor, current: LockedCase, step: S, value: StepValues[S], at: Date) {
  const set: CaseSet = {};
  const audit: AuditEntryInput[] = [];
  const id = current.ticket_id;
  let justified = current.justified;
  let alert = false;
  switch (step) {
    case 'judge': {
      const v = value as JudgeData;
      await assertUserInTenant(trx, actor, step, 'responsibleUserId', 'users', v.responsibleUserId);
      await assertUserInTenant(trx, actor, step, 'responsibleTeamId', 'teams', v.responsibleTeamId);
      justified = v.justified;
      Object.assign(set, { justified: v.justified, grade: v.grade, category: v.category, responsible_user_id: v.responsibleUserId, responsible_team_id: v.responsibleTeamId, responsible_department: v.responsibleDepartment });
      alert = v.grade === 'serious';
      break;
    }
    case 'investigate': {
      const v = value as StepValues['investigate'];
      await assertUserInTenant(trx, actor, step, 'responsibleUserId', 'users', v.responsibleUserId);
      if (v.responsibleUserId !== null) set.responsible_user_id = v.responsibleUserId;
      break;
    }
    case 'propose': {
      const v = value as StepValues['propose'];
      // A new proposal replaces the payouts of an earlier, unapproved one of the same round.
      await trx.deleteFrom('complaint_payouts').where('tenant_id', '=', actor.tenantId).where('ticket_id', '=', id).where('approved_at', 'is', null).execute();
      if (v.payouts.length > 0) {
        await trx.insertInto('complaint_payouts').values(v.payouts.map((p) => ({
          tenant_id: actor.tenantId, ticket_id: id, round: current.approval_round, kind: p.kind, amount_fen: p.amountFen, note: p.note, created_by: actor.userId || null,
        }))).execute();
      }
      set.payout_total_fen = v.payouts.reduce((sum, p) => sum + p.amountFen, 0);
      break;
    }
    case 'reply':
      audit.push(...(await applySlaEvents(trx, actor, id, [{ kind: 'reply' }], at)));
      break;
    case 'follow_up':
      set.follow_up_result = (value as StepValues['follow_up']).result;
      break;
    case 'close':
      set.closed_at = at;
      audit.push(...(await resolveTicket(trx, actor, id, at)));
      break;
    case 'accept':
      break;
    default: {
      const unknownStep: never = step;
      throw new Error(`unknown step ${String(unknownStep)}`);
    }
  }
  return { set, audit, next: nextPosition(step, justified), alert };
}

async function submitStepInTrx(trx: Kysely<DB>, actor: Actor, ticketId: number, step: ComplaintStep, data: Record<string, unknown>, version: number | undefined) {
  const current = await lockCaseOrThrow(trx, actor, ticketId, version);
  const refusal = stepSubmitRefusal(current.step as ComplaintPosition, step);
  if (refusal) throw ruleViolation(refusal, { step: stepWord(step), current: stepWord(current.step as ComplaintPosition) }, { step, current: current.step });
  if (!isSubmittable(step)) throw ruleViolation('complaint_approve_via_endpoint');
  const at = now();
  const check = checkStepData(step, data, at);
  if (!check.ok) throw ruleViolation(check.rule, { step: stepWord(step), field: `complaint_field_${check.field}` }, { step, field: check.field });
  const { set, audit, next, alert } = await applyStep(trx, actor, current, step, check.value, at);
  const stepData = Object.assign({}, current.step_data, { [step]: Object.assign({}, check.value, { by: actor.userId || null, at: at.toISOString() }) });
  await trx.updateTable('complaint_cases')
    .set(Object.assign({}, set as object, { step: next, step_data: JSON.stringify(stepData), updated_at: at, version: current.version + 1 }))
    .where('tenant_id', '=', actor.tenantId).where('ticket_id', '=', ticketId).execute();
  await writeAudit(trx, actor, [{ action: 'complaint.step_submitted', entity: 'ticket', entityId: ticketId, detail: { step, next } }, ...audit]);
  if (alert) await alertSeriousComplaint(trx, actor, ticketId);
}

/** Submits the current step's fields; steps are taken in order and each requires its fields (422 naming the field). */
export async function submitComplaintStep({ db, actor, ticketId, step, input }: Ctx & { ticketId: number; step: ComplaintStep; input: { version: number; data: Record<string, unknown> } }): Promise<ComplaintDetail> {
  assertCanHandleComplaints(actor);
  await db.transaction().execute((trx) => submitStepInTrx(trx, actor, ticketId, step, input.data, input.version));
  return reload(db, actor, ticketId);
}

/**
 * The follow-up result of a complaint, for callers outside this module (the callbacks campaign records it when the
 * call is made, so an agent working callbacks may record it too). The case must be at its follow-up step.
 */
export async function recordComplaintSatisfaction({ db, actor, ticketId, result, note }: Ctx & { ticketId: number; result: FollowUpResult; note?: string | null }): Promise<ComplaintDetail> {
  if (!can(actor, 'callbacks.work')) assertCanHandleComplaints(actor);
  await db.transaction().execute((trx) => submitStepInTrx(trx, actor, ticketId, 'follow_up', { result, note: note ?? null }, undefined));
  return reload(db, actor, ticketId);
}

async function decide(trx: Kysely<DB>, actor: Actor, ticketId: number, version: number) {
  const current = await lockCaseOrThrow(trx, actor, ticketId, version);
  if (current.step !== 'approve') throw ruleViolation(current.step === 'closed' ? 'complaint_case_closed' : 'complaint_not_awaiting_approval');
  const required = requiredApprovals(current.grade as ComplaintGrade, current.payout_total_fen);
  const done = await approvedLevels(trx, actor.tenantId, ticketId, current.approval_round);
  const level = pendingApproval(required, done.levels)!;
  const refusal = approvalRefusal(level, actor, done.approverIds);
  if (refusal === 'forbidden') throw new AppError('FORBIDDEN');
  if (refusal) throw ruleViolation(refusal);
  return { current, required, done, level };
}

/** Approves the pending level; the last approval moves the case on and approves its payouts. */
export async function approveComplaint({ db, actor, ticketId, input }: Ctx & { ticketId: number; input: { version: number; note?: string } }): Promise<ComplaintDetail> {
  await db.transaction().execute(async (trx) => {
    const { current, required, done, level } = await decide(trx, actor, ticketId, input.version);
    const at = now();
    await trx.insertInto('complaint_approvals').values({
      tenant_id: actor.tenantId, ticket_id: ticketId, round: current.approval_round, level, decision: 'approved', note: input.note ?? null, decided_by: actor.userId || null, decided_at: at,
    }).execute();
    const final = pendingApproval(required, [...done.levels, level]) === null;
    const set: CaseSet = { updated_at: at, version: current.version + 1 };
    if (final) {
      set.step = nextPosition('approve', current.justified);
      await trx.updateTable('complaint_payouts').set({ approved_by: actor.userId || null, approved_at: at })
        .where('tenant_id', '=', actor.tenantId).where('ticket_id', '=', ticketId).where('round', '=', current.approval_round).where('approved_at', 'is', null).execute();
    }
    await trx.updateTable('complaint_cases').set(set as object).where('tenant_id', '=', actor.tenantId).where('ticket_id', '=', ticketId).execute();
    await writeAudit(trx, actor, { action: 'complaint.approved', entity: 'ticket', entityId: ticketId, detail: { level, round: current.approval_round, final } });
  });
  return reload(db, actor, ticketId);
}

/** Rejects the proposal: back to the propose step with the reason; the next proposal is approved afresh. */
export async function rejectComplaint({ db, actor, ticketId, input }: Ctx & { ticketId: number; input: { version: number; reason: string } }): Promise<ComplaintDetail> {
  await db.transaction().execute(async (trx) => {
    const { current, level } = await decide(trx, actor, ticketId, input.version);
    const at = now();
    await trx.insertInto('complaint_approvals').values({
      tenant_id: actor.tenantId, ticket_id: ticketId, round: current.approval_round, level, decision: 'rejected', note: input.reason, decided_by: actor.userId || null, decided_at: at,
    }).execute();
    await trx.deleteFrom('complaint_payouts').where('tenant_id', '=', actor.tenantId).where('ticket_id', '=', ticketId).where('approved_at', 'is', null).execute();
    await trx.updateTable('complaint_cases')
      .set({ step: 'propose', approval_round: current.approval_round + 1, payout_total_fen: 0, updated_at: at, version: current.version + 1 })
      .where('tenant_id', '=', actor.tenantId).where('ticket_id', '=', ticketId).execute();
    await writeAudit(trx, actor, { action: 'complaint.rejected', entity: 'ticket', entityId: ticketId, detail: { level, round: current.approval_round, reason: input.reason } });
  });
  return reload(db, actor, ticketId);
}
