import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { encryptCallNumbers } from './call-numbers.js';
import { currentPhoneIndex, encryptAddress, encryptContactPhone, encryptPhone, normalizeForIndex } from './pii-fields.js';

export interface BackfillCounts {
  phones: number;
  addresses: number;
  /** Work orders' contact numbers (tickets.contact_phone, migration 0018). */
  ticketPhones: number;
  /** Calls whose external number was still readable (calls.from_number / to_number / caller_normalized). */
  callNumbers: number;
}

/**
 * Encrypts personal data still stored readable — rows from before migration 0010 or written by bulk loaders
 * that bypass the customers service — in batches, then clears the plaintext (a masked copy stays for display).
 * Idempotent; run at every start after the migrations and after the demo seed.
 */
export async function encryptPlaintextPii(db: Kysely<DB>, options: { batchSize?: number } = {}): Promise<BackfillCounts> {
  const batchSize = options.batchSize ?? 2000;
  const counts: BackfillCounts = { phones: 0, addresses: 0, ticketPhones: 0, callNumbers: 0 };
  for (;;) {
    // In the order of the partial index (tenant_id, id); rows are matched on the primary key (tenant_id, id).
    const rows = await db.selectFrom('customer_phones').select(['tenant_id', 'id', 'number']).where('phone_enc', 'is', null).orderBy('tenant_id').orderBy('id').limit(batchSize).execute();
    if (rows.length === 0) break;
    const enc = rows.map((r) => encryptPhone(r.number));
    await sql`
      update customer_phones p set number = u.number, normalized = null, phone_enc = u.enc, phone_bidx = u.bidx
      from unnest(${rows.map((r) => r.tenant_id)}::int[], ${rows.map((r) => r.id)}::bigint[], ${enc.map((e) => e.number)}::text[], ${enc.map((e) => e.phone_enc)}::text[], ${enc.map((e) => e.phone_bidx)}::text[])
        as u(tenant_id, id, number, enc, bidx)
      where p.tenant_id = u.tenant_id and p.id = u.id and p.phone_enc is null`.execute(db);
    counts.phones += rows.length;
  }
  for (;;) {
    const rows = await db.selectFrom('customers').select(['tenant_id', 'id', 'address']).where('address', 'is not', null).where('address_enc', 'is', null).orderBy('tenant_id').orderBy('id').limit(batchSize).execute();
    if (rows.length === 0) break;
    const enc = rows.map((r) => encryptAddress(r.address));
    // A row changed meanwhile (address differs) is left for the next pass rather than overwritten.
    await sql`
      update customers c set address = null, address_enc = u.enc, address_masked = u.masked
      from unnest(${rows.map((r) => r.tenant_id)}::int[], ${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.address)}::text[], ${enc.map((e) => e.address_enc)}::text[], ${enc.map((e) => e.address_masked)}::text[])
        as u(tenant_id, id, old, enc, masked)
      where c.tenant_id = u.tenant_id and c.id = u.id and c.address = u.old and c.address_enc is null`.execute(db);
    counts.addresses += rows.length;
  }
  counts.ticketPhones = await encryptTicketContacts(db, batchSize);
  counts.callNumbers = await encryptCallNumbersLeft(db, batchSize);
  return counts;
}

/**
 * Work orders written before migration 0018 (or by bulk loaders): contact_phone becomes the masked copy, the number
 * goes to contact_phone_enc + contact_phone_bidx, contact_phone_normalized is cleared and the number is taken out of
 * the order's search vector (lookups by number use the blind index).
 */
