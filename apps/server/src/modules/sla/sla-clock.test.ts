import { describe, expect, it } from 'vitest';
import { presetCalendar } from '../calendars/calendar-presets.js';
import { dueAt, elapsedMinutes, nextEscalation, normalizePauses, DEFAULT_ESCALATION_LADDER, type ClockBasis } from './sla-clock.js';
import { choosePolicy, type PolicyCriteria } from './sla-policy-match.js';

const wall: ClockBasis = { calendar: presetCalendar('24x7'), basis: 'calendar' };
const twelve: ClockBasis = { calendar: presetCalendar('12x7'), basis: 'business' };
const d = (iso: string) => new Date(iso);

describe('dueAt', () => {
  it('adds wall-clock minutes without pauses', () => {
    expect(dueAt(wall, d('2026-11-20T10:00:00+08:00'), 12 * 60)?.toISOString()).toBe('2026-11-20T14:00:00.000Z');
  });

  it('shifts the due time by a closed pause (顺延)', () => {
    const pauses = [{ from: d('2026-11-20T11:00:00+08:00'), to: d('2026-11-20T13:30:00+08:00') }];
    expect(dueAt(wall, d('2026-11-20T10:00:00+08:00'), 12 * 60, pauses)?.toISOString()).toBe(d('2026-11-21T00:30:00+08:00').toISOString());
  });

  it('is unknown while a pause stands, and keeps the remaining time after it', () => {
    const start = d('2026-11-20T10:00:00+08:00');
    expect(dueAt(wall, start, 60, [{ from: d('2026-11-20T10:20:00+08:00'), to: null }])).toBeNull();
    // 20 minutes used before the pause; the remaining 40 count from the resume.
    expect(dueAt(wall, start, 60, [{ from: d('2026-11-20T10:20:00+08:00'), to: d('2026-11-25T09:00:00+08:00') }])?.toISOString())
      .toBe(d('2026-11-25T09:40:00+08:00').toISOString());
  });

  it('ignores a pause that begins after the due time', () => {
    const pauses = [{ from: d('2026-11-20T12:00:00+08:00'), to: null }];
    expect(dueAt(wall, d('2026-11-20T10:00:00+08:00'), 60, pauses)?.toISOString()).toBe(d('2026-11-20T11:00:00+08:00').toISOString());
  });

  it('counts business minutes on 12x7 and skips pauses in open time', () => {
    const start = d('2026-11-20T20:00:00+08:00');
    // 60 business minutes from 20:00: 20:00–21:00 → due 21:00.
    expect(dueAt(twelve, start, 60)?.toISOString()).toBe(d('2026-11-20T21:00:00+08:00').toISOString());
    // A 30-minute pause at 20:30 pushes the rest into the next morning.
    const pauses = [{ from: d('2026-11-20T20:30:00+08:00'), to: d('2026-11-20T21:30:00+08:00') }];
    expect(dueAt(twelve, start, 60, pauses)?.toISOString()).toBe(d('2026-11-21T09:30:00+08:00').toISOString());
  });

  it('merges overlapping pauses', () => {
    const merged = normalizePauses([
      { from: d('2026-11-20T12:00:00Z'), to: d('2026-11-20T14:00:00Z') },
      { from: d('2026-11-20T11:00:00Z'), to: d('2026-11-20T13:00:00Z') },
      { from: d('2026-11-20T15:00:00Z'), to: null },
      { from: d('2026-11-20T16:00:00Z'), to: d('2026-11-20T17:00:00Z') },
    ]);
    expect(merged.map((p) => [p.from.toISOString(), p.to?.toISOString() ?? null])).toEqual([
      ['2026-11-20T11:00:00.000Z', '2026-11-20T14:00:00.000Z'],
      ['2026-11-20T15:00:00.000Z', null],
    ]);
    expect(dueAt(wall, d('2026-11-20T10:00:00Z'), 120, [
      { from: d('2026-11-20T12:00:00Z'), to: d('2026-11-20T14:00:00Z') },
      { from: d('2026-11-20T11:00:00Z'), to: d('2026-11-20T13:00:00Z') },
    ])?.toISOString()).toBe('2026-11-20T15:00:00.000Z');
  });
});

