import { sql, type Kysely } from 'kysely';

// The monthly complaint analyses: one stored snapshot per tenant and month, so the figures a manager reported on
// the 5th stay what they were; "regenerate" replaces it explicitly.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table complaint_reports (
    tenant_id int not null references tenants(id),
    month text not null,
    generated_at timestamptz not null default now(),
    due_by date not null,
    data jsonb not null,
    primary key (tenant_id, month))`.execute(db);
}
