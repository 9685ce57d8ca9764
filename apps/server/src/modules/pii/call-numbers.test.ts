import { describe, expect, it } from 'vitest';
import { buildKeyRing, generateKey, keyIdOf } from '../../lib/crypto/field-crypto.js';
import { useKeyRing } from '../../lib/crypto/key-ring.js';
import { displayCallNumbers, encryptCallNumbers, externalCallNumber, externalSides, revealCallNumbers } from './call-numbers.js';

describe('call numbers at rest', () => {
  it('treats the caller of an inbound call, the callee of an outbound one, and both when the direction is unknown as personal', () => {
    expect(externalSides('in')).toEqual(['from']);
    expect(externalSides('out')).toEqual(['to']);
    expect(externalSides(null)).toEqual(['from', 'to']);
  });

  it('encrypts only the external party and keeps the center\u2019s side readable', () => {
    useKeyRing(buildKeyRing([generateKey('n1')]));
    const inbound = encryptCallNumbers('in', ' +86 138-1234-5678 ', '4008001234');
    expect(inbound).toMatchObject({ from_number: '138****5678', to_number: '4008001234', to_number_enc: null });
    expect(revealCallNumbers({ direction: 'in', ...inbound })).toEqual({ from: '+86 138-1234-5678', to: '4008001234' });
    const outbound = encryptCallNumbers('out', '8001', '(010) 6222 3333');
    expect(outbound).toMatchObject({ from_number: '8001', from_number_enc: null, to_number: '010****3333' });
    expect(externalCallNumber({ direction: 'out', ...outbound })).toBe('(010) 6222 3333');
    const unknown = encryptCallNumbers(null, '13812345678', '13900001111');
    expect([unknown.from_number, unknown.to_number]).toEqual(['138****5678', '139****1111']);
    expect(encryptCallNumbers('in', '', null)).toEqual({ from_number: null, from_number_enc: null, to_number: null, to_number_enc: null });
  });

  it('reuses the ciphertext of a number for the events of a call, and encrypts under the new key after a rotation', () => {
    useKeyRing(buildKeyRing([generateKey('n1')]));
    const first = encryptCallNumbers('in', '13812345678', '400').from_number_enc!;
    expect(encryptCallNumbers('in', '13812345678', '400').from_number_enc).toBe(first);
    // A new ring with the same key id but other key material must not reuse the old ciphertext.
    const other = buildKeyRing([generateKey('n1')]);
    useKeyRing(other);
    const again = encryptCallNumbers('in', '13812345678', '400').from_number_enc!;
    expect(again).not.toBe(first);
    expect(revealCallNumbers({ direction: 'in', from_number: null, to_number: null, from_number_enc: again, to_number_enc: null }).from).toBe('13812345678');
    useKeyRing(buildKeyRing([generateKey('n2'), ...other.keys]));
    expect(keyIdOf(encryptCallNumbers('in', '13812345678', '400').from_number_enc!)).toBe('n2');
  });

  it('shows rows not encrypted yet masked on the external side only', () => {
    expect(displayCallNumbers({ direction: 'in', from_number: '13812345678', to_number: '4008001234', from_number_enc: null, to_number_enc: null })).toEqual({ from: '138****5678', to: '4008001234' });
    expect(displayCallNumbers({ direction: 'out', from_number: '8001', to_number: '13812345678', from_number_enc: null, to_number_enc: null })).toEqual({ from: '8001', to: '138****5678' });
    expect(displayCallNumbers({ direction: 'in', from_number: '138****5678', to_number: '400', from_number_enc: 'v1:x', to_number_enc: null })).toEqual({ from: '138****5678', to: '400' });
  });
});
