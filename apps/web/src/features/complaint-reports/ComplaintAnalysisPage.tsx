import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Flex, Row, Space, Statistic, Table, Tag } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { Channel, ComplaintAnalysis, ComplaintCategory, ComplaintGrade, ComplaintReportBucket } from '@kefu/shared';
import { useMe } from '../../app/auth/AuthContext';
import { EChart, type EChartOption } from '../../ui/EChart';
import { ErrorResult } from '../../ui/ErrorResult';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { downloadFile } from '../sla/downloadFile';
import { complaintReportsApi } from './complaintReportsApi';

function barOption(items: ComplaintReportBucket[], label: (b: ComplaintReportBucket) => string): EChartOption {
  return {
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: items.map(label) },
    series: [{ type: 'bar', data: items.map((b) => b.count), barMaxWidth: 22, label: { show: true, position: 'right' } }],
  };
}

export function ComplaintAnalysisPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  // ?month=YYYY-MM opens that month (links from elsewhere); the default is the month the analysis is due for.
  const [month, setMonth] = useState<Dayjs>(() => {
    const asked = params.get('month') ?? '';
    return /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) ? dayjs(`${asked}-01`) : dayjs().subtract(1, 'month').startOf('month');
  });
  const key = month.format('YYYY-MM');
  const list = useQuery({ queryKey: ['complaint-reports'], queryFn: complaintReportsApi.list });
  const report = useQuery({ queryKey: ['complaint-reports', key], queryFn: () => complaintReportsApi.get(key) });
  const regenerate = useMutation({
    mutationFn: () => complaintReportsApi.regenerate(key),
    onSuccess: (data) => {
      queryClient.setQueryData(['complaint-reports', key], data);
      void queryClient.invalidateQueries({ queryKey: ['complaint-reports'], exact: true });
      message.success(t('complaintReports.regenerated'));
    },
    onError: (e: Error) => message.error(e.message),
  });
  const exporting = useMutation({ mutationFn: () => downloadFile(complaintReportsApi.xlsxUrl(key), `complaints-${key}.xlsx`), onError: (e: Error) => message.error(e.message) });
  const stored = list.data?.items.find((i) => i.month === key);
  const running = key >= dayjs().format('YYYY-MM');
  const a = report.data;

  const names = useMemo(() => ({
    grade: (b: ComplaintReportBucket) => (b.key ? t(`complaints.grade.${b.key as ComplaintGrade}`) : t('complaintReports.none')),
    category: (b: ComplaintReportBucket) => (b.key ? t(`complaints.category.${b.key as ComplaintCategory}`) : t('complaintReports.none')),
    channel: (b: ComplaintReportBucket) => (b.key ? t(`channel.${b.key as Channel}`) : t('complaintReports.none')),
    named: (b: ComplaintReportBucket) => b.name ?? t('complaintReports.none'),
  }), [t]);

  return (
    <>
      <PageHeader
        title={t('complaintReports.title')}
        subtitle={t('complaintReports.subtitle')}
        extra={
          <Space wrap>
            <DatePicker picker="month" value={month} allowClear={false} onChange={(v) => v && setMonth(v)} aria-label={t('complaintReports.month')} disabledDate={(d) => d.isAfter(dayjs(), 'month')} />
            {me.permissions.includes('reports.read') && !running && (
              <Button icon={<ReloadOutlined />} loading={regenerate.isPending} onClick={() => regenerate.mutate()}>{t('complaintReports.regenerate')}</Button>
            )}
            <Button type="primary" icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()}>{t('complaintReports.export')}</Button>
          </Space>
        }
      />
      {report.isError ? <ErrorResult error={report.error} onRetry={() => void report.refetch()} /> : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Alert type={stored ? 'success' : 'info'} showIcon
            message={stored ? t('complaintReports.stored', { time: formatDateTime(stored.generatedAt), due: stored.dueBy }) : running ? t('complaintReports.live') : t('complaintReports.notStored')} />
          {a && <AnalysisBody a={a} names={names} />}
        </Space>
      )}
    </>
  );
}

