import { describe, expect, it } from 'vitest';
import { SURVEY_QUESTIONS, type Question } from '@kefu/shared';
import {
  addCounts, callbackMetrics, canRecordResult, checkAnswers, emptyCounts, emptySatisfaction, localDaysRange, monthRange, ratio,
  satisfactionRate, splitAmongAgents, stateAfterOutcome, surveyMetrics,
} from './callback-rules.js';

describe('splitAmongAgents', () => {
  it('deals round-robin in list order so counts differ by one at most', () => {
    const split = splitAmongAgents(['a', 'b', 'c', 'd', 'e'], [7, 9]);
    expect(split).toEqual([
      { target: 'a', agentId: 7 }, { target: 'b', agentId: 9 }, { target: 'c', agentId: 7 }, { target: 'd', agentId: 9 }, { target: 'e', agentId: 7 },
    ]);
  });

  it('gives 100 items to 3 agents as 34/33/33 and ignores a repeated agent', () => {
    const split = splitAmongAgents(Array.from({ length: 100 }, (_, i) => i), [1, 2, 3, 2]);
    const per = (id: number) => split.filter((s) => s.agentId === id).length;
    expect([per(1), per(2), per(3)]).toEqual([34, 33, 33]);
  });

  it('handles fewer items than agents and refuses no agents', () => {
    expect(splitAmongAgents(['x'], [4, 5, 6])).toEqual([{ target: 'x', agentId: 4 }]);
    expect(splitAmongAgents([], [4])).toEqual([]);
    expect(() => splitAmongAgents(['x'], [])).toThrow();
  });
});

const questions: Question[] = [
  { key: 'satisfaction', label: '满意吗', kind: 'satisfaction', required: true },
  { key: 'channel', label: '从哪里知道', kind: 'single', options: ['朋友', '广告'], required: false },
  { key: 'score', label: '打分', kind: 'rating', required: true },
  { key: 'comment', label: '建议', kind: 'text', required: false },
];

describe('checkAnswers', () => {
  it('accepts valid answers, trims text, drops blank optional ones and pulls out satisfaction and rating', () => {
    const result = checkAnswers(questions, { satisfaction: 'satisfied', channel: '', score: '4', comment: '  很好 ' });
    expect(result).toEqual({ ok: true, answers: { satisfaction: 'satisfied', score: 4, comment: '很好' }, satisfaction: 'satisfied', rating: 4 });
    const numeric = checkAnswers(questions, { satisfaction: 'very_dissatisfied', score: 2, channel: '广告' });
    expect(numeric).toEqual({ ok: true, answers: { satisfaction: 'very_dissatisfied', score: 2, channel: '广告' }, satisfaction: 'very_dissatisfied', rating: 2 });
  });

  it('names every bad field with its problem', () => {
    const result = checkAnswers(questions, { satisfaction: '满意', channel: '电视', score: 6, comment: 5, extra: 'x' });
    expect(result).toEqual({
      ok: false,
      issues: [
        { field: 'extra', problem: 'unknown_question' },
        { field: 'satisfaction', problem: 'not_a_level' },
        { field: 'channel', problem: 'not_an_option' },
        { field: 'score', problem: 'not_a_rating' },
        { field: 'comment', problem: 'not_text' },
      ],
    });
  });

  it('requires required questions and limits text length', () => {
    expect(checkAnswers(questions, {})).toEqual({ ok: false, issues: [{ field: 'satisfaction', problem: 'required' }, { field: 'score', problem: 'required' }] });
    expect(checkAnswers(questions, { satisfaction: 'neutral', score: 3, comment: 'x'.repeat(1001) })).toEqual({ ok: false, issues: [{ field: 'comment', problem: 'too_long' }] });
    expect(checkAnswers(questions, { satisfaction: 'neutral', score: 3.5 })).toEqual({ ok: false, issues: [{ field: 'score', problem: 'not_a_rating' }] });
  });

  it('converts a rating given as text for the standard survey', () => {
    const result = checkAnswers(SURVEY_QUESTIONS, { satisfaction: 'satisfied', rating: '5' });
    expect(result).toEqual({ ok: true, answers: { satisfaction: 'satisfied', rating: 5 }, satisfaction: 'satisfied', rating: 5 });
  });
});

