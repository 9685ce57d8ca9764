import { sql, type Kysely } from 'kysely';

// The two busiest writes (work-order intake, CTI events) checked their tenant on every row: a FOR KEY SHARE lock
// on the one tenants row that every concurrent transaction shares (a MultiXact per burst), the costliest of their
// foreign-key checks (auto_explain: 12–80 µs per calls row). Tenants are never deleted, and every other reference of
// these rows is a (tenant_id, id) foreign key that keeps them inside their tenant.
// (tickets_unassigned stays: the run without it measured the leader's list at p95 97 ms instead of 19 ms at 1M orders,
// not yet explained — bench/run-foundation.ts, session 4.)
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table calls drop constraint if exists calls_tenant_id_fkey`.execute(db);
  await sql`alter table tickets drop constraint if exists tickets_tenant_id_fkey`.execute(db);
}
