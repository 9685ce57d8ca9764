// Pure rules of the document lending register (seed 002, 借出单): a request is approved by a manager before the
// document leaves, and the slip is closed when it comes back. No I/O.
import { LENDING_TRANSITIONS as TRANSITIONS, type LendingAction, type LendingStatus } from '@kefu/shared';
import { daysBetween } from './contracts.rules.js';

/** The status an action leads to, or null when the action is not allowed from `from`. */
export function nextLendingStatus(from: LendingStatus, action: LendingAction): LendingStatus | null {
  return TRANSITIONS[from][action] ?? null;
}

export function allowedLendingActions(from: LendingStatus): LendingAction[] {
  return Object.keys(TRANSITIONS[from]) as LendingAction[];
}

/** Out and past the expected return day. */
export function isLendingOverdue(r: { status: LendingStatus; expectedReturnDate: string }, today: string): boolean {
  return r.status === 'lent' && r.expectedReturnDate < today;
}

export function daysLendingOverdue(r: { status: LendingStatus; expectedReturnDate: string }, today: string): number {
  return isLendingOverdue(r, today) ? daysBetween(r.expectedReturnDate, today) : 0;
}

/** The seed asks for a manager's approval: nobody approves a slip they filed or borrow on themselves. */
export function isSelfApproval(r: { requestedBy: number | null; borrowerId: number }, approverId: number): boolean {
  return r.requestedBy === approverId || r.borrowerId === approverId;
}
