// One query per timeline source, each walking its own (tenant_id, customer_id, time) index backwards from the cursor.
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { TimelineEntry, TimelineEvent, TimelineKind } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { toIsoRequired } from '../../lib/clock.js';
import { canReadTicket } from '../tickets/tickets.policy.js';
import { addDays } from '../contracts/contracts.rules.js';
import { compareKeyed, eventRank, isAfterCursor, isoFromKey, sourceBound, type KeyedEntry, type TimelineCursor } from './timeline.js';
import type { TimelineAccess } from './customer-archive.policy.js';

export interface SourceArgs {
  db: Kysely<DB>;
  actor: Actor;
  access: TimelineAccess;
  customerId: number;
  cursor: TimelineCursor | null;
  /** Rows to fetch: the page size plus one. */
  take: number;
  timeZone: string;
  today: string;
}

const AT_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';
/** The instant as fixed-width UTC text with microseconds: exact for the cursor, sortable as text. */
const atKey = (column: string) => sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', ${AT_FORMAT})`;

/** The rows of a source of this event that sort after the cursor (see timeline.ts sourceBound). */
function after(event: TimelineEvent, atColumn: string, idColumn: string, cursor: TimelineCursor | null): RawBuilder<SqlBool> {
  const at = sql.ref(atColumn);
  const id = sql.ref(idColumn);
  switch (sourceBound(eventRank(event), cursor)) {
    case 'none': return sql<SqlBool>`true`;
    case 'le': return sql<SqlBool>`${at} <= ${cursor!.at}::timestamptz`;
    case 'lt': return sql<SqlBool>`${at} < ${cursor!.at}::timestamptz`;
    case 'tuple': return sql<SqlBool>`(${at} < ${cursor!.at}::timestamptz or (${at} = ${cursor!.at}::timestamptz and ${id} < ${cursor!.id}))`;
  }
}

const ref = (id: number | null, name: string | null) => (id !== null && name !== null ? { id, name } : null);

function entry(event: TimelineEvent, kind: TimelineKind, atKeyText: string, id: number, fields: Partial<TimelineEntry>): KeyedEntry {
  return {
    atKey: atKeyText,
    id,
    entry: { key: `${event}:${id}`, kind, event, at: isoFromKey(atKeyText), title: null, summary: null, actor: null, link: null, facts: {}, restricted: false, ...fields },
  };
}

const restricted = (event: TimelineEvent, kind: TimelineKind, atKeyText: string, id: number) => entry(event, kind, atKeyText, id, { restricted: true });

async function tickets(a: SourceArgs, event: 'ticket_created' | 'ticket_resolved'): Promise<KeyedEntry[]> {
  const timeColumn = event === 'ticket_created' ? 't.created_at' : 't.resolved_at';
  const actorColumn = event === 'ticket_created' ? 't.created_by' : 't.assignee_id';
  let query = a.db
    .selectFrom('tickets as t')
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 't.tenant_id').onRef('u.id', '=', actorColumn))
    .where('t.tenant_id', '=', a.actor.tenantId)
    .where('t.customer_id', '=', a.customerId)
    .where(after(event, timeColumn, 't.id', a.cursor))
    .select(['t.id', 't.number', 't.subject', 't.status', 't.type_key', 't.channel', 't.priority', 't.created_by', 't.responsible_id', 't.assignee_id', 'u.id as user_id', 'u.display_name'])
    .select(atKey(timeColumn).as('at_key'));
  if (event === 'ticket_resolved') query = query.where('t.resolved_at', 'is not', null);
  const rows = await query.orderBy(timeColumn === 't.created_at' ? 't.created_at' : 't.resolved_at', 'desc').orderBy('t.id', 'desc').limit(a.take).execute();
  return rows.map((r) => {
    if (!canReadTicket(a.actor, r)) return restricted(event, 'ticket', r.at_key, r.id);
    return entry(event, 'ticket', r.at_key, r.id, {
      title: r.subject,
      summary: r.number,
      actor: ref(r.user_id, r.display_name),
      link: { type: 'ticket', id: r.id, path: `/tickets/${r.id}` },
      facts: { number: r.number, status: r.status, type: r.type_key, channel: r.channel, priority: r.priority },
    });
  });
}

