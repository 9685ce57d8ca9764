// Contracts / agreements (seed 001 协议管理): register, edit, activate, terminate, renew, and the expiring view.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Contract, ContractInput, ContractRenew, ContractStatus, ContractUpdate, ExpiringContracts, contractListQuerySchema } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError, notFound, ruleViolation, versionConflict } from '../../lib/app-error.js';
import { now } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';
import { dateText, loadContractStaff, presentContract, presentContracts, selectContracts, tenantToday } from './contracts.repo.js';
import { addDays, canApplyContractAction, renewalNumber, type ContractAction } from './contracts.rules.js';
import { assertCan, canReadContracts } from './contracts.policy.js';

type Ctx = { db: Kysely<DB>; actor: Actor };
const assertManage = (actor: Actor) => assertCan(can(actor, 'contracts.manage'));

export async function getContract({ db, actor, id }: Ctx & { id: number }): Promise<Contract> {
  assertCan(canReadContracts(actor));
  const row = await selectContracts(db, actor.tenantId).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('contract');
  const staff = await loadContractStaff(db, actor.tenantId, [id]);
  return presentContract(row, staff.get(id) ?? [], await tenantToday(db, actor.tenantId));
}

export async function listContracts({ db, actor, query }: Ctx & { query: z.infer<typeof contractListQuerySchema> }) {
  assertCan(canReadContracts(actor));
  const today = await tenantToday(db, actor.tenantId);
  let q = selectContracts(db, actor.tenantId);
  if (query.customerId) q = q.where('c.customer_id', '=', query.customerId);
  if (query.ownerId) q = q.where('c.owner_id', '=', query.ownerId);
  if (query.status === 'active') q = q.where('c.status', '=', 'active').where('c.end_date', '>=', today);
  else if (query.status === 'expired') q = q.where((eb) => eb.or([eb('c.status', '=', 'expired'), eb.and([eb('c.status', '=', 'active'), eb('c.end_date', '<', today)])]));
  else if (query.status) q = q.where('c.status', '=', query.status);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('c.number', 'ilike', like), eb('c.title', 'ilike', like), eb('cu.name', 'ilike', like)]));
  }
  const [rows, count] = await Promise.all([
    q.orderBy('c.end_date', 'desc').orderBy('c.id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const total = Number(count.n);
  return { items: await presentContracts(db, actor.tenantId, rows, today), total, totalCapped: false, page: query.page, pageSize: query.pageSize };
}

/** Running contracts ending within `days`, and those already past their end that nobody renewed or terminated. */
export async function listExpiringContracts({ db, actor, days }: Ctx & { days: number }): Promise<ExpiringContracts> {
  assertCan(canReadContracts(actor));
  const today = await tenantToday(db, actor.tenantId);
  const rows = await selectContracts(db, actor.tenantId)
    .where('c.status', 'in', ['active', 'expired'])
    .where('c.end_date', '<=', addDays(today, days))
    .orderBy('c.end_date')
    .orderBy('c.id')
    .limit(1000)
    .execute();
  const all = await presentContracts(db, actor.tenantId, rows, today);
  return { today, days, expiring: all.filter((c) => c.status === 'active'), overdue: all.filter((c) => c.status === 'expired') };
}

async function checkReferences(trx: Kysely<DB>, actor: Actor, input: { customerId?: number; ownerId?: number | null; staffIds?: number[] }) {
  if (input.customerId !== undefined) {
    const customer = await trx.selectFrom('customers').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', input.customerId).executeTakeFirst();
    if (!customer) throw ruleViolation('contract_unknown_customer');
  }
  if (input.ownerId) {
    const owner = await trx.selectFrom('users').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', input.ownerId).where('active', '=', true).executeTakeFirst();
    if (!owner) throw ruleViolation('contract_unknown_owner');
  }
  const staffIds = [...new Set(input.staffIds ?? [])];
  if (staffIds.length > 0) {
    const found = await trx.selectFrom('service_staff').select('id').where('tenant_id', '=', actor.tenantId).where('id', 'in', staffIds).execute();
    if (found.length !== staffIds.length) throw ruleViolation('contract_unknown_staff');
  }
}

async function assertNumberFree(trx: Kysely<DB>, tenantId: number, number: string, exceptId?: number) {
  let q = trx.selectFrom('contracts').select('id').where('tenant_id', '=', tenantId).where('number', '=', number);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw new AppError('CONFLICT', { detail: 'contract_number_taken', number });
}

async function replaceStaff(trx: Kysely<DB>, tenantId: number, contractId: number, staffIds: number[]) {
  await trx.deleteFrom('contract_staff').where('tenant_id', '=', tenantId).where('contract_id', '=', contractId).execute();
  const unique = [...new Set(staffIds)];
  if (unique.length > 0) await trx.insertInto('contract_staff').values(unique.map((staff_id) => ({ tenant_id: tenantId, contract_id: contractId, staff_id }))).execute();
}

function assertDates(startDate: string, endDate: string) {
  if (endDate < startDate) throw ruleViolation('contract_end_before_start');
}

export async function createContract({ db, actor, input }: Ctx & { input: ContractInput }): Promise<Contract> {
  assertManage(actor);
  assertDates(input.startDate, input.endDate);
  const id = await db.transaction().execute(async (trx) => {
    await checkReferences(trx, actor, input);
    await assertNumberFree(trx, actor.tenantId, input.number);
    const row = await trx
      .insertInto('contracts')
      .values({
        tenant_id: actor.tenantId, number: input.number, customer_id: input.customerId, our_party: input.ourParty, title: input.title, kind: input.kind,
        start_date: input.startDate, end_date: input.endDate, amount_fen: input.amountFen, owner_id: input.ownerId, status: input.status,
        reminder_days: input.reminderDays, note: input.note, created_by: actor.userId || null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceStaff(trx, actor.tenantId, row.id, input.staffIds);
    await writeAudit(trx, actor, { action: 'contract.created', entity: 'contract', entityId: row.id, detail: { number: input.number, customerId: input.customerId, endDate: input.endDate } });
    return row.id;
  });
  return getContract({ db, actor, id });
}

/** Locks the contract, checks its version and that `action` is allowed from its stored status. */
async function lockForAction(trx: Kysely<DB>, actor: Actor, id: number, version: number, action: ContractAction) {
  const current = await trx
    .selectFrom('contracts')
    .select(['id', 'number', 'status', 'version', 'customer_id', 'our_party', 'title', 'kind', 'amount_fen', 'owner_id', 'reminder_days', 'note'])
    .select([dateText('start_date').as('start_date'), dateText('end_date').as('end_date')])
    .where('tenant_id', '=', actor.tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw notFound('contract');
  if (current.version !== version) throw versionConflict();
  const status = current.status as ContractStatus;
  if (!canApplyContractAction(status, action)) {
    throw new AppError('CONFLICT', { detail: 'contract_bad_transition', from: `contract_status_${status}`, action: `contract_action_${action}` });
  }
  return current;
}

export async function updateContract({ db, actor, id, input }: Ctx & { id: number; input: ContractUpdate }): Promise<Contract> {
  assertManage(actor);
  await db.transaction().execute(async (trx) => {
    const current = await lockForAction(trx, actor, id, input.version, 'edit');
    assertDates(input.startDate ?? current.start_date, input.endDate ?? current.end_date);
    await checkReferences(trx, actor, input);
    if (input.number !== undefined) await assertNumberFree(trx, actor.tenantId, input.number, id);
    const { version: _v, staffIds, ...fields } = input;
    const set = {
      number: fields.number, customer_id: fields.customerId, our_party: fields.ourParty, title: fields.title, kind: fields.kind,
      start_date: fields.startDate, end_date: fields.endDate, amount_fen: fields.amountFen, owner_id: fields.ownerId,
      reminder_days: fields.reminderDays, note: fields.note,
    };
    // An expired contract whose end moves into the future runs again.
    const endDate = fields.endDate ?? current.end_date;
    const status = current.status === 'expired' && endDate >= (await tenantToday(trx, actor.tenantId)) ? 'active' : current.status;
    await trx.updateTable('contracts').set({ status, updated_at: now(), version: current.version + 1, ...set }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    if (staffIds) await replaceStaff(trx, actor.tenantId, id, staffIds);
    await writeAudit(trx, actor, { action: 'contract.updated', entity: 'contract', entityId: id, detail: { fields: Object.keys(input).filter((k) => k !== 'version') } });
  });
  return getContract({ db, actor, id });
}

export async function activateContract({ db, actor, id, version }: Ctx & { id: number; version: number }): Promise<Contract> {
  assertManage(actor);
  await db.transaction().execute(async (trx) => {
    const current = await lockForAction(trx, actor, id, version, 'activate');
    await trx.updateTable('contracts').set({ status: 'active', updated_at: now(), version: current.version + 1 }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'contract.activated', entity: 'contract', entityId: id, detail: { number: current.number } });
  });
  return getContract({ db, actor, id });
}

export async function terminateContract({ db, actor, id, version, reason }: Ctx & { id: number; version: number; reason: string }): Promise<Contract> {
  assertManage(actor);
  await db.transaction().execute(async (trx) => {
    const current = await lockForAction(trx, actor, id, version, 'terminate');
    await trx.updateTable('contracts').set({ status: 'terminated', terminated_reason: reason, updated_at: now(), version: current.version + 1 }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'contract.terminated', entity: 'contract', entityId: id, detail: { number: current.number, reason } });
  });
  return getContract({ db, actor, id });
}

/** Seed 001: the renewed agreement is registered with its new dates; the old one points to it and stops running. */
export async function renewContract({ db, actor, id, input }: Ctx & { id: number; input: ContractRenew }): Promise<{ previous: Contract; renewal: Contract }> {
  assertManage(actor);
  assertDates(input.startDate, input.endDate);
  const newId = await db.transaction().execute(async (trx) => {
    const old = await lockForAction(trx, actor, id, input.version, 'renew');
    if (input.startDate <= old.start_date) throw ruleViolation('contract_renew_start');
    const number = input.number ?? renewalNumber(old.number);
    await assertNumberFree(trx, actor.tenantId, number);
    const created = await trx
      .insertInto('contracts')
      .values({
        tenant_id: actor.tenantId, number, customer_id: old.customer_id, our_party: old.our_party, title: old.title, kind: old.kind,
        start_date: input.startDate, end_date: input.endDate, amount_fen: input.amountFen ?? Number(old.amount_fen), owner_id: old.owner_id,
        status: 'active', reminder_days: old.reminder_days, renewed_from_id: id, note: old.note, created_by: actor.userId || null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const staff = await trx.selectFrom('contract_staff').select('staff_id').where('tenant_id', '=', actor.tenantId).where('contract_id', '=', id).execute();
    await replaceStaff(trx, actor.tenantId, created.id, staff.map((s) => s.staff_id));
    await trx.updateTable('contracts').set({ status: 'renewed', renewed_to_id: created.id, updated_at: now(), version: old.version + 1 }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    await writeAudit(trx, actor, [
      { action: 'contract.renewed', entity: 'contract', entityId: id, detail: { number: old.number, renewalId: created.id, renewalNumber: number } },
      { action: 'contract.created', entity: 'contract', entityId: created.id, detail: { number, renewedFromId: id, startDate: input.startDate, endDate: input.endDate } },
    ]);
    return created.id;
  });
  return { previous: await getContract({ db, actor, id }), renewal: await getContract({ db, actor, id: newId }) };
}
