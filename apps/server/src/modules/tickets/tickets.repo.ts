import { sql, type Expression, type Kysely, type SqlBool, type ExpressionBuilder } from 'kysely';
import type { TicketListQuery } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { notFound } from '../../lib/app-error.js';
import { toTsQuery } from '../../lib/search-text.js';
import { phoneLookupKeys } from '../pii/pii-fields.js';

/** The columns a work order is presented with, names of people and customer included. */
export function selectTicketRows(db: Kysely<DB>, tenantId: number) {
  return db
    .selectFrom('tickets as t')
    .leftJoin('users as r', (j) => j.onRef('r.tenant_id', '=', 't.tenant_id').onRef('r.id', '=', 't.responsible_id'))
    .leftJoin('users as a', (j) => j.onRef('a.tenant_id', '=', 't.tenant_id').onRef('a.id', '=', 't.assignee_id'))
    .leftJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 't.tenant_id').onRef('c.id', '=', 't.customer_id'))
    .leftJoin('departments as d', (j) => j.onRef('d.tenant_id', '=', 't.tenant_id').onRef('d.id', '=', 't.department_id'))
    // One primary-key probe per listed order: the SLA state rides along with the page without slowing it.
    .leftJoin('ticket_sla as s', (j) => j.onRef('s.tenant_id', '=', 't.tenant_id').onRef('s.ticket_id', '=', 't.id'))
    .where('t.tenant_id', '=', tenantId)
    .select([
      't.id', 't.number', 't.type_key', 't.subject', 't.description', 't.status', 't.priority', 't.channel',
      't.customer_id', 't.contact_name', 't.contact_phone', 't.event_time', 't.event_place', 't.event_person',
      't.responsible_id', 't.assignee_id', 't.team_id', 't.skill_group_id', 't.department_id', 't.transfer_due_at',
      't.callback_pending', 't.answered_on_spot', 't.tags', 't.custom', 't.merged_into_id', 't.process', 't.created_by',
      't.created_at', 't.updated_at', 't.resolved_at', 't.closed_at', 't.reopen_count', 't.version',
      'r.display_name as responsible_name', 'a.display_name as assignee_name',
      'c.name as customer_name', 'c.grade as customer_grade', 'd.name as department_name',
      's.policy_id as sla_policy_id', 's.policy_name as sla_policy_name', 's.first_reply_due_at as sla_first_reply_due_at',
      's.first_reply_at as sla_first_reply_at', 's.next_update_due_at as sla_next_update_due_at', 's.resolution_due_at as sla_resolution_due_at',
      's.resolved_at as sla_resolved_at', 's.paused_since as sla_paused_since', 's.pause_reason as sla_pause_reason',
      's.escalation_level as sla_escalation_level', 's.breached as sla_breached',
    ]);
}

export type TicketViewRow = Awaited<ReturnType<ReturnType<typeof selectTicketRows>['executeTakeFirstOrThrow']>>;

export function findTicketView(db: Kysely<DB>, tenantId: number, id: number) {
  return selectTicketRows(db, tenantId).where('t.id', '=', id).executeTakeFirst();
}

/** The bare row, locked for update inside a transaction. */
export function lockTicket(db: Kysely<DB>, tenantId: number, id: number) {
  return db.selectFrom('tickets').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface ListFilters extends TicketListQuery {
  /** Restricts to orders the caller is involved in (roles without tickets.read_all). */
  onlyInvolving?: number;
  actorId: number;
}

function applyFilters(eb: ExpressionBuilder<DB & { t: DB['tickets'] }, 't'>, f: ListFilters): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  const me = (v: 'me' | number) => (v === 'me' ? f.actorId : v);
  if (f.onlyInvolving !== undefined) {
    const u = f.onlyInvolving;
    conditions.push(eb.or([eb('t.responsible_id', '=', u), eb('t.assignee_id', '=', u), eb('t.created_by', '=', u)]));
  }
  if (f.status?.length) {
    const statuses = f.status.filter((s) => s !== 'open');
    const parts: Expression<SqlBool>[] = [];
    if (f.status.includes('open')) parts.push(eb('t.status', 'not in', ['resolved', 'closed']));
    if (statuses.length) parts.push(eb('t.status', 'in', statuses));
    conditions.push(eb.or(parts));
  }
  if (f.type?.length) conditions.push(eb('t.type_key', 'in', f.type));
  if (f.priority?.length) conditions.push(eb('t.priority', 'in', f.priority));
  if (f.channel?.length) conditions.push(eb('t.channel', 'in', f.channel));
  if (f.assigneeId === 'none') conditions.push(eb('t.assignee_id', 'is', null));
  else if (f.assigneeId !== undefined) conditions.push(eb('t.assignee_id', '=', me(f.assigneeId)));
  if (f.responsibleId !== undefined) conditions.push(eb('t.responsible_id', '=', me(f.responsibleId)));
  if (f.teamId !== undefined) conditions.push(eb('t.team_id', '=', f.teamId));
  if (f.skillGroupId !== undefined) conditions.push(eb('t.skill_group_id', '=', f.skillGroupId));
  if (f.customerId !== undefined) conditions.push(eb('t.customer_id', '=', f.customerId));
  if (f.departmentId !== undefined) conditions.push(eb('t.department_id', '=', f.departmentId));
  if (f.tag) conditions.push(sql<SqlBool>`t.tags @> array[${f.tag}]::text[]`);
  if (f.callbackPending !== undefined) conditions.push(eb('t.callback_pending', '=', f.callbackPending));
  if (f.createdFrom) conditions.push(eb('t.created_at', '>=', new Date(f.createdFrom)));
  if (f.createdTo) conditions.push(eb('t.created_at', '<', new Date(f.createdTo)));
  if (f.q) conditions.push(searchCondition(eb, f.q));
  return eb.and(conditions);
}

