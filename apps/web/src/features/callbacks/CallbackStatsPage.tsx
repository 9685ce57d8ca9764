import { useState } from 'react';
import { Button, Card, Col, DatePicker, Empty, Row, Space, Statistic, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { SATISFACTION_LEVELS, type CallbackMetrics } from '@kefu/shared';
import { PageHeader } from '../../ui/PageHeader';
import { downloadFile } from '../sla/downloadFile';
import { AgentResultsChart, SatisfactionChart } from './CallbackCharts';
import { callbacksApi, callbacksKeys } from './callbacksApi';

type Row = { id: number; name: string } & CallbackMetrics;

export const percentText = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** 回访统计: one month's callbacks per campaign and per agent, satisfaction, and the surveys; Excel export. */
export function CallbackStatsPage() {
  const { t } = useTranslation();
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  const key = month.format('YYYY-MM');
  const stats = useQuery({ queryKey: callbacksKeys.stats(key), queryFn: () => callbacksApi.stats(key) });
  const exporting = useMutation({ mutationFn: () => downloadFile(callbacksApi.statsXlsxUrl(key), `回访统计-${key}.xlsx`) });
  const s = stats.data;
  const levelLabels = Object.fromEntries(SATISFACTION_LEVELS.map((l) => [l, t(`callbacks.satisfaction.${l}`)]));

  const columns = (first: string) => [
    { title: first, dataIndex: 'name', render: (n: string) => n || '—' },
    { title: t('callbacks.stats.items'), dataIndex: 'items', width: 80 },
    { title: t('callbacks.stats.done'), dataIndex: 'done', width: 80 },
    { title: t('callbacks.stats.unreachable'), dataIndex: 'unreachable', width: 90 },
    { title: t('callbacks.stats.refused'), dataIndex: 'refused', width: 70 },
    { title: t('callbacks.stats.pending'), dataIndex: 'pending', width: 80 },
    { title: t('callbacks.stats.completionRate'), dataIndex: 'completionRate', width: 90, render: percentText },
    ...SATISFACTION_LEVELS.map((l) => ({ title: levelLabels[l], key: l, width: 80, render: (_: unknown, r: Row) => r.satisfaction[l] })),
    { title: t('callbacks.stats.satisfactionRate'), dataIndex: 'satisfactionRate', width: 90, render: percentText },
    { title: t('callbacks.stats.averageRating'), dataIndex: 'averageRating', width: 90, render: (v: number | null) => v ?? '—' },
  ];

  return (
    <>
      <PageHeader
        title={t('callbacks.stats.title')}
        subtitle={t('callbacks.stats.subtitle', { tz: s?.timezone ?? 'Asia/Shanghai' })}
        extra={
          <Space>
            <DatePicker picker="month" allowClear={false} value={month} onChange={(v) => v && setMonth(v)} data-testid="stats-month" />
            <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="stats-export">{t('callbacks.stats.export')}</Button>
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        {[
          ['items', s?.total.items],
          ['done', s?.total.done],
          ['completionRate', percentText(s?.total.completionRate ?? null)],
          ['satisfactionRate', percentText(s?.total.satisfactionRate ?? null)],
          ['averageRating', s?.total.averageRating ?? '—'],
          ['responseRate', percentText(s?.surveys.responseRate ?? null)],
        ].map(([k, v]) => (
          <Col key={k as string} xs={12} md={8} xl={4}>
            <Card loading={stats.isLoading}><Statistic title={k === 'responseRate' ? `${t('callbacks.stats.surveys')} · ${t('callbacks.stats.responseRate')}` : t(`callbacks.stats.${k as 'items'}`)} value={v ?? 0} /></Card>
          </Col>
        ))}
        <Col xs={24} xl={14}>
          <Card title={t('callbacks.stats.chartTitle')}>
            {s && s.agents.length > 0 ? (
              <AgentResultsChart rows={s.agents} labels={{ done: t('callbacks.stats.done'), unreachable: t('callbacks.stats.unreachable'), refused: t('callbacks.stats.refused'), pending: t('callbacks.stats.pending') }} />
            ) : <Empty description={t('callbacks.stats.empty')} />}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('callbacks.stats.satisfactionChart')}>
            {s && s.total.answered > 0 ? <SatisfactionChart counts={s.total.satisfaction} labels={levelLabels} /> : <Empty description={t('callbacks.stats.empty')} />}
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('callbacks.stats.byCampaign')}>
            <Table<Row> rowKey="id" size="small" scroll={{ x: 1200 }} loading={stats.isLoading} dataSource={s?.campaigns ?? []} columns={columns(t('callbacks.stats.campaign'))} pagination={false} data-testid="stats-campaigns" />
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('callbacks.stats.byAgent')}>
            <Table<Row> rowKey="id" size="small" scroll={{ x: 1200 }} loading={stats.isLoading} dataSource={s?.agents ?? []} columns={columns(t('callbacks.stats.agent'))} pagination={false} data-testid="stats-agents" />
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('callbacks.stats.surveys')} loading={stats.isLoading}>
            {s && (
              <Row gutter={16}>
                <Col xs={12} md={4}><Statistic title={t('callbacks.stats.sent')} value={s.surveys.sent} /></Col>
                <Col xs={12} md={4}><Statistic title={t('callbacks.surveys.statusAnswered')} value={s.surveys.answered} /></Col>
                <Col xs={12} md={4}><Statistic title={t('callbacks.stats.responseRate')} value={percentText(s.surveys.responseRate)} /></Col>
                <Col xs={12} md={4}><Statistic title={t('callbacks.stats.satisfactionRate')} value={percentText(s.surveys.satisfactionRate)} /></Col>
                <Col xs={24} md={8}>
                  <div className="kefu-muted">{t('callbacks.stats.byPhone', { n: s.surveys.byChannel.phone })} · {t('callbacks.stats.byLink', { n: s.surveys.byChannel.link })}</div>
                  <div className="kefu-muted">{SATISFACTION_LEVELS.map((l) => `${levelLabels[l]} ${s.surveys.satisfaction[l]}`).join(' · ')}</div>
                </Col>
              </Row>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
