// The assigned shifts (roster_shifts) that leave, swaps and attendance refer to. The schedules module's publish
import { inTransaction } from '../../lib/transaction.js';
// step and the demo write them through `upsertRosterShifts`; leaders may also enter them by hand.
import type { RosterShift } from '@kefu/shared';
import { sql } from 'kysely';
import type { Actor } from '../../lib/actor.js';
import { invalid, notFound } from '../../lib/app-error.js';
import { now } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';
import { assertCan } from './rosters.policy.js';
import { localDayRange, presentShift, shiftsQuery, tenantTimeZone, type Db } from './rosters-common.js';

export interface RosterShiftWrite {
  userId: number;
  /** Local date the shift belongs to ("YYYY-MM-DD"; a night shift belongs to the day it starts). */
  date: string;
  shiftCode: string;
  startsAt: Date | string;
  endsAt: Date | string;
  isNight?: boolean;
  /** Defaults to the user's team. */
  teamId?: number | null;
}

/**
 * Inserts or updates shifts by (user, start time); leave and swap marks of existing shifts stay. With `replace`,
 * the listed users' other plain shifts in that date range are removed, so a re-published schedule replaces the old one.
 */
export async function upsertRosterShifts({ db, tenantId, shifts, replace, actor }: { db: Db; tenantId: number; shifts: RosterShiftWrite[]; replace?: { from: string; to: string }; actor?: Actor }): Promise<{ upserted: number; removed: number }> {
  for (const s of shifts) {
    if (new Date(s.endsAt) <= new Date(s.startsAt)) throw invalid('endsAt: must be after startsAt');
  }
  return inTransaction(db, async (trx) => {
    const userIds = [...new Set(shifts.map((s) => s.userId))];
    const teams = new Map<number, number | null>();
    if (userIds.length) {
      const users = await trx.selectFrom('users').select(['id', 'team_id']).where('tenant_id', '=', tenantId).where('id', 'in', userIds).execute();
      for (const u of users) teams.set(u.id, u.team_id);
      const missing = userIds.filter((id) => !teams.has(id));
      if (missing.length) throw invalid(`userId: unknown user ${missing.join(', ')}`);
    }
    let removed = 0;
    if (replace && userIds.length) {
      const keep = shifts.map((s) => new Date(s.startsAt).toISOString());
      let del = trx
        .deleteFrom('roster_shifts')
        .where('tenant_id', '=', tenantId)
        .where('user_id', 'in', userIds)
        .where('date', '>=', replace.from)
        .where('date', '<=', replace.to)
        .where('status', '=', 'scheduled')
        .where('swap_id', 'is', null);
      if (keep.length) del = del.where(sql<boolean>`starts_at <> all(${sql.val(keep)}::timestamptz[])`);
      removed = Number((await del.executeTakeFirst()).numDeletedRows);
    }
    for (let i = 0; i < shifts.length; i += 500) {
      const chunk = shifts.slice(i, i + 500);
      await trx
        .insertInto('roster_shifts')
        .values(
          chunk.map((s) => ({
            tenant_id: tenantId,
            user_id: s.userId,
            date: s.date,
            shift_code: s.shiftCode,
            starts_at: new Date(s.startsAt),
            ends_at: new Date(s.endsAt),
            is_night: s.isNight ?? false,
            team_id: s.teamId === undefined ? (teams.get(s.userId) ?? null) : s.teamId,
            source: actor ? 'manual' : 'schedule',
          })),
        )
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'user_id', 'starts_at']).doUpdateSet((eb) => ({
            date: eb.ref('excluded.date'),
            shift_code: eb.ref('excluded.shift_code'),
            ends_at: eb.ref('excluded.ends_at'),
            is_night: eb.ref('excluded.is_night'),
            team_id: eb.ref('excluded.team_id'),
            updated_at: now(),
            version: sql<number>`roster_shifts.version + 1`,
          })),
        )
        .execute();
    }
    if (actor) await writeAudit(trx, actor, { action: 'roster.shifts_upserted', entity: 'roster_shift', detail: { count: shifts.length, removed, users: userIds.length } });
    return { upserted: shifts.length, removed };
  });
}

