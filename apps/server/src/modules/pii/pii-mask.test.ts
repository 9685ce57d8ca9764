import { describe, expect, it } from 'vitest';
import { isValidIdCard } from '@kefu/shared';
import { maskIdCard, shortenAddress } from './pii-mask.js';

describe('masks', () => {
  it('shows the first 3 and last 4 characters of an ID card number', () => {
    expect(maskIdCard('110101199003071234')).toBe('110***********1234');
    expect(maskIdCard('11010119900307123x')).toBe('110***********123X');
    expect(maskIdCard('110101900307123')).toBe('110********7123');
  });

  it('shortens addresses to the district', () => {
    expect(shortenAddress('北京市海淀区中关村大街1号')).toBe('北京市海淀区***');
    expect(shortenAddress('广东省深圳市南山区科技园南区')).toBe('广东省深圳市南山区***');
    expect(shortenAddress('浙江省杭州市西湖区文三路')).toBe('浙江省杭州市西湖区***');
    expect(shortenAddress('新疆维吾尔自治区乌鲁木齐市天山区解放路')).toBe('新疆维吾尔自治区乌鲁木齐市天山区***');
    expect(shortenAddress('江苏省昆山市前进路1号')).toBe('江苏省昆山市***');
    expect(shortenAddress('Room 5, 8 Main Street')).toBe('Room 5***');
    expect(shortenAddress('朝阳区')).toBe('***');
  });
});

describe('ID card numbers', () => {
  it('checks the GB 11643 check digit', () => {
    expect(isValidIdCard('11010519491231002X')).toBe(true);
    expect(isValidIdCard('110105194912310021')).toBe(false);
    expect(isValidIdCard('110101900307123')).toBe(true);
    expect(isValidIdCard('1101051949123')).toBe(false);
  });
});

describe('the index form of a phone number', () => {
  it('is what normalizePhone gives, also on the fast path for bare mobiles', async () => {
    const { normalizePhone } = await import('../../lib/phone.js');
    const { normalizeForIndex } = await import('./pii-fields.js');
    for (const n of ['13812345678', '19912345678', '+86 138-1234-5678', '010-62223333', '12345', '11012345678']) expect(normalizeForIndex(n)).toBe(normalizePhone(n));
  });
});
