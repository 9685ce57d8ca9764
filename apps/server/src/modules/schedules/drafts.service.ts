// Schedule drafts: generation from a forecast's requirement, listing, reading, and an agent's own shifts.
import type { Kysely } from 'kysely';
import type { DraftCreate, DraftDetail, ShiftPatternDto } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { ruleViolation } from '../../lib/app-error.js';
import { toIso } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';
import { loadForecast } from './forecast.service.js';
import { addDays, daysBetween } from './forecast/series.js';
import { generateScheduleInWorker } from './model/generate-in-worker.js';
import { DEFAULT_SHIFT_PATTERNS } from './model/presets.js';
import { requirementOf } from './model/requirement.js';
import { loadDraft, presentDraft, toModelPattern, type DraftAgent, type Figures } from './drafts.repo.js';
import { assertCanReadOwnSchedule, assertCanSchedule } from './schedules.policy.js';
import { listShiftPatterns } from './shift-patterns.service.js';

type Ctx = { db: Kysely<DB>; actor: Actor };

async function draftAgents(db: Kysely<DB>, tenantId: number, input: DraftCreate): Promise<DraftAgent[]> {
  let q = db
    .selectFrom('users as u')
    .leftJoin('schedule_agent_profiles as p', (j) => j.onRef('p.tenant_id', '=', 'u.tenant_id').onRef('p.user_id', '=', 'u.id'))
    .select(['u.id', 'u.display_name', 'u.team_id', 'p.skills', 'p.max_days_per_week', 'p.nights'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.active', '=', true);
  if (input.agents) q = q.where('u.id', 'in', input.agents.length ? input.agents.map((a) => a.userId) : [0]);
  else {
    q = q.where('u.team_id', 'is not', null);
    if (input.teamIds?.length) q = q.where('u.team_id', 'in', input.teamIds);
  }
  const overrides = new Map((input.agents ?? []).map((a) => [a.userId, a]));
  const rows = await q.orderBy('u.team_id').orderBy('u.id').execute();
  return rows
    .filter((r) => !input.skill || (r.skills ?? []).includes(input.skill))
    .map((r) => {
      const o = overrides.get(r.id);
      const maxDays = o?.maxDaysPerWeek ?? r.max_days_per_week ?? undefined;
      const nights = o?.nights ?? r.nights ?? undefined;
      return Object.assign({ userId: r.id, name: r.display_name, teamId: r.team_id }, maxDays !== undefined ? { maxDaysPerWeek: maxDays } : {}, nights !== undefined && nights !== null ? { nights } : {});
    });
}

export async function createDraft({ db, actor, input }: Ctx & { input: DraftCreate }): Promise<DraftDetail> {
  assertCanSchedule(actor);
  const forecast = await loadForecast(db, actor.tenantId, input.forecastId);
  const agents = await draftAgents(db, actor.tenantId, input);
  if (agents.length === 0) throw ruleViolation('schedule_no_agents');
  const tenantPatterns = await listShiftPatterns({ db, actor });
  const patterns: ShiftPatternDto[] = tenantPatterns.length ? tenantPatterns : DEFAULT_SHIFT_PATTERNS.map((p) => Object.assign({}, p, { name: '' }));
  const requirement = requirementOf(forecast.adjusted, input.requirement);
  const horizonDays = forecast.horizonDays;
  const known = new Set(agents.map((a) => a.userId));
  const leaveList = input.leave.filter((l) => known.has(l.userId) && l.date >= forecast.start && l.date < addDays(forecast.start, horizonDays));
  const leave = new Map<number, Set<number>>();
  for (const l of leaveList) leave.set(l.userId, (leave.get(l.userId) ?? new Set()).add(daysBetween(forecast.start, l.date)));
  // HiGHS solves synchronously for seconds: off the main thread, so the server keeps answering meanwhile.
  const result = await generateScheduleInWorker({
    requirement, horizonDays, patterns: patterns.map(toModelPattern), rules: input.rules, leave, timeLimit: input.timeLimitSeconds,
    agents: agents.map((a) => ({ id: a.userId, teamId: a.teamId, maxDaysPerWeek: a.maxDaysPerWeek, nights: a.nights })),
  });
  const figures: Figures = {
    underCoverage: result.underCoverage, overCoverage: result.overCoverage, lowerBound: result.lowerBound,
    gap: Number.isFinite(result.gap) ? result.gap : null, unfilledShifts: result.unfilled.reduce((s, u) => s + u.count, 0),
    solveSeconds: result.seconds.solve, totalSeconds: result.seconds.total,
  };
  const name = input.name || `${forecast.start} 起 ${horizonDays / 7} 周排班`;
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('schedule_drafts')
      .values({
        tenant_id: actor.tenantId, name, forecast_id: forecast.id, start_date: forecast.start, horizon_days: horizonDays,
        requirement: JSON.stringify(requirement), requirement_params: JSON.stringify(input.requirement), rules: JSON.stringify(input.rules),
        patterns: JSON.stringify(patterns), agents: JSON.stringify(agents), leave: JSON.stringify(leaveList), figures: JSON.stringify(figures), created_by: actor.userId || null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const values = result.assignments.map((a) => ({ tenant_id: actor.tenantId, schedule_id: row.id, user_id: a.agentId, day: addDays(forecast.start, a.day), shift_code: a.shiftCode }));
    for (let i = 0; i < values.length; i += 1000) await trx.insertInto('schedule_assignments').values(values.slice(i, i + 1000)).execute();
    await writeAudit(trx, actor, { action: 'schedule.generated', entity: 'schedule', entityId: row.id, detail: { agents: agents.length, assignments: values.length, underCoverage: figures.underCoverage, lowerBound: figures.lowerBound } });
    return row.id;
  });
  return presentDraft(await loadDraft(db, actor.tenantId, id));
}

export async function listDrafts({ db, actor }: Ctx) {
  assertCanSchedule(actor);
  const rows = await db.selectFrom('schedule_drafts').select(['id', 'name', 'forecast_id', 'start_date', 'horizon_days', 'status', 'figures', 'published_at', 'version']).where('tenant_id', '=', actor.tenantId).orderBy('id', 'desc').limit(100).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, forecastId: r.forecast_id, start: r.start_date, horizonDays: r.horizon_days, status: r.status as 'draft' | 'published', figures: r.figures as Figures, publishedAt: toIso(r.published_at), version: r.version }));
}

