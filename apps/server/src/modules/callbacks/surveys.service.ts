import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import {
  answersSchema, CALLBACK_LIMITS, SURVEY_QUESTIONS, surveyCreateSchema, type PublicSurvey, type SatisfactionLevel, type Survey, type SurveyCreated,
  type surveyListQuerySchema,
} from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { systemActor, type Actor } from '../../lib/actor.js';
import { AppError, notFound, ruleViolation } from '../../lib/app-error.js';
import { now, toIso, toIsoRequired } from '../../lib/clock.js';
import { hashToken } from '../../lib/tokens.js';
import { writeAudit } from '../audit/audit.service.js';
import { canReadTicket } from '../tickets/tickets.policy.js';
import { answersInvalid } from './callback-items.service.js';
import { checkAnswers } from './callback-rules.js';
import { assertSendSurveys } from './callbacks.policy.js';

type Ctx = { db: Kysely<DB>; actor: Actor };

/** "<tenant>.<24 random bytes, base64url>": the tenant prefix finds the row without a cross-tenant lookup. */
export function newSurveyToken(tenantId: number): string {
  return `${tenantId}.${randomBytes(24).toString('base64url')}`;
}

function parseSurveyToken(token: string): { tenantId: number; hash: string } | null {
  const match = /^(\d{1,9})\.[A-Za-z0-9_-]{32}$/.exec(token);
  return match ? { tenantId: Number(match[1]), hash: hashToken(token) } : null;
}

function surveyViews(db: Kysely<DB>, tenantId: number) {
  return db
    .selectFrom('surveys as s')
    .leftJoin('tickets as t', (j) => j.onRef('t.tenant_id', '=', 's.tenant_id').onRef('t.id', '=', 's.ticket_id'))
    .leftJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 's.tenant_id').onRef('c.id', '=', 's.customer_id'))
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.sent_by'))
    .where('s.tenant_id', '=', tenantId)
    .select([
      's.id', 's.ticket_id', 's.customer_id', 's.trigger', 's.channel', 's.ref_kind', 's.ref_id', 's.expires_at', 's.answers', 's.satisfaction',
      's.sent_by', 's.sent_at', 's.answered_at', 't.number as ticket_number', 't.subject as ticket_subject', 'c.name as customer_name', 'u.display_name as sent_by_name',
    ]);
}
type SurveyRow = Awaited<ReturnType<ReturnType<typeof surveyViews>['executeTakeFirstOrThrow']>>;

function statusOf(r: { answered_at: Date | null; expires_at: Date | null }, at: Date): Survey['status'] {
  if (r.answered_at) return 'answered';
  return r.expires_at && r.expires_at <= at ? 'expired' : 'sent';
}

function present(r: SurveyRow): Survey {
  return {
    id: r.id,
    ticket: r.ticket_id !== null ? { id: r.ticket_id, number: r.ticket_number ?? '', subject: r.ticket_subject ?? '' } : null,
    customer: r.customer_id !== null ? { id: r.customer_id, name: r.customer_name ?? '' } : null,
    trigger: r.trigger as Survey['trigger'],
    channel: r.channel as Survey['channel'],
    ref: r.ref_kind && r.ref_id !== null ? { kind: r.ref_kind, id: r.ref_id } : null,
    status: statusOf(r, now()),
    answers: answersSchema.parse(r.answers),
    satisfaction: r.satisfaction as SatisfactionLevel | null,
    sentAt: toIsoRequired(r.sent_at),
    expiresAt: toIso(r.expires_at),
    answeredAt: toIso(r.answered_at),
    sentBy: r.sent_by !== null ? { id: r.sent_by, name: r.sent_by_name ?? '' } : null,
  };
}

/**
 * Sends a satisfaction survey for a resolved work order (or a closed complaint's order): by phone the agent
 * records the answers at once; by link a one-time token is made, shown in the answer only.
 */
export async function createSurvey({ db, actor, input }: Ctx & { input: z.infer<typeof surveyCreateSchema> }): Promise<SurveyCreated> {
  assertSendSurveys(actor);
  const ticket = await db
    .selectFrom('tickets')
    .select(['id', 'status', 'customer_id', 'responsible_id', 'assignee_id', 'created_by'])
    .where('tenant_id', '=', actor.tenantId)
    .where('id', '=', input.ticketId)
    .executeTakeFirst();
  if (!ticket || !canReadTicket(actor, ticket)) throw notFound('ticket');
  if (ticket.status !== 'resolved' && ticket.status !== 'closed') throw ruleViolation('survey_ticket_not_resolved');
  let answered: { answers: Record<string, string | number>; satisfaction: SatisfactionLevel | null; rating: number | null } | null = null;
  if (input.channel === 'phone') {
    if (!input.answers || Object.keys(input.answers).length === 0) throw ruleViolation('survey_no_answers');
    const result = checkAnswers(SURVEY_QUESTIONS, input.answers);
    if (!result.ok) throw answersInvalid(result.issues);
    answered = result;
  }
  const token = input.channel === 'link' ? newSurveyToken(actor.tenantId) : null;
  const at = now();
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('surveys')
      .values({
        tenant_id: actor.tenantId, ticket_id: ticket.id, customer_id: ticket.customer_id, trigger: input.trigger, channel: input.channel,
        ref_kind: input.ref?.kind ?? null, ref_id: input.ref?.id ?? null,
        token_hash: token ? hashToken(token) : null,
        expires_at: token ? new Date(at.getTime() + CALLBACK_LIMITS.surveyTtlDays * 86_400_000) : null,
        answers: JSON.stringify(answered?.answers ?? {}), satisfaction: answered?.satisfaction ?? null, rating: answered?.rating ?? null,
        sent_by: actor.userId || null, sent_at: at, answered_at: answered ? at : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, {
      action: answered ? 'survey.recorded' : 'survey.sent', entity: 'survey', entityId: row.id,
      detail: { ticketId: ticket.id, trigger: input.trigger, channel: input.channel, satisfaction: answered?.satisfaction ?? null },
    });
    return row.id;
  });
  const view = await surveyViews(db, actor.tenantId).where('s.id', '=', id).executeTakeFirstOrThrow();
  return Object.assign(present(view), { token, path: token ? `/s/${token}` : null });
}

