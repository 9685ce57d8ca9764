import { EChart } from '../../ui/EChart';

/** Horizontal bars of the met share per row, coloured by how good it is. */
export function SlaReportChart({ rows }: { rows: { name: string; metPct: number | null }[] }) {
  const data = [...rows].reverse();
  const colour = (pct: number | null) => (pct === null ? '#d0d5dd' : pct >= 90 ? '#12b76a' : pct >= 75 ? '#f79009' : '#f04438');
  const option = {
    grid: { left: 8, right: 56, top: 12, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${v}%`) },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: data.map((r) => r.name) },
    series: [
      {
        type: 'bar',
        barMaxWidth: 22,
        data: data.map((r) => ({ value: r.metPct, itemStyle: { color: colour(r.metPct) } })),
        label: { show: true, position: 'right', formatter: (p: { value: number | null }) => (p.value === null ? '—' : `${p.value.toFixed(1)}%`) },
      },
    ],
  };
  return <EChart option={option} height={Math.max(160, 36 * rows.length + 60)} testId="sla-report-chart" />;
}
