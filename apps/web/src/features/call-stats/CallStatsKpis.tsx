import { Card, Col, Row, Statistic, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CALL_STATS_DEFAULTS, type CallStats } from '@kefu/shared';
import { belowTarget, formatMetric, type MetricKey } from './callStatsFormat';

const KPIS: MetricKey[] = ['offered', 'answered', 'abandoned', 'connectRate', 'serviceLevel', 'asa', 'aht', 'abandonRate', 'occupancy'];

/** A metric's name with its definition on hover. */
export function MetricTitle({ metric }: { metric: MetricKey }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`callStats.definitions.${metric}`)}>
      <span style={{ cursor: 'help' }} data-testid={`metric-title-${metric}`}>
        {t(`callStats.metrics.${metric}`)} <QuestionCircleOutlined style={{ fontSize: 12, opacity: 0.55 }} />
      </span>
    </Tooltip>
  );
}

/** The period's headline figures; service level against the target (90 % in the threshold), red below it. */
export function CallStatsKpis({ stats, loading }: { stats: CallStats | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const target = CALL_STATS_DEFAULTS.targetServiceLevel;
  const totals = stats?.totals;
  return (
    <Row gutter={[12, 12]} data-testid="stats-kpis">
      {KPIS.map((k) => {
        const low = k === 'serviceLevel' && totals ? belowTarget(totals.serviceLevel, target) : false;
        const good = k === 'serviceLevel' && totals?.serviceLevel != null && !low;
        return (
          <Col key={k} xs={12} md={8} xl={8} xxl={{ flex: '1 1 0' }}>
            <Card size="small" loading={loading} style={low ? { borderColor: '#fda4af', background: '#fff1f2' } : undefined} data-testid={`kpi-${k}`} data-below-target={low ? 'true' : undefined}>
              <Statistic
                title={<MetricTitle metric={k} />}
                value={totals ? formatMetric(k, totals) : '—'}
                valueStyle={{ fontVariantNumeric: 'tabular-nums', color: low ? '#cf1322' : good ? '#389e0d' : undefined }}
              />
              <Typography.Text type={low ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                {k === 'serviceLevel' && t('callStats.target', { target: Math.round(target * 100), seconds: stats?.thresholdSeconds ?? CALL_STATS_DEFAULTS.thresholdSeconds })}
                {k === 'serviceLevel' && low && ` · ${t('callStats.belowTarget')}`}
                {k === 'abandoned' && totals && totals.shortAbandoned > 0 && t('callStats.shortAbandonedNote', { count: totals.shortAbandoned })}
                {'\u00a0'}
              </Typography.Text>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
