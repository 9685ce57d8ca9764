// Shift swaps (换班): checked against seed 003's rules when asked and again when the last leader approves; both
// sides' team leaders approve; the approved swap exchanges the two roster shifts in one transaction.
import type { Swap, SwapStatus } from '@kefu/shared';
import { DateTime } from 'luxon';
import { can, type Actor } from '../../lib/actor.js';
import { notFound, ruleViolation, versionConflict } from '../../lib/app-error.js';
import { now, toIso, toIsoRequired } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';
import { assertCan, canSeeAllRosters } from './rosters.policy.js';
import { presentShift, publicHolidayName, shiftsQuery, throwIfViolations, withMessages, type Db, type ShiftRow } from './rosters-common.js';
import { checkSwap, DEFAULT_SWAP_RULES, type SwapParty, type SwapShift } from './swap-rules.js';

type Ctx = { db: Db; actor: Actor };
const ACTIVE: SwapStatus[] = ['pending', 'approved'];

const toSwapShift = (r: ShiftRow): SwapShift => ({ id: r.id, userId: r.user_id, date: r.date, startsAt: r.starts_at, endsAt: r.ends_at, swapId: r.swap_id });

async function shiftOrThrow(db: Db, actor: Actor, id: number): Promise<ShiftRow> {
  const row = await shiftsQuery(db, actor.tenantId).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('record');
  return row;
}

/** What the rules need to know about one side of a swap. `excludeSwapId`: the swap being re-checked itself. */
async function partyOf(db: Db, tenantId: number, shift: ShiftRow, bothDates: string[], excludeSwapId?: number): Promise<SwapParty> {
  const userId = shift.user_id;
  const staff = await db.selectFrom('roster_staff').select(['job', 'skill_level']).where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
  const sorted = [...bothDates].sort();
  const from = DateTime.fromISO(sorted[0]!).minus({ days: 1 }).toISODate()!;
  const to = DateTime.fromISO(sorted.at(-1)!).plus({ days: 1 }).toISODate()!;
  const others = await db.selectFrom('roster_shifts').select(['id', 'user_id', 'date', 'starts_at', 'ends_at', 'swap_id']).where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('date', '>=', from).where('date', '<=', to).execute();
  let swaps = db
    .selectFrom('roster_swaps as w')
    .innerJoin('roster_shifts as a', (j) => j.onRef('a.tenant_id', '=', 'w.tenant_id').onRef('a.id', '=', 'w.requester_shift_id'))
    .innerJoin('roster_shifts as b', (j) => j.onRef('b.tenant_id', '=', 'w.tenant_id').onRef('b.id', '=', 'w.counterpart_shift_id'))
    .select(['w.id', 'a.date as a_date', 'b.date as b_date'])
    .where('w.tenant_id', '=', tenantId)
    .where('w.status', 'in', ACTIVE)
    .where((eb) => eb.or([eb('w.requester_id', '=', userId), eb('w.counterpart_id', '=', userId)]));
  if (excludeSwapId) swaps = swaps.where('w.id', '<>', excludeSwapId);
  const swapRows = await swaps.execute();
  const month = shift.date.slice(0, 7);
  const leave = await db
    .selectFrom('roster_leave_requests')
    .select(['starts_at', 'ends_at'])
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('status', 'in', ['pending', 'pending_director', 'approved'])
    .where('ends_at', '>', DateTime.fromISO(from).toJSDate())
    .execute();
  return {
    userId,
    name: shift.display_name,
    job: staff?.job ?? 'agent',
    skillLevel: staff?.skill_level ?? 1,
    shift: toSwapShift(shift),
    otherShifts: others.map((o) => ({ id: o.id, userId: o.user_id, date: o.date, startsAt: o.starts_at, endsAt: o.ends_at, swapId: o.swap_id })),
    swapsThisMonth: swapRows.filter((w) => w.a_date.startsWith(month) || w.b_date.startsWith(month)).length,
    swapDates: swapRows.flatMap((w) => [w.a_date, w.b_date]),
    leave: leave.map((l) => ({ startsAt: l.starts_at, endsAt: l.ends_at })),
  };
}

async function violationsFor(db: Db, actor: Actor, mine: ShiftRow, theirs: ShiftRow, excludeSwapId?: number) {
  const dates = [mine.date, theirs.date];
  const requester = await partyOf(db, actor.tenantId, mine, dates, excludeSwapId);
  const counterpart = await partyOf(db, actor.tenantId, theirs, dates, excludeSwapId);
  return checkSwap(requester, counterpart, { now: now(), holidayName: publicHolidayName }, DEFAULT_SWAP_RULES);
}

/** The rules' verdict before asking, so the form can show every reason. */
export async function previewSwap({ db, actor, input }: Ctx & { input: { requesterShiftId: number; counterpartShiftId: number } }) {
  assertCan(actor, 'workforce.request');
  const mine = await shiftOrThrow(db, actor, input.requesterShiftId);
  const theirs = await shiftOrThrow(db, actor, input.counterpartShiftId);
  const violations = await violationsFor(db, actor, mine, theirs);
  if (mine.user_id !== actor.userId && !violations.some((v) => v.rule === 'rosters.swap.not_own_shift')) violations.unshift({ rule: 'rosters.swap.not_own_shift', params: {} });
  return { ok: violations.length === 0, violations: withMessages(actor, violations) };
}