describe('elapsedMinutes', () => {
  it('excludes paused time, including a still-standing pause', () => {
    const start = d('2026-11-20T10:00:00Z');
    const pauses = [{ from: d('2026-11-20T11:00:00Z'), to: d('2026-11-20T12:00:00Z') }, { from: d('2026-11-20T13:00:00Z'), to: null }];
    expect(elapsedMinutes(wall, start, d('2026-11-20T11:30:00Z'), pauses)).toBe(60);
    expect(elapsedMinutes(wall, start, d('2026-11-20T12:30:00Z'), pauses)).toBe(90);
    expect(elapsedMinutes(wall, start, d('2026-11-21T00:00:00Z'), pauses)).toBe(120);
  });

  it('a reopened order continues where its clock stood (the resolved stretch is a pause)', () => {
    const start = d('2026-11-20T00:00:00Z');
    const resolvedStretch = [{ from: d('2026-11-20T10:00:00Z'), to: d('2026-11-25T00:00:00Z') }];
    // 48 h target: 10 h used before resolution, 38 h remain after the reopen; not breached at once.
    expect(dueAt(wall, start, 48 * 60, resolvedStretch)?.toISOString()).toBe('2026-11-26T14:00:00.000Z');
    expect(elapsedMinutes(wall, start, d('2026-11-25T00:00:00Z'), resolvedStretch)).toBe(600);
  });
});

describe('nextEscalation', () => {
  it('walks the default ladder at 75 %, 100 % and 150 % of the resolution target', () => {
    const start = d('2026-11-20T00:00:00Z');
    const at = (level: number) => nextEscalation(wall, start, 48 * 60, [], DEFAULT_ESCALATION_LADDER, level);
    expect(at(0)?.at.toISOString()).toBe('2026-11-21T12:00:00.000Z');
    expect(at(0)?.step.notify).toBe('owner');
    expect(at(1)?.at.toISOString()).toBe('2026-11-22T00:00:00.000Z');
    expect(at(2)?.step.notify).toBe('manager');
    expect(at(2)?.at.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(at(3)).toBeNull();
  });

  it('has no next step while paused', () => {
    expect(nextEscalation(wall, d('2026-11-20T00:00:00Z'), 60, [{ from: d('2026-11-20T00:10:00Z'), to: null }], DEFAULT_ESCALATION_LADDER, 0)).toBeNull();
  });
});

describe('choosePolicy', () => {
  const p = (id: number, c: Partial<PolicyCriteria>): PolicyCriteria => ({ id, typeKey: null, priority: null, channel: null, customerGrade: null, sortOrder: 100, ...c });
  const order = { typeKey: 'complaint', priority: 'high', channel: 'phone', customerGrade: 'vip' };

  it('prefers the most specific match', () => {
    const policies = [p(1, {}), p(2, { typeKey: 'complaint' }), p(3, { typeKey: 'complaint', priority: 'high' }), p(4, { priority: 'high', channel: 'phone', customerGrade: 'vip' })];
    expect(choosePolicy(policies, order)?.id).toBe(3);
  });

  it('breaks ties by sortOrder, then id', () => {
    expect(choosePolicy([p(1, { typeKey: 'complaint', sortOrder: 20 }), p(2, { typeKey: 'complaint', sortOrder: 10 })], order)?.id).toBe(2);
    expect(choosePolicy([p(5, { typeKey: 'complaint' }), p(4, { typeKey: 'complaint' })], order)?.id).toBe(4);
  });

  it('answers null when nothing matches', () => {
    expect(choosePolicy([p(1, { typeKey: 'consultation' })], order)).toBeNull();
  });
});
