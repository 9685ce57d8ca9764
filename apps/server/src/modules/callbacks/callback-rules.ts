import { DateTime } from 'luxon';
import { SATISFACTION_LEVELS, SATISFIED_LEVELS, type Answers, type ItemStatus, type Question, type SatisfactionLevel } from '@kefu/shared';
import { CALLBACK_LIMITS } from '@kefu/shared';

// Pure rules of callbacks and surveys: no I/O, unit-tested in callback-rules.test.ts.

/** Deals the call list out round-robin in list order: agent i gets items i, i+n, i+2n… so counts differ by one at most. */
export function splitAmongAgents<T>(targets: readonly T[], agentIds: readonly number[]): Array<{ target: T; agentId: number }> {
  if (agentIds.length === 0) throw new Error('splitAmongAgents needs at least one agent');
  const agents = [...new Set(agentIds)];
  return targets.map((target, i) => ({ target, agentId: agents[i % agents.length]! }));
}

export type AnswerProblem = 'required' | 'unknown_question' | 'not_an_option' | 'not_a_level' | 'not_a_rating' | 'not_text' | 'too_long';
export type AnswerCheck =
  | { ok: true; answers: Answers; satisfaction: SatisfactionLevel | null; rating: number | null }
  | { ok: false; issues: Array<{ field: string; problem: AnswerProblem }> };

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Checks answers against a survey definition; blank optional answers are dropped, text is trimmed, ratings become numbers. */
export function checkAnswers(questions: readonly Question[], answers: Readonly<Record<string, unknown>>): AnswerCheck {
  const issues: Array<{ field: string; problem: AnswerProblem }> = [];
  const clean: Answers = {};
  const known = new Set(questions.map((q) => q.key));
  for (const key of Object.keys(answers)) if (!known.has(key)) issues.push({ field: key, problem: 'unknown_question' });
  for (const q of questions) {
    const value = answers[q.key];
    if (isBlank(value)) {
      if (q.required) issues.push({ field: q.key, problem: 'required' });
      continue;
    }
    const problem = problemOf(q, value);
    if (problem) issues.push({ field: q.key, problem });
    else if (q.kind === 'rating') clean[q.key] = Number(value);
    else clean[q.key] = typeof value === 'string' ? value.trim() : (value as number);
  }
  if (issues.length > 0) return { ok: false, issues };
  const satisfactionQ = questions.find((q) => q.kind === 'satisfaction');
  const ratingQ = questions.find((q) => q.kind === 'rating');
  return {
    ok: true,
    answers: clean,
    satisfaction: satisfactionQ && clean[satisfactionQ.key] !== undefined ? (clean[satisfactionQ.key] as SatisfactionLevel) : null,
    rating: ratingQ && clean[ratingQ.key] !== undefined ? (clean[ratingQ.key] as number) : null,
  };
}

function problemOf(q: Question, value: unknown): AnswerProblem | null {
  switch (q.kind) {
    case 'satisfaction':
      return typeof value === 'string' && (SATISFACTION_LEVELS as readonly string[]).includes(value) ? null : 'not_a_level';
    case 'single':
      return typeof value === 'string' && (q.options ?? []).includes(value.trim()) ? null : 'not_an_option';
    case 'rating': {
      const n = typeof value === 'string' && /^[1-5]$/.test(value.trim()) ? Number(value) : value;
      return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 5 ? null : 'not_a_rating';
    }
    case 'text':
      if (typeof value !== 'string') return 'not_text';
      return value.trim().length > CALLBACK_LIMITS.answerTextMax ? 'too_long' : null;
    default: {
      const unreachable: never = q.kind;
      return unreachable;
    }
  }
}

export interface AttemptState {
  status: ItemStatus;
  attempts: number;
  nextAttemptAt: Date | null;
}

/** An item takes a result while pending, or while unreachable with tries left (next attempt set). */
export function canRecordResult(item: AttemptState): boolean {
  return item.status === 'pending' || (item.status === 'unreachable' && item.nextAttemptAt !== null);
}

