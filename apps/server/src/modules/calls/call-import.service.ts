import { sql, type Kysely } from 'kysely';
import { translateWord } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError } from '../../lib/app-error.js';
import { writeAudit } from '../audit/audit.service.js';
import { pickAgent } from './agent-directory.js';
import { invalidateStatsDays } from './call-stats.repo.js';
import { decodeCsv, parseCsv, readImportRows, type ImportError, type ImportRow } from './call-import.js';
import { encryptCallNumbers } from '../pii/call-numbers.js';
import { normalizedPhoneKeys } from '../pii/pii-fields.js';
import { externalNumber, normalizedOrNull } from './cti-events.js';

const CHUNK = 1000;

function fail(actor: Actor, errors: ImportError[]): never {
  throw new AppError('VALIDATION', { detail: 'import_rows_invalid' }, {
    errors: errors.map((e) => Object.assign({}, e, { message: `${translateWord(actor.locale, e.code)}${e.column ? ` (${e.column})` : ''}` })),
  });
}

/** The agents a CSV names, resolved like CTI `user` values (extension, 工号, username, name, id). */
async function resolveAgents(db: Kysely<DB>, tenantId: number, names: string[]): Promise<Map<string, number | null>> {
  if (names.length === 0) return new Map();
  const users = await db.selectFrom('users').select(['id', 'extension', 'employee_no', 'username', 'display_name']).where('tenant_id', '=', tenantId).where('active', '=', true).execute();
  return new Map(names.map((n) => [n, pickAgent(users, n)]));
}

/**
 * Imports call records from a CSV file (see CALL_IMPORT_COLUMNS): all rows or none. Every invalid row is reported
 * (400 with details.errors: line, column, reason); a callId that already exists is an error, not an update.
 */
export async function importCalls({ db, actor, bytes }: { db: Kysely<DB>; actor: Actor; bytes: Uint8Array }): Promise<{ imported: number }> {
  if (!can(actor, 'calls.admin')) throw new AppError('FORBIDDEN');
  const tenant = await db.selectFrom('tenants').select('timezone').where('id', '=', actor.tenantId).executeTakeFirstOrThrow();
  const { rows, errors } = readImportRows(parseCsv(decodeCsv(bytes)), tenant.timezone);
  const agents = await resolveAgents(db, actor.tenantId, [...new Set(rows.map((r) => r.agent).filter((a): a is string => a !== null))]);
  for (const row of rows) if (row.agent !== null && agents.get(row.agent) === null) errors.push({ row: row.line, column: 'agent', code: 'import_unknown_agent' });
  if (errors.length) fail(actor, errors);

  return db.transaction().execute(async (trx) => {
    let imported = 0;
    const clashes: ImportError[] = [];
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const inserted = await insertChunk(trx, actor.tenantId, chunk, agents);
      imported += inserted.size;
      for (const row of chunk) if (!inserted.has(row.callId)) clashes.push({ row: row.line, column: 'callId', code: 'import_duplicate_call' });
    }
    // Throwing rolls the whole import back.
    if (clashes.length) fail(actor, clashes.slice(0, 200));
    const started = rows.map((r) => r.startedAt.getTime());
    const first = started.reduce((a, b) => Math.min(a, b));
    const last = started.reduce((a, b) => Math.max(a, b));
    await invalidateStatsDays(trx, actor.tenantId, new Date(first), new Date(last));
    await writeAudit(trx, actor, { action: 'calls.imported', entity: 'call', detail: { rows: imported } });
    return { imported };
  });
}

