import { describe, expect, it } from 'vitest';
import { checkSwap, type SwapParty } from './swap-rules.js';

const at = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);
const shift = (id: number, userId: number, date: string, from = 8, to = 16, swapId: number | null = null) => ({ id, userId, date, startsAt: at(date, from), endsAt: at(date, to), swapId });
const context = { now: at('2026-12-01', 9), holidayName: (d: string) => (d === '2027-01-01' ? '元旦' : null) };

function party(userId: number, name: string, date: string, extra: Partial<SwapParty> = {}): SwapParty {
  return { userId, name, job: 'agent', skillLevel: 2, shift: shift(userId * 10, userId, date), otherShifts: [], swapsThisMonth: 0, swapDates: [], leave: [], ...extra };
}
const rules = (a: SwapParty, b: SwapParty) => checkSwap(a, b, context).map((v) => v.rule);

describe('checkSwap (seed 003 换班制度)', () => {
  it('accepts a swap between equals on ordinary days', () => {
    expect(checkSwap(party(1, '张三', '2026-12-10'), party(2, '李四', '2026-12-12'), context)).toEqual([]);
  });

  it('refuses swapping with oneself', () => {
    expect(rules(party(1, '张三', '2026-12-10'), party(1, '张三', '2026-12-12'))).toEqual(['rosters.swap.same_person']);
  });

  it('refuses a shift that is not the requester’s', () => {
    const a = party(1, '张三', '2026-12-10', { shift: shift(10, 3, '2026-12-10') });
    expect(rules(a, party(2, '李四', '2026-12-12'))).toEqual(['rosters.swap.not_own_shift']);
  });

  it('refuses a shift that has started', () => {
    expect(checkSwap(party(1, '张三', '2026-12-01'), party(2, '李四', '2026-12-12'), context)).toEqual([{ rule: 'rosters.swap.shift_started', params: { date: '2026-12-01' } }]);
  });

  it('refuses two shifts at the same time', () => {
    expect(rules(party(1, '张三', '2026-12-10'), party(2, '李四', '2026-12-10'))).toEqual(['rosters.swap.same_time']);
  });

  it('at most 2 swaps per person per month', () => {
    expect(checkSwap(party(1, '张三', '2026-12-10'), party(2, '李四', '2026-12-12', { swapsThisMonth: 2 }), context)).toEqual([
      { rule: 'rosters.swap.monthly_limit', params: { name: '李四', count: 2, max: 2 } },
    ]);
  });

  it('no consecutive swaps: another swap the day before or after', () => {
    expect(checkSwap(party(1, '张三', '2026-12-10', { swapDates: ['2026-12-09'] }), party(2, '李四', '2026-12-12'), context)).toEqual([
      { rule: 'rosters.swap.consecutive', params: { name: '张三', date: '2026-12-09' } },
    ]);
  });

  it('no consecutive swaps: a shift that already came from a swap', () => {
    const a = party(1, '张三', '2026-12-10', { shift: shift(10, 1, '2026-12-10', 8, 16, 77) });
    expect(checkSwap(a, party(2, '李四', '2026-12-12'), context)).toEqual([{ rule: 'rosters.swap.already_swapped', params: { date: '2026-12-10' } }]);
  });

  it('no back-to-back shifts (连班) after the exchange', () => {
    // 张三 takes 李四's 16:00–24:00 on the 12th but already works 08:00–16:00 that day.
    const b = party(2, '李四', '2026-12-12', { shift: shift(20, 2, '2026-12-12', 16, 24) });
    const a = party(1, '张三', '2026-12-10', { otherShifts: [shift(11, 1, '2026-12-12', 8, 16)] });
    expect(checkSwap(a, b, context)).toEqual([{ rule: 'rosters.swap.back_to_back', params: { name: '张三', date: '2026-12-12' } }]);
  });

  it('same job only', () => {
    expect(checkSwap(party(1, '张三', '2026-12-10'), party(2, '李四', '2026-12-12', { job: 'qa' }), context)).toEqual([
      { rule: 'rosters.swap.job_mismatch', params: { a: 'agent', b: 'qa' } },
    ]);
  });

  it('equal skill level only', () => {
    expect(checkSwap(party(1, '张三', '2026-12-10', { skillLevel: 3 }), party(2, '李四', '2026-12-12'), context)).toEqual([
      { rule: 'rosters.swap.skill_mismatch', params: { a: 3, b: 2 } },
    ]);
  });

  it('none on public holidays', () => {
    expect(checkSwap(party(1, '张三', '2027-01-01'), party(2, '李四', '2026-12-12'), context)).toEqual([{ rule: 'rosters.swap.public_holiday', params: { holiday: '元旦' } }]);
  });

  it('no leave on a swapped shift', () => {
    const b = party(2, '李四', '2026-12-12', { leave: [{ startsAt: at('2026-12-10', 0), endsAt: at('2026-12-11', 0) }] });
    expect(checkSwap(party(1, '张三', '2026-12-10'), b, context)).toEqual([{ rule: 'rosters.swap.leave_on_shift', params: { name: '李四', date: '2026-12-10' } }]);
  });

  it('lists every rule broken, not just the first', () => {
    const a = party(1, '张三', '2027-01-01', { skillLevel: 1, swapsThisMonth: 2 });
    expect(rules(a, party(2, '李四', '2026-12-12', { job: 'qa' }))).toEqual(['rosters.swap.monthly_limit', 'rosters.swap.job_mismatch', 'rosters.swap.skill_mismatch', 'rosters.swap.public_holiday']);
  });
});