function AnalysisBody({ a, names }: { a: ComplaintAnalysis; names: Record<'grade' | 'category' | 'channel' | 'named', (b: ComplaintReportBucket) => string> }) {
  const { t } = useTranslation();
  const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
  const below = a.satisfaction.justifiedRate !== null && a.satisfaction.justifiedRate < a.satisfaction.target;
  const charts: Array<[string, ComplaintReportBucket[], (b: ComplaintReportBucket) => string]> = [
    [t('complaintReports.by.category'), a.byCategory, names.category],
    [t('complaintReports.by.channel'), a.byChannel, names.channel],
    [t('complaintReports.by.team'), a.byTeam, names.named],
    [t('complaintReports.by.responsible'), a.byResponsible, names.named],
  ];
  return (
    <>
      <Row gutter={[16, 16]}>
        {(['cases', 'serious', 'justified', 'closed', 'open'] as const).map((k) => (
          <Col key={k} xs={12} md={8} lg={4}><Card size="small"><Statistic title={t(`complaintReports.totals.${k}`)} value={a.totals[k]} /></Card></Col>
        ))}
        <Col xs={12} md={8} lg={4}><Card size="small"><Statistic title={t('complaintReports.totals.payout')} value={a.totals.payoutFen / 100} precision={2} prefix="¥" /></Card></Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('complaintReports.sla.title')} size="small">
            <Flex gap={32} wrap>
              <Statistic title={t('complaintReports.sla.firstReply')} value={pct(a.sla.firstReplyMetPct)} />
              <Statistic title={t('complaintReports.sla.resolution')} value={pct(a.sla.resolutionMetPct)} />
              <Statistic title={t('complaintReports.sla.avgResolution')} value={a.sla.avgResolutionHours === null ? '—' : t('complaintReports.sla.hours', { h: a.sla.avgResolutionHours })} />
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('complaintReports.satisfaction.title')} size="small"
            extra={<Tag color={below ? 'red' : 'green'}>{t('complaintReports.satisfaction.target', { target: a.satisfaction.target })}</Tag>}>
            <Flex gap={32} wrap>
              <Statistic title={t('complaintReports.satisfaction.justifiedRate')} value={pct(a.satisfaction.justifiedRate)} valueStyle={below ? { color: '#cf1322' } : undefined} />
              <Statistic title={t('complaintReports.satisfaction.satisfied')} value={a.satisfaction.satisfied} />
              <Statistic title={t('complaintReports.satisfaction.unsatisfied')} value={a.satisfaction.unsatisfied} />
              <Statistic title={t('complaintReports.satisfaction.unreachable')} value={a.satisfaction.unreachable} />
            </Flex>
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card title={t('complaintReports.by.grade')} size="small">
            {a.byGrade.length === 0 ? <Empty /> : (
              <EChart testId="chart-grade" option={{ tooltip: { trigger: 'item' }, legend: { bottom: 0 }, series: [{ type: 'pie', radius: ['40%', '70%'], label: { show: false }, data: a.byGrade.map((b) => ({ name: names.grade(b), value: b.count })) }] }} />
            )}
          </Card>
        </Col>
        {charts.map(([title, items, label]) => (
          <Col xs={24} lg={8} key={title}>
            <Card title={title} size="small">{items.length === 0 ? <Empty /> : <EChart option={barOption(items, label)} />}</Card>
          </Col>
        ))}
      </Row>
      <Card title={t('complaintReports.rootCauses.title')} size="small">
        <Table
          rowKey="ticketId"
          size="small"
          pagination={false}
          dataSource={a.rootCauses}
          locale={{ emptyText: t('complaintReports.rootCauses.empty') }}
          columns={[
            { title: t('complaintReports.rootCauses.number'), dataIndex: 'number', width: 150, render: (n: string, r) => <a href={`/complaints/${r.ticketId}`}>{n}</a> },
            { title: t('complaintReports.rootCauses.category'), dataIndex: 'category', width: 120, render: (c: string | null) => names.category({ key: c, name: null, count: 0 }) },
            { title: t('complaintReports.rootCauses.rootCause'), dataIndex: 'rootCause' },
            { title: t('complaintReports.rootCauses.improvement'), dataIndex: 'improvement', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
    </>
  );
}
