// The scheduling model: shift patterns, agents with their contract, rest rules, leave and assignments.

export interface ShiftPattern {
  code: string;
  /** Local start time "HH:MM" on a half hour. */
  start: string;
  lengthMinutes: number;
  /** Paid break inside the shift; breaks are staggered, so each interval loses the same share of the agents. */
  paidBreakMinutes: number;
  night: boolean;
}

export interface ScheduleAgent {
  id: number;
  name?: string;
  teamId?: number | null;
  skills?: string[];
  /** Contract: most working days in a 7-day block (defaults to 7 − the rules' minimum days off). */
  maxDaysPerWeek?: number;
  /** Contract: may work night shifts. */
  nights?: boolean;
}

export interface RestRules {
  /** Minimum hours between the end of a shift and the start of the next one. */
  minRestHours: number;
  /** Days off in every 7-day block of the schedule (counted from its first day). */
  minDaysOffPerWeek: number;
  maxConsecutiveDays: number;
  /** A night shift may not be followed next day by a shift starting before this hour. */
  morningBeforeHour: number;
}

export const DEFAULT_REST_RULES: RestRules = { minRestHours: 11, minDaysOffPerWeek: 2, maxConsecutiveDays: 6, morningBeforeHour: 12 };

/** An approved leave day of an agent (unavailable). */
export interface LeaveDay {
  agentId: number;
  date: string;
}

/** Agent works shift `shiftCode` starting on `day` (index from the schedule's first day). */
export interface DayAssignment {
  agentId: number;
  day: number;
  shiftCode: string;
}

export function startMinute(p: ShiftPattern): number {
  const [h, m] = p.start.split(':').map(Number);
  return h! * 60 + m!;
}
