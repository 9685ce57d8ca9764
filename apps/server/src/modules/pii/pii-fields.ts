import { currentBlindIndex, decryptField, encryptField, FieldCryptoError, keyIdOf, lookupBlindIndexes, type KeyRing } from '../../lib/crypto/field-crypto.js';
import { keyRing, refreshKeyRing } from '../../lib/crypto/key-ring.js';
import { maskPhone, normalizePhone } from '../../lib/phone.js';
import { maskIdCard, normalizeIdCard, shortenAddress } from './pii-mask.js';

/**
 * The columns the application writes for personal data: ciphertext, blind index and masked display copy.
 * Every writer of customer_phones / customers personal fields goes through these.
 */

export interface EncryptedPhoneColumns {
  number: string;
  normalized: null;
  phone_enc: string;
  phone_bidx: string;
}

// A bare mainland mobile number is already its own normalized form; skipping the parser halves an import's CPU time.
const BARE_MOBILE = /^1[3-9]\d{9}$/;
export function normalizeForIndex(text: string): string {
  return BARE_MOBILE.test(text) ? text : normalizePhone(text);
}

export function encryptPhone(number: string): EncryptedPhoneColumns {
  const ring = keyRing();
  const text = number.trim();
  return { number: maskPhone(text), normalized: null, phone_enc: encryptField(ring, text), phone_bidx: currentBlindIndex(ring, normalizeForIndex(text)) };
}

/** The blind indexes to look a number up by, in any format ("+86 138-1234-5678", "13812345678", …). */
export function phoneLookupKeys(number: string): string[] {
  const normalized = normalizeForIndex(number.trim());
  return normalized ? lookupBlindIndexes(keyRing(), normalized) : [];
}

// The CTI writer asks for the same caller's index on every event of a call: cached per key ring (hot path).
const normalizedKeysCache = new Map<string, [string | null, string | null]>();
let normalizedKeysRing: KeyRing | null = null;

/** The same for a number already normalized (calls carry caller_normalized): [current, previous or null]. */
export function normalizedPhoneKeys(normalized: string | null): [string | null, string | null] {
  if (!normalized) return [null, null];
  const ring = keyRing();
  if (ring !== normalizedKeysRing) {
    normalizedKeysCache.clear();
    normalizedKeysRing = ring;
  }
  let hit = normalizedKeysCache.get(normalized);
  if (hit === undefined) {
    const keys = lookupBlindIndexes(ring, normalized);
    hit = [keys[0] ?? null, keys[1] ?? null];
    if (normalizedKeysCache.size >= 50_000) normalizedKeysCache.clear();
    normalizedKeysCache.set(normalized, hit);
  }
  return hit;
}

export function encryptAddress(address: string | null | undefined): { address: null; address_enc: string | null; address_masked: string | null } {
  const text = address?.trim() || null;
  return { address: null, address_enc: text ? encryptField(keyRing(), text) : null, address_masked: text ? shortenAddress(text) : null };
}

export function encryptIdCard(idCard: string | null | undefined): { id_card_enc: string | null; id_card_masked: string | null } {
  const text = idCard ? normalizeIdCard(idCard) : null;
  return { id_card_enc: text ? encryptField(keyRing(), text) : null, id_card_masked: text ? maskIdCard(text) : null };
}

/** Decrypts with the live ring; a key id it does not know yet (a rotation started elsewhere) re-reads the key file once. */
export function decryptValue(ciphertext: string): string {
  const ring = keyRing();
  if (ring.keys.some((k) => k.id === keyIdOf(ciphertext))) return decryptField(ring, ciphertext);
  const refreshed = refreshKeyRing();
  if (!refreshed.keys.some((k) => k.id === keyIdOf(ciphertext))) throw new FieldCryptoError(`unknown key id "${keyIdOf(ciphertext)}"`);
  return decryptField(refreshed, ciphertext);
}

export function decryptOrNull(ciphertext: string | null): string | null {
  return ciphertext === null ? null : decryptValue(ciphertext);
}

/** A stored display copy as it is when already masked (encrypted rows); rows not encrypted yet are masked on read. */
export function displayPhone(value: string | null): string | null {
  if (value === null) return null;
  return value.includes('*') ? value : maskPhone(value);
}

export interface EncryptedContactPhone {
  contact_phone: string | null;
  contact_phone_normalized: null;
  contact_phone_enc: string | null;
  contact_phone_bidx: string | null;
}

/** A work order's contact number (tickets.contact_phone*): masked copy, ciphertext and blind index. */
export function encryptContactPhone(number: string | null | undefined): EncryptedContactPhone {
  const text = number?.trim() || null;
  if (text === null) return { contact_phone: null, contact_phone_normalized: null, contact_phone_enc: null, contact_phone_bidx: null };
  const ring = keyRing();
  const normalized = normalizeForIndex(text);
  return {
    contact_phone: maskPhone(text),
    contact_phone_normalized: null,
    contact_phone_enc: encryptField(ring, text),
    contact_phone_bidx: normalized ? currentBlindIndex(ring, normalized) : null,
  };
}

/** The current blind index of a number in any format, or null when it has no digits. */
export function currentPhoneIndex(number: string | null | undefined): string | null {
  const normalized = number ? normalizeForIndex(number.trim()) : '';
  return normalized ? currentBlindIndex(keyRing(), normalized) : null;
}
