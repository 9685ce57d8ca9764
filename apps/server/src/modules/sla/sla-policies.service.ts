import type { Kysely } from 'kysely';
import type { SlaEscalationStep, SlaPolicy, SlaPolicyCreate, SlaPolicyUpdate } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { now } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';
import { calendarOf } from './sla-calendars.js';
import { DEFAULT_SLA_POLICIES } from './sla-defaults.js';
import type { PolicyCriteria } from './sla-policy-match.js';

type Ctx = { db: Kysely<DB>; actor: Actor };
type PolicyRow = Awaited<ReturnType<typeof selectPolicies>>[number];

function selectPolicies(db: Kysely<DB>, tenantId: number) {
  return db.selectFrom('sla_policies').selectAll().where('tenant_id', '=', tenantId).orderBy('sort_order').orderBy('id').execute();
}

export interface LoadedPolicy extends PolicyCriteria {
  name: string;
  calendar: unknown;
  timeBasis: string;
  firstReplyMinutes: number | null;
  updateMinutes: number | null;
  resolutionMinutes: number | null;
  escalation: SlaEscalationStep[];
}

function toLoaded(r: PolicyRow): LoadedPolicy {
  return {
    id: r.id, typeKey: r.type_key, priority: r.priority, channel: r.channel, customerGrade: r.customer_grade, sortOrder: r.sort_order,
    name: r.name, calendar: r.calendar, timeBasis: r.time_basis,
    firstReplyMinutes: r.first_reply_minutes, updateMinutes: r.update_minutes, resolutionMinutes: r.resolution_minutes,
    escalation: r.escalation as SlaEscalationStep[],
  };
}

function present(r: PolicyRow): SlaPolicy {
  return Object.assign(toLoaded(r), { calendar: r.calendar as SlaPolicy['calendar'], timeBasis: r.time_basis as SlaPolicy['timeBasis'], active: r.active, builtinKey: r.builtin_key });
}

// Every work order created needs its tenant's policies; they change rarely. Entries expire so an edit made in
// another process reaches this one within TTL_MS (a clock already started keeps its copied targets anyway).
const TTL_MS = 30_000;
const cache = new Map<number, { at: number; policies: LoadedPolicy[] }>();

export async function activePoliciesCached(db: Kysely<DB>, tenantId: number): Promise<LoadedPolicy[]> {
  const entry = cache.get(tenantId);
  if (entry && Date.now() - entry.at <= TTL_MS) return entry.policies;
  const rows = await selectPolicies(db, tenantId);
  const policies = rows.filter((r) => r.active).map(toLoaded);
  cache.set(tenantId, { at: Date.now(), policies });
  return policies;
}

export function forgetSlaPolicies(tenantId: number): void {
  cache.delete(tenantId);
}

function assertCanManage(actor: Actor) {
  if (!can(actor, 'sla.manage') && !can(actor, 'admin.settings')) throw new AppError('FORBIDDEN');
}

function columnsOf(input: Partial<SlaPolicyCreate>) {
  const set: Record<string, unknown> = {};
  if (input.name !== undefined) set.name = input.name;
  if (input.typeKey !== undefined) set.type_key = input.typeKey;
  if (input.priority !== undefined) set.priority = input.priority;
  if (input.channel !== undefined) set.channel = input.channel;
  if (input.customerGrade !== undefined) set.customer_grade = input.customerGrade;
  if (input.sortOrder !== undefined) set.sort_order = input.sortOrder;
  if (input.calendar !== undefined) {
    calendarOf(input.calendar); // validates a definition object, naming the failing field
    set.calendar = JSON.stringify(input.calendar);
  }
  if (input.timeBasis !== undefined) set.time_basis = input.timeBasis;
  if (input.firstReplyMinutes !== undefined) set.first_reply_minutes = input.firstReplyMinutes;
  if (input.updateMinutes !== undefined) set.update_minutes = input.updateMinutes;
  if (input.resolutionMinutes !== undefined) set.resolution_minutes = input.resolutionMinutes;
  if (input.escalation !== undefined) set.escalation = JSON.stringify(input.escalation);
  if (input.active !== undefined) set.active = input.active;
  return set;
}

export async function listSlaPolicies({ db, actor }: Ctx): Promise<SlaPolicy[]> {
  assertCanManage(actor);
  return (await selectPolicies(db, actor.tenantId)).map(present);
}

export async function createSlaPolicy({ db, actor, input }: Ctx & { input: SlaPolicyCreate }): Promise<SlaPolicy> {
  assertCanManage(actor);
  const values = columnsOf(input);
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await trx.insertInto('sla_policies').values(Object.assign({}, values, { tenant_id: actor.tenantId }) as never).returningAll().executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'sla_policy.created', entity: 'sla_policy', entityId: inserted.id, detail: { input } });
    return inserted;
  });
  forgetSlaPolicies(actor.tenantId);
  return present(row);
}

export async function updateSlaPolicy({ db, actor, id, input }: Ctx & { id: number; input: SlaPolicyUpdate }): Promise<SlaPolicy> {
  assertCanManage(actor);
  const set = columnsOf(input);
  const row = await db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable('sla_policies').set(Object.assign({}, set, { updated_at: now() })).where('tenant_id', '=', actor.tenantId).where('id', '=', id).returningAll().executeTakeFirst();
    if (!updated) throw notFound('record');
    await writeAudit(trx, actor, { action: 'sla_policy.updated', entity: 'sla_policy', entityId: id, detail: { changes: input } });
    return updated;
  });
  forgetSlaPolicies(actor.tenantId);
  return present(row);
}

/** Adds the built-in policies a tenant lacks (ensureTenant); leaves existing ones as administrators left them. */
export async function ensureDefaultSlaPolicies(db: Kysely<DB>, tenantId: number): Promise<void> {
  await db
    .insertInto('sla_policies')
    .values(DEFAULT_SLA_POLICIES.map((p) => Object.assign(columnsOf(p), { tenant_id: tenantId, builtin_key: p.builtinKey }) as never))
    .onConflict((oc) => oc.columns(['tenant_id', 'builtin_key']).where('builtin_key', 'is not', null).doNothing())
    .execute();
}
