import { describe, expect, it } from 'vitest';
import { LENDING_ACTIONS, LENDING_STATUSES } from '@kefu/shared';
import { allowedLendingActions, daysLendingOverdue, isLendingOverdue, isSelfApproval, nextLendingStatus } from './lending.rules.js';

describe('lending slip machine (借出单)', () => {
  it('moves requested → approved → lent → returned, with reject and cancel on the way', () => {
    const table = Object.fromEntries(LENDING_STATUSES.map((s) => [s, Object.fromEntries(LENDING_ACTIONS.map((a) => [a, nextLendingStatus(s, a)]))]));
    expect(table).toEqual({
      requested: { approve: 'approved', reject: 'rejected', lend: null, return: null, cancel: 'cancelled' },
      approved: { approve: null, reject: null, lend: 'lent', return: null, cancel: 'cancelled' },
      lent: { approve: null, reject: null, lend: null, return: 'returned', cancel: null },
      rejected: { approve: null, reject: null, lend: null, return: null, cancel: null },
      returned: { approve: null, reject: null, lend: null, return: null, cancel: null },
      cancelled: { approve: null, reject: null, lend: null, return: null, cancel: null },
    });
    expect(allowedLendingActions('approved')).toEqual(['lend', 'cancel']);
    expect(allowedLendingActions('returned')).toEqual([]);
  });
  it('is overdue only while lent and after the expected return day', () => {
    const lent = { status: 'lent' as const, expectedReturnDate: '2026-11-20' };
    expect(isLendingOverdue(lent, '2026-11-20')).toBe(false);
    expect(isLendingOverdue(lent, '2026-11-21')).toBe(true);
    expect(daysLendingOverdue(lent, '2026-11-23')).toBe(3);
    expect(isLendingOverdue({ ...lent, status: 'returned' }, '2026-11-23')).toBe(false);
    expect(daysLendingOverdue({ ...lent, status: 'approved' }, '2026-11-23')).toBe(0);
  });
  it('refuses approval by the requester or the borrower', () => {
    expect(isSelfApproval({ requestedBy: 5, borrowerId: 7 }, 5)).toBe(true);
    expect(isSelfApproval({ requestedBy: 5, borrowerId: 7 }, 7)).toBe(true);
    expect(isSelfApproval({ requestedBy: 5, borrowerId: 7 }, 9)).toBe(false);
    expect(isSelfApproval({ requestedBy: null, borrowerId: 7 }, 9)).toBe(false);
  });
});
