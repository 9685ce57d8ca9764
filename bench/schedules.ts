/**
 * Schedule generation and forecast accuracy (issue 5, items 1 and 3).
 *   npx tsx bench/schedules.ts [--sizes 50,150,300] [--days 28] [--load 1]
 * Generation: 6 shift patterns (model/presets.ts), 48 half-hour intervals a day, the requirement from a forecast
 * of 12 simulated weeks through Erlang C (90 % in 15 s, AHT 240 s, 30 % shrinkage), scaled so it equals `load`
 * times what the agents can work (a tight center: some under-coverage is unavoidable). Under-coverage is in
 * agent-intervals (one agent short for 30 minutes); the bound is the aggregate MIP's proven lower bound (never
 * below its LP relaxation), which no agent-level schedule can beat; gap = (under − bound) / bound.
 * Forecast: 12 simulated weeks ending 2026-11-22 (National Day inside), rolling-origin back-test over the last
 * 4 weeks, WAPE per method.
 */
import { parseArgs } from 'node:util';
import { backtest } from '../apps/server/src/modules/schedules/forecast/backtest.js';
import { simulateHistory } from '../apps/server/src/modules/schedules/forecast/simulate.js';
import { generateSchedule } from '../apps/server/src/modules/schedules/model/generate.js';
import { benchInstance } from '../apps/server/src/modules/schedules/model/presets.js';
import { DEFAULT_REST_RULES } from '../apps/server/src/modules/schedules/model/types.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '50,150,300' }, days: { type: 'string', default: '28' }, load: { type: 'string', default: '1' } } });
const sizes = values.sizes.split(',').map(Number);
const days = Number(values.days);
const load = Number(values.load);

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(2)} %` : '∞');
const num = (x: number) => x.toFixed(1);

console.log(`| agents | days | requirement (agent-intervals) | time | under-coverage | bound | gap | unfilled shifts | rule violations |`);
console.log(`|---|---|---|---|---|---|---|---|---|`);
for (const agents of sizes) {
  const instance = benchInstance({ agents, days, load });
  const started = performance.now();
  const r = await generateSchedule({ ...instance, rules: DEFAULT_REST_RULES, timeLimit: 40 });
  const seconds = (performance.now() - started) / 1000;
  const total = instance.requirement.reduce((s, v) => s + v, 0);
  console.log(`| ${agents} | ${days} | ${total} | ${seconds.toFixed(1)} s | ${num(r.underCoverage)} | ${num(r.lowerBound)} | ${pct(r.gap)} | ${r.unfilled.reduce((s, u) => s + u.count, 0)} | ${r.violations.length} |`);
}

const history = simulateHistory({ start: '2026-08-31', weeks: 12, dailyVolume: 3000, seed: 11, noise: 0.08 });
const started = performance.now();
const bt = backtest(history, 4);
const btSeconds = (performance.now() - started) / 1000;
console.log('');
console.log(`Forecast back-test: 12 simulated weeks (2026-08-31 … 2026-11-22), ${bt.folds} weekly folds, ${btSeconds.toFixed(2)} s (Holt–Winters grid of 125 parameter sets included)`);
console.log(`| method | WAPE | MAPE |`);
console.log(`|---|---|---|`);
for (const s of bt.scores) {
  const params = s.params ? ` (α ${s.params.alpha}, δ ${s.params.delta}, ω ${s.params.omega})` : '';
  console.log(`| ${s.method}${params}${s.method === bt.best ? ' **chosen**' : ''} | ${pct(s.wape)} | ${pct(s.mape)} |`);
}
