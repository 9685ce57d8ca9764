import type { Kysely } from 'kysely';
import type {
  ApprovalLevel, ComplaintApproval, ComplaintCase, ComplaintCategory, ComplaintDetail, ComplaintGrade, ComplaintPayout, ComplaintPenalty,
  ComplaintPosition, ComplaintProgressEntry, FollowUpResult, PayoutKind,
} from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { toIso, toIsoRequired } from '../../lib/clock.js';
import { pendingApproval, requiredApprovals, stepPath } from './complaint-steps.js';

const ref = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? String(id) });

export function selectCases(db: Kysely<DB>, tenantId: number) {
  return db
    .selectFrom('complaint_cases as c')
    .innerJoin('tickets as t', (j) => j.onRef('t.tenant_id', '=', 'c.tenant_id').onRef('t.id', '=', 'c.ticket_id'))
    .leftJoin('users as ru', (j) => j.onRef('ru.tenant_id', '=', 'c.tenant_id').onRef('ru.id', '=', 'c.responsible_user_id'))
    .where('c.tenant_id', '=', tenantId)
    .select([
      'c.ticket_id', 'c.grade', 'c.category', 'c.justified', 'c.responsible_user_id', 'c.responsible_team_id', 'c.responsible_department',
      'c.step', 'c.approval_round', 'c.payout_total_fen', 'c.follow_up_result', 'c.step_data', 'c.created_at', 'c.updated_at', 'c.closed_at',
      'c.version', 't.number as ticket_number', 't.subject', 't.status as ticket_status', 'ru.display_name as responsible_name',
    ]);
}
export type CaseRow = Awaited<ReturnType<ReturnType<typeof selectCases>['executeTakeFirstOrThrow']>>;

/** The levels approved in the case's current round (a rejection starts a new round). */
export async function approvedLevels(db: Kysely<DB>, tenantId: number, ticketId: number, round: number) {
  const rows = await db.selectFrom('complaint_approvals').select(['level', 'decided_by']).where('tenant_id', '=', tenantId)
    .where('ticket_id', '=', ticketId).where('round', '=', round).where('decision', '=', 'approved').execute();
  return { levels: rows.map((r) => r.level as ApprovalLevel), approverIds: rows.map((r) => r.decided_by).filter((id): id is number => id !== null) };
}

export function presentCase(r: CaseRow, approved: readonly ApprovalLevel[]): ComplaintCase {
  const grade = r.grade as ComplaintGrade;
  return {
    ticketId: r.ticket_id,
    ticketNumber: r.ticket_number,
    subject: r.subject,
    ticketStatus: r.ticket_status,
    grade,
    category: r.category as ComplaintCategory | null,
    justified: r.justified,
    responsibleUser: ref(r.responsible_user_id, r.responsible_name),
    responsibleTeamId: r.responsible_team_id,
    responsibleDepartment: r.responsible_department,
    step: r.step as ComplaintPosition,
    path: stepPath(r.justified),
    pendingApproval: r.step === 'approve' ? pendingApproval(requiredApprovals(grade, r.payout_total_fen), approved) : null,
    payoutTotalFen: r.payout_total_fen,
    followUpResult: r.follow_up_result as FollowUpResult | null,
    stepData: r.step_data,
    createdAt: toIsoRequired(r.created_at),
    updatedAt: toIsoRequired(r.updated_at),
    closedAt: toIso(r.closed_at),
    version: r.version,
  };
}

export function selectPenalties(db: Kysely<DB>, tenantId: number) {
  return db
    .selectFrom('complaint_penalties as p')
    .innerJoin('tickets as t', (j) => j.onRef('t.tenant_id', '=', 'p.tenant_id').onRef('t.id', '=', 'p.ticket_id'))
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.user_id'))
    .leftJoin('users as g', (j) => j.onRef('g.tenant_id', '=', 'p.tenant_id').onRef('g.id', '=', 'p.gm_signed_by'))
    .where('p.tenant_id', '=', tenantId)
    .select([
      'p.id', 'p.ticket_id', 't.number as ticket_number', 'p.user_id', 'u.display_name as user_name', 'p.penalty', 'p.points', 'p.amount_fen',
      'p.month', 'p.staff_signed_at', 'p.gm_signed_by', 'g.display_name as gm_name', 'p.gm_signed_at', 'p.created_at',
    ]);
}
export type PenaltyRow = Awaited<ReturnType<ReturnType<typeof selectPenalties>['executeTakeFirstOrThrow']>>;