function searchCondition(eb: ExpressionBuilder<DB & { t: DB['tickets'] }, 't'>, q: string): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  const tsquery = toTsQuery(q);
  if (tsquery) parts.push(sql<SqlBool>`t.search_vector @@ to_tsquery('simple', ${tsquery})`);
  const compact = q.normalize('NFKC').replace(/[\s-]/g, '');
  if (/^GD\d{6,}$/i.test(compact)) parts.push(eb('t.number', '=', compact.toUpperCase()));
  // The contact number by its blind index (current and, during a key rotation, previous), in any format.
  if (/^[+\d()]{5,20}$/.test(compact)) {
    const keys = phoneLookupKeys(q);
    if (keys.length) parts.push(eb('t.contact_phone_bidx', 'in', keys));
  }
  return parts.length ? eb.or(parts) : sql<SqlBool>`false`;
}

const COUNT_CAP = 10_000;

/** A search counts its matches only this far; fewer matches are sorted directly, more are met by walking the newest orders. */
const SEARCH_COUNT_CAP = 1_000;

export async function listTicketRows(db: Kysely<DB>, tenantId: number, f: ListFilters) {
  const cap = f.q ? SEARCH_COUNT_CAP : COUNT_CAP;
  // Counting a million rows per page view is wasted work: count up to a cap and say when it was reached.
  const countQuery = db
    .selectFrom(
      db.selectFrom('tickets as t').select(sql`1`.as('one')).where('t.tenant_id', '=', tenantId).where((eb) => applyFilters(eb, f)).limit(cap + 1).as('capped'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'));
  const desc = f.sort.startsWith('-');
  const field = f.sort.replace(/^-/, '');
  const direction = desc ? 'desc' : 'asc';
  let query = selectTicketRows(db, tenantId).where((eb) => applyFilters(eb, f));
  let total: number;
  let rows: TicketViewRow[];
  if (f.q && field === 'createdAt') {
    // The planner cannot tell a rare word from a common one well enough: a rare word walked along the
    // created_at index scans every order (seconds on 1M rows). Count the matches (GIN) first, then sort
    // few matches directly, or walk the index when matches are plenty.
    total = Number((await countQuery.executeTakeFirstOrThrow()).n);
    const created = total <= cap ? sql`t.created_at + interval '0 seconds'` : sql`t.created_at`;
    rows = await query.orderBy(created, direction).orderBy('t.id', direction).limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  } else {
    if (field === 'priority') query = query.orderBy('t.priority_rank', direction).orderBy('t.created_at', direction);
    else if (field === 'updatedAt') query = query.orderBy('t.updated_at', direction);
    else if (field === 'number') query = query.orderBy('t.number', direction);
    else query = query.orderBy('t.created_at', direction).orderBy('t.id', direction);
    const [pageRows, count] = await Promise.all([query.limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(), countQuery.executeTakeFirstOrThrow()]);
    rows = pageRows;
    total = Number(count.n);
  }
  return { rows, total: Math.min(total, COUNT_CAP), totalCapped: total > COUNT_CAP };
}
/** Text the search index holds for an order: its own fields, its customer and its notes. */
export async function loadSearchExtras(db: Kysely<DB>, tenantId: number, ticketId: number) {
  const notes = await db.selectFrom('ticket_notes').select('body').where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId).execute();
  return notes.map((n) => n.body);
}

export async function findCustomerName(db: Kysely<DB>, tenantId: number, customerId: number | null) {
  if (customerId === null) return null;
  const row = await db.selectFrom('customers').select('name').where('tenant_id', '=', tenantId).where('id', '=', customerId).executeTakeFirst();
  return row?.name ?? null;
}

export async function findCustomerBrief(db: Kysely<DB>, tenantId: number, customerId: number | null) {
  if (customerId === null) return null;
  return (await db.selectFrom('customers').select(['name', 'grade']).where('tenant_id', '=', tenantId).where('id', '=', customerId).executeTakeFirst()) ?? null;
}

export async function activeUserNameOrThrow(db: Kysely<DB>, tenantId: number, userId: number): Promise<string> {
  const user = await db.selectFrom('users').select(['display_name', 'active']).where('tenant_id', '=', tenantId).where('id', '=', userId).executeTakeFirst();
  if (!user || !user.active) throw notFound('user');
  return user.display_name;
}
