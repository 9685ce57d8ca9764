// Forecasts: history → back-test → forecasts of every method → the chosen one, hand-adjusted; stored together.
import type { Kysely } from 'kysely';
import type { ForecastAdjustmentDto, ForecastCreate, ForecastDetail, ScheduleForecastMethod } from '@kefu/shared';
import type { z } from 'zod';
import type { requirementBodySchema } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { notFound, ruleViolation, versionConflict } from '../../lib/app-error.js';
import { now, toIsoRequired } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';
import { applyAdjustments } from './forecast/adjust.js';
import { backtest, FORECAST_METHODS, forecastWith } from './forecast/backtest.js';
import { HW_MIN_DAYS, type HwParams } from './forecast/holt-winters.js';
import { addDays, daysBetween, INTERVALS_PER_DAY, weekdayOf, type Series } from './forecast/series.js';
import { simulateHistory } from './forecast/simulate.js';
import { hasCalls, loadHistory, localMidnight, localToday, tenantZone } from './history.repo.js';
import { assertCanSchedule } from './schedules.policy.js';
import { requirementOf } from './model/requirement.js';

type Ctx = { db: Kysely<DB>; actor: Actor };
type Row = {
  id: number; name: string; source: string; start_date: string; horizon_days: number; method: string; created_at: Date; version: number;
  history_start: string; history: number[]; backtest: unknown; forecasts: Record<string, number[]>; adjustments: unknown[]; adjusted: number[]; hw_params: HwParams;
};

function present(r: Row): ForecastDetail {
  return {
    id: r.id, name: r.name, source: r.source, start: r.start_date, horizonDays: r.horizon_days, method: r.method as ScheduleForecastMethod,
    createdAt: toIsoRequired(r.created_at), version: r.version, historyStart: r.history_start, history: r.history,
    backtest: r.backtest as ForecastDetail['backtest'], forecasts: r.forecasts, adjustments: r.adjustments as ForecastAdjustmentDto[], adjusted: r.adjusted,
  };
}

const round2 = (xs: number[]) => xs.map((x) => Math.round(x * 100) / 100);

export function nextMonday(today: string): string {
  return addDays(today, 7 - weekdayOf(today));
}

/** The pure part: back-test the history, forecast with every method from `start`, pick the method. */
export function buildForecast(history: Series, start: string, horizonDays: number, opts: { backtestWeeks: number; method: ForecastCreate['method'] }) {
  const historyEnd = addDays(history.start, history.values.length / INTERVALS_PER_DAY);
  const lead = daysBetween(historyEnd, start);
  const bt = backtest(history, opts.backtestWeeks);
  const forecasts: Record<string, number[]> = {};
  for (const method of FORECAST_METHODS) {
    forecasts[method] = round2(forecastWith(method, history, lead + horizonDays, { hwParams: bt.hwParams }).slice(lead * INTERVALS_PER_DAY));
  }
  const method = opts.method === 'auto' ? bt.best : opts.method;
  return { backtest: bt, forecasts, method, hwParams: bt.hwParams };
}

async function historyFor(db: Kysely<DB>, tenantId: number, input: ForecastCreate, zone: string, today: string) {
  const from = addDays(today, -7 * input.historyWeeks);
  if (input.source === 'simulated') return { source: 'simulated' as const, series: simulateHistory({ start: from, weeks: input.historyWeeks, dailyVolume: 2000, seed: tenantId }) };
  let source: 'calls' | 'work_orders' = input.source === 'work_orders' ? 'work_orders' : 'calls';
  if (input.source === 'auto' && !(await hasCalls(db, tenantId, localMidnight(from, zone), localMidnight(today, zone)))) source = 'work_orders';
  return { source, series: await loadHistory(db, { tenantId, zone, from, to: today, source, queue: input.queue }) };
}

