// The daily renewal sweep (seed 001: the store is told 15 days before an agreement ends). The background tick may call
// it as often as it likes: a reminder is a row keyed by (contract, end date), inserted once, so every process and
// every repeated call reminds a contract once per period; a renewal starts a new period with its own reminder.
import { sql, type Kysely } from 'kysely';
import { PERMISSIONS } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { systemActor } from '../../lib/actor.js';
import type { LiveBus } from '../../lib/live/live-bus.js';
import { writeAudit } from '../audit/audit.service.js';
import { dateText } from './contracts.repo.js';
import { daysBetween, isReminderDue, localDate, reminderDueDate } from './contracts.rules.js';

export const CONTRACT_REMINDER_TOPIC = 'contracts.renewal_due';

export interface ContractReminderNotice {
  contractId: number;
  number: string;
  title: string;
  customerName: string;
  endDate: string;
  daysLeft: number;
}

export interface ReminderSweepResult {
  reminded: number;
  expired: number;
}

/** Users who manage contracts: they are told when a contract has no owner. */
async function contractManagers(db: Kysely<DB>, tenantId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'u.tenant_id').onRef('r.id', '=', 'u.role_id'))
    .where('u.tenant_id', '=', tenantId)
    .where('u.active', '=', true)
    .where(sql<boolean>`'contracts.manage' = any(r.permissions)`)
    .select('u.id')
    .execute();
  return rows.map((r) => r.id);
}

export async function remindExpiringContracts({ db, at, live }: { db: Kysely<DB>; at: Date; live?: LiveBus }): Promise<ReminderSweepResult> {
  // Coarse filter in SQL (a day of slack either side for time zones); the exact rule is the pure isReminderDue.
  const utcDay = at.toISOString().slice(0, 10);
  const candidates = await db
    .selectFrom('contracts as c')
    .innerJoin('tenants as t', 't.id', 'c.tenant_id')
    .innerJoin('customers as cu', (j) => j.onRef('cu.tenant_id', '=', 'c.tenant_id').onRef('cu.id', '=', 'c.customer_id'))
    .where('c.status', '=', 'active')
    .where(sql<boolean>`c.end_date - c.reminder_days <= ${utcDay}::date + 1`)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('contract_reminders as r').select('r.contract_id').whereRef('r.tenant_id', '=', 'c.tenant_id').whereRef('r.contract_id', '=', 'c.id').whereRef('r.end_date', '=', 'c.end_date'))),
    )
    .select(['c.tenant_id', 'c.id', 'c.number', 'c.title', 'c.owner_id', 'c.reminder_days', 't.timezone', 'cu.name as customer_name'])
    .select(dateText('c.end_date').as('end_date'))
    .orderBy('c.tenant_id')
    .orderBy('c.end_date')
    .limit(5000)
    .execute();

  let reminded = 0;
  const notices: { tenantId: number; userIds: number[]; notice: ContractReminderNotice }[] = [];
  for (const c of candidates) {
    const today = localDate(at, c.timezone);
    if (!isReminderDue({ status: 'active', endDate: c.end_date, reminderDays: c.reminder_days }, today)) continue;
    const sent = await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('contract_reminders')
        .values({ tenant_id: c.tenant_id, contract_id: c.id, end_date: c.end_date, due_date: reminderDueDate(c.end_date, c.reminder_days), owner_id: c.owner_id, sent_at: at })
        .onConflict((oc) => oc.columns(['tenant_id', 'contract_id', 'end_date']).doNothing())
        .returning('contract_id')
        .executeTakeFirst();
      if (!inserted) return false;
      await writeAudit(trx, systemActor(c.tenant_id, PERMISSIONS), {
        action: 'contract.renewal_reminded', entity: 'contract', entityId: c.id, detail: { number: c.number, endDate: c.end_date, ownerId: c.owner_id },
      });
      return true;
    });
    if (!sent) continue;
    reminded += 1;
    const userIds = c.owner_id ? [c.owner_id] : await contractManagers(db, c.tenant_id);
    notices.push({
      tenantId: c.tenant_id,
      userIds,
      notice: { contractId: c.id, number: c.number, title: c.title, customerName: c.customer_name, endDate: c.end_date, daysLeft: daysBetween(today, c.end_date) },
    });
  }
  // On screen after commit: a lost notice is not worth a rollback, the reminder row and the expiring view remain.
  if (live) for (const n of notices) await live.publish({ tenantId: n.tenantId, topic: CONTRACT_REMINDER_TOPIC, userIds: n.userIds, payload: n.notice });
  const expired = await expireEndedContracts({ db, at });
  return { reminded, expired };
}

/** Active contracts past their end day (in the tenant's zone) become expired, each with its audit row. */
export async function expireEndedContracts({ db, at }: { db: Kysely<DB>; at: Date }): Promise<number> {
  const utcDay = at.toISOString().slice(0, 10);
  const candidates = await db
    .selectFrom('contracts as c')
    .innerJoin('tenants as t', 't.id', 'c.tenant_id')
    .where('c.status', '=', 'active')
    .where(sql<boolean>`c.end_date < ${utcDay}::date + 1`)
    .select(['c.tenant_id', 'c.id', 'c.number', 't.timezone'])
    .select(dateText('c.end_date').as('end_date'))
    .limit(5000)
    .execute();
  let expired = 0;
  for (const c of candidates) {
    if (c.end_date >= localDate(at, c.timezone)) continue;
    const changed = await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('contracts')
        .set((eb) => ({ status: 'expired', updated_at: at, version: eb('version', '+', 1) }))
        .where('tenant_id', '=', c.tenant_id)
        .where('id', '=', c.id)
        .where('status', '=', 'active')
        .returning('id')
        .executeTakeFirst();
      if (row) await writeAudit(trx, systemActor(c.tenant_id, PERMISSIONS), { action: 'contract.expired', entity: 'contract', entityId: c.id, detail: { number: c.number, endDate: c.end_date } });
      return Boolean(row);
    });
    if (changed) expired += 1;
  }
  return expired;
}

const lastSweep = new WeakMap<object, number>();

/**
 * For the background tick (which runs every second): sweeps at most once per `everyMs` per database handle.
 * Reminders are idempotent anyway; this only keeps the tick cheap.
 */
export async function remindExpiringContractsThrottled({ db, at, live, everyMs = 10 * 60_000 }: { db: Kysely<DB>; at: Date; live?: LiveBus; everyMs?: number }): Promise<ReminderSweepResult> {
  const last = lastSweep.get(db);
  if (last !== undefined && at.getTime() - last < everyMs) return { reminded: 0, expired: 0 };
  lastSweep.set(db, at.getTime());
  return remindExpiringContracts({ db, at, live });
}