async function complaints(a: SourceArgs): Promise<KeyedEntry[]> {
  const rows = await a.db
    .selectFrom('complaint_cases as cc')
    .innerJoin('tickets as t', (j) => j.onRef('t.tenant_id', '=', 'cc.tenant_id').onRef('t.id', '=', 'cc.ticket_id'))
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'cc.tenant_id').onRef('u.id', '=', 'cc.created_by'))
    .where('cc.tenant_id', '=', a.actor.tenantId)
    .where('t.customer_id', '=', a.customerId)
    .where(after('complaint_opened', 'cc.created_at', 'cc.ticket_id', a.cursor))
    .select(['cc.ticket_id', 't.number', 't.subject', 'cc.grade', 'cc.category', 'cc.step', 'cc.justified', 'cc.closed_at', 'u.id as user_id', 'u.display_name'])
    .select(atKey('cc.created_at').as('at_key'))
    .orderBy('cc.created_at', 'desc').orderBy('cc.ticket_id', 'desc').limit(a.take).execute();
  return rows.map((r) => entry('complaint_opened', 'complaint', r.at_key, r.ticket_id, {
    title: r.subject,
    summary: r.number,
    actor: ref(r.user_id, r.display_name),
    link: { type: 'complaint', id: r.ticket_id, path: `/tickets/${r.ticket_id}` },
    facts: { number: r.number, grade: r.grade, category: r.category, step: r.step, justified: r.justified, closed: r.closed_at !== null },
  }));
}

async function calls(a: SourceArgs): Promise<KeyedEntry[]> {
  const rows = await a.db
    .selectFrom('calls as c')
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'c.tenant_id').onRef('u.id', '=', 'c.agent_id'))
    .where('c.tenant_id', '=', a.actor.tenantId)
    .where('c.customer_id', '=', a.customerId)
    .where(after('call', 'c.started_at', 'c.id', a.cursor))
    .select(['c.id', 'c.direction', 'c.result', 'c.queue', 'c.talk_seconds', 'c.wait_seconds', 'c.agent_id', 'u.id as user_id', 'u.display_name'])
    .select(atKey('c.started_at').as('at_key'))
    .orderBy('c.started_at', 'desc').orderBy('c.id', 'desc').limit(a.take).execute();
  return rows.map((r) => {
    // An agent who reads only their own calls sees that the customer called, not who took it or how long.
    if (a.access.callsOf !== undefined && r.agent_id !== a.access.callsOf) return restricted('call', 'call', r.at_key, r.id);
    return entry('call', 'call', r.at_key, r.id, {
      title: r.queue,
      actor: ref(r.user_id, r.display_name),
      facts: { direction: r.direction ?? 'in', result: r.result, talkSeconds: r.talk_seconds, waitSeconds: r.wait_seconds },
    });
  });
}

async function followUps(a: SourceArgs): Promise<KeyedEntry[]> {
  const rows = await a.db
    .selectFrom('grading_follow_ups as f')
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'f.tenant_id').onRef('u.id', '=', 'f.user_id'))
    .where('f.tenant_id', '=', a.actor.tenantId)
    .where('f.customer_id', '=', a.customerId)
    .where(after('follow_up', 'f.at', 'f.id', a.cursor))
    .select(['f.id', 'f.channel', 'f.summary', 'f.grade_before', 'f.grade_after', 'f.next_follow_up_on', 'u.id as user_id', 'u.display_name'])
    .select(atKey('f.at').as('at_key'))
    .orderBy('f.at', 'desc').orderBy('f.id', 'desc').limit(a.take).execute();
  return rows.map((r) => entry('follow_up', 'follow_up', r.at_key, r.id, {
    summary: r.summary,
    actor: ref(r.user_id, r.display_name),
    facts: { channel: r.channel, gradeBefore: r.grade_before, gradeAfter: r.grade_after, nextFollowUpOn: String(r.next_follow_up_on).slice(0, 10) },
  }));
}

