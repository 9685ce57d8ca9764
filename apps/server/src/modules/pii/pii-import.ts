import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { indexTokens } from '../../lib/search-text.js';
import { encryptAddress, encryptIdCard, encryptPhone, type EncryptedPhoneColumns } from './pii-fields.js';

export interface ImportedCustomer {
  name: string;
  phones: string[];
  address?: string | null;
  idCard?: string | null;
  /** The rest of a customer file's columns (customer-import); absent: a person with nothing else. */
  kind?: 'person' | 'organization';
  email?: string | null;
  grade?: string | null;
  notes?: string | null;
  tags?: readonly string[];
}

// Tags travel as one text per row (unnest cannot carry an array per row), split again in SQL.
const TAG_SEPARATOR = '\u001f';

/** A batch with its personal data already encrypted: what `insertEncryptedBatch` writes. */
export interface EncryptedCustomerBatch {
  batch: readonly ImportedCustomer[];
  columns: (ReturnType<typeof encryptAddress> & ReturnType<typeof encryptIdCard> & { tokens: string })[];
  /** Index in `batch` of each phone's customer. */
  phoneOwners: number[];
  phones: EncryptedPhoneColumns[];
}

/** The CPU share of an import (AES-GCM, blind index, masks, search tokens): an importer runs it while the previous batch is written. */
export function encryptCustomerBatch(batch: readonly ImportedCustomer[]): EncryptedCustomerBatch {
  const columns = batch.map((c) => Object.assign(encryptAddress(c.address), encryptIdCard(c.idCard), { tokens: indexTokens(c.name, c.notes, c.tags?.join(' ')) }));
  const phoneOwners: number[] = [];
  const phones = batch.flatMap((c, i) => c.phones.map((p) => (phoneOwners.push(i), encryptPhone(p))));
  return { batch, columns, phoneOwners, phones };
}

/**
 * Bulk insert for imports: personal data encrypted in Node, then one multi-row statement for the customers and
 * one for their phones (unnest arrays, so the statement text does not depend on the batch size). No audit row
 * per customer: the caller records the import as one audit entry.
 */
export async function insertEncryptedCustomers(db: Kysely<DB>, tenantId: number, batch: readonly ImportedCustomer[]): Promise<number[]> {
  return insertEncryptedBatch(db, tenantId, encryptCustomerBatch(batch));
}

/**
 * Writes a prepared batch in one statement (customers, then their phones, in data-modifying CTEs): a single round
 * trip, so the server works on a whole batch while the importer prepares the next. The ids come back in batch order:
 * identity values are drawn in insert order, which is the batch order.
 */
export async function insertEncryptedBatch(db: Kysely<DB>, tenantId: number, prepared: EncryptedCustomerBatch): Promise<number[]> {
  const { batch, columns: enc, phones, phoneOwners } = prepared;
  if (batch.length === 0) return [];
  const inserted = await sql<{ id: string | number }>`
    with u as (
      select * from unnest(${batch.map((c) => c.name)}::text[], ${enc.map((e) => e.address_enc)}::text[], ${enc.map((e) => e.address_masked)}::text[],
                ${enc.map((e) => e.id_card_enc)}::text[], ${enc.map((e) => e.id_card_masked)}::text[],
                ${enc.map((e) => e.tokens)}::text[], ${batch.map((c) => c.kind ?? 'person')}::text[],
                ${batch.map((c) => c.email ?? null)}::text[], ${batch.map((c) => c.grade ?? null)}::text[], ${batch.map((c) => c.notes ?? null)}::text[],
                ${batch.map((c) => (c.tags?.length ? c.tags.join(TAG_SEPARATOR) : null))}::text[])
        with ordinality as u(name, address_enc, address_masked, id_card_enc, id_card_masked, tokens, kind, email, grade, notes, tags, ord)
    ),
    c as (
      insert into customers (tenant_id, kind, name, address_enc, address_masked, id_card_enc, id_card_masked, search_vector, email, grade, notes, tags)
      select ${tenantId}, u.kind, u.name, u.address_enc, u.address_masked, u.id_card_enc, u.id_card_masked, to_tsvector('simple', u.tokens),
             u.email, u.grade, u.notes, coalesce(string_to_array(u.tags, ${TAG_SEPARATOR}), '{}')
      from u order by u.ord
      returning id
    ),
    n as (select id, row_number() over (order by id) as ord from c),
    p as (
      insert into customer_phones (tenant_id, customer_id, number, phone_enc, phone_bidx)
      select ${tenantId}, n.id, ph.number, ph.enc, ph.bidx
      from unnest(${phoneOwners.map((i) => i + 1)}::bigint[], ${phones.map((p) => p.number)}::text[], ${phones.map((p) => p.phone_enc)}::text[], ${phones.map((p) => p.phone_bidx)}::text[])
        as ph(owner, number, enc, bidx)
      join n on n.ord = ph.owner
    )
    select id from n order by ord`.execute(db);
  return inserted.rows.map((r) => Number(r.id));
}
