import { describe, expect, it } from 'vitest';
import {
  addDays, canApplyContractAction, daysBetween, effectiveContractStatus, isExpiringWithin, isOverdueForRenewal, isReminderDue, localDate,
  reminderDueDate, renewalNumber,
} from './contracts.rules.js';

describe('calendar days', () => {
  it('adds and counts days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-23', '2026-12-08')).toBe(15);
    expect(daysBetween('2026-12-08', '2026-11-23')).toBe(-15);
  });
  it("takes the tenant's day in its time zone", () => {
    // 2026-11-23 17:30 UTC is already the 24th in Shanghai.
    expect(localDate(new Date('2026-11-23T17:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-24');
    expect(localDate(new Date('2026-11-23T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-11-23');
  });
});

describe('renewal reminder (seed 001: 15 days before the end)', () => {
  const contract = { status: 'active' as const, endDate: '2026-12-08', reminderDays: 15 };
  it('falls due reminderDays before the end', () => {
    expect(reminderDueDate('2026-12-08', 15)).toBe('2026-11-23');
    expect(reminderDueDate('2026-03-10', 15)).toBe('2026-02-23');
    expect(reminderDueDate('2026-12-08', 0)).toBe('2026-12-08');
  });
  it('is due from the due date until the end day, for active contracts only', () => {
    expect(isReminderDue(contract, '2026-11-22')).toBe(false);
    expect(isReminderDue(contract, '2026-11-23')).toBe(true);
    expect(isReminderDue(contract, '2026-12-08')).toBe(true);
    expect(isReminderDue(contract, '2026-12-09')).toBe(false);
    expect(isReminderDue({ ...contract, status: 'draft' }, '2026-11-30')).toBe(false);
    expect(isReminderDue({ ...contract, status: 'renewed' }, '2026-11-30')).toBe(false);
    expect(isReminderDue({ ...contract, reminderDays: 30 }, '2026-11-08')).toBe(true);
  });
});

describe('contract status', () => {
  it('shows an active contract past its end as expired; other statuses as stored', () => {
    expect(effectiveContractStatus({ status: 'active', endDate: '2026-11-23' }, '2026-11-23')).toBe('active');
    expect(effectiveContractStatus({ status: 'active', endDate: '2026-11-22' }, '2026-11-23')).toBe('expired');
    expect(effectiveContractStatus({ status: 'renewed', endDate: '2026-01-01' }, '2026-11-23')).toBe('renewed');
    expect(effectiveContractStatus({ status: 'draft', endDate: '2026-01-01' }, '2026-11-23')).toBe('draft');
  });
  it('sorts running contracts into expiring and overdue', () => {
    const today = '2026-11-23';
    expect(isExpiringWithin({ status: 'active', endDate: '2026-12-23' }, today, 30)).toBe(true);
    expect(isExpiringWithin({ status: 'active', endDate: '2026-12-24' }, today, 30)).toBe(false);
    expect(isExpiringWithin({ status: 'active', endDate: '2026-11-22' }, today, 30)).toBe(false);
    expect(isOverdueForRenewal({ status: 'active', endDate: '2026-11-22' }, today)).toBe(true);
    expect(isOverdueForRenewal({ status: 'expired', endDate: '2026-10-01' }, today)).toBe(true);
    expect(isOverdueForRenewal({ status: 'terminated', endDate: '2026-10-01' }, today)).toBe(false);
  });
  it('allows each action only from the right statuses', () => {
    const table = (['draft', 'active', 'expired', 'terminated', 'renewed'] as const).map((s) => [
      s, canApplyContractAction(s, 'activate'), canApplyContractAction(s, 'renew'), canApplyContractAction(s, 'terminate'), canApplyContractAction(s, 'edit'),
    ]);
    expect(table).toEqual([
      ['draft', true, false, true, true],
      ['active', false, true, true, true],
      ['expired', false, true, true, true],
      ['terminated', false, false, false, false],
      ['renewed', false, false, false, false],
    ]);
  });
  it('numbers renewals A-1 → A-1-R1 → A-1-R2', () => {
    expect(renewalNumber('HT-2026-001')).toBe('HT-2026-001-R1');
    expect(renewalNumber('HT-2026-001-R1')).toBe('HT-2026-001-R2');
    expect(renewalNumber('HT-R9')).toBe('HT-R10');
  });
});
