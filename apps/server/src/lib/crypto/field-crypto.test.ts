import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  blindIndex, buildKeyRing, decryptField, deriveIndexKey, encryptField, FieldCryptoError, generateKey, keyIdOf, lookupBlindIndexes, parseKeyList,
} from './field-crypto.js';
import { addKeyToFile, dropOldKeysFromFile, loadKeyRing, readKeyFile } from './key-ring.js';

const k1 = generateKey('k1');
const k2 = generateKey('k2');

describe('field encryption', () => {
  it('round-trips text, Chinese included, with the key id in the ciphertext', () => {
    const ring = buildKeyRing([k1]);
    const ct = encryptField(ring, '北京市海淀区中关村大街1号 13812345678');
    expect(ct).toMatch(/^v1:k1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(ct).not.toContain('13812345678');
    expect(keyIdOf(ct)).toBe('k1');
    expect(decryptField(ring, ct)).toBe('北京市海淀区中关村大街1号 13812345678');
  });

  it('uses a fresh IV: the same value encrypts differently every time', () => {
    const ring = buildKeyRing([k1]);
    expect(encryptField(ring, '13812345678')).not.toBe(encryptField(ring, '13812345678'));
  });

  it('detects tampering with the ciphertext, the tag or the key id', () => {
    const ring = buildKeyRing([k1, k2]);
    const ct = encryptField(ring, '13812345678');
    const [v, id, iv, tag, body] = ct.split(':') as [string, string, string, string, string];
    const flipped = Buffer.from(body, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decryptField(ring, [v, id, iv, tag, flipped.toString('base64')].join(':'))).toThrow(FieldCryptoError);
    expect(() => decryptField(ring, [v, id, iv, Buffer.alloc(16).toString('base64'), body].join(':'))).toThrow(/failed authentication/);
    expect(() => decryptField(ring, [v, 'k2', iv, tag, body].join(':'))).toThrow(/failed authentication/);
    expect(() => decryptField(ring, 'hello')).toThrow(/not a kefu ciphertext/);
  });

  it('refuses a ciphertext under a key it does not have, and a wrong key with the same id', () => {
    const ct = encryptField(buildKeyRing([k1]), 'x');
    expect(() => decryptField(buildKeyRing([k2]), ct)).toThrow(/unknown key id "k1"/);
    expect(() => decryptField(buildKeyRing([generateKey('k1')]), ct)).toThrow(/failed authentication/);
  });

  it('after a rotation encrypts under the new key and still decrypts the old ciphertexts', () => {
    const before = encryptField(buildKeyRing([k1]), '110101199003071234');
    const rotated = buildKeyRing([k2, k1]);
    expect(keyIdOf(encryptField(rotated, 'y'))).toBe('k2');
    expect(decryptField(rotated, before)).toBe('110101199003071234');
  });
});

describe('blind index', () => {
  it('is deterministic per index key, differs between keys, and hides the number', () => {
    const a = deriveIndexKey(k1.key);
    expect(blindIndex(a, '13812345678')).toBe(blindIndex(a, '13812345678'));
    expect(blindIndex(a, '13812345678')).not.toBe(blindIndex(a, '13812345679'));
    expect(blindIndex(a, '13812345678')).not.toBe(blindIndex(deriveIndexKey(k2.key), '13812345678'));
    expect(blindIndex(a, '13812345678')).toHaveLength(22);
  });

  it('offers every index key of the ring to lookups while a rotation runs; an explicit index key stays alone', () => {
    expect(lookupBlindIndexes(buildKeyRing([k2, k1]), '13812345678')).toEqual([
      blindIndex(deriveIndexKey(k2.key), '13812345678'), blindIndex(deriveIndexKey(k1.key), '13812345678'),
    ]);
    const explicit = Buffer.alloc(32, 7);
    expect(lookupBlindIndexes(buildKeyRing([k2, k1], explicit), '13812345678')).toEqual([blindIndex(explicit, '13812345678')]);
  });
});

describe('key sources', () => {
  it('parses KEFU_DATA_KEYS with the first key current, and rejects bad entries', () => {
    const text = `k2:${k2.key.toString('base64')}, k1:${k1.key.toString('base64')}`;
    expect(parseKeyList(text).map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(() => parseKeyList('k1:abc')).toThrow(/32 bytes/);
    expect(() => parseKeyList(`k1:${k1.key.toString('base64')},k1:${k2.key.toString('base64')}`)).toThrow(/repeats/);
    expect(() => parseKeyList(`bad id:${k1.key.toString('base64')}`)).toThrow(/key id/);
  });

  it('generates keys.json (0600) on the first start, keeps it, and adds and drops keys for a rotation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-keys-'));
    const first = loadKeyRing({ dataDir: dir, env: {} });
    expect(first.source.kind).toBe('file');
    expect(statSync(join(dir, 'keys.json')).mode & 0o777).toBe(0o600);
    const again = loadKeyRing({ dataDir: dir, env: {} });
    expect(again.ring.keys[0]!.key.equals(first.ring.keys[0]!.key)).toBe(true);
    const added = addKeyToFile(join(dir, 'keys.json'));
    expect(added.id).toBe('k2');
    expect(readKeyFile(join(dir, 'keys.json')).map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(dropOldKeysFromFile(join(dir, 'keys.json'))).toEqual(['k1']);
    expect(JSON.parse(readFileSync(join(dir, 'keys.json'), 'utf8')).keys).toHaveLength(1);
  });

  it('prefers KEFU_DATA_KEYS over the file', () => {
    const { ring, source } = loadKeyRing({ dataDir: mkdtempSync(join(tmpdir(), 'kefu-keys-')), env: { KEFU_DATA_KEYS: `k9:${k1.key.toString('base64')}` } });
    expect(source.kind).toBe('env');
    expect(ring.keys.map((k) => k.id)).toEqual(['k9']);
  });
});
