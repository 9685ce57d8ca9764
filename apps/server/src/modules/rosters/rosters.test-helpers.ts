// Dates and shifts for the rosters integration tests, relative to today so the rules about notice hold whenever they run.
import { DateTime } from 'luxon';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { TEST_TENANT_ID } from '../../testing/test-db.js';
import { publicHolidayName } from './rosters-common.js';
import { upsertRosterShifts } from './roster-shifts.service.js';

const ZONE = 'Asia/Shanghai';

/** The `n`-th ordinary day (no public holiday) at least `from` days after today, in the tenant zone. */
export function workdayAhead(from: number, n = 0): string {
  let day = DateTime.now().setZone(ZONE).startOf('day').plus({ days: from });
  let left = n;
  for (;;) {
    const iso = day.toISODate()!;
    if (!publicHolidayName(iso) && left-- === 0) return iso;
    day = day.plus({ days: 1 });
  }
}

export const nextDay = (date: string, days = 1) => DateTime.fromISO(date).plus({ days }).toISODate()!;
export const localTime = (date: string, hour: number, minute = 0) => DateTime.fromISO(date, { zone: ZONE }).set({ hour, minute }).toJSDate();

export async function createTeam(db: Kysely<DB>, name: string, leaderId: number | null = null): Promise<number> {
  const row = await db.insertInto('teams').values({ tenant_id: TEST_TENANT_ID, name, leader_id: leaderId }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** A day shift 08:00–16:00 (code D) for the user on the date; answers its id. */
export async function dayShift(db: Kysely<DB>, userId: number, date: string, extra: { from?: number; to?: number; code?: string; teamId?: number | null; isNight?: boolean } = {}): Promise<number> {
  const startsAt = localTime(date, extra.from ?? 8);
  const endsAt = extra.to && extra.to <= (extra.from ?? 8) ? localTime(nextDay(date), extra.to) : localTime(date, extra.to ?? 16);
  await upsertRosterShifts({ db, tenantId: TEST_TENANT_ID, shifts: [{ userId, date, shiftCode: extra.code ?? 'D', startsAt, endsAt, isNight: extra.isNight ?? false, teamId: extra.teamId }] });
  const row = await db.selectFrom('roster_shifts').select('id').where('tenant_id', '=', TEST_TENANT_ID).where('user_id', '=', userId).where('starts_at', '=', startsAt).executeTakeFirstOrThrow();
  return row.id;
}