export async function getDraft({ db, actor, id }: Ctx & { id: number }): Promise<DraftDetail> {
  assertCanSchedule(actor);
  return presentDraft(await loadDraft(db, actor.tenantId, id));
}

/** The signed-in agent's shifts of published schedules. */
export async function mySchedule({ db, actor, from, to }: Ctx & { from?: string; to?: string }) {
  assertCanReadOwnSchedule(actor);
  let q = db
    .selectFrom('schedule_assignments as a')
    .innerJoin('schedule_drafts as d', (j) => j.onRef('d.tenant_id', '=', 'a.tenant_id').onRef('d.id', '=', 'a.schedule_id'))
    .select(['a.day', 'a.shift_code', 'd.id', 'd.name', 'd.patterns'])
    .where('a.tenant_id', '=', actor.tenantId)
    .where('a.user_id', '=', actor.userId)
    .where('d.status', '=', 'published');
  if (from) q = q.where('a.day', '>=', from);
  if (to) q = q.where('a.day', '<=', to);
  const rows = await q.orderBy('a.day').orderBy('d.id', 'desc').limit(500).execute();
  const seen = new Set<string>();
  const items = [];
  for (const r of rows) {
    // A day in two published schedules: the newer schedule wins.
    if (seen.has(r.day)) continue;
    seen.add(r.day);
    const p = (r.patterns as ShiftPatternDto[]).find((x) => x.code === r.shift_code);
    items.push({ date: r.day, shiftCode: r.shift_code, start: p?.start ?? '', lengthMinutes: p?.lengthMinutes ?? 0, night: p?.night ?? false, scheduleId: r.id, scheduleName: r.name });
  }
  return { items };
}
