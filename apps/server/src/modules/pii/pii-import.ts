import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { indexTokens } from '../../lib/search-text.js';
import { encryptAddress, encryptIdCard, encryptPhone } from './pii-fields.js';

export interface ImportedCustomer {
  name: string;
  phones: string[];
  address?: string | null;
  idCard?: string | null;
}

/**
 * Bulk insert for imports: personal data encrypted in Node, then one multi-row statement for the customers and
 * one for their phones (unnest arrays, so the statement text does not depend on the batch size). No audit row
 * per customer: the caller records the import as one audit entry.
 */
export async function insertEncryptedCustomers(db: Kysely<DB>, tenantId: number, batch: readonly ImportedCustomer[]): Promise<number[]> {
  if (batch.length === 0) return [];
  const enc = batch.map((c) => ({ ...encryptAddress(c.address), ...encryptIdCard(c.idCard) }));
  const inserted = await sql<{ id: number; ord: number }>`
    insert into customers (tenant_id, kind, name, address_enc, address_masked, id_card_enc, id_card_masked, search_vector)
    select ${tenantId}, 'person', u.name, u.address_enc, u.address_masked, u.id_card_enc, u.id_card_masked, to_tsvector('simple', u.tokens)
    from unnest(${batch.map((c) => c.name)}::text[], ${enc.map((e) => e.address_enc)}::text[], ${enc.map((e) => e.address_masked)}::text[],
                ${enc.map((e) => e.id_card_enc)}::text[], ${enc.map((e) => e.id_card_masked)}::text[], ${batch.map((c) => indexTokens(c.name))}::text[])
      with ordinality as u(name, address_enc, address_masked, id_card_enc, id_card_masked, tokens, ord)
    order by u.ord
    returning id`.execute(db);
  const ids = inserted.rows.map((r) => r.id);
  const owners: number[] = [];
  const phones = batch.flatMap((c, i) => c.phones.map((p) => (owners.push(ids[i]!), encryptPhone(p))));
  if (phones.length > 0) {
    await sql`
      insert into customer_phones (tenant_id, customer_id, number, phone_enc, phone_bidx)
      select ${tenantId}, u.customer_id, u.number, u.enc, u.bidx
      from unnest(${owners}::bigint[], ${phones.map((p) => p.number)}::text[], ${phones.map((p) => p.phone_enc)}::text[], ${phones.map((p) => p.phone_bidx)}::text[])
        as u(customer_id, number, enc, bidx)`.execute(db);
  }
  return ids;
}
