// Manual edits of a draft (assign / unassign / move a shift), checked against the rest rules, and publication.
import type { Kysely } from 'kysely';
import type { DraftDetail, DraftEdit } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { ruleViolation, versionConflict } from '../../lib/app-error.js';
import { now } from '../../lib/clock.js';
import type { LiveBus } from '../../lib/live/live-bus.js';
import { writeAudit } from '../audit/audit.service.js';
import { upsertRosterShifts } from '../rosters/roster-shifts.service.js';
import { addDays, daysBetween } from './forecast/series.js';
import { coverageOf, overCoverage, underCoverage } from './model/coverage.js';
import { relativeGap } from './model/generate.js';
import { checkAgent } from './model/rest-rules.js';
import { dayAssignments, loadDraft, presentDraft, toModelPattern, type DraftState } from './drafts.repo.js';
import { assertCanSchedule } from './schedules.policy.js';
import { localMidnight, tenantZone } from './history.repo.js';

type Ctx = { db: Kysely<DB>; actor: Actor };
type Cell = { userId: number; date: string; shiftCode: string | null };

/** The cells an edit writes (shiftCode null = day off). */
export function editCells(edit: DraftEdit, current: DraftState['assignments']): Cell[] {
  if (edit.action === 'assign') return [{ userId: edit.userId, date: edit.date, shiftCode: edit.shiftCode }];
  if (edit.action === 'unassign') return [{ userId: edit.userId, date: edit.date, shiftCode: null }];
  const moving = current.find((a) => a.userId === edit.userId && a.date === edit.date);
  if (!moving) throw ruleViolation('schedule_nothing_to_move', { date: edit.date });
  return [{ userId: edit.userId, date: edit.date, shiftCode: null }, { userId: edit.toUserId, date: edit.toDate, shiftCode: moving.shiftCode }];
}

/** Throws the first rest-rule violation the edited schedule has for the agents touched. */
export function assertEditAllowed(draft: DraftState, next: DraftState['assignments'], users: number[]): void {
  const patterns = new Map(draft.patterns.map((p) => [p.code, toModelPattern(p)]));
  for (const userId of users) {
    const agent = draft.agents.find((a) => a.userId === userId);
    if (!agent) throw ruleViolation('schedule_not_in_draft');
    const leaveDays = new Set(draft.leave.filter((l) => l.userId === userId).map((l) => daysBetween(draft.start, l.date)));
    const shifts = next.filter((a) => a.userId === userId).map((a) => ({ day: daysBetween(draft.start, a.date), shiftCode: a.shiftCode }));
    const [first] = checkAgent({ agentId: userId, shifts, patterns, rules: draft.rules, leaveDays, maxDaysPerWeek: agent.maxDaysPerWeek, nights: agent.nights, horizonDays: draft.horizonDays });
    if (first) throw ruleViolation(first.rule, Object.assign({}, first.params, { date: addDays(draft.start, first.day) }));
  }
}

