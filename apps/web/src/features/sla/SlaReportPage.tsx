import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, DatePicker, Flex, Segmented, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { SlaReportRow } from '@kefu/shared';
import { errorText, notifyError } from '../../app/notify';
import { PageHeader } from '../../ui/PageHeader';
import { downloadFile } from './downloadFile';
import { hoursMinutes } from './slaDisplay';
import { slaApi, slaKeys, type SlaReportParams } from './slaApi';
import { SlaReportChart } from './SlaReportChart';

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);

/** SLA 报表: targets met per agent or team over a period, with a chart and an Excel export. */
export function SlaReportPage() {
  const { t } = useTranslation();
  const lastMonth = dayjs().subtract(1, 'month');
  const [range, setRange] = useState<[Dayjs, Dayjs]>([lastMonth.startOf('month'), lastMonth.endOf('month')]);
  const [groupBy, setGroupBy] = useState<SlaReportParams['groupBy']>('agent');
  const params: SlaReportParams = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), groupBy };
  const report = useQuery({ queryKey: slaKeys.report(params), queryFn: () => slaApi.report(params), meta: { silent: true } });
  const exportXlsx = useMutation({
    meta: { handlesErrors: true },
    mutationFn: () => downloadFile(slaApi.reportXlsxUrl(params), `sla-${params.from}-${params.to}-${groupBy}.xlsx`),
    onError: (error) => notifyError(new Error(t('sla.report.exportFailed', { message: errorText(error) }))),
  });
  const nameOf = (row: SlaReportRow) => row.name ?? t('sla.report.unassigned');

  // Each column's cell from a row, so the totals line uses the same formatting.
  const cells: { key: string; title: string; cell: (r: SlaReportRow) => ReactNode }[] = [
    { key: 'orders', title: t('sla.report.orders'), cell: (r) => r.orders },
    { key: 'resolved', title: t('sla.report.resolved'), cell: (r) => r.resolved },
    { key: 'open', title: t('sla.report.open'), cell: (r) => r.open },
    { key: 'met', title: t('sla.report.met'), cell: (r) => r.met },
    { key: 'breached', title: t('sla.report.breached'), cell: (r) => r.breached },
    { key: 'metPct', title: t('sla.report.metPct'), cell: (r) => pct(r.metPct) },
    { key: 'firstReplyMet', title: t('sla.report.firstReplyMet'), cell: (r) => r.firstReplyMet },
    { key: 'firstReplyBreached', title: t('sla.report.firstReplyBreached'), cell: (r) => r.firstReplyBreached },
    { key: 'firstReplyMetPct', title: t('sla.report.firstReplyMetPct'), cell: (r) => pct(r.firstReplyMetPct) },
    { key: 'avgFirstReply', title: t('sla.report.avgFirstReply'), cell: (r) => hoursMinutes(r.avgFirstReplyMinutes) },
    { key: 'avgResolution', title: t('sla.report.avgResolution'), cell: (r) => hoursMinutes(r.avgResolutionMinutes) },
    { key: 'paused', title: t('sla.report.pausedMinutes'), cell: (r) => Math.round(r.pausedMinutes) },
  ];
  const columns: ColumnsType<SlaReportRow> = [
    { title: t('sla.report.name'), key: 'name', fixed: 'left', width: 140, render: (_, r) => nameOf(r) },
    ...cells.map((c) => ({ title: c.title, key: c.key, align: 'right' as const, render: (_: unknown, r: SlaReportRow) => c.cell(r) })),
  ];
  const data = report.data;

  return (
    <>
      <PageHeader
        title={t('sla.report.title')}
        subtitle={t('sla.report.subtitle')}
        extra={
          <Button icon={<DownloadOutlined />} loading={exportXlsx.isPending} onClick={() => exportXlsx.mutate()} data-testid="sla-report-export">
            {t('sla.report.export')}
          </Button>
        }
      />
      <Card>
        <Flex gap={12} wrap align="center" className="kefu-filter-bar">
          <span>{t('sla.report.range')}</span>
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            data-testid="sla-report-range"
          />
          <Segmented
            value={groupBy}
            onChange={(v) => setGroupBy(v as SlaReportParams['groupBy'])}
            options={(['agent', 'team'] as const).map((g) => ({ value: g, label: t(`sla.report.group.${g}`) }))}
          />
        </Flex>
        {report.error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(report.error)} data-testid="sla-report-error" />}
        {data && data.rows.length > 0 && (
          <Card size="small" style={{ marginBottom: 16 }}>
            <Typography.Text strong>{t('sla.report.chartTitle')}</Typography.Text>
            <SlaReportChart rows={data.rows.map((r) => ({ name: nameOf(r), metPct: r.metPct }))} />
          </Card>
        )}
        <Table<SlaReportRow>
          rowKey={(r) => `${r.key ?? 'none'}`}
          size="middle"
          loading={report.isLoading}
          dataSource={data?.rows}
          columns={columns}
          pagination={false}
          scroll={{ x: 1300 }}
          locale={{ emptyText: t('sla.report.empty') }}
          data-testid="sla-report-table"
          summary={() =>
            data && data.rows.length > 0 ? (
              <Table.Summary.Row style={{ fontWeight: 600 }}>
                <Table.Summary.Cell index={0}>{t('sla.report.total')}</Table.Summary.Cell>
                {cells.map((c, i) => (
                  <Table.Summary.Cell key={c.key} index={i + 1} align="right">
                    {c.cell(data.totals)}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </>
  );
}
