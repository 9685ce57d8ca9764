import { SATISFACTION_LEVELS, type CallbackMetrics } from '@kefu/shared';
import { EChart } from '../../ui/EChart';



const RESULT_COLORS = { done: '#12b76a', unreachable: '#f79009', refused: '#98a2b3', pending: '#2e90fa' } as const;
const LEVEL_COLORS = ['#039855', '#32d583', '#fdb022', '#f97066', '#d92d20'];

/** Stacked bars per agent: done / unreachable / refused / pending. */
export function AgentResultsChart({ rows, labels }: { rows: Array<{ name: string } & CallbackMetrics>; labels: Record<keyof typeof RESULT_COLORS, string> }) {
  const keys = Object.keys(RESULT_COLORS) as Array<keyof typeof RESULT_COLORS>;
  const option = {
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: rows.map((r) => r.name) },
    yAxis: { type: 'value', minInterval: 1 },
    series: keys.map((k) => ({ name: labels[k], type: 'bar', stack: 'items', barMaxWidth: 36, itemStyle: { color: RESULT_COLORS[k] }, data: rows.map((r) => r[k]) })),
  };
  return <EChart option={option} height={300} testId="callback-agent-chart" />;
}

/** The five satisfaction levels as a ring. */
export function SatisfactionChart({ counts, labels }: { counts: CallbackMetrics['satisfaction']; labels: Record<string, string> }) {
  const option = {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [{
      type: 'pie', radius: ['40%', '68%'], center: ['50%', '44%'],
      data: SATISFACTION_LEVELS.map((l, i) => ({ name: labels[l], value: counts[l], itemStyle: { color: LEVEL_COLORS[i] } })).filter((d) => d.value > 0),
      label: { formatter: '{b} {c}' },
    }],
  };
  return <EChart option={option} height={300} testId="callback-satisfaction-chart" />;
}