async function purchases(a: SourceArgs): Promise<KeyedEntry[]> {
  const rows = await a.db
    .selectFrom('grading_purchases as p')
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.created_by'))
    .where('p.tenant_id', '=', a.actor.tenantId)
    .where('p.customer_id', '=', a.customerId)
    .where(after('purchase', 'p.purchased_at', 'p.id', a.cursor))
    .select(['p.id', 'p.item', 'p.amount', 'u.id as user_id', 'u.display_name'])
    .select(atKey('p.purchased_at').as('at_key'))
    .orderBy('p.purchased_at', 'desc').orderBy('p.id', 'desc').limit(a.take).execute();
  return rows.map((r) => entry('purchase', 'purchase', r.at_key, r.id, {
    title: r.item,
    actor: ref(r.user_id, r.display_name),
    facts: { amount: Number(r.amount) },
  }));
}

/**
 * A customer has a handful of contracts: all of them are read through contracts_customer and their events
 * (signed or renewed on the start date, ending on the end date once within the reminder window) made here.
 */
async function contracts(a: SourceArgs): Promise<KeyedEntry[]> {
  const dayStart = (column: string) => sql<string>`to_char((${sql.ref(column)}::timestamp at time zone ${a.timeZone}) at time zone 'UTC', ${AT_FORMAT})`;
  const rows = await a.db
    .selectFrom('contracts as c')
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'c.tenant_id').onRef('u.id', '=', 'c.owner_id'))
    .where('c.tenant_id', '=', a.actor.tenantId)
    .where('c.customer_id', '=', a.customerId)
    .where('c.status', '!=', 'draft')
    .select(['c.id', 'c.number', 'c.title', 'c.status', 'c.kind', 'c.renewed_from_id', 'c.reminder_days', 'c.amount_fen', 'u.id as user_id', 'u.display_name'])
    .select([sql<string>`c.start_date::text`.as('start_date'), sql<string>`c.end_date::text`.as('end_date'), dayStart('c.start_date').as('start_key'), dayStart('c.end_date').as('end_key')])
    .limit(1000)
    .execute();
  const out: KeyedEntry[] = [];
  for (const r of rows) {
    const fields = {
      title: r.title,
      summary: r.number,
      actor: ref(r.user_id, r.display_name),
      link: { type: 'contract' as const, id: r.id, path: `/contracts?q=${encodeURIComponent(r.number)}` },
      facts: { number: r.number, status: r.status, kind: r.kind, startDate: r.start_date, endDate: r.end_date, amountFen: r.amount_fen },
    };
    const started: TimelineEvent = r.renewed_from_id !== null ? 'contract_renewed' : 'contract_signed';
    out.push(entry(started, 'contract', r.start_key, r.id, fields));
    const ending = r.end_date <= addDays(a.today, r.reminder_days) && r.status !== 'renewed' && r.status !== 'terminated';
    if (ending) out.push(entry('contract_ending', 'contract', r.end_key, r.id, fields));
  }
  const key = (k: KeyedEntry) => ({ atKey: k.atKey, rank: eventRank(k.entry.event), id: k.id });
  return out.filter((k) => isAfterCursor(key(k), a.cursor)).sort((x, y) => compareKeyed(key(x), key(y))).slice(0, a.take);
}

