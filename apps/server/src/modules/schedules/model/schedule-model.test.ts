import { describe, expect, it } from 'vitest';
import { INTERVALS_PER_DAY } from '../forecast/series.js';
import { coverageOf, shiftCover, underCoverage } from './coverage.js';
import { generateSchedule } from './generate.js';
import { DEFAULT_SHIFT_PATTERNS } from './presets.js';
import { checkAgent } from './rest-rules.js';
import { DEFAULT_REST_RULES, type ShiftPattern } from './types.js';

const patterns = new Map(DEFAULT_SHIFT_PATTERNS.map((p) => [p.code, p]));
const check = (shifts: Array<[number, string]>, extra: Partial<Parameters<typeof checkAgent>[0]> = {}) =>
  checkAgent({ agentId: 1, shifts: shifts.map(([day, shiftCode]) => ({ day, shiftCode })), patterns, rules: DEFAULT_REST_RULES, ...extra });

describe('rest rules', () => {
  it('accepts five early shifts and two days off', () => {
    expect(check([[0, 'A'], [1, 'A'], [2, 'B'], [3, 'A'], [4, 'A']], { horizonDays: 7 })).toEqual([]);
  });

  it('finds rest shorter than 11 hours with the hours in the message', () => {
    // E ends 22:30, A starts 07:00: 8.5 h.
    expect(check([[0, 'E'], [1, 'A']])).toEqual([
      { rule: 'schedule_rest_too_short', agentId: 1, day: 1, params: { hours: 8.5, min: 11, previous: 'E', shift: 'A' } },
    ]);
  });

  it('forbids a morning shift within two days of a night shift', () => {
    // N ends day 1 at 07:00; B on day 2 starts 08:30 (25.5 h of rest, still the night's recovery day).
    expect(check([[0, 'N'], [2, 'B']]).map((v) => v.rule)).toEqual(['schedule_night_then_morning']);
    expect(check([[0, 'N'], [2, 'D']])).toEqual([]);
    expect(check([[0, 'N'], [3, 'A']])).toEqual([]);
  });

  it('counts days off per 7-day block and consecutive days', () => {
    const six = [0, 1, 2, 3, 4, 5].map((d) => [d, 'C'] as [number, string]);
    expect(check(six, { horizonDays: 7 }).map((v) => [v.rule, v.params])).toEqual([['schedule_too_few_days_off', { week: 1, worked: 6, max: 5, min: 2 }]]);
    // 4 + 3 days across two blocks: each block is fine, the run of 7 is not.
    const seven = [3, 4, 5, 6, 7, 8, 9].map((d) => [d, 'C'] as [number, string]);
    expect(check(seven, { horizonDays: 14 }).map((v) => [v.rule, v.day, v.params])).toEqual([['schedule_too_many_consecutive_days', 9, { days: 7, max: 6 }]]);
  });

  it('flags leave, two shifts a day and nights against the contract', () => {
    expect(check([[0, 'N']], { leaveDays: new Set([0]), nights: false }).map((v) => v.rule)).toEqual(['schedule_on_leave', 'schedule_nights_not_allowed']);
    expect(check([[0, 'A'], [0, 'E']]).map((v) => v.rule)).toEqual(['schedule_two_shifts_one_day']);
  });
});

describe('coverage', () => {
  it('spreads the paid break and carries a night shift past midnight', () => {
    const n = shiftCover(patterns.get('N')!);
    expect(n).toHaveLength(18);
    expect(n[0]).toEqual({ dayOffset: 0, interval: 44, weight: 1 - 60 / 540 });
    expect(n.at(-1)).toEqual({ dayOffset: 1, interval: 13, weight: 1 - 60 / 540 });
    const cov = coverageOf([{ agentId: 1, day: 0, shiftCode: 'A' }, { agentId: 2, day: 0, shiftCode: 'A' }], patterns, 1);
    expect(cov[14]).toBe(2 * (1 - 30 / 480));
    expect(underCoverage([3, 0], [2.5, 1])).toBe(0.5);
  });
});

describe('generation', () => {
  const day: ShiftPattern = { code: 'D8', start: '08:00', lengthMinutes: 480, paidBreakMinutes: 0, night: false };
  // Two agents needed 08:00–16:00 every day of one week.
  const requirement = Array.from({ length: 7 * INTERVALS_PER_DAY }, (_, k) => (k % INTERVALS_PER_DAY >= 16 && k % INTERVALS_PER_DAY < 32 ? 2 : 0));
  const agents = (n: number) => Array.from({ length: n }, (_, k) => ({ id: k + 1 }));

  it('solves a small instance to its known optimum: 2 agents × 5 days leave 4 shifts uncovered', async () => {
    const r = await generateSchedule({ requirement, horizonDays: 7, patterns: [day], agents: agents(2), rules: DEFAULT_REST_RULES, leave: new Map() });
    expect(r.assignments).toHaveLength(10);
    expect(r.underCoverage).toBe(4 * 16);
    expect(r.lowerBound).toBeCloseTo(64, 6);
    expect(r.gap).toBe(0);
    expect(r.violations).toEqual([]);
  });

  it('covers everything with three agents, keeps leave free and reports no gap', async () => {
    const leave = new Map([[1, new Set([0, 1])]]);
    const r = await generateSchedule({ requirement, horizonDays: 7, patterns: [day], agents: agents(3), rules: DEFAULT_REST_RULES, leave });
    expect(r.underCoverage).toBe(0);
    expect(r.lowerBound).toBe(0);
    expect(r.assignments.filter((a) => a.agentId === 1 && a.day < 2)).toEqual([]);
    expect(r.assignments).toHaveLength(14);
    expect(r.violations).toEqual([]);
  });
});