export const presentPenalty = (p: PenaltyRow): ComplaintPenalty => ({
  id: p.id, ticketId: p.ticket_id, ticketNumber: p.ticket_number, user: ref(p.user_id, p.user_name)!, penalty: p.penalty, points: p.points,
  amountFen: p.amount_fen, month: p.month, staffSignedAt: toIso(p.staff_signed_at), gmSignedBy: ref(p.gm_signed_by, p.gm_name),
  gmSignedAt: toIso(p.gm_signed_at), createdAt: toIsoRequired(p.created_at),
});

export async function loadPayouts(db: Kysely<DB>, tenantId: number, ticketId: number): Promise<ComplaintPayout[]> {
  const rows = await db.selectFrom('complaint_payouts as p')
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.approved_by'))
    .where('p.tenant_id', '=', tenantId).where('p.ticket_id', '=', ticketId)
    .select(['p.id', 'p.kind', 'p.amount_fen', 'p.note', 'p.approved_by', 'u.display_name as approver_name', 'p.approved_at', 'p.paid_at', 'p.created_at'])
    .orderBy('p.id').execute();
  return rows.map((p) => ({
    id: p.id, kind: p.kind as PayoutKind, amountFen: p.amount_fen, note: p.note, approvedBy: ref(p.approved_by, p.approver_name),
    approvedAt: toIso(p.approved_at), paidAt: toIso(p.paid_at), createdAt: toIsoRequired(p.created_at),
  }));
}

async function loadApprovals(db: Kysely<DB>, tenantId: number, ticketId: number): Promise<ComplaintApproval[]> {
  const rows = await db.selectFrom('complaint_approvals as a')
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'a.tenant_id').onRef('u.id', '=', 'a.decided_by'))
    .where('a.tenant_id', '=', tenantId).where('a.ticket_id', '=', ticketId)
    .select(['a.round', 'a.level', 'a.decision', 'a.note', 'a.decided_by', 'u.display_name', 'a.decided_at']).orderBy('a.id').execute();
  return rows.map((a) => ({
    round: a.round, level: a.level as ApprovalLevel, decision: a.decision as 'approved' | 'rejected', note: a.note,
    by: ref(a.decided_by, a.display_name), at: toIsoRequired(a.decided_at),
  }));
}

async function loadProgress(db: Kysely<DB>, tenantId: number, ticketId: number): Promise<ComplaintProgressEntry[]> {
  const rows = await db.selectFrom('complaint_progress as p')
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.author_id'))
    .where('p.tenant_id', '=', tenantId).where('p.ticket_id', '=', ticketId)
    .select(['p.id', 'p.at', 'p.author_id', 'u.display_name', 'p.body']).orderBy('p.at').orderBy('p.id').execute();
  return rows.map((p) => ({ id: p.id, at: toIsoRequired(p.at), author: ref(p.author_id, p.display_name), body: p.body }));
}

export async function loadDetail(db: Kysely<DB>, tenantId: number, row: CaseRow): Promise<ComplaintDetail> {
  const id = row.ticket_id;
  const [approved, approvals, payouts, penalties, progress] = await Promise.all([
    approvedLevels(db, tenantId, id, row.approval_round),
    loadApprovals(db, tenantId, id),
    loadPayouts(db, tenantId, id),
    selectPenalties(db, tenantId).where('p.ticket_id', '=', id).orderBy('p.id').execute(),
    loadProgress(db, tenantId, id),
  ]);
  return Object.assign(presentCase(row, approved.levels), {
    approvals,
    requiredApprovals: requiredApprovals(row.grade as ComplaintGrade, row.payout_total_fen),
    payouts,
    penalties: penalties.map(presentPenalty),
    progress,
  });
}
