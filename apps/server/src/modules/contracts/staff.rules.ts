// Pure rules of the service staff archive: the movement state machine (seed 001: 新到 / 上岗 / 返回 / 辞职),
// placement overlaps and how personal data is masked. No I/O.
import { STAFF_MOVEMENTS as MOVEMENTS, type StaffStatus } from '@kefu/shared';
import { maskPhone } from '../../lib/phone.js';

export function allowedMovements(from: StaffStatus): readonly StaffStatus[] {
  return MOVEMENTS[from];
}

export function canMove(from: StaffStatus, to: StaffStatus): boolean {
  return MOVEMENTS[from].includes(to);
}

/** The status after a log of movements, oldest first; null when a step is not allowed (the log is the truth). */
export function statusAfter(kinds: readonly StaffStatus[]): StaffStatus | null {
  let status: StaffStatus | null = null;
  for (const kind of kinds) {
    if (status === null ? kind !== 'new' : !canMove(status, kind)) return null;
    status = kind;
  }
  return status;
}

export interface DateSpan {
  startDate: string;
  endDate: string | null;
}

/** Two placements overlap when neither ends before the other starts (an open end runs forever). */
export function spansOverlap(a: DateSpan, b: DateSpan): boolean {
  return (a.endDate === null || a.endDate >= b.startDate) && (b.endDate === null || b.endDate >= a.startDate);
}

/** 110101199001011234 → 110***********1234: keeps the region prefix and the last four. */
export function maskIdCard(idCard: string): string {
  if (idCard.length <= 7) return '*'.repeat(idCard.length);
  return `${idCard.slice(0, 3)}${'*'.repeat(idCard.length - 7)}${idCard.slice(-4)}`;
}

export function maskStaffPhone(phone: string | null): string | null {
  return phone === null ? null : maskPhone(phone);
}

export interface MonthTotal {
  month: string;
  count: number;
  points: number;
  amountFen: number;
}

/** Per-month totals of deductions, newest month first. */
export function monthlyTotals(rows: readonly { month: string; points: number; amountFen: number }[]): MonthTotal[] {
  const byMonth = new Map<string, MonthTotal>();
  for (const r of rows) {
    const t = byMonth.get(r.month) ?? { month: r.month, count: 0, points: 0, amountFen: 0 };
    t.count += 1;
    t.points += r.points;
    t.amountFen += r.amountFen;
    byMonth.set(r.month, t);
  }
  return [...byMonth.values()].sort((a, b) => b.month.localeCompare(a.month));
}
