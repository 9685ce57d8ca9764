import type { SlaTarget, TicketSla } from '@kefu/shared';

/** normal: on track; warning: under 25% of the target's time left; breached: past due; paused: clock stands; done: order resolved. */
export type SlaTone = 'normal' | 'warning' | 'breached' | 'paused' | 'done';

export interface SlaDisplay {
  /** The target the badge counts down to; null when nothing is due (paused without due time, resolved). */
  target: SlaTarget | null;
  dueAt: string | null;
  /** Whole minutes to the due time; negative when overdue; null without a due time. */
  remainingMinutes: number | null;
  tone: SlaTone;
  pauseReason: string | null;
  breached: readonly SlaTarget[];
}

export interface SlaOrder {
  status: string;
  createdAt: string;
}

export const SLA_WARNING_SHARE = 0.25;
const MINUTE_MS = 60_000;
const CLOSED = new Set(['resolved', 'closed']);

interface Candidate {
  target: SlaTarget;
  dueAt: string;
  /** Start of the target's window, for the warning share. */
  from: string;
}

function candidatesOf(sla: TicketSla, order: SlaOrder): Candidate[] {
  if (sla.firstReplyDueAt && !sla.firstReplyAt) return [{ target: 'first_reply', dueAt: sla.firstReplyDueAt, from: order.createdAt }];
  const out: Candidate[] = [];
  if (sla.resolutionDueAt) out.push({ target: 'resolution', dueAt: sla.resolutionDueAt, from: order.createdAt });
  // The update window's start is not part of the order's data: the first reply (or creation) approximates it.
  if (order.status === 'in_progress' && sla.nextUpdateDueAt) out.push({ target: 'update', dueAt: sla.nextUpdateDueAt, from: sla.firstReplyAt ?? order.createdAt });
  return out;
}

/** What the SLA badge shows for a work order at `now`: the most pressing target, time left and colour. */
export function slaDisplay(sla: TicketSla, order: SlaOrder, now: Date): SlaDisplay {
  const base = { pauseReason: sla.pauseReason, breached: sla.breached };
  if (CLOSED.has(order.status)) {
    const late = sla.breached.includes('resolution');
    return { ...base, target: 'resolution', dueAt: sla.resolutionDueAt, remainingMinutes: null, tone: late ? 'breached' : 'done' };
  }
  const candidates = candidatesOf(sla, order).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const next = candidates[0];
  if (sla.pausedSince) {
    // A paused clock has no resolution due time; a first reply still owed keeps counting.
    const running = next?.target === 'first_reply' ? next : null;
    return {
      ...base,
      target: running?.target ?? null,
      dueAt: running?.dueAt ?? null,
      remainingMinutes: running ? minutesUntil(running.dueAt, now) : null,
      tone: 'paused',
    };
  }
  if (!next) return { ...base, target: null, dueAt: null, remainingMinutes: null, tone: sla.breached.length > 0 ? 'breached' : 'normal' };
  const remainingMs = Date.parse(next.dueAt) - now.getTime();
  const windowMs = Date.parse(next.dueAt) - Date.parse(next.from);
  let tone: SlaTone = 'normal';
  if (remainingMs <= 0 || sla.breached.includes(next.target)) tone = 'breached';
  else if (windowMs > 0 && remainingMs < windowMs * SLA_WARNING_SHARE) tone = 'warning';
  return { ...base, target: next.target, dueAt: next.dueAt, remainingMinutes: minutesUntil(next.dueAt, now), tone };
}

/** Whole minutes from now to `due`, rounded toward zero so "1分" is shown until the last minute ends. */
export function minutesUntil(due: string, now: Date): number {
  return Math.trunc((Date.parse(due) - now.getTime()) / MINUTE_MS);
}

/** 195 → { days: 0, hours: 3, minutes: 15 }; the sign is dropped (callers say "left" or "overdue"). */
export function durationParts(totalMinutes: number): { days: number; hours: number; minutes: number } {
  const abs = Math.abs(Math.trunc(totalMinutes));
  return { days: Math.floor(abs / 1440), hours: Math.floor((abs % 1440) / 60), minutes: abs % 60 };
}

/** Average minutes as "h:mm" for reports: 95.4 → "1:35"; null → "—". */
export function hoursMinutes(minutes: number | null): string {
  if (minutes === null) return '—';
  const rounded = Math.round(minutes);
  return `${Math.floor(rounded / 60)}:${String(rounded % 60).padStart(2, '0')}`;
}
