// The service staff's records: movements (流动情况记录, append-only, they drive the status), placements with customers
// (上户) and monthly performance deductions (月绩效扣款), with the monthly summary per person.
import { sql, type Kysely } from 'kysely';
import type { StaffDeduction, StaffDeductionInput, StaffDeductionSummary, StaffMovement, StaffMovementInput, StaffPlacement, StaffPlacementInput, StaffStatus } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, notFound, ruleViolation, versionConflict } from '../../lib/app-error.js';
import { now, toIsoRequired } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';
import { dateText } from './contracts.repo.js';
import { assertCan, assertStaffManage, canReadStaff } from './contracts.policy.js';
import { canMove, spansOverlap } from './staff.rules.js';

type Ctx = { db: Kysely<DB>; actor: Actor };
const userRef = (id: number | null, name: string | null) => (id && name ? { id, name } : null);

export async function listPlacements({ db, tenantId, staffIds, runningOn }: { db: Kysely<DB>; tenantId: number; staffIds: number[]; runningOn?: string }): Promise<StaffPlacement[]> {
  let q = db
    .selectFrom('staff_placements as p')
    .innerJoin('service_staff as s', (j) => j.onRef('s.tenant_id', '=', 'p.tenant_id').onRef('s.id', '=', 'p.staff_id'))
    .innerJoin('customers as cu', (j) => j.onRef('cu.tenant_id', '=', 'p.tenant_id').onRef('cu.id', '=', 'p.customer_id'))
    .leftJoin('contracts as c', (j) => j.onRef('c.tenant_id', '=', 'p.tenant_id').onRef('c.id', '=', 'p.contract_id'))
    .where('p.tenant_id', '=', tenantId)
    .where('p.staff_id', 'in', staffIds);
  if (runningOn) q = q.where('p.start_date', '<=', runningOn).where((eb) => eb.or([eb('p.end_date', 'is', null), eb('p.end_date', '>=', runningOn)]));
  const rows = await q
    .select(['p.id', 'p.staff_id', 's.name as staff_name', 'p.customer_id', 'cu.name as customer_name', 'p.contract_id', 'c.number as contract_number', 'p.note', 'p.version'])
    .select([dateText('p.start_date').as('start_date'), sql<string | null>`p.end_date::text`.as('end_date')])
    .orderBy('p.start_date', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    staff: { id: r.staff_id, name: r.staff_name },
    customer: { id: r.customer_id, name: r.customer_name },
    contract: r.contract_id && r.contract_number ? { id: r.contract_id, number: r.contract_number } : null,
    startDate: r.start_date,
    endDate: r.end_date,
    note: r.note,
    version: r.version,
  }));
}

export async function listMovements({ db, tenantId, staffId }: { db: Kysely<DB>; tenantId: number; staffId: number }): Promise<StaffMovement[]> {
  const rows = await db
    .selectFrom('staff_movements as m')
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'm.tenant_id').onRef('u.id', '=', 'm.created_by'))
    .where('m.tenant_id', '=', tenantId)
    .where('m.staff_id', '=', staffId)
    .select(['m.id', 'm.kind', 'm.from_status', 'm.note', 'm.created_by', 'u.display_name', 'm.created_at'])
    .select(dateText('m.on_date').as('on_date'))
    .orderBy('m.on_date', 'desc')
    .orderBy('m.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id, kind: r.kind as StaffStatus, fromStatus: r.from_status as StaffStatus | null, onDate: r.on_date, note: r.note,
    by: userRef(r.created_by, r.display_name), createdAt: toIsoRequired(r.created_at),
  }));
}

export async function listDeductions({ db, tenantId, staffId }: { db: Kysely<DB>; tenantId: number; staffId: number }): Promise<StaffDeduction[]> {
  const rows = await db
    .selectFrom('staff_deductions as d')
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'd.tenant_id').onRef('u.id', '=', 'd.created_by'))
    .where('d.tenant_id', '=', tenantId)
    .where('d.staff_id', '=', staffId)
    .select(['d.id', 'd.staff_id', 'd.month', 'd.points', 'd.amount_fen', 'd.reason', 'd.ticket_id', 'd.created_by', 'u.display_name', 'd.created_at'])
    .orderBy('d.month', 'desc')
    .orderBy('d.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id, staffId: r.staff_id, month: r.month, points: r.points, amountFen: Number(r.amount_fen), reason: r.reason, ticketId: r.ticket_id,
    by: userRef(r.created_by, r.display_name), createdAt: toIsoRequired(r.created_at),
  }));
}

