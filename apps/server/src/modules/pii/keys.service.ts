import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { currentBlindIndex, currentKeyId, decryptField, encryptField, type KeyRing } from '../../lib/crypto/field-crypto.js';
import { normalizePhone } from '../../lib/phone.js';
import { normalizeForIndex } from './pii-fields.js';

export interface RotationCounts {
  phones: number;
  addresses: number;
  idCards: number;
  /** Work orders' contact numbers (tickets.contact_phone_enc). */
  ticketPhones: number;
  /** Calls with a number re-encrypted (calls.from_number_enc / to_number_enc; caller_bidx re-indexed). */
  callNumbers: number;
  passes: number;
}

export interface RotationOptions {
  batchSize?: number;
  /** Re-encrypt and re-index every value, also those already under the current key (after KEFU_INDEX_KEY changed). */
  reindex?: boolean;
  onBatch?: (table: string, done: number) => void;
}

/**
 * Re-encrypts every personal-data value not under the ring's current key (and recomputes phone blind indexes),
 * in batches by id. Old keys stay in the ring throughout, so every row stays readable and findable (lookups try
 * the old index too). Each update is compare-and-set on the old ciphertext: a value changed meanwhile by the
 * application is left alone (it was written under a key the next pass checks). Passes repeat until a pass finds
 * nothing, which also catches rows written under the old key by servers that had not re-read the keys yet.
 */
export async function reencryptAll(db: Kysely<DB>, ring: KeyRing, options: RotationOptions = {}): Promise<RotationCounts> {
  const batchSize = options.batchSize ?? 2000;
  const prefix = `v1:${currentKeyId(ring)}:%`;
  const counts: RotationCounts = { phones: 0, addresses: 0, idCards: 0, ticketPhones: 0, callNumbers: 0, passes: 0 };
  for (let pass = 0; pass < 10; pass++) {
    const reindex = options.reindex === true && pass === 0;
    const phones = await reencryptPhones(db, ring, prefix, reindex, batchSize, options.onBatch);
    const customers = await reencryptCustomers(db, ring, prefix, reindex, batchSize, options.onBatch);
    const ticketPhones = await reencryptTicketContacts(db, ring, prefix, reindex, batchSize, options.onBatch);
    const callNumbers = await reencryptCallNumbers(db, ring, prefix, reindex, batchSize, options.onBatch);
    counts.phones += phones;
    counts.addresses += customers.addresses;
    counts.idCards += customers.idCards;
    counts.ticketPhones += ticketPhones;
    counts.callNumbers += callNumbers;
    counts.passes = pass + 1;
    if (phones + customers.addresses + customers.idCards + ticketPhones + callNumbers === 0) break;
  }
  return counts;
}

async function reencryptPhones(db: Kysely<DB>, ring: KeyRing, prefix: string, all: boolean, batchSize: number, onBatch?: RotationOptions['onBatch']): Promise<number> {
  let last: [number, number] = [0, 0];
  let done = 0;
  for (;;) {
    // Keyset pagination on the primary key (tenant_id, id): each batch is an index range, however large the table.
    let query = db.selectFrom('customer_phones').select(['tenant_id', 'id', 'phone_enc']).where(sql<boolean>`(tenant_id, id) > (${last[0]}, ${last[1]})`).where('phone_enc', 'is not', null);
    if (!all) query = query.where('phone_enc', 'not like', prefix);
    const rows = await query.orderBy('tenant_id').orderBy('id').limit(batchSize).execute();
    if (rows.length === 0) return done;
    last = [rows[rows.length - 1]!.tenant_id, rows[rows.length - 1]!.id];
    const next = rows.map((r) => {
      const plain = decryptField(ring, r.phone_enc!);
      return { tenantId: r.tenant_id, id: r.id, old: r.phone_enc!, enc: encryptField(ring, plain), bidx: currentBlindIndex(ring, normalizePhone(plain)) };
    });
    const result = await sql`
      update customer_phones p set phone_enc = u.enc, phone_bidx = u.bidx
      from unnest(${next.map((n) => n.tenantId)}::int[], ${next.map((n) => n.id)}::bigint[], ${next.map((n) => n.old)}::text[], ${next.map((n) => n.enc)}::text[], ${next.map((n) => n.bidx)}::text[])
        as u(tenant_id, id, old, enc, bidx)
      where p.tenant_id = u.tenant_id and p.id = u.id and p.phone_enc = u.old`.execute(db);
    done += Number(result.numAffectedRows ?? 0);
    onBatch?.('customer_phones', done);
  }
}

