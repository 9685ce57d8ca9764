import { Badge, Card, Col, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AGENT_STATES, type Wallboard } from '@kefu/shared';
import { api } from '../../app/api';
import { useLiveConnected, useLiveTopic } from '../../app/live/LiveContext';
import { useCoalescedRefetch } from '../../app/live/useCoalescedRefetch';
import { PageHeader } from '../../ui/PageHeader';
import { formatDuration, formatPercent } from './wallboardFormat';
import { STATE_COLORS, WallboardAgents } from './WallboardAgents';
import { useSecondTick } from './useSecondTick';

/** 实时监控: what the shift leader watches all day, pushed by the server on every call event. */
export function WallboardPage() {
  const { t } = useTranslation();
  const connected = useLiveConnected();
  const now = useSecondTick();
  // The server announces changes at most a few times a second per process; polling covers a lost connection and
  // the rolling windows, which the server recomputes at most once a second (a change within it shows on the next poll).
  const board = useQuery({ queryKey: ['wallboard'], queryFn: ({ signal }) => api.get<Wallboard>('/wallboard', undefined, signal), refetchInterval: 5_000 });
  useLiveTopic('wallboard.changed', useCoalescedRefetch(board.refetch));
  const data = board.data;
  const hour = data?.windows.find((w) => w.minutes === 60)?.metrics;
  const meets = (value: number | null | undefined, target: number) => (value == null ? undefined : value >= target ? '#15803d' : '#b91c1c');

  return (
    <>
      <PageHeader
        title={t('wallboard.title')}
        subtitle={t('wallboard.subtitle')}
        extra={<Badge status={connected ? 'processing' : 'default'} text={connected ? t('wallboard.live') : t('wallboard.polling')} data-testid="wallboard-live" />}
      />
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic title={t('wallboard.waiting')} value={data?.waiting ?? 0} valueStyle={{ fontSize: 40, color: data && data.waiting > 0 ? '#b45309' : undefined }} data-testid="wallboard-waiting" />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic
              title={t('wallboard.longestWait')}
              value={data?.longestWaitSeconds == null ? '—' : formatDuration(data.longestWaitSeconds + Math.max(0, Math.round((now - Date.parse(data.at)) / 1000)))}
              valueStyle={{ fontSize: 40, color: data && (data.longestWaitSeconds ?? 0) > data.targets.thresholdSeconds ? '#b91c1c' : undefined }}
            />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic title={t('wallboard.serviceLevel60')} value={formatPercent(hour?.serviceLevel)} valueStyle={{ fontSize: 40, color: meets(hour?.serviceLevel, data?.targets.serviceLevel ?? 0.9) }} />
            <Typography.Text type="secondary">{t('wallboard.slTarget', { pct: Math.round((data?.targets.serviceLevel ?? 0.9) * 100), seconds: data?.targets.thresholdSeconds ?? 15 })}</Typography.Text>
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic title={t('wallboard.connectRate60')} value={formatPercent(hour?.connectRate)} valueStyle={{ fontSize: 40, color: meets(hour?.connectRate, data?.targets.connectRate ?? 0.9) }} />
            <Typography.Text type="secondary">{t('wallboard.connectTarget', { pct: Math.round((data?.targets.connectRate ?? 0.9) * 100) })}</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('wallboard.windows')}>
            <Table
              rowKey="minutes"
              size="small"
              pagination={false}
              loading={board.isLoading}
              dataSource={data?.windows}
              columns={[
                { title: t('wallboard.window'), dataIndex: 'minutes', render: (m: number) => t('wallboard.lastMinutes', { m }) },
                { title: t('wallboard.offered'), render: (_, w) => w.metrics.offered },
                { title: t('wallboard.answered'), render: (_, w) => w.metrics.answered },
                { title: t('wallboard.abandoned'), render: (_, w) => w.metrics.abandoned },
                { title: t('wallboard.serviceLevel'), render: (_, w) => <span style={{ color: meets(w.metrics.serviceLevel, data!.targets.serviceLevel) }}>{formatPercent(w.metrics.serviceLevel)}</span> },
                { title: t('wallboard.connectRate'), render: (_, w) => <span style={{ color: meets(w.metrics.connectRate, data!.targets.connectRate) }}>{formatPercent(w.metrics.connectRate)}</span> },
                { title: t('wallboard.abandonRate'), render: (_, w) => formatPercent(w.metrics.abandonRate) },
                { title: t('wallboard.asa'), render: (_, w) => (w.metrics.asa == null ? '—' : formatDuration(w.metrics.asa)) },
                { title: t('wallboard.aht'), render: (_, w) => (w.metrics.aht == null ? '—' : formatDuration(w.metrics.aht)) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            title={t('wallboard.agents')}
            extra={
              <Flex gap={6} wrap>
                {AGENT_STATES.map((s) => (
                  <Tag key={s} color={STATE_COLORS[s]} data-testid={`wallboard-count-${s}`}>
                    {t(`agentState.${s}`)} {data?.agentCounts[s] ?? 0}
                  </Tag>
                ))}
              </Flex>
            }
          >
            <WallboardAgents agents={data?.agents} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