async function callbacks(a: SourceArgs): Promise<KeyedEntry[]> {
  const rows = await a.db
    .selectFrom('callback_items as i')
    .innerJoin('callback_campaigns as cc', (j) => j.onRef('cc.tenant_id', '=', 'i.tenant_id').onRef('cc.id', '=', 'i.campaign_id'))
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'i.tenant_id').onRef('u.id', '=', 'i.assignee_id'))
    .where('i.tenant_id', '=', a.actor.tenantId)
    .where('i.customer_id', '=', a.customerId)
    .where('i.last_attempt_at', 'is not', null)
    .where(after('callback', 'i.last_attempt_at', 'i.id', a.cursor))
    .select(['i.id', 'i.status', 'i.satisfaction', 'i.rating', 'i.attempts', 'i.note', 'i.ticket_id', 'cc.name as campaign', 'u.id as user_id', 'u.display_name'])
    .select(atKey('i.last_attempt_at').as('at_key'))
    .orderBy('i.last_attempt_at', 'desc').orderBy('i.id', 'desc').limit(a.take).execute();
  return rows.map((r) => entry('callback', 'callback', r.at_key, r.id, {
    title: r.campaign,
    summary: r.note,
    actor: ref(r.user_id, r.display_name),
    link: r.ticket_id !== null ? { type: 'ticket', id: r.ticket_id, path: `/tickets/${r.ticket_id}` } : { type: 'callback', id: r.id, path: '/callbacks' },
    facts: { status: r.status, satisfaction: r.satisfaction, rating: r.rating, attempts: r.attempts },
  }));
}

async function surveys(a: SourceArgs): Promise<KeyedEntry[]> {
  const rows = await a.db
    .selectFrom('surveys as s')
    .where('s.tenant_id', '=', a.actor.tenantId)
    .where('s.customer_id', '=', a.customerId)
    .where('s.answered_at', 'is not', null)
    .where(after('survey', 's.answered_at', 's.id', a.cursor))
    .select(['s.id', 's.trigger', 's.channel', 's.satisfaction', 's.rating', 's.ticket_id'])
    .select(atKey('s.answered_at').as('at_key'))
    .orderBy('s.answered_at', 'desc').orderBy('s.id', 'desc').limit(a.take).execute();
  return rows.map((r) => entry('survey', 'survey', r.at_key, r.id, {
    link: r.ticket_id !== null ? { type: 'ticket', id: r.ticket_id, path: `/tickets/${r.ticket_id}` } : null,
    facts: { trigger: r.trigger, channel: r.channel, satisfaction: r.satisfaction, rating: r.rating },
  }));
}

async function contacts(a: SourceArgs): Promise<KeyedEntry[]> {
  const rows = await a.db
    .selectFrom('customer_contacts as k')
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'k.tenant_id').onRef('u.id', '=', 'k.created_by'))
    .where('k.tenant_id', '=', a.actor.tenantId)
    .where('k.customer_id', '=', a.customerId)
    .where(after('contact', 'k.at', 'k.id', a.cursor))
    .select(['k.id', 'k.channel', 'k.direction', 'k.summary', 'k.person', 'k.created_at', 'u.id as user_id', 'u.display_name'])
    .select(atKey('k.at').as('at_key'))
    .orderBy('k.at', 'desc').orderBy('k.id', 'desc').limit(a.take).execute();
  return rows.map((r) => entry('contact', 'contact', r.at_key, r.id, {
    title: r.person,
    summary: r.summary,
    actor: ref(r.user_id, r.display_name),
    facts: { channel: r.channel, direction: r.direction, recordedAt: toIsoRequired(r.created_at) },
  }));
}

/** Every source by the kind it is filtered by; `readable` says whether the caller may see the kind at all. */
export const TIMELINE_SOURCES: { kind: TimelineKind; load: (a: SourceArgs) => Promise<KeyedEntry[]> }[] = [
  { kind: 'ticket', load: (a) => tickets(a, 'ticket_created') },
  { kind: 'ticket', load: (a) => tickets(a, 'ticket_resolved') },
  { kind: 'complaint', load: complaints },
  { kind: 'call', load: calls },
  { kind: 'follow_up', load: followUps },
  { kind: 'purchase', load: purchases },
  { kind: 'contract', load: contracts },
  { kind: 'callback', load: callbacks },
  { kind: 'survey', load: surveys },
  { kind: 'contact', load: contacts },
];
