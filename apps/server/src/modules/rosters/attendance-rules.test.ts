import { describe, expect, it } from 'vitest';
import { clockIntervals, evaluateAttendance } from './attendance-rules.js';

const t = (hhmm: string) => new Date(`2026-12-10T${hhmm}:00+08:00`);
const shift = { start: t('08:00'), end: t('16:00') };
const iv = (a: string, b: string) => ({ start: t(a), end: t(b) });
const after = t('17:00');

describe('evaluateAttendance (seed 003: 20 minutes late or away is a violation)', () => {
  it('on time all day: no violation, full adherence', () => {
    const r = evaluateAttendance(shift, [iv('07:45', '16:05')], [iv('08:00', '16:00')], after);
    expect(r).toMatchObject({ lateMinutes: 0, earlyLeaveMinutes: 0, longestAwayMinutes: 0, absent: false, violations: [], scheduledMinutes: 480, workingMinutes: 480, adherence: 1 });
    expect(r.intervals).toHaveLength(16);
  });

  it('19 minutes late is late but no violation; 20 minutes is a violation', () => {
    expect(evaluateAttendance(shift, [iv('08:19', '16:00')], [], after)).toMatchObject({ lateMinutes: 19, violations: [] });
    expect(evaluateAttendance(shift, [iv('08:20', '16:00')], [], after)).toMatchObject({ lateMinutes: 20, violations: ['late'] });
  });

  it('away from the post 20 minutes or more is a violation', () => {
    expect(evaluateAttendance(shift, [iv('08:00', '10:00'), iv('10:19', '16:00')], [], after)).toMatchObject({ longestAwayMinutes: 19, violations: [] });
    expect(evaluateAttendance(shift, [iv('08:00', '10:00'), iv('10:20', '16:00')], [], after)).toMatchObject({ longestAwayMinutes: 20, violations: ['away'] });
  });

  it('leaving 20 minutes or more early is a violation, judged once the shift is over', () => {
    expect(evaluateAttendance(shift, [iv('08:00', '15:30')], [], after)).toMatchObject({ earlyLeaveMinutes: 30, violations: ['early_leave'] });
    expect(evaluateAttendance(shift, [iv('08:00', '15:50')], [], after)).toMatchObject({ earlyLeaveMinutes: 10, violations: [] });
  });

  it('nobody showed up: absent once 20 minutes have passed', () => {
    expect(evaluateAttendance(shift, [], [], t('08:10'))).toMatchObject({ absent: false, violations: [] });
    expect(evaluateAttendance(shift, [], [], t('08:20'))).toMatchObject({ absent: true, violations: ['absent'], adherence: 0 });
  });

  it('adherence is the share of scheduled minutes in a working state, per interval too', () => {
    const r = evaluateAttendance(shift, [iv('08:00', '16:00')], [iv('08:00', '12:00'), iv('13:00', '15:00')], after);
    expect(r.workingMinutes).toBe(360);
    expect(r.adherence).toBe(0.75);
    expect(r.intervals[8]).toEqual({ start: t('12:00'), scheduledMinutes: 30, workingMinutes: 0 });
  });

  it('a running shift is judged up to now', () => {
    const r = evaluateAttendance(shift, [iv('08:05', '10:00')], [iv('08:05', '10:00')], t('10:30'));
    expect(r).toMatchObject({ scheduledMinutes: 150, workingMinutes: 115, longestAwayMinutes: 30, violations: ['away'], earlyLeaveMinutes: 0 });
  });
});

describe('clockIntervals', () => {
  it('pairs clock-in and clock-out; an open clock-in runs until now', () => {
    const events = [{ kind: 'in' as const, at: t('07:50') }, { kind: 'out' as const, at: t('12:00') }, { kind: 'in' as const, at: t('12:30') }];
    expect(clockIntervals(events, t('14:00'))).toEqual([iv('07:50', '12:00'), iv('12:30', '14:00')]);
  });
});
