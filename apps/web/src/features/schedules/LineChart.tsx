import { useMemo } from 'react';
import { EChart } from '../../ui/EChart';

export interface LineSeries {
  name: string;
  data: Array<number | null>;
  dashed?: boolean;
  step?: boolean;
  area?: boolean;
}

/** A line chart over one category axis (echarts core, as the SLA report does). */
export function LineChart({ axis, series, height = 360, testId }: { axis: string[]; series: LineSeries[]; height?: number; testId?: string }) {
  const option = useMemo(() => ({
    grid: { left: 8, right: 16, top: 40, bottom: 56, containLabel: true },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
    xAxis: { type: 'category', data: axis, boundaryGap: false },
    yAxis: { type: 'value' },
    series: series.map((s) => ({
      name: s.name,
      type: 'line',
      data: s.data,
      showSymbol: false,
      step: s.step ? 'end' : undefined,
      lineStyle: { width: 1.5, type: s.dashed ? 'dashed' : 'solid' },
      areaStyle: s.area ? { opacity: 0.15 } : undefined,
    })),
  }), [axis, series]);
  return <EChart option={option} height={height} testId={testId} />;
}
