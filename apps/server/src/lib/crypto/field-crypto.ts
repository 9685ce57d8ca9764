import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Field encryption of personal data (AES-256-GCM) and the keyed blind index that lets a phone number be
 * looked up by equality without storing it readable. Pure: the key ring is passed in (see key-ring.ts).
 *
 * Ciphertext: `v1:<keyId>:<iv b64>:<tag b64>:<ct b64>` — the key id lets old ciphertexts stay readable while
 * `kefu keys rotate` re-encrypts them under the current key.
 */

export interface DataKey {
  id: string;
  key: Buffer;
}

export interface KeyRing {
  /** First = current (used to encrypt); the others only decrypt. */
  keys: readonly DataKey[];
  /** Blind-index keys, first = current; the others are tried by lookups while a rotation re-indexes. */
  indexKeys: readonly Buffer[];
  /** True when the index key is set on its own (KEFU_INDEX_KEY) and does not follow the data key. */
  explicitIndexKey: boolean;
}

export class FieldCryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldCryptoError';
  }
}

const VERSION = 'v1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export function assertKeyId(id: string): void {
  if (!KEY_ID.test(id)) throw new FieldCryptoError(`key id "${id}" must be 1-32 letters, digits, _ or -`);
}

export function decodeKey(id: string, base64: string): DataKey {
  assertKeyId(id);
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32) throw new FieldCryptoError(`key "${id}" must be 32 bytes in base64 (got ${key.length})`);
  return { id, key };
}

/** `k2:<base64>,k1:<base64>` (KEFU_DATA_KEYS) → keys, first = current. */
export function parseKeyList(text: string): DataKey[] {
  const keys = text.split(',').map((s) => s.trim()).filter(Boolean).map((entry) => {
    const at = entry.indexOf(':');
    if (at <= 0) throw new FieldCryptoError('KEFU_DATA_KEYS entries must look like <keyId>:<base64 of 32 bytes>');
    return decodeKey(entry.slice(0, at), entry.slice(at + 1));
  });
  if (keys.length === 0) throw new FieldCryptoError('KEFU_DATA_KEYS has no key');
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new FieldCryptoError('KEFU_DATA_KEYS repeats a key id');
  return keys;
}

export function generateKey(id: string): DataKey {
  assertKeyId(id);
  return { id, key: randomBytes(32) };
}

/** The index key follows the data key through HKDF unless one is given, so a leaked index key reveals no data key. */
export function deriveIndexKey(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.from('kefu-blind-index'), Buffer.from('phone-v1'), 32));
}

export function buildKeyRing(keys: readonly DataKey[], indexKey?: Buffer | null): KeyRing {
  if (keys.length === 0) throw new FieldCryptoError('the key ring is empty');
  if (indexKey) return { keys, indexKeys: [indexKey], explicitIndexKey: true };
  return { keys, indexKeys: keys.map((k) => deriveIndexKey(k.key)), explicitIndexKey: false };
}

export function currentKeyId(ring: KeyRing): string {
  return ring.keys[0]!.id;
}

// IVs come from a pool of random bytes: one CSPRNG call per 1,024 values instead of one per value (bulk imports).
let ivPool = Buffer.alloc(0);
let ivOffset = 0;
function nextIv(): Buffer {
  if (ivOffset + 12 > ivPool.length) {
    ivPool = randomBytes(12 * 1024);
    ivOffset = 0;
  }
  ivOffset += 12;
  return ivPool.subarray(ivOffset - 12, ivOffset);
}

export function encryptField(ring: KeyRing, plaintext: string): string {
  const { id, key } = ring.keys[0]!;
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // The key id is authenticated too: a ciphertext relabelled with another key id fails.
  cipher.setAAD(Buffer.from(`${VERSION}:${id}`));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}:${id}:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${ct.toString('base64')}`;
}

export function keyIdOf(ciphertext: string): string {
  const parts = ciphertext.split(':');
  if (parts.length !== 5 || parts[0] !== VERSION) throw new FieldCryptoError('not a kefu ciphertext');
  return parts[1]!;
}

export function decryptField(ring: KeyRing, ciphertext: string): string {
  const parts = ciphertext.split(':');
  if (parts.length !== 5 || parts[0] !== VERSION) throw new FieldCryptoError('not a kefu ciphertext');
  const [, id, iv, tag, ct] = parts as [string, string, string, string, string];
  const dataKey = ring.keys.find((k) => k.id === id);
  if (!dataKey) throw new FieldCryptoError(`unknown key id "${id}"`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(`${VERSION}:${id}`));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new FieldCryptoError(`ciphertext under key "${id}" failed authentication`);
  }
}

/** HMAC-SHA256 of the normalized value, 128 bits in base64url: an equality key, not reversible without the index key. */
export function blindIndex(indexKey: Buffer, normalized: string): string {
  return createHmac('sha256', indexKey).update(normalized, 'utf8').digest().subarray(0, 16).toString('base64url');
}

export function currentBlindIndex(ring: KeyRing, normalized: string): string {
  return blindIndex(ring.indexKeys[0]!, normalized);
}

/** Every index a stored value may carry (one, or two while a rotation re-indexes). */
export function lookupBlindIndexes(ring: KeyRing, normalized: string): string[] {
  return [...new Set(ring.indexKeys.map((k) => blindIndex(k, normalized)))];
}
