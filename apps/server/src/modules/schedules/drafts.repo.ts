// Reading schedule drafts back into the model's terms (day indexes, patterns, agents, leave).
import type { Kysely } from 'kysely';
import type { DraftDetail, RestRulesDto, ShiftPatternDto } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { notFound } from '../../lib/app-error.js';
import { toIso } from '../../lib/clock.js';
import { addDays, daysBetween } from './forecast/series.js';
import { coverageOf } from './model/coverage.js';
import type { DayAssignment, ShiftPattern } from './model/types.js';

export interface DraftAgent { userId: number; name: string; teamId: number | null; maxDaysPerWeek?: number; nights?: boolean }
export interface Figures { underCoverage: number; overCoverage: number; lowerBound: number; gap: number | null; unfilledShifts: number; solveSeconds: number; totalSeconds: number }

export interface DraftState {
  id: number;
  name: string;
  forecastId: number | null;
  start: string;
  horizonDays: number;
  status: 'draft' | 'published';
  version: number;
  publishedAt: string | null;
  requirement: number[];
  rules: RestRulesDto;
  patterns: ShiftPatternDto[];
  agents: DraftAgent[];
  leave: Array<{ userId: number; date: string }>;
  figures: Figures;
  assignments: Array<{ userId: number; date: string; shiftCode: string }>;
}

export const toModelPattern = (p: ShiftPatternDto): ShiftPattern => ({ code: p.code, start: p.start, lengthMinutes: p.lengthMinutes, paidBreakMinutes: p.paidBreakMinutes, night: p.night });

export async function loadDraft(db: Kysely<DB>, tenantId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<DraftState> {
  let q = db.selectFrom('schedule_drafts').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('record');
  const assignments = await db.selectFrom('schedule_assignments').select(['user_id', 'day', 'shift_code']).where('tenant_id', '=', tenantId).where('schedule_id', '=', id).orderBy('user_id').orderBy('day').execute();
  return {
    id: row.id, name: row.name, forecastId: row.forecast_id, start: row.start_date, horizonDays: row.horizon_days, status: row.status as DraftState['status'],
    version: row.version, publishedAt: toIso(row.published_at), requirement: row.requirement, rules: row.rules as RestRulesDto,
    patterns: row.patterns as ShiftPatternDto[], agents: row.agents as DraftAgent[], leave: row.leave as DraftState['leave'], figures: row.figures as Figures,
    assignments: assignments.map((a) => ({ userId: a.user_id, date: a.day, shiftCode: a.shift_code })),
  };
}

export function dayAssignments(d: Pick<DraftState, 'start' | 'assignments'>): DayAssignment[] {
  return d.assignments.map((a) => ({ agentId: a.userId, day: daysBetween(d.start, a.date), shiftCode: a.shiftCode }));
}

export function presentDraft(d: DraftState): DraftDetail {
  const patterns = new Map(d.patterns.map((p) => [p.code, toModelPattern(p)]));
  return Object.assign({}, d, { coverage: coverageOf(dayAssignments(d), patterns, d.horizonDays).map((c) => Math.round(c * 1000) / 1000) });
}

export function dateOf(start: string, day: number): string {
  return addDays(start, day);
}
