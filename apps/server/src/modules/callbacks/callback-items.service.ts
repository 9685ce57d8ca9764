import type { Kysely } from 'kysely';
import { answersSchema, questionsSchema, type CallbackItem, type ItemResult, type SatisfactionLevel } from '@kefu/shared';
import type { z } from 'zod';
import type { itemListQuerySchema } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError, notFound, ruleViolation, versionConflict } from '../../lib/app-error.js';
import { now, toIso } from '../../lib/clock.js';
import { maskPhone } from '../../lib/phone.js';
import { writeAudit } from '../audit/audit.service.js';
import { decryptValue } from '../pii/pii-fields.js';
import { canRecordResult, checkAnswers, stateAfterOutcome, type AnswerProblem } from './callback-rules.js';
import { itemViews, type ItemViewRow } from './callback-items.repo.js';
import { assertManageCallbacks, assertWorkCallbacks, canSeeItem } from './callbacks.policy.js';

type Ctx = { db: Kysely<DB>; actor: Actor };

function present(r: ItemViewRow, actor: Actor): CallbackItem {
  const state = { status: r.status as CallbackItem['status'], attempts: r.attempts, nextAttemptAt: r.next_attempt_at };
  return {
    id: r.id,
    campaign: { id: r.campaign_id, name: r.campaign_name, purpose: r.purpose, script: r.script, questions: questionsSchema.parse(r.questions), maxAttempts: r.max_attempts },
    customer: r.customer_id !== null ? { id: r.customer_id, name: r.customer_name ?? '', grade: r.customer_grade, phone: r.phone ? maskPhone(r.phone) : null } : null,
    ticket: r.ticket_id !== null ? { id: r.ticket_id, number: r.ticket_number ?? '', subject: r.ticket_subject ?? '', typeKey: r.ticket_type ?? '' } : null,
    assignee: r.assignee_id !== null ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
    status: state.status,
    attempts: r.attempts,
    nextAttemptAt: toIso(r.next_attempt_at),
    canRecord: r.campaign_status !== 'closed' && canRecordResult(state) && (r.assignee_id === actor.userId || can(actor, 'callbacks.manage')),
    answers: answersSchema.parse(r.answers),
    satisfaction: r.satisfaction as SatisfactionLevel | null,
    note: r.note,
    lastAttemptAt: toIso(r.last_attempt_at),
    version: r.version,
  };
}

/** 400 naming every bad answer (answers.<key>), so forms can mark the fields. */
export function answersInvalid(issues: Array<{ field: string; problem: AnswerProblem }>): AppError {
  const fields = issues.map((i) => `answers.${i.field}`);
  return new AppError('VALIDATION', { detail: 'callbacks_answers_invalid', fields }, {
    issues: issues.map((i) => ({ path: `body.answers.${i.field}`, code: i.problem, message: `answers.${i.field}: ${i.problem}` })),
  });
}

const OPEN = ['pending', 'unreachable'];

/** My call list: open items first, the ones due soonest on top (never-called, then retries by their time). */
export async function listMyItems({ db, actor, query }: Ctx & { query: z.infer<typeof itemListQuerySchema> }): Promise<CallbackItem[]> {
  assertWorkCallbacks(actor);
  let q = itemViews(db, actor.tenantId).where('i.assignee_id', '=', actor.userId).where('cp.status', '!=', 'closed');
  if (query.campaignId) q = q.where('i.campaign_id', '=', query.campaignId);
  if (query.state === 'open') q = q.where((eb) => eb.or([eb('i.status', '=', 'pending'), eb.and([eb('i.status', '=', 'unreachable'), eb('i.next_attempt_at', 'is not', null)])]));
  if (query.state === 'finished') q = q.where((eb) => eb.or([eb('i.status', 'not in', OPEN), eb.and([eb('i.status', '=', 'unreachable'), eb('i.next_attempt_at', 'is', null)])]));
  const rows = await q.orderBy('i.next_attempt_at', (o) => o.asc().nullsFirst()).orderBy('i.id').limit(500).execute();
  return rows.map((r) => present(r, actor));
}

/** A campaign's whole list, for the people managing it. */
export async function listCampaignItems({ db, actor, campaignId }: Ctx & { campaignId: number }): Promise<CallbackItem[]> {
  assertManageCallbacks(actor);
  const rows = await itemViews(db, actor.tenantId).where('i.campaign_id', '=', campaignId).orderBy('i.assignee_id').orderBy('i.id').limit(5000).execute();
  return rows.map((r) => present(r, actor));
}

async function visibleItemOrThrow(db: Kysely<DB>, actor: Actor, id: number): Promise<ItemViewRow> {
  assertWorkCallbacks(actor);
  const row = await itemViews(db, actor.tenantId).where('i.id', '=', id).executeTakeFirst();
  if (!row || !canSeeItem(actor, row)) throw notFound('record');
  return row;
}

export async function getItem({ db, actor, id }: Ctx & { id: number }): Promise<CallbackItem> {
  return present(await visibleItemOrThrow(db, actor, id), actor);
}

/** Records one call: done with the answers, refused, or unreachable (a retry is scheduled while tries remain). */
export async function recordItemResult({ db, actor, id, input }: Ctx & { id: number; input: ItemResult & { answers: Record<string, string | number> } }): Promise<CallbackItem> {
  const view = await visibleItemOrThrow(db, actor, id);
  const questions = questionsSchema.parse(view.questions);
  let checked: { answers: Record<string, string | number>; satisfaction: SatisfactionLevel | null; rating: number | null } = { answers: {}, satisfaction: null, rating: null };
  if (input.outcome === 'done') {
    const result = checkAnswers(questions, input.answers);
    if (!result.ok) throw answersInvalid(result.issues);
    checked = result;
  }
  await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('callback_items')
      .select(['status', 'attempts', 'next_attempt_at', 'version'])
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (current.version !== input.version) throw versionConflict();
    if (view.campaign_status === 'closed') throw ruleViolation('callbacks_campaign_closed');
    const state = { status: current.status as CallbackItem['status'], attempts: current.attempts, nextAttemptAt: current.next_attempt_at };
    if (!canRecordResult(state)) throw ruleViolation('callbacks_item_finished');
    const at = now();
    const next = stateAfterOutcome(state, input.outcome, { maxAttempts: view.max_attempts, retryMinutes: view.retry_minutes }, at);
    await trx
      .updateTable('callback_items')
      .set({
        status: next.status, attempts: next.attempts, next_attempt_at: next.nextAttemptAt, last_attempt_at: at,
        answers: JSON.stringify(checked.answers), satisfaction: checked.satisfaction, rating: checked.rating,
        note: input.note ?? null, updated_at: at, version: current.version + 1,
      })
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, actor, {
      action: 'callback_item.recorded', entity: 'callback_item', entityId: id,
      detail: { outcome: input.outcome, attempt: next.attempts, nextAttemptAt: toIso(next.nextAttemptAt), satisfaction: checked.satisfaction },
    });
  });
  return getItem({ db, actor, id });
}

/** The number to dial, for the agent the item is assigned to (or a manager), audited like every reveal. */
export async function revealItemPhone({ db, actor, id }: Ctx & { id: number }): Promise<{ phone: string | null }> {
  const view = await visibleItemOrThrow(db, actor, id);
  await writeAudit(db, actor, { action: 'callback_item.phone_revealed', entity: 'callback_item', entityId: id, detail: { customerId: view.customer_id, ticketId: view.ticket_id } });
  return { phone: view.phone_enc ? decryptValue(view.phone_enc) : view.phone };
}
