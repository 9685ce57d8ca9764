// Leave requests (请假): checked against seed 003's rules, approved by level, marked on the roster when approved.
import type { LeaveKind, LeaveRequest, LeaveRequestInput, LeaveStatus } from '@kefu/shared';
import { can, type Actor } from '../../lib/actor.js';
import { invalid, notFound, ruleViolation, versionConflict } from '../../lib/app-error.js';
import { now, toIso, toIsoRequired } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';
import { checkLeaveRequest, DEFAULT_LEAVE_RULES, leaveDays, leaveNeedsDirector, type LeaveShift } from './leave-rules.js';
import { assertCan, canSeeAllRosters } from './rosters.policy.js';
import { publicHolidayName, tenantTimeZone, throwIfViolations, type Db } from './rosters-common.js';

type Ctx = { db: Db; actor: Actor };
const ACTIVE: LeaveStatus[] = ['pending', 'pending_director', 'approved'];

function leaveQuery(db: Db, tenantId: number) {
  return db
    .selectFrom('roster_leave_requests as l')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'l.tenant_id').onRef('u.id', '=', 'l.user_id'))
    .selectAll('l')
    .select('u.display_name')
    .where('l.tenant_id', '=', tenantId);
}
type Row = Awaited<ReturnType<ReturnType<typeof leaveQuery>['executeTakeFirstOrThrow']>>;

const present = (r: Row): LeaveRequest => ({
  id: r.id,
  userId: r.user_id,
  userName: r.display_name,
  kind: r.kind as LeaveKind,
  startsAt: toIsoRequired(r.starts_at),
  endsAt: toIsoRequired(r.ends_at),
  days: Number(r.days),
  reason: r.reason,
  certificateRef: r.certificate_ref,
  emergency: r.emergency,
  exceptional: r.exceptional,
  needsDirector: r.needs_director,
  status: r.status as LeaveStatus,
  requestedBy: r.requested_by,
  approvedBy: r.approved_by,
  approvedAt: toIso(r.approved_at),
  directedBy: r.directed_by,
  directedAt: toIso(r.directed_at),
  decidedNote: r.decided_note,
  createdAt: toIsoRequired(r.created_at),
  version: r.version,
});

async function shiftsOf(db: Db, tenantId: number, userId: number, from: Date, to: Date): Promise<LeaveShift[]> {
  const rows = await db
    .selectFrom('roster_shifts')
    .select(['id', 'date', 'starts_at', 'ends_at', 'is_night', 'swap_id'])
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .orderBy('starts_at')
    .execute();
  return rows.map((r) => ({ id: r.id, date: r.date, startsAt: r.starts_at, endsAt: r.ends_at, isNight: r.is_night, swapId: r.swap_id }));
}

export async function createLeaveRequest({ db, actor, input }: Ctx & { input: LeaveRequestInput }): Promise<LeaveRequest> {
  assertCan(actor, 'workforce.request');
  const userId = input.userId ?? actor.userId;
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) throw invalid('endsAt: must be after startsAt');
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', userId).executeTakeFirst();
    if (!user) throw notFound('user');
    const shifts = await shiftsOf(trx, actor.tenantId, userId, startsAt, endsAt);
    const existing = await trx
      .selectFrom('roster_leave_requests')
      .select(['starts_at', 'ends_at'])
      .where('tenant_id', '=', actor.tenantId)
      .where('user_id', '=', userId)
      .where('status', 'in', ACTIVE)
      .where('starts_at', '<', endsAt)
      .where('ends_at', '>', startsAt)
      .execute();
    const request = { userId, requestedBy: actor.userId, kind: input.kind, startsAt, endsAt, certificateRef: input.certificateRef ?? null, emergency: input.emergency, exceptional: input.exceptional };
    const timeZone = await tenantTimeZone(trx, actor.tenantId);
    const context = { now: now(), timeZone, shifts, existingLeave: existing.map((l) => ({ startsAt: l.starts_at, endsAt: l.ends_at })), holidayName: publicHolidayName };
    throwIfViolations(actor, checkLeaveRequest(request, context, DEFAULT_LEAVE_RULES));
    const days = leaveDays(request, shifts);
    const inserted = await trx
      .insertInto('roster_leave_requests')
      .values({
        tenant_id: actor.tenantId,
        user_id: userId,
        kind: input.kind,
        starts_at: startsAt,
        ends_at: endsAt,
        days,
        reason: input.reason,
        certificate_ref: input.certificateRef ?? null,
        emergency: input.emergency,
        exceptional: input.exceptional,
        needs_director: leaveNeedsDirector(input.kind, days),
        status: 'pending',
        requested_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'leave.requested', entity: 'leave_request', entityId: inserted.id, detail: { userId, kind: input.kind, days } });
    return present(await leaveQuery(trx, actor.tenantId).where('l.id', '=', inserted.id).executeTakeFirstOrThrow());
  });
}