export async function requestSwap({ db, actor, input }: Ctx & { input: { requesterShiftId: number; counterpartShiftId: number; reason: string } }): Promise<Swap> {
  assertCan(actor, 'workforce.request');
  return db.transaction().execute(async (trx) => {
    const mine = await shiftOrThrow(trx, actor, input.requesterShiftId);
    const theirs = await shiftOrThrow(trx, actor, input.counterpartShiftId);
    if (mine.user_id !== actor.userId) throw ruleViolation('rosters.swap.not_own_shift');
    throwIfViolations(actor, await violationsFor(trx, actor, mine, theirs));
    const row = await trx
      .insertInto('roster_swaps')
      .values({ tenant_id: actor.tenantId, requester_id: actor.userId, requester_shift_id: mine.id, counterpart_id: theirs.user_id, counterpart_shift_id: theirs.id, reason: input.reason, status: 'pending' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'swap.requested', entity: 'shift_swap', entityId: row.id, detail: { shifts: [mine.id, theirs.id], counterpartId: theirs.user_id } });
    return getSwap({ db: trx, actor, id: row.id });
  });
}

export async function getSwap({ db, actor, id }: Ctx & { id: number }): Promise<Swap> {
  const [swap] = await loadSwaps(db, actor, (q) => q.where('w.id', '=', id));
  if (!swap) throw notFound('record');
  return swap;
}

type SwapQuery = ReturnType<typeof swapBase>;
function swapBase(db: Db, tenantId: number) {
  return db.selectFrom('roster_swaps as w').selectAll('w').where('w.tenant_id', '=', tenantId);
}

async function loadSwaps(db: Db, actor: Actor, filter: (q: SwapQuery) => SwapQuery): Promise<Swap[]> {
  let q = filter(swapBase(db, actor.tenantId));
  if (!canSeeAllRosters(actor)) q = q.where((eb) => eb.or([eb('w.requester_id', '=', actor.userId), eb('w.counterpart_id', '=', actor.userId)]));
  const rows = await q.orderBy('w.id', 'desc').limit(500).execute();
  if (!rows.length) return [];
  const shiftIds = rows.flatMap((r) => [r.requester_shift_id, r.counterpart_shift_id]);
  const shifts = new Map((await shiftsQuery(db, actor.tenantId).where('s.id', 'in', shiftIds).execute()).map((s) => [s.id, presentShift(s)]));
  const userIds = [...new Set(rows.flatMap((r) => [r.requester_id, r.counterpart_id]))];
  const names = new Map((await db.selectFrom('users').select(['id', 'display_name']).where('tenant_id', '=', actor.tenantId).where('id', 'in', userIds).execute()).map((u) => [u.id, u.display_name]));
  return rows.map((r) => ({
    id: r.id,
    requesterId: r.requester_id,
    requesterName: names.get(r.requester_id) ?? '',
    requesterShift: shifts.get(r.requester_shift_id)!,
    counterpartId: r.counterpart_id,
    counterpartName: names.get(r.counterpart_id) ?? '',
    counterpartShift: shifts.get(r.counterpart_shift_id)!,
    reason: r.reason,
    status: r.status as SwapStatus,
    requesterLeaderId: r.requester_leader_id,
    counterpartLeaderId: r.counterpart_leader_id,
    decidedNote: r.decided_note,
    appliedAt: toIso(r.applied_at),
    createdAt: toIsoRequired(r.created_at),
    version: r.version,
  }));
}

export async function listSwaps({ db, actor, query }: Ctx & { query: { status?: SwapStatus; mine?: string; inbox?: string } }): Promise<Swap[]> {
  assertCan(actor, 'workforce.request', 'workforce.approve', 'workforce.direct', 'workforce.schedule');
  const swaps = await loadSwaps(db, actor, (q) => {
    let r = q;
    if (query.status) r = r.where('w.status', '=', query.status);
    if (query.inbox === 'true') r = r.where('w.status', '=', 'pending');
    if (query.mine === 'true') r = r.where((eb) => eb.or([eb('w.requester_id', '=', actor.userId), eb('w.counterpart_id', '=', actor.userId)]));
    return r;
  });
  if (query.inbox !== 'true') return swaps;
  const sides = await Promise.all(swaps.map((s) => leaderSides(db, actor, s.requesterShift.teamId, s.counterpartShift.teamId)));
  return swaps.filter((s, i) => (sides[i]!.requester && !s.requesterLeaderId) || (sides[i]!.counterpart && !s.counterpartLeaderId));
}

