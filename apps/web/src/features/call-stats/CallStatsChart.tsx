import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_STATS_DEFAULTS, type CallStats } from '@kefu/shared';
import { EChart } from '../../ui/EChart';

/** Interval keys of a single day read better as times alone ("09:15"). */
export function axisLabels(keys: string[]): string[] {
  const days = new Set(keys.map((k) => k.slice(0, 10)));
  return days.size === 1 && keys.every((k) => k.length > 10) ? keys.map((k) => k.slice(11)) : keys;
}

/** Offered and answered as bars, service level as a line on a second axis with the target marked. */
export function CallStatsChart({ stats }: { stats: CallStats }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const target = CALL_STATS_DEFAULTS.targetServiceLevel * 100;
    const serviceLevel = t('callStats.metrics.serviceLevel');
    return {
      color: ['#93c5fd', '#0891b2', '#f59e0b'],
      grid: { left: 8, right: 8, top: 40, bottom: stats.groups.length > 24 ? 56 : 16, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: undefined },
      legend: { top: 0 },
      dataZoom: stats.groups.length > 24 ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }] : [],
      xAxis: { type: 'category', data: axisLabels(stats.groups.map((g) => g.key)) },
      yAxis: [
        { type: 'value', name: t('callStats.metrics.offered'), minInterval: 1 },
        { type: 'value', name: serviceLevel, min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        { name: t('callStats.metrics.offered'), type: 'bar', data: stats.groups.map((g) => g.offered), barGap: '-100%', barMaxWidth: 28 },
        { name: t('callStats.metrics.answered'), type: 'bar', data: stats.groups.map((g) => g.answered), barMaxWidth: 28 },
        {
          name: serviceLevel, type: 'line', yAxisIndex: 1, connectNulls: false, symbolSize: 6,
          data: stats.groups.map((g) => (g.serviceLevel === null ? null : Math.round(g.serviceLevel * 1000) / 10)),
          tooltip: { valueFormatter: (v: number | null) => (v == null ? '—' : `${v}%`) },
          markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#ef4444' }, label: { formatter: `${target}%` }, data: [{ yAxis: target }] },
        },
      ],
    };
  }, [stats, t]);
  return <EChart option={option} height={320} testId="stats-chart" />;
}