export async function listSurveys({ db, actor, query }: Ctx & { query: z.infer<typeof surveyListQuerySchema> }): Promise<Survey[]> {
  assertSendSurveys(actor);
  let q = surveyViews(db, actor.tenantId);
  if (query.ticketId) q = q.where('s.ticket_id', '=', query.ticketId);
  if (query.status === 'answered') q = q.where('s.answered_at', 'is not', null);
  if (query.status === 'sent') q = q.where('s.answered_at', 'is', null).where((eb) => eb.or([eb('s.expires_at', 'is', null), eb('s.expires_at', '>', now())]));
  if (query.status === 'expired') q = q.where('s.answered_at', 'is', null).where('s.expires_at', '<=', now());
  const rows = await q.orderBy('s.sent_at', 'desc').orderBy('s.id', 'desc').limit(200).execute();
  return rows.map(present);
}

/** The survey behind a link, if it can still be answered: unknown → 404, answered → 409, expired → 422. */
async function openSurveyOrThrow(db: Kysely<DB>, token: string, lock: boolean) {
  const parsed = parseSurveyToken(token);
  if (!parsed) throw notFound('survey');
  let q = db
    .selectFrom('surveys as s')
    .innerJoin('tenants as tn', 'tn.id', 's.tenant_id')
    .leftJoin('tickets as t', (j) => j.onRef('t.tenant_id', '=', 's.tenant_id').onRef('t.id', '=', 's.ticket_id'))
    .select(['s.id', 's.tenant_id', 's.expires_at', 's.answered_at', 's.ticket_id', 'tn.name as organization', 't.number as ticket_number'])
    .where('s.tenant_id', '=', parsed.tenantId)
    .where('s.token_hash', '=', parsed.hash);
  if (lock) q = q.forUpdate(['s']);
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('survey');
  if (row.answered_at) throw new AppError('CONFLICT', { detail: 'survey_already_answered' });
  if (!row.expires_at || row.expires_at <= now()) throw ruleViolation('survey_expired');
  return row;
}

export async function getPublicSurvey({ db, token }: { db: Kysely<DB>; token: string }): Promise<PublicSurvey> {
  const row = await openSurveyOrThrow(db, token, false);
  return { organization: row.organization, ticketNumber: row.ticket_number, questions: SURVEY_QUESTIONS, expiresAt: toIsoRequired(row.expires_at!) };
}

/** The customer's answer through the link, without signing in; the row lock makes a double submit answer 409. */
export async function answerPublicSurvey({ db, token, answers, ip }: { db: Kysely<DB>; token: string; answers: Record<string, unknown>; ip: string | null }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await openSurveyOrThrow(trx, token, true);
    const result = checkAnswers(SURVEY_QUESTIONS, answers);
    if (!result.ok) throw answersInvalid(result.issues);
    await trx
      .updateTable('surveys')
      .set({ answers: JSON.stringify(result.answers), satisfaction: result.satisfaction, rating: result.rating, answered_at: now() })
      .where('tenant_id', '=', row.tenant_id)
      .where('id', '=', row.id)
      .execute();
    const customer = Object.assign(systemActor(row.tenant_id, []), { username: 'survey-link', ip });
    await writeAudit(trx, customer, { action: 'survey.answered', entity: 'survey', entityId: row.id, detail: { ticketId: row.ticket_id, satisfaction: result.satisfaction, via: 'link' } });
  });
}

/** Surveys of a period: sent in it, and of those the answered ones with their satisfaction levels. */
export async function surveyCountsOf(db: Kysely<DB>, tenantId: number, from: Date, to: Date) {
  const row = await db
    .selectFrom('surveys')
    .select([
      sql<number>`count(*)`.as('sent'),
      sql<number>`count(*) filter (where answered_at is not null)`.as('answered'),
      sql<number>`count(*) filter (where answered_at is not null and channel = 'phone')`.as('phone'),
      sql<number>`count(*) filter (where answered_at is not null and channel = 'link')`.as('link'),
      sql<number>`count(*) filter (where satisfaction = 'very_satisfied')`.as('very_satisfied'),
      sql<number>`count(*) filter (where satisfaction = 'satisfied')`.as('satisfied'),
      sql<number>`count(*) filter (where satisfaction = 'neutral')`.as('neutral'),
      sql<number>`count(*) filter (where satisfaction = 'dissatisfied')`.as('dissatisfied'),
      sql<number>`count(*) filter (where satisfaction = 'very_dissatisfied')`.as('very_dissatisfied'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('sent_at', '>=', from)
    .where('sent_at', '<', to)
    .executeTakeFirstOrThrow();
  const n = (v: unknown) => Number(v);
  return {
    sent: n(row.sent), answered: n(row.answered), phone: n(row.phone), link: n(row.link),
    satisfaction: { very_satisfied: n(row.very_satisfied), satisfied: n(row.satisfied), neutral: n(row.neutral), dissatisfied: n(row.dissatisfied), very_dissatisfied: n(row.very_dissatisfied) },
  };
}