async function reencryptCustomers(db: Kysely<DB>, ring: KeyRing, prefix: string, all: boolean, batchSize: number, onBatch?: RotationOptions['onBatch']) {
  let last: [number, number] = [0, 0];
  const done = { addresses: 0, idCards: 0 };
  const stale = (value: string | null) => value !== null && (all || !value.startsWith(prefix.slice(0, -1)));
  for (;;) {
    let query = db.selectFrom('customers').select(['tenant_id', 'id', 'address_enc', 'id_card_enc']).where(sql<boolean>`(tenant_id, id) > (${last[0]}, ${last[1]})`);
    query = all
      ? query.where((eb) => eb.or([eb('address_enc', 'is not', null), eb('id_card_enc', 'is not', null)]))
      : query.where((eb) => eb.or([eb('address_enc', 'not like', prefix), eb('id_card_enc', 'not like', prefix)]));
    const rows = await query.orderBy('tenant_id').orderBy('id').limit(batchSize).execute();
    if (rows.length === 0) return done;
    last = [rows[rows.length - 1]!.tenant_id, rows[rows.length - 1]!.id];
    const again = (value: string | null) => (stale(value) ? encryptField(ring, decryptField(ring, value!)) : value);
    const next = rows.map((r) => ({ tenantId: r.tenant_id, id: r.id, oldAddress: r.address_enc, oldIdCard: r.id_card_enc, address: again(r.address_enc), idCard: again(r.id_card_enc) }));
    const result = await sql<{ a: boolean; i: boolean }>`
      update customers c set address_enc = u.address, id_card_enc = u.id_card
      from unnest(${next.map((n) => n.tenantId)}::int[], ${next.map((n) => n.id)}::bigint[], ${next.map((n) => n.oldAddress)}::text[], ${next.map((n) => n.oldIdCard)}::text[],
                  ${next.map((n) => n.address)}::text[], ${next.map((n) => n.idCard)}::text[]) as u(tenant_id, id, old_address, old_id_card, address, id_card)
      where c.tenant_id = u.tenant_id and c.id = u.id and c.address_enc is not distinct from u.old_address and c.id_card_enc is not distinct from u.old_id_card
      returning u.address is distinct from u.old_address as a, u.id_card is distinct from u.old_id_card as i`.execute(db);
    done.addresses += result.rows.filter((r) => r.a).length;
    done.idCards += result.rows.filter((r) => r.i).length;
    onBatch?.('customers', done.addresses + done.idCards);
  }
}

const indexOf = (ring: KeyRing, plain: string | null) => {
  const normalized = plain ? normalizeForIndex(plain) : '';
  return normalized ? currentBlindIndex(ring, normalized) : null;
};

/** Work orders' contact numbers: ciphertext and blind index, compare-and-set on the old ciphertext. */
async function reencryptTicketContacts(db: Kysely<DB>, ring: KeyRing, prefix: string, all: boolean, batchSize: number, onBatch?: RotationOptions['onBatch']): Promise<number> {
  let last: [number, number] = [0, 0];
  let done = 0;
  for (;;) {
    // Keyset pagination on the primary key (tenant_id, id): each batch is an index range, however large the table.
    let query = db.selectFrom('tickets').select(['tenant_id', 'id', 'contact_phone_enc']).where(sql<boolean>`(tenant_id, id) > (${last[0]}, ${last[1]})`).where('contact_phone_enc', 'is not', null);
    if (!all) query = query.where('contact_phone_enc', 'not like', prefix);
    const rows = await query.orderBy('tenant_id').orderBy('id').limit(batchSize).execute();
    if (rows.length === 0) return done;
    last = [rows[rows.length - 1]!.tenant_id, rows[rows.length - 1]!.id];
    const next = rows.map((r) => {
      const plain = decryptField(ring, r.contact_phone_enc!);
      return { tenantId: r.tenant_id, id: r.id, old: r.contact_phone_enc!, enc: encryptField(ring, plain), bidx: indexOf(ring, plain) };
    });
    const result = await sql`
      update tickets t set contact_phone_enc = u.enc, contact_phone_bidx = u.bidx
      from unnest(${next.map((n) => n.tenantId)}::int[], ${next.map((n) => n.id)}::bigint[], ${next.map((n) => n.old)}::text[], ${next.map((n) => n.enc)}::text[], ${next.map((n) => n.bidx)}::text[])
        as u(tenant_id, id, old, enc, bidx)
      where t.tenant_id = u.tenant_id and t.id = u.id and t.contact_phone_enc = u.old`.execute(db);
    done += Number(result.numAffectedRows ?? 0);
    onBatch?.('tickets', done);
  }
}

