import { describe, expect, it } from 'vitest';
import { choosePolicy, type PolicyCriteria } from './sla-policy-match.js';

const policy = (id: number, c: Partial<PolicyCriteria>): PolicyCriteria => ({ id, typeKey: null, priority: null, channel: null, customerGrade: null, sortOrder: 100, ...c });
const order = { typeKey: 'repair', priority: 'normal', channel: 'phone', customerGrade: 'B' };

describe('choosing an SLA policy', () => {
  it('takes the most specific match: type over priority over grade over channel; ties by sort order, then age', () => {
    const all = [policy(1, {}), policy(2, { channel: 'phone' }), policy(3, { customerGrade: 'B' }), policy(4, { priority: 'normal' }), policy(5, { typeKey: 'repair' })];
    expect(choosePolicy(all, order)?.id).toBe(5);
    expect(choosePolicy(all.slice(0, 4), order)?.id).toBe(4);
    expect(choosePolicy(all.slice(0, 3), order)?.id).toBe(3);
    expect(choosePolicy([policy(7, { sortOrder: 5 }), policy(6, { sortOrder: 5 }), policy(8, { sortOrder: 1 })], order)?.id).toBe(8);
    expect(choosePolicy([policy(7, {}), policy(6, {})], order)?.id).toBe(6);
    expect(choosePolicy([policy(9, { typeKey: 'complaint' })], order)).toBeNull();
  });

  it('a VIP policy matches big customers whatever their grade, and nobody else', () => {
    const all = [policy(1, {}), policy(2, { customerGrade: 'VIP' }), policy(3, { customerGrade: 'A' })];
    expect(choosePolicy(all, { ...order, vip: true })?.id).toBe(2);
    expect(choosePolicy(all, { ...order, vip: false })?.id).toBe(1);
    expect(choosePolicy(all, { ...order, customerGrade: 'A' })?.id).toBe(3);
  });
});