describe('attempts', () => {
  const policy = { maxAttempts: 3, retryMinutes: 60 };
  const at = new Date('2026-11-10T02:00:00Z');

  it('keeps retrying an unreachable customer until the last allowed call', () => {
    const first = stateAfterOutcome({ status: 'pending', attempts: 0, nextAttemptAt: null }, 'unreachable', policy, at);
    expect(first).toEqual({ status: 'unreachable', attempts: 1, nextAttemptAt: new Date('2026-11-10T03:00:00Z') });
    expect(canRecordResult(first)).toBe(true);
    const second = stateAfterOutcome(first, 'unreachable', policy, at);
    expect(second.attempts).toBe(2);
    const third = stateAfterOutcome(second, 'unreachable', policy, at);
    expect(third).toEqual({ status: 'unreachable', attempts: 3, nextAttemptAt: null });
    expect(canRecordResult(third)).toBe(false);
  });

  it('finishes on done or refused', () => {
    const done = stateAfterOutcome({ status: 'unreachable', attempts: 1, nextAttemptAt: at }, 'done', policy, at);
    expect(done).toEqual({ status: 'done', attempts: 2, nextAttemptAt: null });
    expect(canRecordResult(done)).toBe(false);
    expect(canRecordResult(stateAfterOutcome({ status: 'pending', attempts: 0, nextAttemptAt: null }, 'refused', policy, at))).toBe(false);
  });
});

describe('periods', () => {
  it('takes the month and the days in Shanghai time', () => {
    expect(monthRange('2026-11', 'Asia/Shanghai')).toEqual({ from: new Date('2026-10-31T16:00:00Z'), to: new Date('2026-11-30T16:00:00Z') });
    expect(monthRange('2026-12', 'Asia/Shanghai').to).toEqual(new Date('2026-12-31T16:00:00Z'));
    expect(localDaysRange('2026-11-01', '2026-11-15', 'Asia/Shanghai')).toEqual({ from: new Date('2026-10-31T16:00:00Z'), to: new Date('2026-11-15T16:00:00Z') });
    expect(localDaysRange(undefined, undefined, 'Asia/Shanghai')).toEqual({ from: null, to: null });
  });
});

describe('statistics arithmetic', () => {
  it('computes completion, satisfaction rate and average rating', () => {
    const counts = { ...emptyCounts(), items: 6, pending: 1, done: 3, unreachable: 1, refused: 1, ratingSum: 13, ratingCount: 3 };
    counts.satisfaction = { very_satisfied: 1, satisfied: 1, neutral: 1, dissatisfied: 0, very_dissatisfied: 0 };
    expect(callbackMetrics(counts)).toEqual({
      items: 6, pending: 1, done: 3, unreachable: 1, refused: 1, completionRate: 0.5,
      satisfaction: { very_satisfied: 1, satisfied: 1, neutral: 1, dissatisfied: 0, very_dissatisfied: 0 },
      answered: 3, satisfactionRate: 0.6667, averageRating: 4.33,
    });
  });

  it('answers null rates for empty groups and adds groups up', () => {
    expect(callbackMetrics(emptyCounts())).toMatchObject({ completionRate: null, satisfactionRate: null, averageRating: null, answered: 0 });
    const a = { ...emptyCounts(), items: 2, done: 2, ratingSum: 9, ratingCount: 2, satisfaction: { ...emptySatisfaction(), satisfied: 2 } };
    const b = { ...emptyCounts(), items: 1, refused: 1 };
    expect(addCounts(a, b)).toEqual({ ...emptyCounts(), items: 3, done: 2, refused: 1, ratingSum: 9, ratingCount: 2, satisfaction: { ...emptySatisfaction(), satisfied: 2 } });
    expect(ratio(1, 3)).toBe(0.3333);
    expect(satisfactionRate({ ...emptySatisfaction(), very_satisfied: 3, dissatisfied: 1 })).toEqual({ answered: 4, rate: 0.75 });
  });

  it('computes survey response and satisfaction rates', () => {
    expect(surveyMetrics({ sent: 4, answered: 3, satisfaction: { ...emptySatisfaction(), satisfied: 2, very_dissatisfied: 1 }, phone: 1, link: 3 })).toEqual({
      sent: 4, answered: 3, responseRate: 0.75, satisfaction: { ...emptySatisfaction(), satisfied: 2, very_dissatisfied: 1 }, satisfactionRate: 0.6667, byChannel: { phone: 1, link: 3 },
    });
  });
});
