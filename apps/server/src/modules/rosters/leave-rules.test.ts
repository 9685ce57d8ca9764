import { describe, expect, it } from 'vitest';
import { checkLeaveRequest, leaveDays, leaveNeedsDirector, type LeaveCheckContext, type LeaveCheckRequest, type LeaveShift } from './leave-rules.js';

const at = (date: string, hour: number, minute = 0) => new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);
const day = (id: number, date: string, extra: Partial<LeaveShift> = {}): LeaveShift => ({ id, date, startsAt: at(date, 8), endsAt: at(date, 16), isNight: false, swapId: null, ...extra });
const night = (id: number, date: string): LeaveShift => ({ id, date, startsAt: at(date, 22), endsAt: new Date(at(date, 22).getTime() + 8 * 3_600_000), isNight: true, swapId: null });

function ctx(now: Date, shifts: LeaveShift[], extra: Partial<LeaveCheckContext> = {}): LeaveCheckContext {
  return { now, timeZone: 'Asia/Shanghai', shifts, existingLeave: [], holidayName: (d) => (d === '2026-10-01' ? '国庆节' : null), ...extra };
}
function req(kind: LeaveCheckRequest['kind'], startsAt: Date, endsAt: Date, extra: Partial<LeaveCheckRequest> = {}): LeaveCheckRequest {
  return { userId: 1, requestedBy: 1, kind, startsAt, endsAt, certificateRef: null, emergency: false, exceptional: false, ...extra };
}
const keys = (list: { rule: string }[]) => list.map((v) => v.rule);
const whole = (date: string) => [at(date, 0), at(date, 23, 59)] as const;

