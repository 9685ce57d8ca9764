import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES } from '@kefu/shared';
import { AppError } from '../../lib/app-error.js';
import { pickLeastLoaded, pickRoundRobin } from './ticket-assignment.js';
import { assertTransition, canTransition, isReopen, statusTimestamps } from './ticket-lifecycle.js';
import { customFieldProblems, missingFollowUpFields } from './ticket-rules.js';

describe('work-order life cycle', () => {
  it('follows new → assigned → in progress → waiting → resolved → closed', () => {
    const path = ['new', 'assigned', 'in_progress', 'waiting_customer', 'in_progress', 'waiting_department', 'resolved', 'closed'] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
  });
  it('reopens resolved and closed orders into in progress only', () => {
    expect(canTransition('closed', 'in_progress')).toBe(true);
    expect(canTransition('resolved', 'in_progress')).toBe(true);
    expect(canTransition('closed', 'new')).toBe(false);
    expect(canTransition('closed', 'resolved')).toBe(false);
    expect(isReopen('closed', 'in_progress')).toBe(true);
    expect(isReopen('waiting_customer', 'in_progress')).toBe(false);
  });
  it('never moves back to new once work has started', () => {
    for (const from of TICKET_STATUSES.filter((s) => s !== 'new' && s !== 'assigned')) expect(canTransition(from, 'new')).toBe(false);
  });
  it('throws INVALID_TRANSITION with both statuses', () => {
    try {
      assertTransition('closed', 'waiting_customer');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).params).toEqual({ from: 'closed', to: 'waiting_customer' });
    }
    expect(() => assertTransition('closed', 'closed')).not.toThrow();
  });
  it('sets and clears resolution times', () => {
    const at = new Date('2026-11-22T08:00:00Z');
    expect(statusTimestamps('in_progress', 'resolved', at)).toEqual({ resolved_at: at, closed_at: null });
    expect(statusTimestamps('resolved', 'closed', at)).toEqual({ closed_at: at });
    expect(statusTimestamps('in_progress', 'closed', at)).toEqual({ resolved_at: at, closed_at: at });
    expect(statusTimestamps('closed', 'in_progress', at)).toEqual({ resolved_at: null, closed_at: null });
    expect(statusTimestamps('new', 'assigned', at)).toEqual({});
  });
});

describe('the five facts of an order that cannot be answered on the spot', () => {
  it('names each missing one', () => {
    expect(missingFollowUpFields({})).toEqual(['time', 'place', 'person', 'event', 'contactPhone']);
    expect(missingFollowUpFields({ eventTime: '2026-11-22T10:00:00+08:00', eventPlace: ' ', eventPerson: '王', description: '漏水', contactPhone: '138' })).toEqual(['place']);
    expect(missingFollowUpFields({ eventTime: new Date(), eventPlace: '3号楼', eventPerson: '王', description: '漏水', contactPhone: '138' })).toEqual([]);
  });
});

describe('custom fields', () => {
  const defs = [
    { key: 'order_no', labelZh: '订单号', labelEn: 'Order', kind: 'text' as const, required: true },
    { key: 'amount', labelZh: '金额', labelEn: 'Amount', kind: 'number' as const, required: false },
    { key: 'reason', labelZh: '原因', labelEn: 'Reason', kind: 'select' as const, required: false, options: ['质量问题', '七天无理由'] },
    { key: 'picked_up', labelZh: '已取件', labelEn: 'Picked up', kind: 'checkbox' as const, required: false },
  ];
  it('accepts valid values', () => expect(customFieldProblems(defs, { order_no: 'TB1', amount: 12.5, reason: '质量问题', picked_up: true })).toEqual([]));
  it('reports required, unknown, wrong type and unknown option', () => {
    expect(customFieldProblems(defs, { amount: '12', reason: '不想要了', extra: 1 })).toEqual([
      { key: 'extra', problem: 'unknown' },
      { key: 'order_no', problem: 'required' },
      { key: 'amount', problem: 'type' },
      { key: 'reason', problem: 'option' },
    ]);
  });
  it('skips required checks for partial updates', () => expect(customFieldProblems(defs, { amount: 3 }, { partial: true })).toEqual([]));
});

describe('assignment strategies', () => {
  it('round-robin takes the next member after the last one, wrapping', () => {
    expect(pickRoundRobin([5, 3, 9], null)).toBe(3);
    expect(pickRoundRobin([5, 3, 9], 3)).toBe(5);
    expect(pickRoundRobin([5, 3, 9], 9)).toBe(3);
    expect(pickRoundRobin([5, 3, 9], 4)).toBe(5);
    expect(pickRoundRobin([], 4)).toBeNull();
  });
  it('least-loaded takes the fewest open orders, ties to the lowest id', () => {
    expect(pickLeastLoaded([{ userId: 7, open: 2 }, { userId: 3, open: 5 }, { userId: 9, open: 2 }])).toBe(7);
    expect(pickLeastLoaded([])).toBeNull();
  });
});