export async function createForecast({ db, actor, input }: Ctx & { input: ForecastCreate }): Promise<ForecastDetail> {
  assertCanSchedule(actor);
  const zone = await tenantZone(db, actor.tenantId);
  const today = localToday(zone, now());
  const start = input.start && input.start >= today ? input.start : nextMonday(today);
  const { source, series } = await historyFor(db, actor.tenantId, input, zone, today);
  const firstActive = series.values.findIndex((v) => v > 0);
  if (firstActive < 0 || series.values.length / INTERVALS_PER_DAY - Math.floor(firstActive / INTERVALS_PER_DAY) < HW_MIN_DAYS) throw ruleViolation('schedule_no_history', { days: HW_MIN_DAYS });
  const horizonDays = input.horizonWeeks * 7;
  const built = buildForecast(series, start, horizonDays, input);
  const name = input.name || `${start} 起 ${input.horizonWeeks} 周预测`;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('schedule_forecasts')
      .values({
        tenant_id: actor.tenantId, name, source, queue: input.queue ?? null, start_date: start, horizon_days: horizonDays,
        history_start: series.start, history: JSON.stringify(series.values), method: built.method, hw_params: JSON.stringify(built.hwParams),
        backtest: JSON.stringify({ folds: built.backtest.folds, scores: built.backtest.scores, best: built.backtest.best }),
        forecasts: JSON.stringify(built.forecasts), adjusted: JSON.stringify(built.forecasts[built.method]), created_by: actor.userId || null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'schedule.forecast_created', entity: 'schedule_forecast', entityId: row.id, detail: { source, start, horizonDays, method: built.method } });
    return present(row as unknown as Row);
  });
}

export async function listForecasts({ db, actor }: Ctx) {
  assertCanSchedule(actor);
  const rows = await db.selectFrom('schedule_forecasts').select(['id', 'name', 'source', 'start_date', 'horizon_days', 'method', 'created_at', 'version']).where('tenant_id', '=', actor.tenantId).orderBy('id', 'desc').limit(100).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, source: r.source, start: r.start_date, horizonDays: r.horizon_days, method: r.method as ScheduleForecastMethod, createdAt: toIsoRequired(r.created_at), version: r.version }));
}

export async function loadForecast(db: Kysely<DB>, tenantId: number, id: number): Promise<ForecastDetail> {
  const row = await db.selectFrom('schedule_forecasts').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('record');
  return present(row as unknown as Row);
}

export async function getForecast({ db, actor, id }: Ctx & { id: number }): Promise<ForecastDetail> {
  assertCanSchedule(actor);
  return loadForecast(db, actor.tenantId, id);
}

export async function adjustForecast({ db, actor, id, version, adjustments }: Ctx & { id: number; version: number; adjustments: ForecastAdjustmentDto[] }): Promise<ForecastDetail> {
  assertCanSchedule(actor);
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('schedule_forecasts').select(['start_date', 'horizon_days', 'method', 'forecasts', 'version']).where('tenant_id', '=', actor.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('record');
    if (row.version !== version) throw versionConflict();
    const end = addDays(row.start_date, row.horizon_days);
    const outside = adjustments.find((a) => a.date < row.start_date || a.date >= end);
    if (outside) throw ruleViolation('schedule_adjustment_outside', { date: outside.date });
    const adjusted = round2(applyAdjustments(row.start_date, row.forecasts[row.method]!, adjustments));
    await trx.updateTable('schedule_forecasts').set({ adjustments: JSON.stringify(adjustments), adjusted: JSON.stringify(adjusted), updated_at: now(), version: row.version + 1 }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'schedule.forecast_adjusted', entity: 'schedule_forecast', entityId: id, detail: { adjustments: adjustments.length } });
    return loadForecast(trx, actor.tenantId, id);
  });
}

/** A back-test without storing anything (the forecast page's "test the methods" button). */
export async function runBacktest({ db, actor, input }: Ctx & { input: ForecastCreate }) {
  assertCanSchedule(actor);
  const zone = await tenantZone(db, actor.tenantId);
  const { source, series } = await historyFor(db, actor.tenantId, input, zone, localToday(zone, now()));
  const bt = backtest(series, input.backtestWeeks);
  return { source, folds: bt.folds, scores: bt.scores, best: bt.best };
}

export async function computeRequirement({ db, actor, input }: Ctx & { input: z.infer<typeof requirementBodySchema> }) {
  assertCanSchedule(actor);
  const f = await loadForecast(db, actor.tenantId, input.forecastId);
  return { start: f.start, contacts: f.adjusted, agents: requirementOf(f.adjusted, input) };
}
