import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { CALL_STATS_DEFAULTS, type CallMetrics, type CallStats, type CallStatsGroup } from '@kefu/shared';
import { MetricTitle } from './CallStatsKpis';
import { belowTarget, formatMetric, type MetricKey } from './callStatsFormat';

type Row = CallMetrics & { key: string; label: string };

const COLUMNS: MetricKey[] = ['offered', 'answered', 'abandoned', 'shortAbandoned', 'connectRate', 'serviceLevel', 'abandonRate', 'asa', 'aht', 'avgTalk', 'longestWait', 'occupancy', 'outbound'];

/** Nulls (nothing to divide) sort last whichever the direction. */
const byMetric = (key: MetricKey) => (a: Row, b: Row) => ((a[key] ?? -1) as number) - ((b[key] ?? -1) as number);

/** The groups of the query, sortable by any figure; the totals as the last row. */
export function CallStatsTable({ stats, loading, groupBy }: { stats: CallStats | undefined; loading: boolean; groupBy: CallStatsGroup | 'totals' }) {
  const { t } = useTranslation();
  const target = CALL_STATS_DEFAULTS.targetServiceLevel;
  const shownGroup = (stats?.groupBy ?? 'totals') as CallStatsGroup | 'totals';
  const rows: Row[] = stats ? (stats.groupBy ? stats.groups : [{ ...stats.totals, key: 'totals', label: t('callStats.total') }]) : [];
  const columns: ColumnsType<Row> = [
    {
      title: t(`callStats.groupColumn.${stats ? shownGroup : groupBy}`), dataIndex: 'label', fixed: 'left', width: 170,
      sorter: (a, b) => a.key.localeCompare(b.key, 'zh-CN'),
      render: (label: string, r) => (shownGroup === 'queue' && r.key === '' ? <Typography.Text type="secondary">{t('callStats.noQueue')}</Typography.Text> : label),
    },
    ...COLUMNS.map((k) => ({
      title: <MetricTitle metric={k} />,
      key: k,
      align: 'right' as const,
      width: k === 'offered' || k === 'answered' || k === 'abandoned' || k === 'outbound' ? 96 : k === 'asa' || k === 'aht' ? 132 : 112,
      sorter: byMetric(k),
      render: (_: unknown, r: Row) => (
        <span style={{ fontVariantNumeric: 'tabular-nums', color: k === 'serviceLevel' && belowTarget(r.serviceLevel, target) ? '#cf1322' : undefined }}>{formatMetric(k, r)}</span>
      ),
    })),
  ];
  return (
    <Table<Row>
      rowKey="key"
      size="small"
      data-testid="stats-table"
      loading={loading}
      columns={columns}
      dataSource={rows}
      scroll={{ x: 1400 }}
      locale={{ emptyText: t('callStats.empty') }}
      pagination={rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
      summary={() => (stats?.groupBy && rows.length > 0 ? (
        <Table.Summary fixed="bottom">
          <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }} data-testid="stats-total-row">
            <Table.Summary.Cell index={0}>{t('callStats.total')}</Table.Summary.Cell>
            {COLUMNS.map((k, i) => (
              <Table.Summary.Cell key={k} index={i + 1} align="right">
                <span style={{ fontVariantNumeric: 'tabular-nums', color: k === 'serviceLevel' && belowTarget(stats.totals.serviceLevel, target) ? '#cf1322' : undefined }}>{formatMetric(k, stats.totals)}</span>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        </Table.Summary>
      ) : null)}
    />
  );
}
