import { sql, type Kysely } from 'kysely';

// The wallboard asks for the calls waiting now on every refresh; without this it scanned a day of calls.
const statements = [
  `create index calls_waiting on calls (tenant_id, started_at) where direction = 'in' and answered_at is null and ended_at is null and not blocked`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
