import { sql, type Kysely } from 'kysely';

// The agents whose phones rang for an inbound call (the users its newCall events named), kept on the call so that
// the answer and hangup events tell them how it went with no second query per batch of events: that lookup in
// call_events was about a third of the database time of CTI ingestion (bench/cti-ingest.ts, session 6).
// Calls ringing at the moment of the upgrade start with none: their pops close when the agents' pages reload.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table calls add column if not exists rung_user_ids int[] not null default '{}'`.execute(db);
}