/** The state after one call: unreachable keeps a next try until maxAttempts calls were made. */
export function stateAfterOutcome(item: AttemptState, outcome: 'done' | 'unreachable' | 'refused', policy: { maxAttempts: number; retryMinutes: number }, at: Date): AttemptState {
  const attempts = item.attempts + 1;
  if (outcome !== 'unreachable') return { status: outcome, attempts, nextAttemptAt: null };
  const retry = attempts < policy.maxAttempts;
  return { status: 'unreachable', attempts, nextAttemptAt: retry ? new Date(at.getTime() + policy.retryMinutes * 60_000) : null };
}

/** [start, end) of a calendar month ("2026-11") in a time zone. */
export function monthRange(month: string, timezone: string): { from: Date; to: Date } {
  const start = DateTime.fromFormat(month, 'yyyy-MM', { zone: timezone });
  if (!start.isValid) throw new Error(`bad month ${month}`);
  return { from: start.toJSDate(), to: start.plus({ months: 1 }).toJSDate() };
}

/** [start of the first day, start of the day after the last) of local days "yyyy-MM-dd", both inclusive. */
export function localDaysRange(fromDay: string | undefined, toDay: string | undefined, timezone: string): { from: Date | null; to: Date | null } {
  const day = (d: string) => DateTime.fromFormat(d, 'yyyy-MM-dd', { zone: timezone });
  return { from: fromDay ? day(fromDay).toJSDate() : null, to: toDay ? day(toDay).plus({ days: 1 }).toJSDate() : null };
}

export type SatisfactionCounts = Record<SatisfactionLevel, number>;
export const emptySatisfaction = (): SatisfactionCounts => ({ very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0, very_dissatisfied: 0 });

/** Ratios rounded to 4 places (0.8333); null when there is nothing to divide by. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/** Satisfied (满意 + 非常满意) ÷ everyone who gave a satisfaction answer. */
export function satisfactionRate(counts: SatisfactionCounts): { answered: number; rate: number | null } {
  const answered = SATISFACTION_LEVELS.reduce((sum, level) => sum + counts[level], 0);
  const satisfied = SATISFIED_LEVELS.reduce((sum, level) => sum + counts[level], 0);
  return { answered, rate: ratio(satisfied, answered) };
}

export interface CallbackCounts {
  items: number;
  pending: number;
  done: number;
  unreachable: number;
  refused: number;
  satisfaction: SatisfactionCounts;
  ratingSum: number;
  ratingCount: number;
}

/** The monthly figures of a group of items: completion = done ÷ items; average rating to 2 places. */
export function callbackMetrics(c: CallbackCounts) {
  const { answered, rate } = satisfactionRate(c.satisfaction);
  return {
    items: c.items, pending: c.pending, done: c.done, unreachable: c.unreachable, refused: c.refused,
    completionRate: ratio(c.done, c.items),
    satisfaction: c.satisfaction,
    answered,
    satisfactionRate: rate,
    averageRating: c.ratingCount > 0 ? Math.round((c.ratingSum / c.ratingCount) * 100) / 100 : null,
  };
}

export function addCounts(a: CallbackCounts, b: CallbackCounts): CallbackCounts {
  const satisfaction = emptySatisfaction();
  for (const level of SATISFACTION_LEVELS) satisfaction[level] = a.satisfaction[level] + b.satisfaction[level];
  return {
    items: a.items + b.items, pending: a.pending + b.pending, done: a.done + b.done, unreachable: a.unreachable + b.unreachable,
    refused: a.refused + b.refused, satisfaction, ratingSum: a.ratingSum + b.ratingSum, ratingCount: a.ratingCount + b.ratingCount,
  };
}

export const emptyCounts = (): CallbackCounts => ({ items: 0, pending: 0, done: 0, unreachable: 0, refused: 0, satisfaction: emptySatisfaction(), ratingSum: 0, ratingCount: 0 });

/** Survey figures: response = answered ÷ sent; satisfaction over the answered ones that rated it. */
export function surveyMetrics(s: { sent: number; answered: number; satisfaction: SatisfactionCounts; phone: number; link: number }) {
  return {
    sent: s.sent,
    answered: s.answered,
    responseRate: ratio(s.answered, s.sent),
    satisfaction: s.satisfaction,
    satisfactionRate: satisfactionRate(s.satisfaction).rate,
    byChannel: { phone: s.phone, link: s.link },
  };
}
