import { describe, expect, it } from 'vitest';
import { STAFF_STATUSES } from '@kefu/shared';
import { allowedMovements, canMove, maskIdCard, maskStaffPhone, monthlyTotals, spansOverlap, statusAfter } from './staff.rules.js';

describe('staff movement machine (新到 → 上岗 ⇄ 返回 → 辞职)', () => {
  it('allows exactly these movements', () => {
    const matrix = STAFF_STATUSES.map((from) => STAFF_STATUSES.filter((to) => canMove(from, to)));
    expect(matrix).toEqual([
      ['on_duty', 'resigned'], // new
      ['returned', 'resigned'], // on_duty
      ['on_duty', 'resigned'], // returned
      ['new'], // resigned: comes back as new
    ]);
    expect(allowedMovements('on_duty')).toEqual(['returned', 'resigned']);
  });
  it('replays a log into a status, and refuses a log with an impossible step', () => {
    expect(statusAfter(['new'])).toBe('new');
    expect(statusAfter(['new', 'on_duty', 'returned', 'on_duty'])).toBe('on_duty');
    expect(statusAfter(['new', 'resigned', 'new', 'on_duty'])).toBe('on_duty');
    expect(statusAfter(['on_duty'])).toBeNull();
    expect(statusAfter(['new', 'returned'])).toBeNull();
    expect(statusAfter(['new', 'on_duty', 'on_duty'])).toBeNull();
    expect(statusAfter([])).toBeNull();
  });
});

describe('placements', () => {
  it('overlap when neither ends before the other starts; open ends run on', () => {
    expect(spansOverlap({ startDate: '2026-01-01', endDate: '2026-03-31' }, { startDate: '2026-04-01', endDate: null })).toBe(false);
    expect(spansOverlap({ startDate: '2026-01-01', endDate: '2026-03-31' }, { startDate: '2026-03-31', endDate: null })).toBe(true);
    expect(spansOverlap({ startDate: '2026-01-01', endDate: null }, { startDate: '2025-01-01', endDate: '2025-12-31' })).toBe(false);
    expect(spansOverlap({ startDate: '2026-01-01', endDate: null }, { startDate: '2027-01-01', endDate: null })).toBe(true);
  });
});

describe('personal data masking', () => {
  it('keeps the first three and last four of an ID card', () => {
    expect(maskIdCard('110101199001011234')).toBe('110***********1234');
    expect(maskIdCard('11010119900101123X')).toBe('110***********123X');
    expect(maskIdCard('110101900101123')).toBe('110********1123');
    expect(maskStaffPhone('13812345678')).toBe('138****5678');
    expect(maskStaffPhone(null)).toBeNull();
  });
});

describe('monthly deduction totals', () => {
  it('sums per month, newest first', () => {
    expect(monthlyTotals([
      { month: '2026-10', points: 2, amountFen: 5000 },
      { month: '2026-11', points: 1, amountFen: 2000 },
      { month: '2026-10', points: 3, amountFen: 0 },
    ])).toEqual([
      { month: '2026-11', count: 1, points: 1, amountFen: 2000 },
      { month: '2026-10', count: 2, points: 5, amountFen: 5000 },
    ]);
  });
});
