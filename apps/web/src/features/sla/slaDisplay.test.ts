import { describe, expect, it } from 'vitest';
import type { TicketSla } from '@kefu/shared';
import { durationParts, hoursMinutes, minutesUntil, slaDisplay } from './slaDisplay';

const created = '2026-11-20T00:00:00.000Z';
const at = (iso: string) => new Date(iso);

function sla(over: Partial<TicketSla> = {}): TicketSla {
  return {
    policy: { id: 1, name: '投诉' },
    firstReplyDueAt: '2026-11-20T12:00:00.000Z',
    firstReplyAt: null,
    nextUpdateDueAt: null,
    resolutionDueAt: '2026-11-22T00:00:00.000Z',
    pausedSince: null,
    pauseReason: null,
    escalationLevel: 0,
    breached: [],
    ...over,
  };
}

describe('slaDisplay', () => {
  it('counts down to the first reply while none was given', () => {
    const d = slaDisplay(sla(), { status: 'new', createdAt: created }, at('2026-11-20T08:48:00.000Z'));
    expect(d).toMatchObject({ target: 'first_reply', dueAt: '2026-11-20T12:00:00.000Z', remainingMinutes: 192, tone: 'normal' });
  });

  it('warns under 25% of the window left (12 h window: under 3 h)', () => {
    const order = { status: 'assigned', createdAt: created };
    expect(slaDisplay(sla(), order, at('2026-11-20T09:00:00.000Z')).tone).toBe('normal'); // exactly 3 h left
    expect(slaDisplay(sla(), order, at('2026-11-20T09:00:01.000Z')).tone).toBe('warning');
  });

  it('is breached past the due time, with negative minutes', () => {
    const d = slaDisplay(sla(), { status: 'assigned', createdAt: created }, at('2026-11-20T12:25:30.000Z'));
    expect(d).toMatchObject({ target: 'first_reply', remainingMinutes: -25, tone: 'breached' });
  });

  it('after the first reply counts down to the resolution', () => {
    const d = slaDisplay(sla({ firstReplyAt: '2026-11-20T02:00:00.000Z' }), { status: 'assigned', createdAt: created }, at('2026-11-21T00:00:00.000Z'));
    expect(d).toMatchObject({ target: 'resolution', remainingMinutes: 1440, tone: 'normal' });
  });

  it('in progress shows the next update when it falls before the resolution', () => {
    const s = sla({ firstReplyAt: '2026-11-20T02:00:00.000Z', nextUpdateDueAt: '2026-11-21T02:00:00.000Z' });
    const now = at('2026-11-21T01:00:00.000Z');
    expect(slaDisplay(s, { status: 'in_progress', createdAt: created }, now)).toMatchObject({ target: 'update', remainingMinutes: 60, tone: 'warning' });
    // Not in progress: the update target is not what the agent works against.
    expect(slaDisplay(s, { status: 'assigned', createdAt: created }, now).target).toBe('resolution');
  });

  it('a target already marked breached stays red even before its due time', () => {
    const s = sla({ firstReplyAt: '2026-11-20T02:00:00.000Z', breached: ['resolution'] });
    expect(slaDisplay(s, { status: 'assigned', createdAt: created }, at('2026-11-20T03:00:00.000Z')).tone).toBe('breached');
  });

  it('a paused clock is grey, carries its reason and has no due time', () => {
    const s = sla({ firstReplyAt: '2026-11-20T02:00:00.000Z', resolutionDueAt: null, pausedSince: '2026-11-20T03:00:00.000Z', pauseReason: 'customer_unreachable' });
    expect(slaDisplay(s, { status: 'in_progress', createdAt: created }, at('2026-11-20T04:00:00.000Z'))).toEqual({
      target: null,
      dueAt: null,
      remainingMinutes: null,
      tone: 'paused',
      pauseReason: 'customer_unreachable',
      breached: [],
    });
  });

  it('resolved orders are done, or breached when resolved late', () => {
    const s = sla({ firstReplyAt: '2026-11-20T02:00:00.000Z' });
    expect(slaDisplay(s, { status: 'resolved', createdAt: created }, at('2026-11-25T00:00:00.000Z')).tone).toBe('done');
    expect(slaDisplay({ ...s, breached: ['resolution'] }, { status: 'closed', createdAt: created }, at('2026-11-25T00:00:00.000Z')).tone).toBe('breached');
  });
});

describe('duration helpers', () => {
  it('minutesUntil rounds toward zero', () => {
    expect(minutesUntil('2026-11-20T01:00:00.000Z', at('2026-11-20T00:00:30.000Z'))).toBe(59);
    expect(minutesUntil('2026-11-20T00:00:00.000Z', at('2026-11-20T00:01:59.000Z'))).toBe(-1);
  });

  it('durationParts splits days, hours and minutes', () => {
    expect(durationParts(192)).toEqual({ days: 0, hours: 3, minutes: 12 });
    expect(durationParts(-25)).toEqual({ days: 0, hours: 0, minutes: 25 });
    expect(durationParts(2 * 1440 + 61)).toEqual({ days: 2, hours: 1, minutes: 1 });
  });

  it('hoursMinutes formats averages as h:mm', () => {
    expect(hoursMinutes(95.4)).toBe('1:35');
    expect(hoursMinutes(5)).toBe('0:05');
    expect(hoursMinutes(null)).toBe('—');
  });
});