/** Calls: both number ciphertexts and the caller's blind index (of the external party: callee of an outbound call). */
async function reencryptCallNumbers(db: Kysely<DB>, ring: KeyRing, prefix: string, all: boolean, batchSize: number, onBatch?: RotationOptions['onBatch']): Promise<number> {
  let last: [number, number] = [0, 0];
  let done = 0;
  const stale = (value: string | null) => value !== null && (all || !value.startsWith(prefix.slice(0, -1)));
  for (;;) {
    let query = db.selectFrom('calls').select(['tenant_id', 'id', 'direction', 'from_number_enc', 'to_number_enc']).where(sql<boolean>`(tenant_id, id) > (${last[0]}, ${last[1]})`);
    query = all
      ? query.where((eb) => eb.or([eb('from_number_enc', 'is not', null), eb('to_number_enc', 'is not', null)]))
      : query.where((eb) => eb.or([eb('from_number_enc', 'not like', prefix), eb('to_number_enc', 'not like', prefix)]));
    const rows = await query.orderBy('tenant_id').orderBy('id').limit(batchSize).execute();
    if (rows.length === 0) return done;
    last = [rows[rows.length - 1]!.tenant_id, rows[rows.length - 1]!.id];
    const next = rows.map((r) => {
      const from = r.from_number_enc === null ? null : decryptField(ring, r.from_number_enc);
      const to = r.to_number_enc === null ? null : decryptField(ring, r.to_number_enc);
      const again = (value: string | null, plain: string | null) => (stale(value) ? encryptField(ring, plain!) : value);
      return {
        tenantId: r.tenant_id, id: r.id, oldFrom: r.from_number_enc, oldTo: r.to_number_enc,
        from: again(r.from_number_enc, from), to: again(r.to_number_enc, to),
        bidx: indexOf(ring, r.direction === 'out' ? to : from),
      };
    });
    const result = await sql`
      update calls c set from_number_enc = u.from_enc, to_number_enc = u.to_enc, caller_bidx = coalesce(u.bidx, c.caller_bidx)
      from unnest(${next.map((n) => n.tenantId)}::int[], ${next.map((n) => n.id)}::bigint[], ${next.map((n) => n.oldFrom)}::text[], ${next.map((n) => n.oldTo)}::text[],
                  ${next.map((n) => n.from)}::text[], ${next.map((n) => n.to)}::text[], ${next.map((n) => n.bidx)}::text[]) as u(tenant_id, id, old_from, old_to, from_enc, to_enc, bidx)
      where c.tenant_id = u.tenant_id and c.id = u.id and c.from_number_enc is not distinct from u.old_from and c.to_number_enc is not distinct from u.old_to`.execute(db);
    done += Number(result.numAffectedRows ?? 0);
    onBatch?.('calls', done);
  }
}

/** How many values each key still encrypts (and what is still plaintext): the progress of a rotation. */
export async function encryptionStatus(db: Kysely<DB>): Promise<{ valuesByKey: Record<string, number>; plaintextLeft: number }> {
  const rows = await sql<{ k: string; n: number }>`
    select k, count(*)::int as n from (
      select split_part(phone_enc, ':', 2) as k from customer_phones where phone_enc is not null
      union all select split_part(address_enc, ':', 2) from customers where address_enc is not null
      union all select split_part(id_card_enc, ':', 2) from customers where id_card_enc is not null
      union all select split_part(contact_phone_enc, ':', 2) from tickets where contact_phone_enc is not null
      union all select split_part(from_number_enc, ':', 2) from calls where from_number_enc is not null
      union all select split_part(to_number_enc, ':', 2) from calls where to_number_enc is not null
    ) x group by k order by k`.execute(db);
  const plain = await sql<{ n: number }>`
    select (select count(*) from customer_phones where phone_enc is null)::int + (select count(*) from customers where address is not null)::int
      + (select count(*) from tickets where contact_phone is not null and contact_phone_enc is null)::int
      + (select count(*) from calls where caller_normalized is not null
           or (from_number is not null and from_number_enc is null and direction is distinct from 'out')
           or (to_number is not null and to_number_enc is null and direction is distinct from 'in'))::int as n`.execute(db);
  return { valuesByKey: Object.fromEntries(rows.rows.map((r) => [r.k, Number(r.n)])), plaintextLeft: Number(plain.rows[0]!.n) };
}
