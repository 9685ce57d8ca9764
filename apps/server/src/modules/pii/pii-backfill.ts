import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { encryptAddress, encryptPhone } from './pii-fields.js';

export interface BackfillCounts {
  phones: number;
  addresses: number;
}

/**
 * Encrypts personal data still stored readable — rows from before migration 0010 or written by bulk loaders
 * that bypass the customers service — in batches, then clears the plaintext (a masked copy stays for display).
 * Idempotent; run at every start after the migrations and after the demo seed.
 */
export async function encryptPlaintextPii(db: Kysely<DB>, options: { batchSize?: number } = {}): Promise<BackfillCounts> {
  const batchSize = options.batchSize ?? 2000;
  const counts: BackfillCounts = { phones: 0, addresses: 0 };
  for (;;) {
    const rows = await db.selectFrom('customer_phones').select(['id', 'number']).where('phone_enc', 'is', null).orderBy('id').limit(batchSize).execute();
    if (rows.length === 0) break;
    const enc = rows.map((r) => encryptPhone(r.number));
    await sql`
      update customer_phones p set number = u.number, normalized = null, phone_enc = u.enc, phone_bidx = u.bidx
      from unnest(${rows.map((r) => r.id)}::bigint[], ${enc.map((e) => e.number)}::text[], ${enc.map((e) => e.phone_enc)}::text[], ${enc.map((e) => e.phone_bidx)}::text[])
        as u(id, number, enc, bidx)
      where p.id = u.id and p.phone_enc is null`.execute(db);
    counts.phones += rows.length;
  }
  for (;;) {
    const rows = await db.selectFrom('customers').select(['id', 'address']).where('address', 'is not', null).where('address_enc', 'is', null).orderBy('id').limit(batchSize).execute();
    if (rows.length === 0) break;
    const enc = rows.map((r) => encryptAddress(r.address));
    // A row changed meanwhile (address differs) is left for the next pass rather than overwritten.
    await sql`
      update customers c set address = null, address_enc = u.enc, address_masked = u.masked
      from unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.address)}::text[], ${enc.map((e) => e.address_enc)}::text[], ${enc.map((e) => e.address_masked)}::text[])
        as u(id, old, enc, masked)
      where c.id = u.id and c.address = u.old and c.address_enc is null`.execute(db);
    counts.addresses += rows.length;
  }
  return counts;
}