export async function listRosterShifts({ db, tenantId, from, to, userId, teamId }: { db: Db; tenantId: number; from: string; to: string; userId?: number; teamId?: number }): Promise<RosterShift[]> {
  let q = shiftsQuery(db, tenantId).where('s.date', '>=', from).where('s.date', '<=', to);
  if (userId) q = q.where('s.user_id', '=', userId);
  if (teamId) q = q.where('s.team_id', '=', teamId);
  return (await q.orderBy('s.starts_at').orderBy('u.display_name').limit(5000).execute()).map(presentShift);
}

/** The roster is posted for everyone (agents pick a colleague's shift to swap); `mine` narrows to one's own. */
export async function listShiftsFor({ db, actor, query }: { db: Db; actor: Actor; query: { from: string; to: string; userId?: number; teamId?: number; mine?: string } }) {
  assertCan(actor, 'workforce.request', 'workforce.schedule', 'workforce.approve', 'workforce.direct');
  const own = query.mine === 'true';
  if (query.to < query.from) throw invalid('to: must not be before from');
  return listRosterShifts({ db, tenantId: actor.tenantId, from: query.from, to: query.to, userId: own ? actor.userId : query.userId, teamId: own ? undefined : query.teamId });
}

export async function removeRosterShift({ db, actor, id }: { db: Db; actor: Actor; id: number }): Promise<void> {
  assertCan(actor, 'workforce.schedule');
  await db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('roster_shifts').where('tenant_id', '=', actor.tenantId).where('id', '=', id).returning(['user_id', 'date']).executeTakeFirst();
    if (!row) throw notFound('record');
    await writeAudit(trx, actor, { action: 'roster.shift_removed', entity: 'roster_shift', entityId: id, detail: { userId: row.user_id, date: row.date } });
  });
}

export async function setStaffProfile({ db, actor, userId, input }: { db: Db; actor: Actor; userId: number; input: { job: string; skillLevel: number } }) {
  assertCan(actor, 'workforce.schedule');
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', userId).executeTakeFirst();
    if (!user) throw notFound('user');
    await trx
      .insertInto('roster_staff')
      .values({ tenant_id: actor.tenantId, user_id: userId, job: input.job, skill_level: input.skillLevel })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet({ job: input.job, skill_level: input.skillLevel, updated_at: now() }))
      .execute();
    await writeAudit(trx, actor, { action: 'roster.staff_profile_set', entity: 'user', entityId: userId, detail: input });
  });
  return { userId, ...input };
}

/** Headcount per interval of a local day: scheduled, on approved leave, available. */
export async function rosterCoverage({ db, actor, query }: { db: Db; actor: Actor; query: { date: string; teamId?: number; intervalMinutes: number } }) {
  assertCan(actor, 'workforce.schedule', 'workforce.approve', 'workforce.direct');
  const zone = await tenantTimeZone(db, actor.tenantId);
  const day = localDayRange(query.date, zone);
  let q = db.selectFrom('roster_shifts').select(['user_id', 'starts_at', 'ends_at']).where('tenant_id', '=', actor.tenantId).where('starts_at', '<', day.end).where('ends_at', '>', day.start);
  if (query.teamId) q = q.where('team_id', '=', query.teamId);
  const shifts = await q.execute();
  const userIds = [...new Set(shifts.map((s) => s.user_id))];
  const leave = userIds.length
    ? await db.selectFrom('roster_leave_requests').select(['user_id', 'starts_at', 'ends_at']).where('tenant_id', '=', actor.tenantId).where('status', '=', 'approved').where('user_id', 'in', userIds).where('starts_at', '<', day.end).where('ends_at', '>', day.start).execute()
    : [];
  const step = query.intervalMinutes * 60_000;
  const intervals = [];
  for (let t = day.start.getTime(); t < day.end.getTime(); t += step) {
    // An interval counts the people whose shift covers its middle: a shift starting at :15 does not staff :00–:30 fully.
    const mid = t + step / 2;
    const on = shifts.filter((s) => s.starts_at.getTime() <= mid && s.ends_at.getTime() > mid);
    const away = on.filter((s) => leave.some((l) => l.user_id === s.user_id && l.starts_at.getTime() <= mid && l.ends_at.getTime() > mid)).length;
    intervals.push({ start: new Date(t).toISOString(), scheduled: on.length, onLeave: away, available: on.length - away });
  }
  return { date: query.date, intervals };
}
