// Shift-swap rules of seed 003 (客服部换班制度) as a pure function: every rule broken, each with its own message key.
import type { RuleViolationItem } from '@kefu/shared';

export interface SwapShift {
  id: number;
  userId: number;
  date: string;
  startsAt: Date;
  endsAt: Date;
  /** Set when the shift already came to its holder by a swap. */
  swapId: number | null;
}

export interface SwapParty {
  userId: number;
  name: string;
  job: string;
  skillLevel: number;
  /** The shift this person gives away. */
  shift: SwapShift;
  /** The person's other shifts around the swapped days (to find 连班). */
  otherShifts: SwapShift[];
  /** Pending or approved swaps of this person in the month of the swap. */
  swapsThisMonth: number;
  /** Shift dates of this person's other pending or approved swaps. */
  swapDates: string[];
  /** The person's pending or approved leave. */
  leave: { startsAt: Date; endsAt: Date }[];
}

export interface SwapContext {
  now: Date;
  holidayName: (date: string) => string | null;
}

export interface SwapRules {
  /** 每人每月换班不得超过 2 次. */
  maxPerMonth: number;
  /** Less rest than this between two shifts of one person is 连班 (back-to-back). */
  minRestMinutes: number;
}

export const DEFAULT_SWAP_RULES: SwapRules = { maxPerMonth: 2, minRestMinutes: 60 };

const DAY_MS = 86_400_000;
const overlaps = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;
const dayDistance = (a: string, b: string) => Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / DAY_MS;

function isBackToBack(shift: SwapShift, others: SwapShift[], minRestMs: number): boolean {
  return others.some((o) => o.id !== shift.id && shift.startsAt.getTime() < o.endsAt.getTime() + minRestMs && o.startsAt.getTime() < shift.endsAt.getTime() + minRestMs);
}

export function checkSwap(requester: SwapParty, counterpart: SwapParty, context: SwapContext, rules: SwapRules = DEFAULT_SWAP_RULES): RuleViolationItem[] {
  const violations: RuleViolationItem[] = [];
  const add = (rule: string, params: Record<string, string | number> = {}) => violations.push({ rule: `rosters.swap.${rule}`, params });
  if (requester.userId === counterpart.userId) {
    add('same_person');
    return violations;
  }
  if (requester.shift.userId !== requester.userId || counterpart.shift.userId !== counterpart.userId) add('not_own_shift');
  for (const shift of [requester.shift, counterpart.shift]) {
    if (shift.startsAt.getTime() <= context.now.getTime()) add('shift_started', { date: shift.date });
  }
  if (requester.shift.startsAt.getTime() === counterpart.shift.startsAt.getTime() && requester.shift.endsAt.getTime() === counterpart.shift.endsAt.getTime()) add('same_time');
  const pairs: [SwapParty, SwapParty][] = [
    [requester, counterpart],
    [counterpart, requester],
  ];
  for (const [party] of pairs) {
    if (party.swapsThisMonth >= rules.maxPerMonth) add('monthly_limit', { name: party.name, count: party.swapsThisMonth, max: rules.maxPerMonth });
  }
  for (const [party] of pairs) {
    const near = party.swapDates.find((d) => [requester.shift.date, counterpart.shift.date].some((s) => dayDistance(d, s) <= 1));
    if (near) add('consecutive', { name: party.name, date: near });
  }
  for (const shift of [requester.shift, counterpart.shift]) {
    if (shift.swapId !== null) add('already_swapped', { date: shift.date });
  }
  for (const [party, other] of pairs) {
    // After the exchange the party works the other's shift next to their remaining ones.
    if (isBackToBack(other.shift, party.otherShifts.filter((s) => s.id !== party.shift.id), rules.minRestMinutes * 60_000)) {
      add('back_to_back', { name: party.name, date: other.shift.date });
    }
  }
  if (requester.job !== counterpart.job) add('job_mismatch', { a: requester.job, b: counterpart.job });
  if (requester.skillLevel !== counterpart.skillLevel) add('skill_mismatch', { a: requester.skillLevel, b: counterpart.skillLevel });
  const holidays = new Set([requester.shift.date, counterpart.shift.date].map((d) => context.holidayName(d)).filter((h): h is string => h !== null));
  for (const holiday of holidays) add('public_holiday', { holiday });
  for (const [party, other] of pairs) {
    const onLeave = [party.shift, other.shift].find((s) => party.leave.some((l) => overlaps(l, s)));
    if (onLeave) add('leave_on_shift', { name: party.name, date: onLeave.date });
  }
  return violations;
}
