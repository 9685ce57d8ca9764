import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toTsQuery } from '../../lib/search-text.js';

export function customerColumns(db: Kysely<DB>, tenantId: number) {
  return db
    .selectFrom('customers as c')
    .leftJoin('customers as o', (j) => j.onRef('o.tenant_id', '=', 'c.tenant_id').onRef('o.id', '=', 'c.organization_id'))
    .where('c.tenant_id', '=', tenantId)
    .select([
      'c.id', 'c.kind', 'c.name', 'c.email', 'c.address', 'c.grade', 'c.notes', 'c.tags', 'c.organization_id',
      'c.created_at', 'c.updated_at', 'c.version', 'o.name as organization_name',
    ]);
}

export type CustomerViewRow = Awaited<ReturnType<ReturnType<typeof customerColumns>['executeTakeFirstOrThrow']>>;

export function phonesOf(db: Kysely<DB>, tenantId: number, customerIds: number[]) {
  if (customerIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('customer_phones')
    .select(['id', 'customer_id', 'number', 'label'])
    .where('tenant_id', '=', tenantId)
    .where('customer_id', 'in', customerIds)
    .orderBy('id')
    .execute();
}

export async function customerIdsByPhone(db: Kysely<DB>, tenantId: number, normalized: string, limit = 20): Promise<number[]> {
  const rows = await db
    .selectFrom('customer_phones')
    .select('customer_id')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('normalized', '=', normalized)
    .limit(limit)
    .execute();
  return rows.map((r) => r.customer_id);
}

export interface CustomerFilters {
  q?: string;
  ids?: number[];
  kind?: string;
  organizationId?: number;
}

export function filteredCustomers(db: Kysely<DB>, tenantId: number, f: CustomerFilters) {
  let query = customerColumns(db, tenantId);
  if (f.ids) query = query.where('c.id', 'in', f.ids.length ? f.ids : [-1]);
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
