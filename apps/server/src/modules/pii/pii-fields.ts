import { currentBlindIndex, decryptField, encryptField, FieldCryptoError, keyIdOf, lookupBlindIndexes } from '../../lib/crypto/field-crypto.js';
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

/** The same for a number already normalized (calls carry caller_normalized): [current, previous or null]. */
export function normalizedPhoneKeys(normalized: string | null): [string | null, string | null] {
  if (!normalized) return [null, null];
  const keys = lookupBlindIndexes(keyRing(), normalized);
  return [keys[0] ?? null, keys[1] ?? null];
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
