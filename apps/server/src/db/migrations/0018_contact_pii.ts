import { sql, type Kysely } from 'kysely';

/**
 * Work-order contact phones and call numbers encrypted at rest (SPEC §8, issue 6 item 7), on the pattern of 0010:
 * an `*_enc` ciphertext column written by the application (AES-256-GCM, key id inside), the readable column kept
 * as the masked display copy (138****1234), and a keyed blind index for lookups by number. Rows written before
 * are encrypted by modules/pii/pii-backfill.ts at the next start, which also clears the plaintext.
 *
 * tickets: contact_phone → masked copy; contact_phone_enc; contact_phone_bidx (lookup "orders of this number");
 *   contact_phone_normalized → null once encrypted (its index is replaced by the blind-index one).
 * calls: the external party's number is personal data — the caller of an inbound call (from_number), the callee
 *   of an outbound one (to_number), both when the direction is unknown. That column keeps the masked copy and
 *   `<col>_enc` the ciphertext; caller_bidx is the blind index of the external number (list by number,
 *   customer match) and replaces caller_normalized (null once encrypted).
 *   Not personal data, kept readable: the center's side of the call (the hotline an inbound call dialled, the
 *   agent's extension or the center's caller ID of an outbound one), answering_number (the agent's extension,
 *   e.g. 8001), queue (a queue name / number of the center). transfer_to stays readable too: it names the
 *   extension or queue a call was handed to inside the center.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    `alter table tickets add column contact_phone_enc text, add column contact_phone_bidx text`,
    `create index tickets_contact_phone_bidx on tickets (tenant_id, contact_phone_bidx) where contact_phone_bidx is not null`,
    // Lookups no longer read contact_phone_normalized (null once encrypted).
    `drop index if exists tickets_contact_phone`,
    `create index tickets_contact_phone_plain on tickets (tenant_id, id) where contact_phone is not null and contact_phone_enc is null`,

    `alter table calls add column from_number_enc text, add column to_number_enc text, add column caller_bidx text`,
    `create index calls_caller_bidx on calls (tenant_id, caller_bidx, started_at) where caller_bidx is not null`,
    `drop index if exists calls_caller`,
    // What the backfill still has to encrypt; new rows never enter this index (the CTI writer stays HOT-friendly).
    `create index calls_numbers_plain on calls (tenant_id, id) where caller_normalized is not null
       or (from_number is not null and from_number_enc is null and direction is distinct from 'out')
       or (to_number is not null and to_number_enc is null and direction is distinct from 'in')`,
  ]) {
    await sql.raw(statement).execute(db);
  }
}