/** Which sides the actor leads: the team's leader, a leader (workforce.approve) in that team, or the director. */
async function leaderSides(db: Db, actor: Actor, requesterTeam: number | null, counterpartTeam: number | null) {
  if (!can(actor, 'workforce.approve') && !can(actor, 'workforce.direct')) return { requester: false, counterpart: false };
  const teamIds = [requesterTeam, counterpartTeam].filter((t): t is number => t !== null);
  const led = new Set(teamIds.length ? (await db.selectFrom('teams').select('id').where('tenant_id', '=', actor.tenantId).where('id', 'in', teamIds).where('leader_id', '=', actor.userId).execute()).map((t) => t.id) : []);
  const leads = (team: number | null) => can(actor, 'workforce.direct') || team === null || led.has(team) || (can(actor, 'workforce.approve') && actor.teamId === team);
  return { requester: leads(requesterTeam), counterpart: leads(counterpartTeam) };
}

export async function decideSwap({ db, actor, id, input }: Ctx & { id: number; input: { version: number; approve: boolean; note?: string } }): Promise<Swap> {
  assertCan(actor, 'workforce.approve', 'workforce.direct');
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('roster_swaps').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('record');
    if (row.version !== input.version) throw versionConflict();
    if (row.status !== 'pending') throw ruleViolation('rosters.swap.not_pending');
    const mine = await shiftOrThrow(trx, actor, row.requester_shift_id);
    const theirs = await shiftOrThrow(trx, actor, row.counterpart_shift_id);
    const sides = await leaderSides(trx, actor, mine.team_id, theirs.team_id);
    const fillRequester = sides.requester && !row.requester_leader_id;
    const fillCounterpart = sides.counterpart && !row.counterpart_leader_id;
    if (!sides.requester && !sides.counterpart) throw ruleViolation('rosters.swap.not_team_leader');
    if (!fillRequester && !fillCounterpart) throw ruleViolation('rosters.swap.already_approved');
    const at = now();
    const base = { updated_at: at, version: row.version + 1, decided_note: input.note ?? row.decided_note };
    if (!input.approve) {
      await trx.updateTable('roster_swaps').set({ status: 'rejected', ...base }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
      await writeAudit(trx, actor, { action: 'swap.rejected', entity: 'shift_swap', entityId: id, detail: { note: input.note ?? null } });
      return getSwap({ db: trx, actor, id });
    }
    const approvals = {
      requester_leader_id: fillRequester ? actor.userId : row.requester_leader_id,
      requester_leader_at: fillRequester ? at : row.requester_leader_at,
      counterpart_leader_id: fillCounterpart ? actor.userId : row.counterpart_leader_id,
      counterpart_leader_at: fillCounterpart ? at : row.counterpart_leader_at,
    };
    const complete = approvals.requester_leader_id !== null && approvals.counterpart_leader_id !== null;
    if (complete) await applySwap(trx, actor, row, mine, theirs, at);
    await trx.updateTable('roster_swaps').set(Object.assign({}, base, approvals, { status: complete ? 'approved' : 'pending', applied_at: complete ? at : null })).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: complete ? 'swap.approved' : 'swap.leader_approved', entity: 'shift_swap', entityId: id, detail: { sides: { requester: fillRequester, counterpart: fillCounterpart } } });
    return getSwap({ db: trx, actor, id });
  });
}

/** Exchanges the two shifts' holders; the rules are checked again because the roster may have moved since the request. */
async function applySwap(trx: Db, actor: Actor, row: { id: number; requester_id: number; counterpart_id: number }, mine: ShiftRow, theirs: ShiftRow, at: Date) {
  const locked = await trx.selectFrom('roster_shifts').select(['id', 'user_id']).where('tenant_id', '=', actor.tenantId).where('id', 'in', [mine.id, theirs.id]).forUpdate().execute();
  const holder = new Map(locked.map((s) => [s.id, s.user_id]));
  if (holder.get(mine.id) !== row.requester_id || holder.get(theirs.id) !== row.counterpart_id) throw ruleViolation('rosters.swap.shift_changed');
  throwIfViolations(actor, await violationsFor(trx, actor, mine, theirs, row.id));
  await trx.updateTable('roster_shifts').set({ user_id: row.counterpart_id, swap_id: row.id, updated_at: at }).where('tenant_id', '=', actor.tenantId).where('id', '=', mine.id).execute();
  await trx.updateTable('roster_shifts').set({ user_id: row.requester_id, swap_id: row.id, updated_at: at }).where('tenant_id', '=', actor.tenantId).where('id', '=', theirs.id).execute();
}

export async function cancelSwap({ db, actor, id, version }: Ctx & { id: number; version: number }): Promise<Swap> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('roster_swaps').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row || (row.requester_id !== actor.userId && !canSeeAllRosters(actor))) throw notFound('record');
    if (row.version !== version) throw versionConflict();
    if (row.status !== 'pending') throw ruleViolation('rosters.swap.not_pending');
    await trx.updateTable('roster_swaps').set({ status: 'cancelled', updated_at: now(), version: row.version + 1 }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'swap.cancelled', entity: 'shift_swap', entityId: id });
    return getSwap({ db: trx, actor, id });
  });
}
