import { encryptField, type KeyRing } from '../../lib/crypto/field-crypto.js';
import { keyRing } from '../../lib/crypto/key-ring.js';
import { maskPhone } from '../../lib/phone.js';
import { decryptOrNull, displayPhone } from './pii-fields.js';

/**
 * The numbers of a call (calls.from_number / to_number, migration 0018). The external party's number is personal
 * data: the caller of an inbound call, the callee of an outbound one, both while the direction is unknown. Its
 * column keeps the masked copy and `<col>_enc` the ciphertext; the center's side (hotline, extension, caller ID)
 * stays readable. caller_bidx, the blind index of the external number, is computed by the writers (they already
 * need it to match the customer).
 */

export type Side = 'from' | 'to';

export function externalSides(direction: string | null | undefined): readonly Side[] {
  if (direction === 'in') return ['from'];
  if (direction === 'out') return ['to'];
  return ['from', 'to'];
}

export interface EncryptedCallNumbers {
  from_number: string | null;
  from_number_enc: string | null;
  to_number: string | null;
  to_number_enc: string | null;
}

// Every CTI event of a call repeats its numbers: one encryption per number and key ring, not per event (hot path).
// The same number then carries the same ciphertext across events and calls; the blind index links them anyway.
const cache = new Map<string, { masked: string; enc: string }>();
const CACHE_MAX = 50_000;
let cachedRing: KeyRing | null = null;

function encryptNumber(number: string): { masked: string; enc: string } {
  const ring = keyRing();
  if (ring !== cachedRing) {
    cache.clear();
    cachedRing = ring;
  }
  const key = number;
  let hit = cache.get(key);
  if (hit === undefined) {
    hit = { masked: maskPhone(number), enc: encryptField(ring, number) };
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(key, hit);
  }
  return hit;
}

export function encryptCallNumbers(direction: string | null | undefined, from: string | null | undefined, to: string | null | undefined): EncryptedCallNumbers {
  const sides = externalSides(direction);
  const one = (side: Side, value: string | null | undefined): [string | null, string | null] => {
    const text = value?.trim() || null;
    if (text === null) return [null, null];
    if (!sides.includes(side)) return [text, null];
    const { masked, enc } = encryptNumber(text);
    return [masked, enc];
  };
  const [fromNumber, fromEnc] = one('from', from);
  const [toNumber, toEnc] = one('to', to);
  return { from_number: fromNumber, from_number_enc: fromEnc, to_number: toNumber, to_number_enc: toEnc };
}

interface StoredCallNumbers {
  direction: string | null;
  from_number: string | null;
  to_number: string | null;
  from_number_enc: string | null;
  to_number_enc: string | null;
}

/** What anyone may see: the center's side as stored, the external party masked. */
export function displayCallNumbers(row: StoredCallNumbers): { from: string | null; to: string | null } {
  const sides = externalSides(row.direction);
  const show = (side: Side, value: string | null, enc: string | null) => (enc !== null || sides.includes(side) ? displayPhone(value) : value);
  return { from: show('from', row.from_number, row.from_number_enc), to: show('to', row.to_number, row.to_number_enc) };
}

/** The full numbers, decrypted (for the audited reveal and click-to-call); rows not encrypted yet hold them readable. */
export function revealCallNumbers(row: StoredCallNumbers): { from: string | null; to: string | null } {
  return { from: decryptOrNull(row.from_number_enc) ?? row.from_number, to: decryptOrNull(row.to_number_enc) ?? row.to_number };
}

/** The external party's full number: the one to call back. */
export function externalCallNumber(row: StoredCallNumbers): string | null {
  const full = revealCallNumbers(row);
  return row.direction === 'out' ? full.to : full.from ?? (row.direction === null ? full.to : null);
}
