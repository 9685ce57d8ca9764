// Helpers shared by the rosters services: time zone, holidays, presenting shifts, turning rule lists into errors.
import { formatErrorMessage, type RosterShift, type RuleViolationItem } from '@kefu/shared';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { ruleViolation } from '../../lib/app-error.js';
import { toIsoRequired } from '../../lib/clock.js';
import { chineseDayKind, chineseDayName, dayNumberOfIsoDate } from '../calendars/chinese-holidays.js';

export type Db = Kysely<DB>;

export { tenantTimeZone } from '../../lib/tenant.js';

/** The statutory holiday's name on a local date (国庆节 …), null on ordinary and adjusted working days. */
export function publicHolidayName(date: string): string | null {
  const day = dayNumberOfIsoDate(date);
  return chineseDayKind(day) === 'holiday' ? (chineseDayName(day) ?? date) : null;
}

/** [start, end) of a local day in the tenant's zone. */
export function localDayRange(date: string, timeZone: string): { start: Date; end: Date } {
  const start = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
  return { start: start.toJSDate(), end: start.plus({ days: 1 }).toJSDate() };
}

export function localDateOf(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate()!;
}

/** Throws the first violation as a 422 with every violation (translated for the actor) in the details. */
export function throwIfViolations(actor: Actor, violations: RuleViolationItem[]): void {
  const first = violations[0];
  if (!first) return;
  throw ruleViolation(first.rule, first.params, { violations: withMessages(actor, violations) });
}

export function withMessages(actor: Actor, violations: RuleViolationItem[]) {
  return violations.map((v) => Object.assign({}, v, { message: formatErrorMessage(actor.locale, 'RULE_VIOLATION', Object.assign({}, v.params, { rule: v.rule })) }));
}

export const shiftColumns = ['s.id', 's.user_id', 's.date', 's.shift_code', 's.starts_at', 's.ends_at', 's.is_night', 's.team_id', 's.status', 's.leave_request_id', 's.swap_id', 's.version', 'u.display_name'] as const;

export interface ShiftRow {
  id: number;
  user_id: number;
  date: string;
  shift_code: string;
  starts_at: Date;
  ends_at: Date;
  is_night: boolean;
  team_id: number | null;
  status: string;
  leave_request_id: number | null;
  swap_id: number | null;
  version: number;
  display_name: string;
}

export function presentShift(r: ShiftRow): RosterShift {
  return {
    id: r.id,
    userId: r.user_id,
    userName: r.display_name,
    date: r.date,
    shiftCode: r.shift_code,
    startsAt: toIsoRequired(r.starts_at),
    endsAt: toIsoRequired(r.ends_at),
    isNight: r.is_night,
    teamId: r.team_id,
    status: r.status as RosterShift['status'],
    leaveRequestId: r.leave_request_id,
    swapId: r.swap_id,
    version: r.version,
  };
}

export function shiftsQuery(db: Db, tenantId: number) {
  return db
    .selectFrom('roster_shifts as s')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.user_id'))
    .select(shiftColumns)
    .where('s.tenant_id', '=', tenantId);
}
