import { sql, type Kysely } from 'kysely';

/**
 * Personal data encrypted at rest (SPEC §8). Each sensitive value gets an `*_enc` ciphertext column
 * (AES-256-GCM, key id inside) written by the application; readable plaintext columns keep only a masked
 * display copy. Phones get a keyed blind index (`phone_bidx`) so lookup by number stays an indexed equality.
 * Rows written before this migration are encrypted by modules/pii/pii-backfill.ts at the next start
 * (the keys live outside the database, so SQL alone cannot do it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    // customer_phones.number becomes the masked display copy (138****1234); normalized is cleared once encrypted.
    `alter table customer_phones add column phone_enc text, add column phone_bidx text`,
    `alter table customer_phones alter column normalized drop not null`,
    `create index customer_phones_bidx on customer_phones (tenant_id, phone_bidx)`,
    // Lookups no longer read `normalized` (null once encrypted); its index would only slow every insert.
    `drop index if exists customer_phones_lookup`,
    // customers.address becomes the district-only display copy once address_enc holds the full address.
    `alter table customers add column address_enc text, add column address_masked text, add column id_card_enc text, add column id_card_masked text`,
    // The backfill finds what is left to encrypt without scanning every row.
    `create index customer_phones_plain on customer_phones (tenant_id, id) where phone_enc is null`,
    `create index customers_address_plain on customers (tenant_id, id) where address is not null and address_enc is null`,
  ]) {
    await sql.raw(statement).execute(db);
  }
}
