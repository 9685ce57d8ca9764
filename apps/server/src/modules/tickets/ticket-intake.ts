import { CompiledQuery, type Kysely, type Selectable } from 'kysely';
import type { DB, NewTicketRow } from '../../db/schema.js';
import { jsonbText } from '../../db/jsonb-text.js';
import { preparedStatement } from '../../db/prepared-statements.js';
import { createGroupCommit, type GroupCommit } from '../../lib/group-commit.js';
import type { Actor } from '../../lib/actor.js';
import type { NewTicketSla } from '../sla/ticket-sla.service.js';

/** What the intake answers: the order's own columns (names of people and the SLA state are added by the caller). */
const RETURNED = [
  'id', 'number', 'type_key', 'subject', 'description', 'status', 'priority', 'channel',
  'customer_id', 'contact_name', 'contact_phone', 'event_time', 'event_place', 'event_person',
  'responsible_id', 'assignee_id', 'team_id', 'skill_group_id', 'department_id', 'transfer_due_at',
  'callback_pending', 'answered_on_spot', 'tags', 'custom', 'merged_into_id', 'process', 'created_by',
  'created_at', 'updated_at', 'resolved_at', 'closed_at', 'reopen_count', 'version',
] as const;

/** The SLA clock's columns the intake writes (started_at is the order's created_at). */
const SLA_COLUMNS: ReadonlyArray<keyof NewTicketSla> = [
  'policy_id', 'policy_name', 'calendar', 'time_basis', 'first_reply_minutes', 'update_minutes', 'resolution_minutes', 'escalation',
  'first_reply_at', 'last_update_at', 'resolved_at', 'first_reply_due_at', 'next_update_due_at', 'resolution_due_at', 'next_escalation_at',
];

/** What a column not given to the intake holds afterwards: its default in migration 0001 (id and number come from the database). */
const DEFAULTS: Partial<Record<(typeof RETURNED)[number], unknown>> = {
  description: '', callback_pending: false, answered_on_spot: false, tags: [], custom: {}, reopen_count: 0, version: 1,
};
/** Made by the database: always read back; the two timestamps only when not given (their default is now()). */
const GENERATED = new Set<string>(['id', 'number']);
const NOW_DEFAULTS = new Set<string>(['created_at', 'updated_at']);
const JSONB = new Set<string>(['custom', 'process']);

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const statements = new Map<string, string>();

/** One order to insert: its columns (all items of one statement give the same set), search text, audit detail and SLA clock. */
export interface IntakeItem {
  actor: Actor;
  /** The order's columns except its search vector, which is built from `searchText`. */
  values: Omit<NewTicketRow, 'search_vector'>;
  searchText: string;
  detail: Record<string, unknown>;
  sla: NewTicketSla | null;
}

/** The columns an item gives (undefined ones take the column's default); items with the same key share a statement. */
export const intakeColumns = (values: IntakeItem['values']) => Object.keys(values).filter((c) => values[c as keyof typeof values] !== undefined);

/**
 * The statement for one set of order columns, inserting any number of orders given as ONE jsonb array parameter:
 * each order (its search vector from `_s`), its SLA clock when it has one (`_sla`) and its audit row (`_a` actor,
 * `_d` detail, `_ip`). Ids are drawn before the insert so each answer row maps back to its element (`n`) whatever
 * order the insert returns rows in. Kept as text per column set and prepared: PostgreSQL parses and plans it once
 * per connection, and many orders in one statement cost it less than half as much each as one per statement
 * (pgbench, bench/RESULTS.md).
 */
