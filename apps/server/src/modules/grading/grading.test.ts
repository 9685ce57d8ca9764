import { describe, expect, it } from 'vitest';
import { DEAL_STATUSES, DEFAULT_GRADING_RULES, DEMANDS, gradingRulesSchema, IMPORTANCES, URGENCIES, type GradingAxes, type GradingRules } from '@kefu/shared';
import { churnReasons, gradeCustomer, localToday, nextFollowUpOn, overdueDays, vipCount } from './grade-rules.js';

const ZONE = 'Asia/Shanghai';
const all: GradingAxes[] = DEAL_STATUSES.flatMap((dealStatus) => IMPORTANCES.flatMap((importance) => URGENCIES.flatMap((urgency) => DEMANDS.map((demand) => ({ dealStatus, importance, urgency, demand })))));

/** Seed 003's grades, written out from its text independently of the rule list. */
function seedGrade(a: GradingAxes): string {
  if (a.demand === 'dead') return 'E'; // 没有需求或者没有任何成交机会
  if (a.demand === 'potential') return 'D'; // 有潜在的业务需求
  if (a.urgency === 'urgent' || a.urgency === 'soon') return 'A'; // 明显需求，一个月内
  if (a.urgency === 'later') return 'B'; // 明显需求，三个月内
  return a.importance === 'important' ? 'C' : 'D'; // 半年内 vs 至少半年后
}

