import { sql, type Kysely } from 'kysely';
import type { ApprovalLevel, ComplaintCase, ComplaintCreate, ComplaintDetail, ComplaintGrade, ComplaintListQuery, ComplaintPage } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { notFound, ruleViolation } from '../../lib/app-error.js';
import { now } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';
import { createTicket } from '../tickets/tickets.service.js';
import { assertCanReadTicket } from '../tickets/tickets.policy.js';
import { alertSeriousComplaint } from './complaint-notify.js';
import { approvalRefusal, pendingApproval, requiredApprovals } from './complaint-steps.js';
import { assertCanHandleComplaints, assertCanReadComplaints, canApproveComplaints, canReadComplaints } from './complaints.policy.js';
import { loadDetail, presentCase, selectCases, type CaseRow } from './complaints.repo.js';

export { recordComplaintSatisfaction } from './complaint-workflow.service.js';

type Ctx = { db: Kysely<DB>; actor: Actor };

/** The case with everything on it; unknown cases and cases the caller may not see are both NOT_FOUND. */
export async function getComplaint({ db, actor, ticketId }: Ctx & { ticketId: number }): Promise<ComplaintDetail> {
  if (!canReadComplaints(actor)) throw notFound('record');
  const row = await selectCases(db, actor.tenantId).where('c.ticket_id', '=', ticketId).executeTakeFirst();
  if (!row) throw notFound('record');
  return loadDetail(db, actor.tenantId, row);
}

/**
 * Opens the case of a complaint work order: for an existing order of type complaint, or together with a new one.
 * A serious complaint alerts the managers at once.
 */
export async function createComplaint({ db, actor, input }: Ctx & { input: ComplaintCreate }): Promise<ComplaintDetail> {
  assertCanHandleComplaints(actor);
  // A new order and its case commit together: a failing case leaves no complaint order without one.
  const ticketId = await db.transaction().execute(async (trx) => {
    const ticketId = input.ticket ? (await createTicket({ db: trx, actor, input: Object.assign({}, input.ticket, { type: 'complaint' }) })).id : input.ticketId!;
    const ticket = await trx.selectFrom('tickets').select(['id', 'type_key', 'responsible_id', 'assignee_id', 'created_by'])
      .where('tenant_id', '=', actor.tenantId).where('id', '=', ticketId).executeTakeFirst();
    assertCanReadTicket(actor, ticket);
    if (ticket.type_key !== 'complaint') throw ruleViolation('complaint_not_complaint_ticket');
    const inserted = await trx.insertInto('complaint_cases')
      .values({ tenant_id: actor.tenantId, ticket_id: ticketId, grade: input.grade, created_by: actor.userId || null, created_at: now(), updated_at: now() })
      .onConflict((oc) => oc.columns(['tenant_id', 'ticket_id']).doNothing())
      .returning('ticket_id').executeTakeFirst();
    if (!inserted) throw ruleViolation('complaint_case_exists');
    await writeAudit(trx, actor, { action: 'complaint.case_created', entity: 'ticket', entityId: ticketId, detail: { grade: input.grade } });
    if (input.grade === 'serious') await alertSeriousComplaint(trx, actor, ticketId);
    return ticketId;
  });
  return getComplaint({ db, actor, ticketId });
}

/** Levels approved in each listed case's current round, in one query. */
async function approvalsOf(db: Kysely<DB>, tenantId: number, rows: readonly CaseRow[]) {
  const waiting = rows.filter((r) => r.step === 'approve');
  const map = new Map<number, { levels: ApprovalLevel[]; approverIds: number[] }>();
  for (const r of waiting) map.set(r.ticket_id, { levels: [], approverIds: [] });
  if (waiting.length === 0) return map;
  const approvals = await db.selectFrom('complaint_approvals as a')
    .innerJoin('complaint_cases as c', (j) => j.onRef('c.tenant_id', '=', 'a.tenant_id').onRef('c.ticket_id', '=', 'a.ticket_id').onRef('c.approval_round', '=', 'a.round'))
    .where('a.tenant_id', '=', tenantId).where('a.ticket_id', 'in', waiting.map((r) => r.ticket_id)).where('a.decision', '=', 'approved')
    .select(['a.ticket_id', 'a.level', 'a.decided_by']).execute();
  for (const a of approvals) {
    const entry = map.get(a.ticket_id)!;
    entry.levels.push(a.level as ApprovalLevel);
    if (a.decided_by !== null) entry.approverIds.push(a.decided_by);
  }
  return map;
}

export async function listComplaints({ db, actor, query }: Ctx & { query: ComplaintListQuery }): Promise<ComplaintPage> {
  assertCanReadComplaints(actor);
  let q = selectCases(db, actor.tenantId);
  if (query.step) q = q.where('c.step', '=', query.step);
  if (query.grade) q = q.where('c.grade', '=', query.grade);
  if (query.open) q = q.where('c.closed_at', query.open === 'true' ? 'is' : 'is not', null);
  if (query.justified) q = q.where('c.justified', '=', query.justified === 'true');
  if (query.responsibleUserId) q = q.where('c.responsible_user_id', '=', query.responsibleUserId);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('t.number', 'ilike', like), eb('t.subject', 'ilike', like)]));
  }
  const [rows, count] = await Promise.all([
    q.orderBy('c.updated_at', 'desc').orderBy('c.ticket_id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
    q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const approvals = await approvalsOf(db, actor.tenantId, rows);
  return {
    items: rows.map((r) => presentCase(r, approvals.get(r.ticket_id)?.levels ?? [])),
    total: Number(count.n), totalCapped: false, page: query.page, pageSize: query.pageSize,
  };
}

/** Cases waiting for the caller's approval: the pending level is one the caller holds and may give. */
export async function listMyApprovals({ db, actor }: Ctx): Promise<ComplaintCase[]> {
  if (!canApproveComplaints(actor)) return [];
  const rows = await selectCases(db, actor.tenantId).where('c.step', '=', 'approve').orderBy('c.updated_at').limit(500).execute();
  const approvals = await approvalsOf(db, actor.tenantId, rows);
  return rows
    .filter((r) => {
      const done = approvals.get(r.ticket_id)!;
      const level = pendingApproval(requiredApprovals(r.grade as ComplaintGrade, r.payout_total_fen), done.levels);
      return level !== null && approvalRefusal(level, actor, done.approverIds) === null;
    })
    .map((r) => presentCase(r, approvals.get(r.ticket_id)!.levels));
}