export async function listLeaveRequests({ db, actor, query }: Ctx & { query: { status?: LeaveStatus | 'open'; mine?: string; inbox?: string } }): Promise<LeaveRequest[]> {
  assertCan(actor, 'workforce.request', 'workforce.approve', 'workforce.direct', 'workforce.schedule');
  let q = leaveQuery(db, actor.tenantId);
  if (query.inbox === 'true') {
    const steps: LeaveStatus[] = [...(can(actor, 'workforce.approve') ? (['pending'] as const) : []), ...(can(actor, 'workforce.direct') ? (['pending_director'] as const) : [])];
    if (!steps.length) return [];
    q = q.where('l.status', 'in', steps).where('l.user_id', '<>', actor.userId);
    const rows = await q.orderBy('l.starts_at').limit(500).execute();
    const mineToDecide = await Promise.all(rows.map(async (r) => r.status === 'pending_director' || (await leadsTeamOf(db, actor, r.user_id))));
    return rows.filter((_, i) => mineToDecide[i]).map(present);
  } else if (query.mine === 'true' || !canSeeAllRosters(actor)) {
    q = q.where('l.user_id', '=', actor.userId);
  }
  if (query.status === 'open') q = q.where('l.status', 'in', ['pending', 'pending_director']);
  else if (query.status) q = q.where('l.status', '=', query.status);
  return (await q.orderBy('l.starts_at', 'desc').limit(500).execute()).map(present);
}

/**
 * 不允许越级请假和交叉请假: the first level is the person's own leader — the team's leader or a leader
 * (workforce.approve) of that team; the director may act for any team; people without a team go to any leader.
 */
async function leadsTeamOf(db: Db, actor: Actor, userId: number): Promise<boolean> {
  if (can(actor, 'workforce.direct')) return true;
  const user = await db
    .selectFrom('users as u')
    .leftJoin('teams as t', (j) => j.onRef('t.tenant_id', '=', 'u.tenant_id').onRef('t.id', '=', 'u.team_id'))
    .select(['u.team_id', 't.leader_id'])
    .where('u.tenant_id', '=', actor.tenantId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return !user || user.team_id === null || user.team_id === actor.teamId || user.leader_id === actor.userId;
}

async function lockLeave(db: Db, actor: Actor, id: number, version: number) {
  const row = await db.selectFrom('roster_leave_requests').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row || (row.user_id !== actor.userId && !canSeeAllRosters(actor))) throw notFound('record');
  if (row.version !== version) throw versionConflict();
  return row;
}

/** Approval by level: the department head (workforce.approve) first; leave over a day then goes to the director (workforce.direct). */
export async function decideLeaveRequest({ db, actor, id, input }: Ctx & { id: number; input: { version: number; approve: boolean; note?: string } }): Promise<LeaveRequest> {
  assertCan(actor, 'workforce.approve', 'workforce.direct');
  return db.transaction().execute(async (trx) => {
    const row = await lockLeave(trx, actor, id, input.version);
    if (row.user_id === actor.userId) throw ruleViolation('rosters.leave.own_approval');
    const at = now();
    let status: LeaveStatus;
    let changes: Record<string, unknown>;
    if (row.status === 'pending') {
      if (!can(actor, 'workforce.approve')) throw ruleViolation('rosters.leave.needs_department_first');
      if (!(await leadsTeamOf(trx, actor, row.user_id))) throw ruleViolation('rosters.leave.not_team_leader');
      status = !input.approve ? 'rejected' : row.needs_director ? 'pending_director' : 'approved';
      changes = { approved_by: actor.userId, approved_at: at };
    } else if (row.status === 'pending_director') {
      if (!can(actor, 'workforce.direct')) throw ruleViolation('rosters.leave.needs_director');
      status = input.approve ? 'approved' : 'rejected';
      changes = { directed_by: actor.userId, directed_at: at };
    } else throw ruleViolation('rosters.leave.not_pending');
    await trx
      .updateTable('roster_leave_requests')
      .set(Object.assign({}, changes, { status, decided_note: input.note ?? row.decided_note, updated_at: at, version: row.version + 1 }))
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', id)
      .execute();
    if (status === 'approved') {
      await trx
        .updateTable('roster_shifts')
        .set({ status: 'leave', leave_request_id: id, updated_at: at })
        .where('tenant_id', '=', actor.tenantId)
        .where('user_id', '=', row.user_id)
        .where('starts_at', '<', row.ends_at)
        .where('ends_at', '>', row.starts_at)
        .execute();
    }
    await writeAudit(trx, actor, { action: `leave.${status}`, entity: 'leave_request', entityId: id, detail: { from: row.status, note: input.note ?? null } });
    return present(await leaveQuery(trx, actor.tenantId).where('l.id', '=', id).executeTakeFirstOrThrow());
  });
}

/** The person (or an approver) withdraws a request; approved leave that has not ended gives the shifts back. */
export async function cancelLeaveRequest({ db, actor, id, version }: Ctx & { id: number; version: number }): Promise<LeaveRequest> {
  return db.transaction().execute(async (trx) => {
    const row = await lockLeave(trx, actor, id, version);
    if (row.user_id !== actor.userId && row.requested_by !== actor.userId) assertCan(actor, 'workforce.approve', 'workforce.direct');
    const at = now();
    if (!ACTIVE.includes(row.status as LeaveStatus) || row.ends_at <= at) throw ruleViolation('rosters.leave.cannot_cancel');
    await trx.updateTable('roster_leave_requests').set({ status: 'cancelled', updated_at: at, version: row.version + 1 }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    await trx.updateTable('roster_shifts').set({ status: 'scheduled', leave_request_id: null, updated_at: at }).where('tenant_id', '=', actor.tenantId).where('leave_request_id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'leave.cancelled', entity: 'leave_request', entityId: id, detail: { from: row.status } });
    return present(await leaveQuery(trx, actor.tenantId).where('l.id', '=', id).executeTakeFirstOrThrow());
  });
}
