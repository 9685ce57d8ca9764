// SQL of the contracts archive: the joined row a contract is presented from, its placed staff, the tenant's today.
import { sql, type Kysely } from 'kysely';
import type { Contract, ContractStatus } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { now, toIso, toIsoRequired } from '../../lib/clock.js';
import { daysBetween, effectiveContractStatus, localDate, reminderDueDate } from './contracts.rules.js';
import { tenantTimeZone } from '../../lib/tenant.js';

/** `date` columns as "YYYY-MM-DD" text, the same on pg and PGlite. */
export const dateText = (column: string) => sql<string>`${sql.ref(column)}::text`;

export { tenantTimeZone } from '../../lib/tenant.js';

export async function tenantToday(db: Kysely<DB>, tenantId: number, at: Date = now()): Promise<string> {
  return localDate(at, await tenantTimeZone(db, tenantId));
}

export function selectContracts(db: Kysely<DB>, tenantId: number) {
  return db
    .selectFrom('contracts as c')
    .innerJoin('customers as cu', (j) => j.onRef('cu.tenant_id', '=', 'c.tenant_id').onRef('cu.id', '=', 'c.customer_id'))
    .leftJoin('users as o', (j) => j.onRef('o.tenant_id', '=', 'c.tenant_id').onRef('o.id', '=', 'c.owner_id'))
    .leftJoin('contract_reminders as r', (j) => j.onRef('r.tenant_id', '=', 'c.tenant_id').onRef('r.contract_id', '=', 'c.id').onRef('r.end_date', '=', 'c.end_date'))
    .where('c.tenant_id', '=', tenantId)
    .select([
      'c.id', 'c.number', 'c.customer_id', 'cu.name as customer_name', 'c.our_party', 'c.title', 'c.kind', 'c.amount_fen', 'c.owner_id',
      'o.display_name as owner_name', 'c.status', 'c.reminder_days', 'c.renewed_from_id', 'c.renewed_to_id', 'c.terminated_reason', 'c.note',
      'c.created_at', 'c.updated_at', 'c.version', 'r.sent_at as reminded_at',
    ])
    .select([dateText('c.start_date').as('start_date'), dateText('c.end_date').as('end_date')]);
}

export type ContractRow = Awaited<ReturnType<ReturnType<typeof selectContracts>['executeTakeFirstOrThrow']>>;

/** The placed staff of each contract, by contract id. */
export async function loadContractStaff(db: Kysely<DB>, tenantId: number, contractIds: number[]): Promise<Map<number, { id: number; name: string }[]>> {
  const map = new Map<number, { id: number; name: string }[]>();
  if (contractIds.length === 0) return map;
  const rows = await db
    .selectFrom('contract_staff as cs')
    .innerJoin('service_staff as s', (j) => j.onRef('s.tenant_id', '=', 'cs.tenant_id').onRef('s.id', '=', 'cs.staff_id'))
    .where('cs.tenant_id', '=', tenantId)
    .where('cs.contract_id', 'in', contractIds)
    .select(['cs.contract_id', 's.id', 's.name'])
    .orderBy('s.name')
    .execute();
  for (const r of rows) map.set(r.contract_id, [...(map.get(r.contract_id) ?? []), { id: r.id, name: r.name }]);
  return map;
}

export function presentContract(r: ContractRow, staff: { id: number; name: string }[], today: string): Contract {
  return {
    id: r.id,
    number: r.number,
    customer: { id: r.customer_id, name: r.customer_name },
    ourParty: r.our_party,
    title: r.title,
    kind: r.kind as Contract['kind'],
    startDate: r.start_date,
    endDate: r.end_date,
    amountFen: Number(r.amount_fen),
    owner: r.owner_id && r.owner_name ? { id: r.owner_id, name: r.owner_name } : null,
    staff,
    status: effectiveContractStatus({ status: r.status as ContractStatus, endDate: r.end_date }, today),
    reminderDays: r.reminder_days,
    reminderDueDate: reminderDueDate(r.end_date, r.reminder_days),
    daysLeft: daysBetween(today, r.end_date),
    remindedAt: toIso(r.reminded_at),
    renewedFromId: r.renewed_from_id,
    renewedToId: r.renewed_to_id,
    terminatedReason: r.terminated_reason,
    note: r.note,
    createdAt: toIsoRequired(r.created_at),
    updatedAt: toIsoRequired(r.updated_at),
    version: r.version,
  };
}

export async function presentContracts(db: Kysely<DB>, tenantId: number, rows: ContractRow[], today: string): Promise<Contract[]> {
  const staff = await loadContractStaff(db, tenantId, rows.map((r) => r.id));
  return rows.map((r) => presentContract(r, staff.get(r.id) ?? [], today));
}