async function insertChunk(db: Kysely<DB>, tenantId: number, rows: ImportRow[], agents: Map<string, number | null>): Promise<Set<string>> {
  const col = <T>(pick: (r: ImportRow) => T) => rows.map(pick);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const cause = (r: ImportRow) => r.hangupCause ?? (r.endedAt === null ? null : r.answeredAt ? 'normalClearing' : 'cancel');
  const last = (r: ImportRow) => (r.endedAt ? 'hangup' : r.answeredAt ? 'answer' : r.queuedAt ? 'queueEnter' : 'newCall');
  const lastAt = (r: ImportRow) => r.endedAt ?? r.answeredAt ?? r.queuedAt ?? r.startedAt;
  // Customer phones are matched by their blind index (current and, during a key rotation, previous).
  const callerKeys = rows.map((r) => normalizedPhoneKeys(normalizedOrNull(externalNumber({ from: r.from ?? undefined, to: r.to ?? undefined }, r.direction))));
  // The external party's number is stored encrypted (migration 0018), in the call and in the raw row kept as its event.
  const numbers = rows.map((r) => encryptCallNumbers(r.direction, r.from, r.to));
  const raw = rows.map((r, n) => {
    const copy: Record<string, string | null> = { ...r.raw };
    if (copy.from !== undefined) copy.from = numbers[n]!.from_number;
    if (copy.to !== undefined) copy.to = numbers[n]!.to_number;
    return JSON.stringify(copy);
  });
  const result = await sql<{ call_id: string }>`
    with i as (
      select * from unnest(
        ${col((r) => r.callId)}::text[], ${col((r) => r.direction)}::text[], ${numbers.map((n) => n.from_number)}::text[], ${numbers.map((n) => n.to_number)}::text[],
        ${numbers.map((n) => n.from_number_enc)}::text[], ${numbers.map((n) => n.to_number_enc)}::text[],
        ${col((r) => r.queue)}::text[], ${col((r) => (r.agent === null ? null : agents.get(r.agent) ?? null))}::bigint[],
        ${col((r) => iso(r.startedAt))}::timestamptz[], ${col((r) => iso(r.queuedAt))}::timestamptz[], ${col((r) => iso(r.answeredAt))}::timestamptz[],
        ${col((r) => iso(r.endedAt))}::timestamptz[], ${col(cause)}::text[], ${col((r) => r.holdSeconds)}::int[], ${col((r) => r.acwSeconds)}::int[],
        ${col((r) => r.recordingUrl)}::text[], ${col(last)}::text[], ${col((r) => iso(lastAt(r)))}::timestamptz[], ${raw}::text[],
        ${callerKeys.map((k) => k[0])}::text[], ${callerKeys.map((k) => k[1])}::text[]
      ) as i(call_id, direction, from_number, to_number, from_number_enc, to_number_enc, queue, agent_id, started_at, queued_at, answered_at, ended_at,
             hangup_cause, hold_seconds, acw_seconds, recording_url, last_event, last_event_at, raw, caller_bidx, caller_bidx_prev)
    ),
    ins as (
      insert into calls (tenant_id, call_id, direction, from_number, to_number, from_number_enc, to_number_enc, caller_bidx, queue, agent_id, customer_id,
        started_at, queued_at, answered_at, ended_at, hangup_cause, hold_sum, hold_count, unhold_sum, unhold_count,
        recording_url, acw_ended_at, last_event, last_event_at)
      select ${tenantId}, i.call_id, i.direction, i.from_number, i.to_number, i.from_number_enc, i.to_number_enc, i.caller_bidx, i.queue, i.agent_id,
        (select p.customer_id from customer_phones p where p.tenant_id = ${tenantId} and p.phone_bidx in (i.caller_bidx, i.caller_bidx_prev) order by p.customer_id limit 1),
        i.started_at, i.queued_at, i.answered_at, i.ended_at, i.hangup_cause,
        -- A recorded hold total is one hold from 0 to holdSeconds: the generated hold_seconds comes out as given.
        0, case when i.hold_seconds > 0 then 1 else 0 end, i.hold_seconds, case when i.hold_seconds > 0 then 1 else 0 end,
        i.recording_url, case when i.answered_at is not null and i.ended_at is not null then i.ended_at + i.acw_seconds * interval '1 second' end,
        i.last_event, i.last_event_at
      from i
      on conflict (tenant_id, call_id) do nothing
      returning call_id
    ),
    ev as (
      insert into call_events (tenant_id, call_id, event, at, data)
      select ${tenantId}, i.call_id, 'import', i.started_at, i.raw::jsonb from i join ins on ins.call_id = i.call_id
      on conflict do nothing
    )
    select call_id from ins`.execute(db);
  return new Set(result.rows.map((r) => r.call_id));
}