async function encryptTicketContacts(db: Kysely<DB>, batchSize: number): Promise<number> {
  let done = 0;
  for (;;) {
    // In the order of the partial index tickets_contact_phone_plain; rows are matched on the primary key (tenant_id, id).
    const rows = await db.selectFrom('tickets').select(['tenant_id', 'id', 'contact_phone']).where('contact_phone', 'is not', null).where('contact_phone_enc', 'is', null)
      .orderBy('tenant_id').orderBy('id').limit(batchSize).execute();
    if (rows.length === 0) return done;
    const enc = rows.map((r) => encryptContactPhone(r.contact_phone));
    const words = rows.map((r) => normalizeForIndex(r.contact_phone!));
    const digits = rows.map((r) => r.contact_phone!.replace(/\D/g, ''));
    // A row changed meanwhile (contact_phone differs) is left for the next pass rather than overwritten.
    await sql`
      update tickets t set contact_phone = u.masked, contact_phone_normalized = null, contact_phone_enc = u.enc, contact_phone_bidx = u.bidx,
        search_vector = case when t.search_vector is null then null else ts_delete(ts_delete(t.search_vector, coalesce(u.word, '')), coalesce(u.digits, '')) end
      from unnest(${rows.map((r) => r.tenant_id)}::int[], ${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.contact_phone)}::text[], ${enc.map((e) => e.contact_phone)}::text[],
                  ${enc.map((e) => e.contact_phone_enc)}::text[], ${enc.map((e) => e.contact_phone_bidx)}::text[], ${words}::text[], ${digits}::text[])
        as u(tenant_id, id, old, masked, enc, bidx, word, digits)
      where t.tenant_id = u.tenant_id and t.id = u.id and t.contact_phone = u.old and t.contact_phone_enc is null`.execute(db);
    done += rows.length;
  }
}

/**
 * Calls written before migration 0018 (or by bulk loaders): the external party's number is encrypted
 * (see call-numbers.ts), caller_bidx computed and caller_normalized cleared; the raw events of those calls get
 * the same masked copies in place of the numbers they carried. Selected through the partial index calls_numbers_plain.
 */
async function encryptCallNumbersLeft(db: Kysely<DB>, batchSize: number): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await db
      .selectFrom('calls')
      .select(['id', 'tenant_id', 'call_id', 'direction', 'from_number', 'to_number', 'caller_normalized', 'from_number_enc', 'to_number_enc'])
      .where((eb) => eb.or([
        eb('caller_normalized', 'is not', null),
        eb.and([eb('from_number', 'is not', null), eb('from_number_enc', 'is', null), sql<boolean>`direction is distinct from 'out'`]),
        eb.and([eb('to_number', 'is not', null), eb('to_number_enc', 'is', null), sql<boolean>`direction is distinct from 'in'`]),
      ]))
      .orderBy('tenant_id').orderBy('id').limit(batchSize).execute();
    if (rows.length === 0) return done;
    const next = rows.map((r) => {
      const enc = encryptCallNumbers(r.direction, r.from_number_enc === null ? r.from_number : null, r.to_number_enc === null ? r.to_number : null);
      const external = r.direction === 'out' ? r.to_number : r.from_number;
      return {
        from: r.from_number_enc === null ? enc.from_number : r.from_number,
        to: r.to_number_enc === null ? enc.to_number : r.to_number,
        fromEnc: r.from_number_enc ?? enc.from_number_enc,
        toEnc: r.to_number_enc ?? enc.to_number_enc,
        bidx: currentPhoneIndex(r.caller_normalized ?? (external?.includes('*') ? null : external)),
      };
    });
    await sql`
      with u as (
        select * from unnest(${rows.map((r) => r.tenant_id)}::int[], ${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.from_number)}::text[], ${rows.map((r) => r.to_number)}::text[],
          ${next.map((n) => n.from)}::text[], ${next.map((n) => n.to)}::text[], ${next.map((n) => n.fromEnc)}::text[], ${next.map((n) => n.toEnc)}::text[],
          ${next.map((n) => n.bidx)}::text[]) as u(tenant_id, id, old_from, old_to, from_number, to_number, from_enc, to_enc, bidx)
      ),
      c as (
        update calls c set from_number = u.from_number, to_number = u.to_number, from_number_enc = u.from_enc, to_number_enc = u.to_enc,
          caller_bidx = coalesce(c.caller_bidx, u.bidx), caller_normalized = null
        from u
        where c.tenant_id = u.tenant_id and c.id = u.id and c.from_number is not distinct from u.old_from and c.to_number is not distinct from u.old_to
        returning c.tenant_id, c.call_id, c.from_number, c.to_number
      )
      update call_events e set data = e.data
        || case when e.data ? 'from' then jsonb_build_object('from', c.from_number) else '{}'::jsonb end
        || case when e.data ? 'to' then jsonb_build_object('to', c.to_number) else '{}'::jsonb end
      from c
      where e.tenant_id = c.tenant_id and e.call_id = c.call_id and (e.data ? 'from' or e.data ? 'to')`.execute(db);
    done += rows.length;
  }
}
