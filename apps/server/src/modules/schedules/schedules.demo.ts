// Demo data of the schedules domain: the default shift patterns and a 4-week forecast from 12 simulated weeks.
// Opens no transaction of its own, so it runs inside the demo seed's transaction.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { buildForecast, nextMonday } from './forecast.service.js';
import { addDays } from './forecast/series.js';
import { simulateHistory } from './forecast/simulate.js';
import { localToday, tenantZone } from './history.repo.js';
import { DEFAULT_SHIFT_PATTERNS } from './model/presets.js';

const NAMES: Record<string, string> = { A: '早班', B: '早二班', C: '中班', D: '中二班', E: '晚班', N: '夜班' };

export async function seedSchedulesDemo(db: Kysely<DB>, { tenantId, now = new Date() }: { tenantId: number; now?: Date }): Promise<{ forecastId: number }> {
  await db
    .insertInto('schedule_shift_patterns')
    .values(DEFAULT_SHIFT_PATTERNS.map((p) => ({ tenant_id: tenantId, code: p.code, name: NAMES[p.code] ?? '', start_time: p.start, length_minutes: p.lengthMinutes, paid_break_minutes: p.paidBreakMinutes, night: p.night })))
    .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
    .execute();
  const today = localToday(await tenantZone(db, tenantId), now);
  const history = simulateHistory({ start: addDays(today, -84), weeks: 12, dailyVolume: 1200, seed: 20261122 });
  const start = nextMonday(today);
  const built = buildForecast(history, start, 28, { backtestWeeks: 4, method: 'auto' });
  const row = await db
    .insertInto('schedule_forecasts')
    .values({
      tenant_id: tenantId, name: `${start} 起 4 周话务预测（模拟历史）`, source: 'simulated', queue: null, start_date: start, horizon_days: 28,
      history_start: history.start, history: JSON.stringify(history.values), method: built.method, hw_params: JSON.stringify(built.hwParams),
      backtest: JSON.stringify({ folds: built.backtest.folds, scores: built.backtest.scores, best: built.backtest.best }),
      forecasts: JSON.stringify(built.forecasts), adjusted: JSON.stringify(built.forecasts[built.method]), created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { forecastId: row.id };
}
