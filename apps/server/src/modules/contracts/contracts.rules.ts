// Pure rules of contracts: calendar-day arithmetic on "YYYY-MM-DD", the status a contract shows, when its renewal
// reminder falls due and which status changes are allowed. No I/O.
import { DateTime } from 'luxon';
import type { ContractStatus } from '@kefu/shared';

const DAY_MS = 86_400_000;
const toUtc = (date: string) => Date.parse(`${date}T00:00:00Z`);

export function addDays(date: string, days: number): string {
  return new Date(toUtc(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}

/** The calendar day of an instant in a time zone (the tenant's "today"). */
export function localDate(at: Date, timeZone: string): string {
  const day = DateTime.fromJSDate(at, { zone: timeZone }).toISODate();
  if (!day) throw new Error(`invalid time zone ${timeZone}`);
  return day;
}

/** Seed 001: the store is told `reminderDays` before the end, so it has time to visit the customer and renew. */
export function reminderDueDate(endDate: string, reminderDays: number): string {
  return addDays(endDate, -reminderDays);
}

export interface ContractTiming {
  status: ContractStatus;
  endDate: string;
  reminderDays: number;
}

/** An active contract whose end has passed shows (and is swept to) expired; other statuses are final or manual. */
export function effectiveContractStatus(c: Pick<ContractTiming, 'status' | 'endDate'>, today: string): ContractStatus {
  return c.status === 'active' && c.endDate < today ? 'expired' : c.status;
}

/** Only active contracts are reminded, from the due date on (a late sweep still reminds), until they end. */
export function isReminderDue(c: ContractTiming, today: string): boolean {
  return c.status === 'active' && today >= reminderDueDate(c.endDate, c.reminderDays) && today <= c.endDate;
}

/** Ending within `days` from today (inclusive), still running: the expiring view's upper list. */
export function isExpiringWithin(c: Pick<ContractTiming, 'status' | 'endDate'>, today: string, days: number): boolean {
  return effectiveContractStatus(c, today) === 'active' && c.endDate <= addDays(today, days);
}

/** Ended, neither renewed nor terminated: the expiring view's overdue list. */
export function isOverdueForRenewal(c: Pick<ContractTiming, 'status' | 'endDate'>, today: string): boolean {
  return effectiveContractStatus(c, today) === 'expired';
}

export type ContractAction = 'activate' | 'renew' | 'terminate' | 'edit';

/** Which stored statuses allow an action (an active contract past its end counts as expired). */
export function canApplyContractAction(status: ContractStatus, action: ContractAction): boolean {
  switch (action) {
    case 'activate':
      return status === 'draft';
    case 'renew':
      return status === 'active' || status === 'expired';
    case 'terminate':
      return status === 'draft' || status === 'active' || status === 'expired';
    case 'edit':
      return status === 'draft' || status === 'active' || status === 'expired';
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

/** The renewal's default number: A-001 → A-001-R1, A-001-R1 → A-001-R2. */
export function renewalNumber(number: string): string {
  const match = /^(.*)-R(\d+)$/.exec(number);
  return match ? `${match[1]}-R${Number(match[2]) + 1}` : `${number}-R1`;
}
