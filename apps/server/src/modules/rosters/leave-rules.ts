// Leave rules of seed 003 (客服部请假制度汇编) as a pure function: which rules a request breaks, each with its own
// message key. No I/O: the caller passes the shifts, existing leave and the holiday lookup.
import { DateTime } from 'luxon';
import type { LeaveKind, RuleViolationItem } from '@kefu/shared';

export interface LeaveShift {
  id: number;
  date: string;
  startsAt: Date;
  endsAt: Date;
  isNight: boolean;
  /** Set when the shift came to this person by a swap. */
  swapId: number | null;
}

export interface LeaveCheckRequest {
  userId: number;
  requestedBy: number;
  kind: LeaveKind;
  startsAt: Date;
  endsAt: Date;
  certificateRef?: string | null;
  emergency: boolean;
  exceptional: boolean;
}

export interface LeaveCheckContext {
  now: Date;
  timeZone: string;
  /** The person's shifts overlapping the requested period. */
  shifts: LeaveShift[];
  /** The person's other pending or approved leave. */
  existingLeave: { startsAt: Date; endsAt: Date }[];
  /** The public holiday's name on a local date, or null. */
  holidayName: (date: string) => string | null;
}

export interface LeaveRules {
  /** How far ahead of the shift each kind must be asked (一般事假提前一天；特殊事假班前一小时). 0 = before the shift. */
  noticeHours: Record<LeaveKind, number>;
  /** Sick leave of this many days or more needs a certificate (病假满一天须持医疗单位证明). */
  sickCertificateDays: number;
  /** Night-shift leave must be asked before this local hour of the shift's day (当日十二点之前). */
  nightDeadlineHour: number;
  /** Holiday leave only in exceptional cases, this many hours ahead (提前二天). */
  holidayNoticeHours: number;
  /** More days than this go to the center director (一天以上由客服中心主任批准). */
  departmentMaxDays: number;
  /** Kinds the center director approves whatever their length (因公事及外出学习). */
  directorKinds: readonly LeaveKind[];
  /** Kinds someone else may ask for (病假除外). */
  onBehalfKinds: readonly LeaveKind[];
}

export const DEFAULT_LEAVE_RULES: LeaveRules = {
  noticeHours: { personal: 24, personal_urgent: 1, sick: 0, annual: 24, compensatory: 24, marriage: 24, bereavement: 1, business: 24 },
  sickCertificateDays: 1,
  nightDeadlineHour: 12,
  holidayNoticeHours: 48,
  departmentMaxDays: 1,
  directorKinds: ['business'],
  onBehalfKinds: ['sick'],
};

const HOUR_MS = 3_600_000;
const overlaps = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/** Leave length in shift-days: each shift counts by the share of it the leave covers (a whole shift = 1 day). */
export function leaveDays(period: { startsAt: Date; endsAt: Date }, shifts: readonly LeaveShift[]): number {
  let days = 0;
  for (const shift of shifts) {
    const from = Math.max(period.startsAt.getTime(), shift.startsAt.getTime());
    const to = Math.min(period.endsAt.getTime(), shift.endsAt.getTime());
    if (to > from) days += (to - from) / (shift.endsAt.getTime() - shift.startsAt.getTime());
  }
  return Math.round(days * 100) / 100;
}

/** Approval by level: up to a day the department head (workforce.approve); longer, or official leave, also the director. */
export function leaveNeedsDirector(kind: LeaveKind, days: number, rules: LeaveRules = DEFAULT_LEAVE_RULES): boolean {
  return days > rules.departmentMaxDays || rules.directorKinds.includes(kind);
}

export function checkLeaveRequest(request: LeaveCheckRequest, context: LeaveCheckContext, rules: LeaveRules = DEFAULT_LEAVE_RULES): RuleViolationItem[] {
  const violations: RuleViolationItem[] = [];
  const add = (rule: string, params: Record<string, string | number> = {}) => violations.push({ rule: `rosters.leave.${rule}`, params });
  const shifts = context.shifts.filter((s) => overlaps(s, request)).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  if (request.requestedBy !== request.userId && !rules.onBehalfKinds.includes(request.kind)) add('not_in_person');
  const first = shifts[0];
  if (!first) {
    add('no_shift');
    return violations;
  }
  const nowMs = context.now.getTime();
  if (shifts.some((s) => s.endsAt.getTime() <= nowMs)) add('in_past');
  else {
    const leftMs = first.startsAt.getTime() - nowMs;
    const noticeHours = rules.noticeHours[request.kind];
    if (noticeHours === 0 && leftMs <= 0) add('sick_before_shift');
    else if (noticeHours > 0 && leftMs < noticeHours * HOUR_MS) {
      add('notice', { kind: `rosters.kind.${request.kind}`, hours: noticeHours, left: Math.max(0, Math.floor((leftMs / HOUR_MS) * 10) / 10), date: first.date });
    }
  }
  for (const night of shifts.filter((s) => s.isNight)) {
    const deadline = DateTime.fromISO(night.date, { zone: context.timeZone }).set({ hour: rules.nightDeadlineHour });
    if (nowMs > deadline.toMillis()) add('night_deadline', { date: night.date });
  }
  for (const shift of shifts) {
    const holiday = context.holidayName(shift.date);
    if (!holiday) continue;
    if (!request.exceptional) add('holiday_not_allowed', { holiday });
    else if (shift.startsAt.getTime() - nowMs < rules.holidayNoticeHours * HOUR_MS) add('holiday_notice', { holiday });
  }
  if (request.kind === 'sick' && !request.emergency && !request.certificateRef && leaveDays(request, shifts) >= rules.sickCertificateDays) add('certificate_required');
  if (context.existingLeave.some((l) => overlaps(l, request))) add('overlaps');
  const swapped = shifts.find((s) => s.swapId !== null);
  if (swapped) add('swapped_shift', { date: swapped.date });
  return violations;
}