async function lockStaff(trx: Kysely<DB>, actor: Actor, id: number) {
  const row = await trx.selectFrom('service_staff').select(['id', 'name', 'status', 'version']).where('tenant_id', '=', actor.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound('service_staff');
  return Object.assign(row, { status: row.status as StaffStatus });
}

/** Appends a movement; the state machine decides whether it may follow the current status. */
export async function recordMovement({ db, actor, staffId, input }: Ctx & { staffId: number; input: StaffMovementInput }): Promise<StaffMovement[]> {
  assertStaffManage(actor);
  await db.transaction().execute(async (trx) => {
    const staff = await lockStaff(trx, actor, staffId);
    if (staff.version !== input.version) throw versionConflict();
    if (!canMove(staff.status, input.kind)) throw new AppError('CONFLICT', { detail: 'staff_bad_movement', from: `staff_status_${staff.status}`, to: `staff_status_${input.kind}` });
    const last = await trx.selectFrom('staff_movements').select(dateText('on_date').as('on_date')).where('tenant_id', '=', actor.tenantId).where('staff_id', '=', staffId).orderBy('on_date', 'desc').limit(1).executeTakeFirst();
    if (last && input.onDate < last.on_date) throw ruleViolation('staff_movement_before_last', { date: last.on_date });
    await trx.insertInto('staff_movements').values({ tenant_id: actor.tenantId, staff_id: staffId, kind: input.kind, from_status: staff.status, on_date: input.onDate, note: input.note, created_by: actor.userId || null }).execute();
    await trx.updateTable('service_staff').set({ status: input.kind, updated_at: now(), version: staff.version + 1 }).where('tenant_id', '=', actor.tenantId).where('id', '=', staffId).execute();
    await writeAudit(trx, actor, { action: 'service_staff.moved', entity: 'service_staff', entityId: staffId, detail: { from: staff.status, to: input.kind, onDate: input.onDate } });
  });
  return listMovements({ db, tenantId: actor.tenantId, staffId });
}

export async function addPlacement({ db, actor, staffId, input }: Ctx & { staffId: number; input: StaffPlacementInput }): Promise<StaffPlacement> {
  assertStaffManage(actor);
  const endDate = input.endDate ?? null;
  if (endDate !== null && endDate < input.startDate) throw ruleViolation('staff_placement_end_before_start');
  const id = await db.transaction().execute(async (trx) => {
    const staff = await lockStaff(trx, actor, staffId);
    if (staff.status === 'resigned') throw ruleViolation('staff_resigned_placement');
    const customer = await trx.selectFrom('customers').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', input.customerId).executeTakeFirst();
    if (!customer) throw ruleViolation('contract_unknown_customer');
    if (input.contractId) {
      const contract = await trx.selectFrom('contracts').select('customer_id').where('tenant_id', '=', actor.tenantId).where('id', '=', input.contractId).executeTakeFirst();
      if (!contract || contract.customer_id !== input.customerId) throw ruleViolation('staff_contract_customer');
    }
    const existing = await listPlacements({ db: trx, tenantId: actor.tenantId, staffIds: [staffId] });
    const clash = existing.find((p) => spansOverlap(p, { startDate: input.startDate, endDate }));
    if (clash) throw ruleViolation('staff_placement_overlap', { customer: clash.customer.name, start: clash.startDate });
    const row = await trx
      .insertInto('staff_placements')
      .values({ tenant_id: actor.tenantId, staff_id: staffId, customer_id: input.customerId, contract_id: input.contractId ?? null, start_date: input.startDate, end_date: endDate, note: input.note, created_by: actor.userId || null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'service_staff.placed', entity: 'service_staff', entityId: staffId, detail: { placementId: row.id, customerId: input.customerId, contractId: input.contractId ?? null, startDate: input.startDate } });
    return row.id;
  });
  const placements = await listPlacements({ db, tenantId: actor.tenantId, staffIds: [staffId] });
  return placements.find((p) => p.id === id)!;
}

export async function endPlacement({ db, actor, staffId, placementId, version, endDate }: Ctx & { staffId: number; placementId: number; version: number; endDate: string }): Promise<StaffPlacement> {
  assertStaffManage(actor);
  await db.transaction().execute(async (trx) => {
    const p = await trx
      .selectFrom('staff_placements')
      .select(['id', 'version', dateText('start_date').as('start_date'), sql<string | null>`end_date::text`.as('end_date')])
      .where('tenant_id', '=', actor.tenantId).where('staff_id', '=', staffId).where('id', '=', placementId)
      .forUpdate()
      .executeTakeFirst();
    if (!p) throw notFound('placement');
    if (p.version !== version) throw versionConflict();
    if (p.end_date !== null) throw new AppError('CONFLICT', { detail: 'staff_placement_ended' });
    if (endDate < p.start_date) throw ruleViolation('staff_placement_end_before_start');
    await trx.updateTable('staff_placements').set({ end_date: endDate, updated_at: now(), version: p.version + 1 }).where('tenant_id', '=', actor.tenantId).where('id', '=', placementId).execute();
    await writeAudit(trx, actor, { action: 'service_staff.placement_ended', entity: 'service_staff', entityId: staffId, detail: { placementId, endDate } });
  });
  const placements = await listPlacements({ db, tenantId: actor.tenantId, staffIds: [staffId] });
  return placements.find((p) => p.id === placementId)!;
}

export async function addDeduction({ db, actor, staffId, input }: Ctx & { staffId: number; input: StaffDeductionInput }): Promise<StaffDeduction> {
  assertStaffManage(actor);
  const id = await db.transaction().execute(async (trx) => {
    await lockStaff(trx, actor, staffId);
    if (input.ticketId) {
      const ticket = await trx.selectFrom('tickets').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', input.ticketId).executeTakeFirst();
      if (!ticket) throw ruleViolation('staff_unknown_ticket');
    }
    const row = await trx
      .insertInto('staff_deductions')
      .values({ tenant_id: actor.tenantId, staff_id: staffId, month: input.month, points: input.points, amount_fen: input.amountFen, reason: input.reason, ticket_id: input.ticketId ?? null, created_by: actor.userId || null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'service_staff.deducted', entity: 'service_staff', entityId: staffId, detail: { deductionId: row.id, month: input.month, points: input.points, amountFen: input.amountFen, ticketId: input.ticketId ?? null } });
    return row.id;
  });
  return (await listDeductions({ db, tenantId: actor.tenantId, staffId })).find((d) => d.id === id)!;
}

/** Seed 001's 月绩效扣款明细表: one row per person with deductions in the month, largest first. */
export async function summarizeDeductions({ db, actor, month }: Ctx & { month: string }): Promise<StaffDeductionSummary> {
  assertCan(canReadStaff(actor));
  const rows = await db
    .selectFrom('staff_deductions as d')
    .innerJoin('service_staff as s', (j) => j.onRef('s.tenant_id', '=', 'd.tenant_id').onRef('s.id', '=', 'd.staff_id'))
    .where('d.tenant_id', '=', actor.tenantId)
    .where('d.month', '=', month)
    .groupBy(['s.id', 's.name', 's.status'])
    .select((eb) => ['s.id', 's.name', 's.status', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('d.points').as('points'), eb.fn.sum<number>('d.amount_fen').as('amount')])
    .execute();
  const items = rows
    .map((r) => ({ staffId: r.id, name: r.name, status: r.status as StaffStatus, count: Number(r.n), points: Number(r.points), amountFen: Number(r.amount) }))
    .sort((a, b) => b.amountFen - a.amountFen || b.points - a.points || a.name.localeCompare(b.name, 'zh-CN'));
  return { month, items };
}
