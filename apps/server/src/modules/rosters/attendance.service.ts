// Attendance (考勤) and adherence: clock-in/out, and per-agent figures for a day judged against the roster. Presence
// comes from the agent states of the calls module when the agent used the softphone bar, else from clock events.
import type { AttendanceRow } from '@kefu/shared';
import type { Actor } from '../../lib/actor.js';
import { ruleViolation } from '../../lib/app-error.js';
import { now, toIso, toIsoRequired } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';
import { clockIntervals, evaluateAttendance, type Interval } from './attendance-rules.js';
import { assertCan, canSeeAllRosters } from './rosters.policy.js';
import { localDayRange, tenantTimeZone, type Db } from './rosters-common.js';

type Ctx = { db: Db; actor: Actor };
const HOUR_MS = 3_600_000;
/** A clock event this close to a shift belongs to it (the incoming shift arrives 15–20 minutes early). */
const CLOCK_WINDOW_MS = 2 * HOUR_MS;

export async function clock({ db, actor, kind }: Ctx & { kind: 'in' | 'out' }) {
  assertCan(actor, 'workforce.request');
  const at = now();
  return db.transaction().execute(async (trx) => {
    const shift = await trx
      .selectFrom('roster_shifts')
      .select(['id', 'starts_at', 'ends_at'])
      .where('tenant_id', '=', actor.tenantId)
      .where('user_id', '=', actor.userId)
      .where('starts_at', '<=', new Date(at.getTime() + CLOCK_WINDOW_MS))
      .where('ends_at', '>=', new Date(at.getTime() - CLOCK_WINDOW_MS))
      .orderBy('starts_at')
      .executeTakeFirst();
    if (!shift) throw ruleViolation('rosters.attendance.no_shift');
    const row = await trx.insertInto('roster_clock_events').values({ tenant_id: actor.tenantId, user_id: actor.userId, kind, at }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: `attendance.clock_${kind}`, entity: 'roster_shift', entityId: shift.id, detail: { eventId: row.id } });
    return { kind, at: at.toISOString(), shiftId: shift.id };
  });
}

export async function attendanceForDay({ db, actor, query }: Ctx & { query: { date: string; teamId?: number } }): Promise<AttendanceRow[]> {
  assertCan(actor, 'workforce.request', 'workforce.approve', 'workforce.direct', 'workforce.schedule');
  const zone = await tenantTimeZone(db, actor.tenantId);
  const day = localDayRange(query.date, zone);
  let q = db
    .selectFrom('roster_shifts as s')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.user_id'))
    .select(['s.id', 's.user_id', 's.shift_code', 's.starts_at', 's.ends_at', 's.status', 'u.display_name'])
    .where('s.tenant_id', '=', actor.tenantId)
    .where('s.date', '=', query.date);
  if (!canSeeAllRosters(actor)) q = q.where('s.user_id', '=', actor.userId);
  else if (query.teamId) q = q.where('s.team_id', '=', query.teamId);
  const shifts = await q.orderBy('s.starts_at').orderBy('u.display_name').execute();
  if (!shifts.length) return [];
  const userIds = [...new Set(shifts.map((s) => s.user_id))];
  const from = new Date(day.start.getTime() - CLOCK_WINDOW_MS);
  const to = new Date(Math.max(...shifts.map((s) => s.ends_at.getTime())) + CLOCK_WINDOW_MS);
  const [events, states, open] = await Promise.all([
    db.selectFrom('roster_clock_events').select(['user_id', 'kind', 'at']).where('tenant_id', '=', actor.tenantId).where('user_id', 'in', userIds).where('at', '>=', from).where('at', '<=', to).orderBy('at').execute(),
    db.selectFrom('agent_state_log').select(['user_id', 'state', 'started_at', 'ended_at']).where('tenant_id', '=', actor.tenantId).where('user_id', 'in', userIds).where('started_at', '<', to).where('ended_at', '>', from).execute(),
    db.selectFrom('agent_states').select(['user_id', 'presence', 'presence_since']).where('tenant_id', '=', actor.tenantId).where('user_id', 'in', userIds).execute(),
  ]);
  const at = now();
  return shifts.map((s) => {
    const shift: Interval = { start: s.starts_at, end: s.ends_at };
    const stateIntervals = states.filter((r) => r.user_id === s.user_id).map((r) => ({ state: r.state, start: r.started_at, end: r.ended_at }));
    const current = open.find((o) => o.user_id === s.user_id);
    if (current && current.presence !== 'offline') stateIntervals.push({ state: current.presence, start: current.presence_since, end: at });
    const touches = (i: Interval) => i.start < s.ends_at && i.end > s.starts_at;
    const fromStates = stateIntervals.filter((i) => i.state !== 'offline' && touches(i));
    const clocked = clockIntervals(events.filter((e) => e.user_id === s.user_id).map((e) => ({ kind: e.kind as 'in' | 'out', at: e.at })), at).filter(touches);
    const source = fromStates.length ? 'agent_states' : clocked.length ? 'clock' : 'none';
    // Presence counts breaks as at the post; adherence counts only the ready state (calls happen while ready).
    const present = source === 'agent_states' ? fromStates : clocked;
    const working = source === 'agent_states' ? fromStates.filter((i) => i.state === 'ready') : clocked;
    const ins = clocked.map((c) => c.start);
    const result = evaluateAttendance(shift, present, working, at);
    const onLeave = s.status === 'leave';
    return {
      userId: s.user_id,
      userName: s.display_name,
      shiftId: s.id,
      shiftCode: s.shift_code,
      startsAt: toIsoRequired(s.starts_at),
      endsAt: toIsoRequired(s.ends_at),
      onLeave,
      clockInAt: toIso(ins[0] ?? null),
      clockOutAt: toIso(clocked.at(-1)?.end && clocked.at(-1)!.end < at ? clocked.at(-1)!.end : null),
      lateMinutes: onLeave ? 0 : result.lateMinutes,
      earlyLeaveMinutes: onLeave ? 0 : result.earlyLeaveMinutes,
      longestAwayMinutes: onLeave ? 0 : result.longestAwayMinutes,
      absent: !onLeave && result.absent,
      violations: onLeave ? [] : result.violations,
      scheduledMinutes: result.scheduledMinutes,
      workingMinutes: result.workingMinutes,
      adherence: onLeave ? null : result.adherence,
      source,
      intervals: result.intervals.map((i) => ({ start: i.start.toISOString(), scheduledMinutes: i.scheduledMinutes, workingMinutes: i.workingMinutes })),
    };
  });
}
