// Pure rules of customer grading (seed 003): grade from the four axes, follow-up cadence, VIP cut, churn risk.
import { DateTime } from 'luxon';
import type { Cadence, CustomerGradeValue, GradingAxes, GradingRules, GradeRule } from '@kefu/shared';

const AXES = ['dealStatus', 'importance', 'urgency', 'demand'] as const;

export function ruleMatches(rule: GradeRule, axes: GradingAxes): boolean {
  return AXES.every((axis) => {
    const allowed = rule.when[axis] as readonly string[] | undefined;
    return allowed === undefined || allowed.includes(axes[axis]);
  });
}

/** The grade of the first rule that matches; the fallback grade when none does. */
export function gradeCustomer(axes: GradingAxes, rules: Pick<GradingRules, 'rules' | 'fallbackGrade'>): CustomerGradeValue {
  for (const rule of rules.rules) if (ruleMatches(rule, axes)) return rule.grade;
  return rules.fallbackGrade;
}

/**
 * The local date (yyyy-MM-dd in the tenant's zone) the next follow-up is due: the day of the last follow-up plus
 * the grade's cadence. Months and years keep the day of month, clamped at the month's end (Jan 31 + 1 month =
 * Feb 28/29), which is also what PostgreSQL's date + interval does, so the bulk regrade agrees.
 */
export function nextFollowUpOn(lastFollowUpAt: Date, cadence: Cadence, zone: string): string {
  const day = DateTime.fromJSDate(lastFollowUpAt, { zone }).startOf('day');
  const unit = ({ day: 'days', week: 'weeks', month: 'months', year: 'years' } as const)[cadence.unit];
  return day.plus({ [unit]: cadence.every }).toISODate()!;
}

/** Today's date in the tenant's zone. */
export function localToday(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}

/** Whole days a due date lies behind today (0 when due today or later). */
export function overdueDays(dueOn: string, today: string): number {
  const diff = DateTime.fromISO(today, { zone: 'utc' }).diff(DateTime.fromISO(dueOn, { zone: 'utc' }), 'days').days;
  return Math.max(0, Math.round(diff));
}

/** How many of `graded` customers are flagged VIP: the top share, rounded up, at least one when any. */
export function vipCount(graded: number, share: number): number {
  if (graded <= 0) return 0;
  return Math.min(graded, Math.max(1, Math.ceil(graded * share - 1e-9)));
}

export interface ChurnFacts {
  contactsCurrent: number;
  contactsPrevious: number;
  spendCurrent: number;
  spendPrevious: number;
  /** Complaints within the complaints window. */
  complaints: number;
}
export type ChurnReason = 'contact_drop' | 'spend_drop' | 'complaints';

/** Why a customer risks leaving: contact or spend falling against the previous window, or repeated complaints. */
export function churnReasons(f: ChurnFacts, rules: GradingRules['churn']): ChurnReason[] {
  const reasons: ChurnReason[] = [];
  if (f.contactsPrevious >= rules.minPreviousContacts && f.contactsCurrent < f.contactsPrevious * (1 - rules.contactDropRatio)) reasons.push('contact_drop');
  if (f.spendPrevious > 0 && f.spendCurrent < f.spendPrevious * (1 - rules.spendDropRatio)) reasons.push('spend_drop');
  if (f.complaints >= rules.complaintsThreshold) reasons.push('complaints');
  return reasons;
}
