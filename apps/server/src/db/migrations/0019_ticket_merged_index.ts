import { sql, type Kysely } from 'kysely';

// The order page lists the orders merged into it; without this index that was a scan of every order
// (25 ms at 27,000 orders, far worse at a million).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists tickets_merged_into on tickets (tenant_id, merged_into_id) where merged_into_id is not null`.execute(db);
  // GIN's fast-update list makes one insert in a few thousand merge the whole pending list: a 100+ ms stall at the
  // tail of work-order creation. Inserting into the index directly costs each insert a little and no one a lot.
  await sql`alter index tickets_search set (fastupdate = off)`.execute(db);
  await sql`alter index tickets_tags set (fastupdate = off)`.execute(db);
}