export function intakeStatement(columns: readonly string[]): string {
  const key = columns.join(',');
  const cached = statements.get(key);
  if (cached) return cached;
  for (const c of columns) if (!IDENTIFIER.test(c)) throw new Error(`not a column name: ${c}`);
  const madeHere = RETURNED.filter((c) => GENERATED.has(c) || (NOW_DEFAULTS.has(c) && !columns.includes(c)));
  const text = [
    `with e as materialized (select x.n, x.doc, nextval('tickets_id_seq') as id from jsonb_array_elements($1::jsonb) with ordinality as x(doc, n)),`,
    `t as (insert into tickets (id, ${columns.join(', ')}, search_vector)`,
    `  select e.id, ${columns.map((c) => `r.${c}`).join(', ')}, to_tsvector('simple', e.doc->>'_s')`,
    `  from e cross join lateral jsonb_populate_record(null::tickets, e.doc) as r order by e.n`,
    `  returning ${[...new Set(['tenant_id', 'id', 'created_at', ...madeHere])].join(', ')}),`,
    `s as (insert into ticket_sla (tenant_id, ticket_id, started_at, ${SLA_COLUMNS.join(', ')})`,
    `  select t.tenant_id, t.id, t.created_at, ${SLA_COLUMNS.map((c) => `r.${c}`).join(', ')}`,
    `  from t join e on e.id = t.id cross join lateral jsonb_populate_record(null::ticket_sla, e.doc->'_sla') as r where e.doc ? '_sla'),`,
    `a as (insert into audit_log (tenant_id, actor_id, action, entity, entity_id, detail, ip)`,
    `  select t.tenant_id, (e.doc->>'_a')::bigint, 'ticket.created', 'ticket', t.id, jsonb_build_object('number', t.number) || (e.doc->'_d'), e.doc->>'_ip'`,
    `  from t join e on e.id = t.id)`,
    // Only what the database made up; the rest of the row is what was inserted (fewer columns to send and parse).
    `select e.n, ${madeHere.map((c) => `t.${c}`).join(', ')} from t join e on e.id = t.id`,
  ].join('\n');
  statements.set(key, text);
  return text;
}

export type IntakeRow = Pick<Selectable<DB['tickets']>, (typeof RETURNED)[number]>;

const asJson = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);

/** An item as the statement's jsonb element: jsonb columns as JSON (not as strings holding JSON), dates as ISO text. */
function documentOf({ actor, values, searchText, detail, sla }: IntakeItem): Record<string, unknown> {
  const doc: Record<string, unknown> = Object.assign({ _s: searchText, _a: actor.userId || null, _d: detail, _ip: actor.ip }, values);
  for (const c of JSONB) if (doc[c] !== undefined) doc[c] = asJson(doc[c]);
  if (sla !== null) doc._sla = Object.assign({}, sla, { calendar: asJson(sla.calendar), escalation: asJson(sla.escalation) });
  return doc;
}

/**
 * Inserts orders that give the same columns (intakeColumns), each with its `ticket.created` audit row and its SLA
 * clock, in one statement; answers them in the order given.
 */
export async function insertTicketsWithAudit(db: Kysely<DB>, items: readonly IntakeItem[]): Promise<IntakeRow[]> {
  const columns = intakeColumns(items[0]!.values);
  const { rows } = await db.executeQuery<Partial<IntakeRow> & { n: string | number }>(
    CompiledQuery.raw(preparedStatement(intakeStatement(columns)), [jsonbText(items.map(documentOf))]),
  );
  const made = new Map(rows.map(({ n, ...r }) => [Number(n), r]));
  return items.map((item, i) => {
    const row: Record<string, unknown> = {};
    const given = item.values as Record<string, unknown>;
    for (const column of RETURNED) {
      const value = given[column];
      row[column] = value === undefined ? (DEFAULTS[column] ?? null) : JSONB.has(column) ? asJson(value) : value;
    }
    return Object.assign(row, made.get(i + 1)) as IntakeRow;
  });
}

/** One order, its audit row and SLA clock in one statement (inside a transaction, or when nothing is to be batched). */
export async function insertTicketWithAudit(db: Kysely<DB>, actor: Actor, values: IntakeItem['values'], searchText: string, detail: Record<string, unknown>, sla: NewTicketSla | null = null) {
  return (await insertTicketsWithAudit(db, [{ actor, values, searchText, detail, sla }]))[0]!;
}

const batchers = new WeakMap<Kysely<DB>, GroupCommit<IntakeItem, IntakeRow>>();

/**
 * Inserts an order outside any transaction, sharing one statement with the orders other requests create at the
 * same moment (group commit): under load, one statement per many orders instead of one each. Answers once committed.
 */
export function submitTicketIntake(db: Kysely<DB>, item: IntakeItem): Promise<IntakeRow> {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = createGroupCommit({ write: (items) => insertTicketsWithAudit(db, items), keyOf: (i) => intakeColumns(i.values).join(','), maxBatch: 64, concurrency: 2 });
    batchers.set(db, batcher);
  }
  return batcher.submit(item);
}
