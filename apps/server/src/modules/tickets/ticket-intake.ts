import { CompiledQuery, type Kysely, type Selectable } from 'kysely';
import type { DB, NewTicketRow } from '../../db/schema.js';
import { preparedStatement } from '../../db/prepared-statements.js';
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

const SLA_COLUMNS: ReadonlyArray<readonly [keyof NewTicketSla, string]> = [
  ['policy_id', 'bigint'], ['policy_name', 'text'], ['calendar', 'jsonb'], ['time_basis', 'text'],
  ['first_reply_minutes', 'int'], ['update_minutes', 'int'], ['resolution_minutes', 'int'], ['escalation', 'jsonb'],
  ['first_reply_at', 'timestamptz'], ['last_update_at', 'timestamptz'], ['resolved_at', 'timestamptz'],
  ['first_reply_due_at', 'timestamptz'], ['next_update_due_at', 'timestamptz'], ['resolution_due_at', 'timestamptz'],
  ['next_escalation_at', 'timestamptz'],
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

/**
 * The statement for one set of order columns: the order (its search vector from the last parameter), its SLA
 * clock when a policy applies (`$n::boolean` switches it off) and the audit row, in one round trip.
 * Written as SQL text and kept per column set instead of built with Kysely on every request: building and
 * compiling the three-part statement was a sixth of the server's CPU per created order (bench/create-cost.ts).
 */
export function intakeStatement(columns: readonly string[]): string {
  const key = columns.join(',');
  const cached = statements.get(key);
  if (cached) return cached;
  for (const c of columns) if (!IDENTIFIER.test(c)) throw new Error(`not a column name: ${c}`);
  let n = 0;
  const p = () => `$${++n}`;
  const orderValues = columns.map(p);
  const searchText = p();
  const slaValues = SLA_COLUMNS.map(([name, type]) => `${p()}::${type} as ${name}`);
  const withSla = p();
  const [actorId, detail, ip] = [p(), p(), p()];
  const text = [
    `with t as (insert into tickets (${columns.join(', ')}, search_vector) values (${orderValues.join(', ')}, to_tsvector('simple', ${searchText})) returning tenant_id, id, number, created_at, updated_at),`,
    `s as (insert into ticket_sla (tenant_id, ticket_id, started_at, ${SLA_COLUMNS.map(([c]) => c).join(', ')})`,
    `  select t.tenant_id, t.id, t.created_at, ${slaValues.join(', ')} from t where ${withSla}::boolean),`,
    `a as (insert into audit_log (tenant_id, actor_id, action, entity, entity_id, detail, ip)`,
    `  select t.tenant_id, ${actorId}::bigint, 'ticket.created', 'ticket', t.id, jsonb_build_object('number', t.number) || ${detail}::jsonb, ${ip}::text from t)`,
    // Only what the database made up; the rest of the row is what was inserted (fewer columns to send and parse).
    `select ${RETURNED.filter((c) => GENERATED.has(c) || (NOW_DEFAULTS.has(c) && !columns.includes(c))).map((c) => `t.${c}`).join(', ')} from t`,
  ].join('\n');
  statements.set(key, text);
  return text;
}

export type IntakeRow = Pick<Selectable<DB['tickets']>, (typeof RETURNED)[number]>;

/**
 * Inserts an order, its `ticket.created` audit row and its SLA clock (when a policy applies) in one statement.
 * `values` are the order's columns except its search vector, which is built from `searchText`.
 */
export async function insertTicketWithAudit(
  db: Kysely<DB>,
  actor: Actor,
  values: Omit<NewTicketRow, 'search_vector'>,
  searchText: string,
  detail: Record<string, unknown>,
  sla: NewTicketSla | null = null,
) {
  const columns = Object.keys(values).filter((c) => values[c as keyof typeof values] !== undefined);
  const parameters: unknown[] = columns.map((c) => values[c as keyof typeof values]);
  parameters.push(searchText);
  for (const [name] of SLA_COLUMNS) parameters.push(sla?.[name] ?? null);
  parameters.push(sla !== null, actor.userId || null, JSON.stringify(detail), actor.ip);
  const { rows } = await db.executeQuery<Partial<IntakeRow>>(CompiledQuery.raw(preparedStatement(intakeStatement(columns)), parameters));
  const row: Record<string, unknown> = {};
  const given = values as Record<string, unknown>;
  for (const column of RETURNED) {
    const value = given[column];
    row[column] = value === undefined ? (DEFAULTS[column] ?? null) : JSONB.has(column) && typeof value === 'string' ? JSON.parse(value) : value;
  }
  return { ...row, ...rows[0]! } as IntakeRow;
}
