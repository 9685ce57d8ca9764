// SLA clocks: due times from a start, a target and the intervals during which the clock stood still (pauses,
// and the time between resolution and a reopen). Pure and I/O-free. "business" targets count only the open time
// of the policy's calendar; "calendar" targets count wall-clock time.
import { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from '../calendars/business-calendar.js';

const MINUTE_MS = 60_000;

export type SlaTimeBasis = 'calendar' | 'business';

/** A stretch of time the clock did not run; `to` null means it still stands. */
export interface ClockPause {
  from: Date;
  to: Date | null;
}

export interface ClockBasis {
  calendar: BusinessCalendar;
  basis: SlaTimeBasis;
}

function add(clock: ClockBasis, at: Date, minutes: number): Date {
  if (clock.basis === 'calendar') return new Date(at.getTime() + Math.round(minutes * MINUTE_MS));
  return addBusinessMinutes(clock.calendar, at, minutes);
}

function between(clock: ClockBasis, a: Date, b: Date): number {
  if (b.getTime() <= a.getTime()) return 0;
  if (clock.basis === 'calendar') return (b.getTime() - a.getTime()) / MINUTE_MS;
  return businessMinutesBetween(clock.calendar, a, b);
}

/** Pauses sorted by start, overlapping ones merged (a waiting_customer status and an "unreachable" pause may overlap). */
export function normalizePauses(pauses: readonly ClockPause[]): ClockPause[] {
  const sorted = [...pauses].sort((a, b) => a.from.getTime() - b.from.getTime());
  const merged: ClockPause[] = [];
  for (const p of sorted) {
    const last = merged[merged.length - 1];
    if (last && (last.to === null || last.to.getTime() >= p.from.getTime())) {
      if (last.to !== null) last.to = p.to === null ? null : new Date(Math.max(last.to.getTime(), p.to.getTime()));
      continue;
    }
    merged.push({ from: p.from, to: p.to });
  }
  return merged;
}

/**
 * When `minutes` of running clock time after `start` are used up, skipping the pauses. Null while a pause that
 * began before that moment still stands: the due time is unknown until the clock runs again.
 */
export function dueAt(clock: ClockBasis, start: Date, minutes: number, pauses: readonly ClockPause[] = []): Date | null {
  let cursor = start;
  let remaining = minutes;
  for (const pause of normalizePauses(pauses)) {
    if (pause.to !== null && pause.to.getTime() <= cursor.getTime()) continue;
    const from = pause.from.getTime() < cursor.getTime() ? cursor : pause.from;
    const candidate = add(clock, cursor, remaining);
    if (candidate.getTime() <= from.getTime()) return candidate;
    remaining -= between(clock, cursor, from);
    if (pause.to === null) return null;
    cursor = pause.to;
  }
  return add(clock, cursor, remaining);
}

/** Running clock minutes between `start` and `at`, pauses excluded. */
export function elapsedMinutes(clock: ClockBasis, start: Date, at: Date, pauses: readonly ClockPause[] = []): number {
  let total = 0;
  let cursor = start;
  for (const pause of normalizePauses(pauses)) {
    if (pause.from.getTime() >= at.getTime()) break;
    if (pause.to !== null && pause.to.getTime() <= cursor.getTime()) continue;
    if (pause.from.getTime() > cursor.getTime()) total += between(clock, cursor, pause.from);
    if (pause.to === null || pause.to.getTime() >= at.getTime()) return total;
    cursor = pause.to.getTime() > cursor.getTime() ? pause.to : cursor;
  }
  return total + between(clock, cursor, at);
}

/** One rung of the escalation ladder: at `percent` of the resolution target, notify `notify` through `channels`. */
export interface EscalationStep {
  percent: number;
  notify: 'owner' | 'shift_leader' | 'manager';
  channels: Array<'live' | 'email' | 'wecom' | 'dingtalk'>;
}

export const DEFAULT_ESCALATION_LADDER: EscalationStep[] = [
  { percent: 75, notify: 'owner', channels: ['live'] },
  { percent: 100, notify: 'shift_leader', channels: ['live', 'email'] },
  { percent: 150, notify: 'manager', channels: ['live', 'email'] },
];

/**
 * The next escalation step not yet taken (`level` = steps already taken) and when it falls due; null when the
 * ladder is done or the clock stands.
 */
export function nextEscalation(
  clock: ClockBasis,
  start: Date,
  resolutionMinutes: number,
  pauses: readonly ClockPause[],
  ladder: readonly EscalationStep[],
  level: number,
): { index: number; step: EscalationStep; at: Date } | null {
  const steps = [...ladder].sort((a, b) => a.percent - b.percent);
  const step = steps[level];
  if (!step) return null;
  const at = dueAt(clock, start, (resolutionMinutes * step.percent) / 100, pauses);
  return at ? { index: level, step, at } : null;
}
