// Demo data of the rosters domain, for the demo seed: five weeks of rotating shifts (the two weeks of the demo's call
// history, this week and the next two) for every agent and leader with a team, job and skill levels, a pending leave
// request, a swap waiting for the second leader, yesterday's clock events and a handover log signed by both leaders.
// Agents work the demo duty plan (demo-duty.ts), the one its simulated calls were answered on.
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../../db/schema.js';
import { atTimeOfDay } from '../calls/simulator/agent-duty.js';
import { DEMO_SHIFTS, demoShiftOf } from '../demo/demo-duty.js';
import { handoverLists } from './handover.service.js';
import { upsertRosterShifts, type RosterShiftWrite } from './roster-shifts.service.js';
import { tenantTimeZone } from './rosters-common.js';

export interface RosterDemoResult {
  shifts: number;
  leaveRequestId: number | null;
  swapId: number | null;
  handoverId: number | null;
}

export async function seedRosterDemo(db: Kysely<DB>, { tenantId, now = new Date() }: { tenantId: number; now?: Date }): Promise<RosterDemoResult> {
  const zone = await tenantTimeZone(db, tenantId);
  const people = await db
    .selectFrom('users as u')
    .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'u.tenant_id').onRef('r.id', '=', 'u.role_id'))
    .select(['u.id', 'u.username', 'u.team_id', 'r.key as role'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.active', '=', true)
    .where('u.team_id', 'is not', null)
    .where('r.key', 'in', ['agent', 'leader'])
    .orderBy('u.id')
    .execute();
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const monday = today.startOf('week');
  const shifts: RosterShiftWrite[] = [];
  const agents = people.filter((p) => p.role === 'agent');
  people.forEach((p, i) => {
    for (let d = -14; d < 21; d++) {
      const day = monday.plus({ days: d });
      // Leaders stay on days with two rest days a week, staggered; agents follow the duty plan.
      const pattern = p.role === 'leader' ? ((d + 14 + i) % 7 >= 5 ? null : DEMO_SHIFTS[0]!) : DEMO_SHIFTS[demoShiftOf(agents.indexOf(p), agents.length, day) ?? -1];
      if (!pattern) continue;
      const start = atTimeOfDay(day, pattern.from);
      let end = atTimeOfDay(day, pattern.to);
      if (end <= start) end = end.plus({ days: 1 });
      shifts.push({ userId: p.id, date: day.toISODate()!, shiftCode: pattern.code, startsAt: start.toJSDate(), endsAt: end.toJSDate(), isNight: pattern.night, teamId: p.team_id });
    }
  });
  await upsertRosterShifts({ db, tenantId, shifts });
  if (people.length) {
    await db
      .insertInto('roster_staff')
      .values(people.map((p) => ({ tenant_id: tenantId, user_id: p.id, job: p.role === 'leader' ? 'leader' : 'agent', skill_level: p.role === 'leader' ? 3 : 2 })))
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doNothing())
      .execute();
  }
  const result: RosterDemoResult = { shifts: shifts.length, leaveRequestId: null, swapId: null, handoverId: null };
  const byName = new Map(people.map((p) => [p.username, p]));
  const future = (userId: number, minDays: number) =>
    db.selectFrom('roster_shifts').selectAll().where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('starts_at', '>', today.plus({ days: minDays }).toJSDate()).where('status', '=', 'scheduled').orderBy('starts_at').executeTakeFirst();

  const agent = byName.get('agent') ?? people.find((p) => p.role === 'agent');
  if (agent) {
    const shift = await future(agent.id, 3);
    if (shift) {
      const row = await db
        .insertInto('roster_leave_requests')
        .values({ tenant_id: tenantId, user_id: agent.id, kind: 'personal', starts_at: shift.starts_at, ends_at: shift.ends_at, days: 1, reason: '孩子学校开家长会', status: 'pending', requested_by: agent.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      result.leaveRequestId = row.id;
    }
    // A swap with an agent of the other team, approved by the requester's leader, waiting for the counterpart's.
    const other = people.find((p) => p.role === 'agent' && p.team_id !== agent.team_id);
    const mine = await future(agent.id, 6);
    const theirs = other ? await future(other.id, 9) : undefined;
    const leader = people.find((p) => p.role === 'leader' && p.team_id === agent.team_id);
    if (other && mine && theirs && theirs.date !== mine.date) {
      const row = await db
        .insertInto('roster_swaps')
        .values({ tenant_id: tenantId, requester_id: agent.id, requester_shift_id: mine.id, counterpart_id: other.id, counterpart_shift_id: theirs.id, reason: '家中老人看病需陪同', status: 'pending', requester_leader_id: leader?.id ?? null, requester_leader_at: leader ? now : null, version: leader ? 2 : 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      result.swapId = row.id;
    }
  }

  // Attendance of the shifts worked: everyone on time, except one agent 25 minutes late yesterday.
  const yesterday = today.minus({ days: 1 }).toISODate()!;
  const worked = await db.selectFrom('roster_shifts').select(['user_id', 'date', 'starts_at', 'ends_at']).where('tenant_id', '=', tenantId).where('ends_at', '<=', now).orderBy('starts_at').orderBy('user_id').execute();
  const late = worked.filter((s) => s.date === yesterday)[1];
  for (let i = 0; i < worked.length; i += 500) {
    await db
      .insertInto('roster_clock_events')
      .values(
        worked.slice(i, i + 500).flatMap((s) => [
          { tenant_id: tenantId, user_id: s.user_id, kind: 'in', at: new Date(s.starts_at.getTime() + (s === late ? 25 : -10) * 60_000) },
          { tenant_id: tenantId, user_id: s.user_id, kind: 'out', at: new Date(s.ends_at.getTime() + 5 * 60_000) },
        ]),
      )
      .execute();
  }

  const leaders = people.filter((p) => p.role === 'leader');
  if (leaders.length >= 2) {
    const lists = await handoverLists(db, tenantId, null);
    const signedAt = today.minus({ days: 1 }).set({ hour: 16 }).toJSDate();
    const row = await db
      .insertInto('roster_handovers')
      .values({
        tenant_id: tenantId, team_id: null, shift_date: yesterday, shift_code: 'D', outgoing_leader_id: leaders[0]!.id, incoming_leader_id: leaders[1]!.id,
        open_tickets: JSON.stringify(lists.openTickets.slice(0, 20)), pending_complaints: JSON.stringify(lists.pendingComplaints.slice(0, 20)),
        business_changes: '5G 融合套餐今日 10:00 上线，资费口径见知识库公告。', system_problems: '14:05–14:20 工单系统响应慢，已报信息部，已恢复。',
        staff_changes: '张晓东 下周三与二班换班（待审批）。', notes: '3 位老年客户约定明早回电，请夜班留意。',
        status: 'signed', outgoing_signed_at: signedAt, incoming_signed_at: new Date(signedAt.getTime() + 10 * 60_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    result.handoverId = row.id;
  }
  return result;
}