describe('gradeCustomer with the seed-003 defaults', () => {
  it('covers all 72 combinations of the four axes', () => {
    expect(all).toHaveLength(72);
    for (const axes of all) expect({ axes, grade: gradeCustomer(axes, DEFAULT_GRADING_RULES) }).toEqual({ axes, grade: seedGrade(axes) });
    const counts = all.reduce<Record<string, number>>((m, a) => ({ ...m, [gradeCustomer(a, DEFAULT_GRADING_RULES)]: (m[gradeCustomer(a, DEFAULT_GRADING_RULES)] ?? 0) + 1 }), {});
    expect(counts).toEqual({ A: 12, B: 6, C: 3, D: 27, E: 24 });
  });

  it("grades the seed's examples", () => {
    // A: 有明显的业务需求，并且预计能够在一个月内成交
    expect(gradeCustomer({ dealStatus: 'negotiating', importance: 'important', urgency: 'urgent', demand: 'target' }, DEFAULT_GRADING_RULES)).toBe('A');
    expect(gradeCustomer({ dealStatus: 'prospect', importance: 'ordinary', urgency: 'soon', demand: 'target' }, DEFAULT_GRADING_RULES)).toBe('A');
    // B: 三个月内成交
    expect(gradeCustomer({ dealStatus: 'negotiating', importance: 'ordinary', urgency: 'later', demand: 'target' }, DEFAULT_GRADING_RULES)).toBe('B');
    // C: 半年内成交 (an important customer needed after 3 months)
    expect(gradeCustomer({ dealStatus: 'prospect', importance: 'important', urgency: 'slow', demand: 'target' }, DEFAULT_GRADING_RULES)).toBe('C');
    // D: 潜在需求, or a clear need at least half a year away
    expect(gradeCustomer({ dealStatus: 'closed', importance: 'important', urgency: 'urgent', demand: 'potential' }, DEFAULT_GRADING_RULES)).toBe('D');
    expect(gradeCustomer({ dealStatus: 'prospect', importance: 'ordinary', urgency: 'slow', demand: 'target' }, DEFAULT_GRADING_RULES)).toBe('D');
    // E: 死亡客户, even when already closed and urgent
    expect(gradeCustomer({ dealStatus: 'closed', importance: 'important', urgency: 'urgent', demand: 'dead' }, DEFAULT_GRADING_RULES)).toBe('E');
  });

  it('takes the first matching rule and falls back when none matches', () => {
    const rules: Pick<GradingRules, 'rules' | 'fallbackGrade'> = {
      rules: [{ grade: 'A', when: { dealStatus: ['closed'], importance: ['important'] } }, { grade: 'B', when: { dealStatus: ['closed'] } }],
      fallbackGrade: 'E',
    };
    expect(gradeCustomer({ dealStatus: 'closed', importance: 'important', urgency: 'slow', demand: 'dead' }, rules)).toBe('A');
    expect(gradeCustomer({ dealStatus: 'closed', importance: 'ordinary', urgency: 'slow', demand: 'dead' }, rules)).toBe('B');
    expect(gradeCustomer({ dealStatus: 'prospect', importance: 'important', urgency: 'urgent', demand: 'target' }, rules)).toBe('E');
    expect(gradeCustomer({ dealStatus: 'prospect', importance: 'important', urgency: 'urgent', demand: 'target' }, { rules: [{ grade: 'C', when: {} }], fallbackGrade: 'E' })).toBe('C');
  });

  it('the defaults satisfy the rules schema; a bad rule names its field', () => {
    expect(gradingRulesSchema.safeParse(DEFAULT_GRADING_RULES).success).toBe(true);
    const bad = gradingRulesSchema.safeParse({ ...DEFAULT_GRADING_RULES, rules: [{ grade: 'F', when: {} }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['rules', 0, 'grade']);
    const badAxis = gradingRulesSchema.safeParse({ ...DEFAULT_GRADING_RULES, rules: [{ grade: 'A', when: { demand: ['hot'] } }] });
    expect(badAxis.error?.issues[0]?.path).toEqual(['rules', 0, 'when', 'demand', 0]);
  });
});

describe('follow-up cadence (Asia/Shanghai)', () => {
  const c = DEFAULT_GRADING_RULES.cadence;
  it('A daily, B weekly, C every 15 days, D monthly, E yearly from the local day of the last follow-up', () => {
    const at = new Date('2026-11-20T10:00:00+08:00');
    expect(nextFollowUpOn(at, c.A, ZONE)).toBe('2026-11-21');
    expect(nextFollowUpOn(at, c.B, ZONE)).toBe('2026-11-27');
    expect(nextFollowUpOn(at, c.C, ZONE)).toBe('2026-12-05');
    expect(nextFollowUpOn(at, c.D, ZONE)).toBe('2026-12-20');
    expect(nextFollowUpOn(at, c.E, ZONE)).toBe('2027-11-20');
  });
  it('counts from the Shanghai day, not the UTC day', () => {
    // 2026-11-20 23:30 UTC is already 2026-11-21 07:30 in Shanghai.
    expect(nextFollowUpOn(new Date('2026-11-20T23:30:00Z'), c.A, ZONE)).toBe('2026-11-22');
    expect(nextFollowUpOn(new Date('2026-11-20T15:59:59Z'), c.A, ZONE)).toBe('2026-11-21');
    expect(localToday(new Date('2026-11-20T16:00:00Z'), ZONE)).toBe('2026-11-21');
  });
  it('clamps month ends and leap days like PostgreSQL does', () => {
    expect(nextFollowUpOn(new Date('2027-01-31T09:00:00+08:00'), c.D, ZONE)).toBe('2027-02-28');
    expect(nextFollowUpOn(new Date('2028-01-31T09:00:00+08:00'), c.D, ZONE)).toBe('2028-02-29');
    expect(nextFollowUpOn(new Date('2028-02-29T09:00:00+08:00'), c.E, ZONE)).toBe('2029-02-28');
    expect(nextFollowUpOn(new Date('2026-12-31T09:00:00+08:00'), { every: 2, unit: 'month' }, ZONE)).toBe('2027-02-28');
  });
  it('overdue days', () => {
    expect(overdueDays('2026-11-20', '2026-11-20')).toBe(0);
    expect(overdueDays('2026-11-25', '2026-11-20')).toBe(0);
    expect(overdueDays('2026-10-31', '2026-11-20')).toBe(20);
  });
});

describe('VIP share and churn risk', () => {
  it('flags the top 20 %, rounded up, at least one', () => {
    expect(vipCount(0, 0.2)).toBe(0);
    expect(vipCount(1, 0.2)).toBe(1);
    expect(vipCount(10, 0.2)).toBe(2);
    expect(vipCount(11, 0.2)).toBe(3);
    expect(vipCount(200, 0.2)).toBe(40);
    expect(vipCount(5, 1)).toBe(5);
  });
  const churn = DEFAULT_GRADING_RULES.churn;
  const facts = { contactsCurrent: 4, contactsPrevious: 4, spendCurrent: 1000, spendPrevious: 1000, complaints: 0 };
  it('no alert while contact and spend hold', () => {
    expect(churnReasons(facts, churn)).toEqual([]);
    expect(churnReasons({ ...facts, contactsCurrent: 2, spendCurrent: 500 }, churn)).toEqual([]); // exactly half is not "less than half"
  });
  it('falling contact needs a previous trend of at least two contacts', () => {
    expect(churnReasons({ ...facts, contactsCurrent: 1 }, churn)).toEqual(['contact_drop']);
    expect(churnReasons({ ...facts, contactsPrevious: 1, contactsCurrent: 0 }, churn)).toEqual([]);
    expect(churnReasons({ ...facts, contactsPrevious: 2, contactsCurrent: 0 }, churn)).toEqual(['contact_drop']);
  });
  it('falling spend, and two complaints in the window', () => {
    expect(churnReasons({ ...facts, spendCurrent: 499.99 }, churn)).toEqual(['spend_drop']);
    expect(churnReasons({ ...facts, spendPrevious: 0, spendCurrent: 0 }, churn)).toEqual([]);
    expect(churnReasons({ ...facts, complaints: 1 }, churn)).toEqual([]);
    expect(churnReasons({ ...facts, complaints: 2 }, churn)).toEqual(['complaints']);
    expect(churnReasons({ contactsCurrent: 0, contactsPrevious: 6, spendCurrent: 0, spendPrevious: 10, complaints: 3 }, churn)).toEqual(['contact_drop', 'spend_drop', 'complaints']);
  });
});
