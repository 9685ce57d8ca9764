import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toTsQuery } from '../../lib/search-text.js';

export function customerColumns(db: Kysely<DB>, tenantId: number) {
  return db
    .selectFrom('customers as c')
    .leftJoin('customers as o', (j) => j.onRef('o.tenant_id', '=', 'c.tenant_id').onRef('o.id', '=', 'c.organization_id'))
    .where('c.tenant_id', '=', tenantId)
    .select([
      'c.id', 'c.kind', 'c.name', 'c.email', 'c.address', 'c.address_masked', 'c.id_card_masked', 'c.grade', 'c.notes', 'c.tags', 'c.organization_id',
      'c.created_at', 'c.updated_at', 'c.version', 'c.merged_into_id', 'o.name as organization_name',
      // The phones come along as JSON: one round trip per lookup, which screen pop depends on. `number` is the
      // masked copy (the full number is only in phone_enc), so nothing readable leaves the table here.
      sql<PhoneRow[]>`coalesce((select json_agg(json_build_object('id', p.id, 'number', p.number, 'label', p.label) order by p.id)
        from customer_phones p where p.tenant_id = c.tenant_id and p.customer_id = c.id), '[]')`.as('phones'),
    ]);
}

export interface PhoneRow {
  id: number;
  number: string;
  label: string | null;
}

export type CustomerViewRow = Awaited<ReturnType<ReturnType<typeof customerColumns>['executeTakeFirstOrThrow']>>;

/** `bidx`: the blind indexes of the number (pii-fields phoneLookupKeys) — an indexed equality, no plaintext. */
export async function customerIdsByPhone(db: Kysely<DB>, tenantId: number, bidx: readonly string[], limit = 20): Promise<number[]> {
  if (bidx.length === 0) return [];
  const rows = await db
    .selectFrom('customer_phones')
    .select('customer_id')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('phone_bidx', 'in', bidx)
    .limit(limit)
    .execute();
  return rows.map((r) => r.customer_id);
}

export interface CustomerFilters {
  q?: string;
  /** Blind indexes of the phone number (see pii-fields phoneLookupKeys). */
  phoneKeys?: readonly string[];
  kind?: string;
  organizationId?: number;
}

export function filteredCustomers(db: Kysely<DB>, tenantId: number, f: CustomerFilters) {
  // A record merged into another (customer-archive) is left out of every list, search and export.
  let query = customerColumns(db, tenantId).where('c.merged_into_id', 'is', null);
  if (f.phoneKeys) {
    const keys = f.phoneKeys.length > 0 ? [...f.phoneKeys] : ['-'];
    query = query.where('c.id', 'in', (eb) => eb.selectFrom('customer_phones as p').select('p.customer_id').where('p.tenant_id', '=', tenantId).where('p.phone_bidx', 'in', keys));
  }
  if (f.kind) query = query.where('c.kind', '=', f.kind);
  if (f.organizationId) query = query.where('c.organization_id', '=', f.organizationId);
  if (f.q) {
    const tsquery = toTsQuery(f.q);
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) =>
      eb.or([
        ...(tsquery ? [sql<boolean>`c.search_vector @@ to_tsquery('simple', ${tsquery})`] : []),
        eb('c.name', 'ilike', like),
      ]),
    );
  }
  return query;
}