describe('checkLeaveRequest (seed 003 请假制度)', () => {
  it('ordinary personal leave a day ahead passes', () => {
    expect(checkLeaveRequest(req('personal', ...whole('2026-12-10')), ctx(at('2026-12-09', 7), [day(1, '2026-12-10')]))).toEqual([]);
  });

  it('ordinary personal leave less than a day ahead is refused with the hours left', () => {
    expect(checkLeaveRequest(req('personal', ...whole('2026-12-10')), ctx(at('2026-12-09', 20), [day(1, '2026-12-10')]))).toEqual([
      { rule: 'rosters.leave.notice', params: { kind: 'rosters.kind.personal', hours: 24, left: 12, date: '2026-12-10' } },
    ]);
  });

  it('urgent personal leave one hour before the shift passes, 30 minutes before does not', () => {
    const shifts = [day(1, '2026-12-10')];
    expect(checkLeaveRequest(req('personal_urgent', ...whole('2026-12-10')), ctx(at('2026-12-10', 7), shifts))).toEqual([]);
    expect(keys(checkLeaveRequest(req('personal_urgent', ...whole('2026-12-10')), ctx(at('2026-12-10', 7, 30), shifts)))).toEqual(['rosters.leave.notice']);
  });

  it('sick leave must come before the shift', () => {
    const r = req('sick', at('2026-12-10', 12), at('2026-12-10', 16));
    expect(keys(checkLeaveRequest(r, ctx(at('2026-12-10', 9), [day(1, '2026-12-10')])))).toEqual(['rosters.leave.sick_before_shift']);
  });

  it('sick leave of a full day needs a certificate unless it is an emergency', () => {
    const shifts = [day(1, '2026-12-10')];
    expect(keys(checkLeaveRequest(req('sick', ...whole('2026-12-10')), ctx(at('2026-12-10', 6), shifts)))).toEqual(['rosters.leave.certificate_required']);
    expect(checkLeaveRequest(req('sick', ...whole('2026-12-10'), { certificateRef: '诊断证明.pdf' }), ctx(at('2026-12-10', 6), shifts))).toEqual([]);
    expect(checkLeaveRequest(req('sick', ...whole('2026-12-10'), { emergency: true }), ctx(at('2026-12-10', 6), shifts))).toEqual([]);
    // Half a shift is not a full day.
    expect(checkLeaveRequest(req('sick', at('2026-12-10', 12), at('2026-12-10', 16)), ctx(at('2026-12-10', 6), shifts))).toEqual([]);
  });

  it('night-shift leave only before 12:00 the same day', () => {
    const shifts = [night(1, '2026-12-10')];
    const r = req('personal_urgent', at('2026-12-10', 22), at('2026-12-11', 6));
    expect(checkLeaveRequest(r, ctx(at('2026-12-10', 11, 59), shifts))).toEqual([]);
    expect(checkLeaveRequest(r, ctx(at('2026-12-10', 12, 1), shifts))).toEqual([{ rule: 'rosters.leave.night_deadline', params: { date: '2026-12-10' } }]);
  });

  it('no leave on a public holiday unless exceptional, and then two days ahead', () => {
    const shifts = [day(1, '2026-10-01')];
    const r = req('personal', ...whole('2026-10-01'));
    expect(checkLeaveRequest(r, ctx(at('2026-09-25', 9), shifts))).toEqual([{ rule: 'rosters.leave.holiday_not_allowed', params: { holiday: '国庆节' } }]);
    expect(checkLeaveRequest({ ...r, exceptional: true }, ctx(at('2026-09-25', 9), shifts))).toEqual([]);
    expect(keys(checkLeaveRequest({ ...r, exceptional: true }, ctx(at('2026-09-29', 12), shifts)))).toEqual(['rosters.leave.holiday_notice']);
  });

  it('personal leave must be asked in person; sick leave may be asked by someone else', () => {
    const shifts = [day(1, '2026-12-10')];
    expect(keys(checkLeaveRequest(req('personal', ...whole('2026-12-10'), { requestedBy: 2 }), ctx(at('2026-12-01', 9), shifts)))).toEqual(['rosters.leave.not_in_person']);
    expect(checkLeaveRequest(req('sick', ...whole('2026-12-10'), { requestedBy: 2, emergency: true }), ctx(at('2026-12-10', 7), shifts))).toEqual([]);
  });

  it('no shift in the period, overlapping leave, swapped shifts and past shifts are refused', () => {
    expect(keys(checkLeaveRequest(req('personal', ...whole('2026-12-10')), ctx(at('2026-12-01', 9), [])))).toEqual(['rosters.leave.no_shift']);
    const existing = [{ startsAt: at('2026-12-10', 10), endsAt: at('2026-12-10', 12) }];
    expect(keys(checkLeaveRequest(req('personal', ...whole('2026-12-10')), ctx(at('2026-12-01', 9), [day(1, '2026-12-10')], { existingLeave: existing })))).toEqual(['rosters.leave.overlaps']);
    expect(checkLeaveRequest(req('personal', ...whole('2026-12-10')), ctx(at('2026-12-01', 9), [day(1, '2026-12-10', { swapId: 5 })]))).toEqual([
      { rule: 'rosters.leave.swapped_shift', params: { date: '2026-12-10' } },
    ]);
    expect(keys(checkLeaveRequest(req('personal', ...whole('2026-12-10')), ctx(at('2026-12-11', 9), [day(1, '2026-12-10')])))).toEqual(['rosters.leave.in_past']);
  });
});

describe('leave length and approval level', () => {
  it('counts shift-days by the share of each shift covered', () => {
    const shifts = [day(1, '2026-12-10'), day(2, '2026-12-11')];
    expect(leaveDays({ startsAt: at('2026-12-10', 0), endsAt: at('2026-12-11', 23) }, shifts)).toBe(2);
    expect(leaveDays({ startsAt: at('2026-12-10', 12), endsAt: at('2026-12-10', 16) }, shifts)).toBe(0.5);
  });

  it('one day or less: department head; more, or official business: also the center director', () => {
    expect(leaveNeedsDirector('personal', 1)).toBe(false);
    expect(leaveNeedsDirector('personal', 1.5)).toBe(true);
    expect(leaveNeedsDirector('business', 0.5)).toBe(true);
  });
});
