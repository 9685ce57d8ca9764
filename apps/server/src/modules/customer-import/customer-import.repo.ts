import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** The blind indexes among `keys` that a customer phone of the tenant already carries. */
export async function existingPhoneKeys(db: Kysely<DB>, tenantId: number, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await sql<{ phone_bidx: string }>`
    select distinct phone_bidx from customer_phones where tenant_id = ${tenantId} and phone_bidx = any(${[...keys]}::text[])`.execute(db);
  return new Set(rows.rows.map((r) => r.phone_bidx));
}

export async function tenantHasPhones(db: Kysely<DB>, tenantId: number): Promise<boolean> {
  const row = await db.selectFrom('customer_phones').select('id').where('tenant_id', '=', tenantId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Organizations of the tenant by exact name (the oldest one when two share a name). */
export async function organizationsByName(db: Kysely<DB>, tenantId: number, names: readonly string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (let i = 0; i < names.length; i += 5000) {
    const rows = await sql<{ name: string; id: number }>`
      select name, min(id)::bigint as id from customers
      where tenant_id = ${tenantId} and kind = 'organization' and name = any(${names.slice(i, i + 5000)}::text[])
      group by name`.execute(db);
    for (const r of rows.rows) found.set(r.name, Number(r.id));
  }
  return found;
}

/** Sets organization_id of imported members in bulk. */
export async function linkMembers(db: Kysely<DB>, tenantId: number, memberIds: readonly number[], organizationIds: readonly number[]): Promise<void> {
  for (let i = 0; i < memberIds.length; i += 10_000) {
    await sql`
      update customers c set organization_id = u.org
      from unnest(${memberIds.slice(i, i + 10_000)}::bigint[], ${organizationIds.slice(i, i + 10_000)}::bigint[]) as u(id, org)
      where c.tenant_id = ${tenantId} and c.id = u.id`.execute(db);
  }
}

// pg_advisory_xact_lock(IMPORT_LOCK, tenant): one customer import per tenant at a time, so two files carrying the
// same phone cannot both pass the "already belongs to a customer" check.
const IMPORT_LOCK = 440_203;

export async function lockTenantImports(db: Kysely<DB>, tenantId: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(${IMPORT_LOCK}, ${tenantId})`.execute(db);
}
