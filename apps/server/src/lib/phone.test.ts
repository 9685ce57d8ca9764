import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone } from './phone.js';

describe('normalizePhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['0086 13812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['010-12345678', '1012345678'],
    ['(010) 1234 5678', '1012345678'],
    ['+86 10 1234 5678', '1012345678'],
    ['0755-8888 6666', '75588886666'],
    ['+86 755 88886666', '75588886666'],
    ['010-12345678转801', '1012345678'],
    ['400-800-1234', '4008001234'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });
});

describe('maskPhone', () => {
  it('masks a mobile as 138****5678', () => expect(maskPhone('13812345678')).toBe('138****5678'));
  it('masks a landline keeping the last four digits', () => expect(maskPhone('010-12345678')).toBe('010****5678'));
  it('never shows a short number whole', () => expect(maskPhone('12345')).toBe('***45'));
  it.each([
    ['+86 138 1234 5678', '138****5678'],
    ['0086 13812345678', '138****5678'],
    ['+86 10 1234 5678', '101****5678'],
    ['１３８１２３４５６７８', '138****5678'],
  ])('masks %s without its country code as %s', (input, expected) => expect(maskPhone(input)).toBe(expected));
});
