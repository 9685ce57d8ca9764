// Agents' working time in the hotline simulation: shifts, and one break per shift that the agent takes once the call
// in hand (and its after-call work) is done. Calls only go to agents on duty, so the night is staffed as thinly as the
// roster says, and the presence changes (ready, break, offline) give the statistics their staffed time.
import { DateTime } from 'luxon';

export interface DutyShift {
  from: Date;
  to: Date;
  /** When the agent's break is due; taken as soon as the agent is free from then on. */
  breakAt?: Date;
  breakMinutes?: number;
  breakReason?: string;
}

export type Presence = 'ready' | 'break' | 'offline';

export interface PresenceChange {
  agent: string;
  at: Date;
  state: Presence;
  reason: string | null;
}

/** A shift of the day in local time, e.g. 早班 08:00–16:30 with a meal at 12:00; `to` before `from` runs past midnight. */
export interface ShiftTemplate {
  from: string;
  to: string;
  breakAt?: string;
  breakMinutes?: number;
  breakReason?: string;
}

/** "08:00-16:30,13:30-22:00" (the `kefu simulate --shifts` form): each shift with a 30-minute meal in its middle. */
export function parseShiftTemplates(spec: string): ShiftTemplate[] {
  return spec.split(',').map((part) => {
    const match = /^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$/.exec(part);
    if (!match) throw new Error(`a shift is written HH:mm-HH:mm, got "${part.trim()}"`);
    const [from, to] = [match[1]!, match[2]!].map((t) => {
      const [h, m] = t.split(':').map(Number);
      if (h! > 23 || m! > 59) throw new Error(`not a time of day: "${t}"`);
      return h! * 60 + m!;
    });
    if (from === to) throw new Error(`a shift cannot start and end at the same time: "${part.trim()}"`);
    const length = (to! - from! + 1440) % 1440;
    const middle = (from! + Math.floor(length / 2) - 15 + 1440) % 1440;
    const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    return { from: hhmm(from!), to: hhmm(to!), ...(length >= 6 * 60 ? { breakAt: hhmm(middle), breakMinutes: 30, breakReason: '用餐' } : {}) };
  });
}

/** `day` (a local date) at "HH:mm". */
export function atTimeOfDay(day: DateTime, hhmm: string): DateTime {
  const [hour, minute] = hhmm.split(':').map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

/**
 * The shifts of [from, to) in the zone, one template per day for each agent (`pick` says which, or null for a rest
 * day). Breaks are staggered: agent i takes it (i mod 3 − 1) half hours from the template's time.
 */
export function shiftsOver(from: Date, to: Date, timeZone: string, templates: readonly ShiftTemplate[], pick: (agentIndex: number, day: DateTime) => number | null, agentCount: number): DutyShift[][] {
  const out: DutyShift[][] = Array.from({ length: agentCount }, () => []);
  // From the day before, so that a night shift running into `from` is there.
  const last = DateTime.fromJSDate(to, { zone: timeZone }).startOf('day');
  for (let day = DateTime.fromJSDate(from, { zone: timeZone }).startOf('day').minus({ days: 1 }); day <= last; day = day.plus({ days: 1 })) {
    for (let a = 0; a < agentCount; a++) {
      const index = pick(a, day);
      if (index === null) continue;
      const t = templates[index]!;
      const start = atTimeOfDay(day, t.from);
      let end = atTimeOfDay(day, t.to);
      if (end <= start) end = end.plus({ days: 1 });
      if (end.toMillis() <= from.getTime() || start.toMillis() >= to.getTime()) continue;
      // Agents on the same shift take their breaks in turn, half an hour apart, so the line is never left empty.
      let breakAt = t.breakAt ? atTimeOfDay(day, t.breakAt).plus({ minutes: ((a % 3) - 1) * 30 }) : undefined;
      if (breakAt && breakAt < start) breakAt = breakAt.plus({ days: 1 });
      out[a]!.push({ from: start.toJSDate(), to: end.toJSDate(), ...(breakAt ? { breakAt: breakAt.toJSDate(), breakMinutes: t.breakMinutes ?? 30, breakReason: t.breakReason ?? '用餐' } : {}) });
    }
  }
  return out;
}

/**
 * One agent in the simulation. Arrivals are handled in time order, so the agent's day can be settled up to each
 * one: a due break starts when the agent is next free, a shift ends when it is over and the last call is done.
 * Without shifts the agent is on duty throughout (and no presence changes are made).
 */
export class AgentDuty {
  /** When the agent is free for the next call (after talk and after-call work, or a break). */
  freeAt: number;
  private index = 0;
  private breakSettled = false;
  private entered = false;

  constructor(readonly agent: string, private readonly shifts: readonly DutyShift[] | null, start: number, private readonly changes: PresenceChange[]) {
    this.freeAt = start;
  }

  private change(at: number, state: Presence, reason: string | null = null) {
    this.changes.push({ agent: this.agent, at: new Date(at), state, reason });
  }

  /** The first instant, not before `t`, at which the agent can pick up a call; null when no shift is left. */
  earliestStart(t: number): number | null {
    if (this.shifts === null) return Math.max(t, this.freeAt);
    for (;;) {
      const shift = this.shifts[this.index];
      if (!shift) return null;
      const from = shift.from.getTime();
      if (!this.entered) {
        this.entered = true;
        this.breakSettled = shift.breakAt === undefined;
        // A shift that starts before the last one was left starts when the agent is back.
        this.freeAt = Math.max(this.freeAt, from);
        this.change(this.freeAt, 'ready');
      }
      let at = Math.max(t, this.freeAt);
      if (!this.breakSettled && shift.breakAt!.getTime() <= at) {
        this.breakSettled = true;
        const start = Math.max(shift.breakAt!.getTime(), this.freeAt);
        if (start < shift.to.getTime()) {
          this.change(start, 'break', shift.breakReason ?? '用餐');
          this.freeAt = start + (shift.breakMinutes ?? 30) * 60_000;
          this.change(this.freeAt, 'ready');
          at = Math.max(t, this.freeAt);
        }
      }
      if (at < shift.to.getTime()) return at;
      // The shift is over; the agent leaves once the last call's work is done.
      this.change(Math.max(shift.to.getTime(), this.freeAt), 'offline');
      this.index += 1;
      this.entered = false;
    }
  }

  /** Settles the agent's day up to `t` (the end of the simulation). */
  settle(t: number) {
    this.earliestStart(t);
  }
}