export async function editDraft({ db, actor, id, edit }: Ctx & { id: number; edit: DraftEdit }): Promise<DraftDetail> {
  assertCanSchedule(actor);
  return db.transaction().execute(async (trx) => {
    const draft = await loadDraft(trx, actor.tenantId, id, { forUpdate: true });
    if (draft.version !== edit.version) throw versionConflict();
    if (draft.status !== 'draft') throw ruleViolation('schedule_published');
    const cells = editCells(edit, draft.assignments);
    const end = addDays(draft.start, draft.horizonDays);
    for (const c of cells) {
      if (c.date < draft.start || c.date >= end) throw ruleViolation('schedule_date_outside', { date: c.date });
      if (c.shiftCode && !draft.patterns.some((p) => p.code === c.shiftCode)) throw ruleViolation('schedule_unknown_shift', { shift: c.shiftCode });
    }
    const touched = (a: { userId: number; date: string }) => cells.some((c) => c.userId === a.userId && c.date === a.date);
    const next = [...draft.assignments.filter((a) => !touched(a)), ...cells.filter((c) => c.shiftCode).map((c) => ({ userId: c.userId, date: c.date, shiftCode: c.shiftCode! }))];
    assertEditAllowed(draft, next, [...new Set(cells.filter((c) => c.shiftCode).map((c) => c.userId))]);
    for (const c of cells) {
      await trx.deleteFrom('schedule_assignments').where('tenant_id', '=', actor.tenantId).where('schedule_id', '=', id).where('user_id', '=', c.userId).where('day', '=', c.date).execute();
      if (c.shiftCode) await trx.insertInto('schedule_assignments').values({ tenant_id: actor.tenantId, schedule_id: id, user_id: c.userId, day: c.date, shift_code: c.shiftCode }).execute();
    }
    const patterns = new Map(draft.patterns.map((p) => [p.code, toModelPattern(p)]));
    const coverage = coverageOf(dayAssignments({ start: draft.start, assignments: next }), patterns, draft.horizonDays);
    const under = underCoverage(draft.requirement, coverage);
    const gap = relativeGap(under, draft.figures.lowerBound);
    const figures = Object.assign({}, draft.figures, { underCoverage: under, overCoverage: overCoverage(draft.requirement, coverage), gap: Number.isFinite(gap) ? gap : null });
    await trx.updateTable('schedule_drafts').set({ figures: JSON.stringify(figures), updated_at: now(), version: draft.version + 1 }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: `schedule.${edit.action}`, entity: 'schedule', entityId: id, detail: { cells } });
    return presentDraft(await loadDraft(trx, actor.tenantId, id));
  });
}

/**
 * Publishes a draft: status, audit row and the agents' roster shifts (rosters module, replacing their plain shifts
 * of the period) in one transaction, then a live notice to each agent concerned.
 */
export async function publishDraft({ db, actor, id, version, live }: Ctx & { id: number; version: number; live: LiveBus }): Promise<DraftDetail> {
  assertCanSchedule(actor);
  // Status, audit row and roster shifts commit together: a failing roster write leaves the draft a draft.
  const zone = await tenantZone(db, actor.tenantId);
  const draft = await db.transaction().execute(async (trx) => {
    const d = await loadDraft(trx, actor.tenantId, id, { forUpdate: true });
    if (d.version !== version) throw versionConflict();
    if (d.status !== 'draft') throw ruleViolation('schedule_published');
    await trx.updateTable('schedule_drafts').set({ status: 'published', published_at: now(), published_by: actor.userId || null, updated_at: now(), version: d.version + 1 }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    const userIds = [...new Set(d.assignments.map((a) => a.userId))];
    await writeAudit(trx, actor, { action: 'schedule.published', entity: 'schedule', entityId: id, detail: { start: d.start, days: d.horizonDays, agents: userIds.length, assignments: d.assignments.length } });
    const patterns = new Map(d.patterns.map((p) => [p.code, p]));
    const shifts = d.assignments.map((a) => {
      const p = patterns.get(a.shiftCode)!;
      const [h, m] = p.start.split(':').map(Number);
      const startsAt = new Date(localMidnight(a.date, zone).getTime() + (h! * 60 + m!) * 60_000);
      return { userId: a.userId, date: a.date, shiftCode: a.shiftCode, startsAt, endsAt: new Date(startsAt.getTime() + p.lengthMinutes * 60_000), isNight: p.night };
    });
    await upsertRosterShifts({ db: trx, tenantId: actor.tenantId, shifts, replace: { from: d.start, to: addDays(d.start, d.horizonDays - 1) } });
    return d;
  });
  const userIds = [...new Set(draft.assignments.map((a) => a.userId))];
  if (userIds.length) {
    await live.publish({ tenantId: actor.tenantId, topic: 'schedules.published', userIds, payload: { scheduleId: id, name: draft.name, start: draft.start, days: draft.horizonDays } }).catch(() => undefined);
  }
  return presentDraft(await loadDraft(db, actor.tenantId, id));
}
