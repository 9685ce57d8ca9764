// Attendance against the roster (考勤): late arrival, early leave, time away and adherence. Seed 003: 迟到二十分钟及以上、
// 擅离值守脱岗二十分钟及以上者按违纪处理 — 20 minutes or more late or away is a violation. Pure: intervals in, figures out.

export interface Interval {
  start: Date;
  end: Date;
}

export interface AttendanceRules {
  /** Late / away / early leave of this many minutes or more is a violation. */
  violationMinutes: number;
  intervalMinutes: number;
}

export const DEFAULT_ATTENDANCE_RULES: AttendanceRules = { violationMinutes: 20, intervalMinutes: 30 };

export type AttendanceViolation = 'late' | 'early_leave' | 'away' | 'absent';

export interface AttendanceResult {
  lateMinutes: number;
  earlyLeaveMinutes: number;
  longestAwayMinutes: number;
  absent: boolean;
  violations: AttendanceViolation[];
  scheduledMinutes: number;
  workingMinutes: number;
  adherence: number | null;
  intervals: { start: Date; scheduledMinutes: number; workingMinutes: number }[];
}

const MIN_MS = 60_000;

/** Sorted, merged and clipped to [from, to). */
export function normalizeIntervals(intervals: readonly Interval[], from: number, to: number): { start: number; end: number }[] {
  const clipped = intervals
    .map((i) => ({ start: Math.max(i.start.getTime(), from), end: Math.min(i.end.getTime(), to) }))
    .filter((i) => i.end > i.start)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const i of clipped) {
    const last = merged.at(-1);
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else merged.push({ ...i });
  }
  return merged;
}

const minutesIn = (list: { start: number; end: number }[], from: number, to: number) =>
  list.reduce((sum, i) => sum + Math.max(0, Math.min(i.end, to) - Math.max(i.start, from)), 0) / MIN_MS;

/**
 * `present`: when the person was at their post (clocked in, or any state but offline); `working`: when they were in a
 * working state (ready, on a call, after-call work). The shift is judged up to `now` while it runs: early leave only
 * once it has ended, absence once the violation threshold has passed without anyone showing up.
 */
export function evaluateAttendance(
  shift: Interval,
  present: readonly Interval[],
  working: readonly Interval[],
  now: Date,
  rules: AttendanceRules = DEFAULT_ATTENDANCE_RULES,
): AttendanceResult {
  const start = shift.start.getTime();
  const end = shift.end.getTime();
  const until = Math.min(end, now.getTime());
  const threshold = rules.violationMinutes;
  const result: AttendanceResult = { lateMinutes: 0, earlyLeaveMinutes: 0, longestAwayMinutes: 0, absent: false, violations: [], scheduledMinutes: 0, workingMinutes: 0, adherence: null, intervals: [] };
  if (until <= start) return result;
  const presence = normalizeIntervals(present, start, until);
  const work = normalizeIntervals(working, start, until);
  result.scheduledMinutes = Math.round((until - start) / MIN_MS);
  result.workingMinutes = Math.round(minutesIn(work, start, until));
  result.adherence = Math.round((result.workingMinutes / result.scheduledMinutes) * 1000) / 1000;
  for (let t = start; t < until; t += rules.intervalMinutes * MIN_MS) {
    const to = Math.min(t + rules.intervalMinutes * MIN_MS, until);
    result.intervals.push({ start: new Date(t), scheduledMinutes: Math.round((to - t) / MIN_MS), workingMinutes: Math.round(minutesIn(work, t, to)) });
  }
  const first = presence[0];
  if (!first) {
    result.absent = (until - start) / MIN_MS >= threshold;
    if (result.absent) result.violations.push('absent');
    return result;
  }
  result.lateMinutes = Math.floor((first.start - start) / MIN_MS);
  for (let i = 1; i < presence.length; i++) {
    result.longestAwayMinutes = Math.max(result.longestAwayMinutes, Math.floor((presence[i]!.start - presence[i - 1]!.end) / MIN_MS));
  }
  const last = presence.at(-1)!;
  if (now.getTime() >= end) result.earlyLeaveMinutes = Math.floor((end - last.end) / MIN_MS);
  else if (last.end < until) result.longestAwayMinutes = Math.max(result.longestAwayMinutes, Math.floor((until - last.end) / MIN_MS));
  if (result.lateMinutes >= threshold) result.violations.push('late');
  if (result.earlyLeaveMinutes >= threshold) result.violations.push('early_leave');
  if (result.longestAwayMinutes >= threshold) result.violations.push('away');
  return result;
}

/** Clock-in/out events to presence intervals; an open clock-in lasts until `until`. */
export function clockIntervals(events: readonly { kind: 'in' | 'out'; at: Date }[], until: Date): Interval[] {
  const intervals: Interval[] = [];
  let openAt: Date | null = null;
  for (const e of [...events].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (e.kind === 'in') openAt ??= e.at;
    else if (openAt) {
      intervals.push({ start: openAt, end: e.at });
      openAt = null;
    }
  }
  if (openAt && openAt < until) intervals.push({ start: openAt, end: until });
  return intervals;
}
