import { Flex, Statistic, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DraftDetail } from '@kefu/shared';

export function ScheduleFigures({ draft }: { draft: DraftDetail }) {
  const { t } = useTranslation();
  const f = draft.figures;
  return (
    <Flex gap={32} wrap align="center">
      <Tag color={draft.status === 'published' ? 'green' : 'blue'}>{t(draft.status === 'published' ? 'schedules.grid.published' : 'schedules.grid.draft')}</Tag>
      <Statistic title={t('schedules.coverage.under')} value={f.underCoverage.toFixed(1)} />
      <Statistic title={t('schedules.coverage.bound')} value={f.lowerBound.toFixed(1)} />
      <Statistic title={t('schedules.coverage.gap')} value={f.gap === null ? '—' : `${(f.gap * 100).toFixed(2)}%`} />
      <Statistic title={t('schedules.coverage.over')} value={f.overCoverage.toFixed(1)} />
      <Statistic title={t('schedules.grid.unfilled')} value={f.unfilledShifts} suffix={<small style={{ marginLeft: 8 }}>{t('schedules.grid.seconds', { s: f.totalSeconds.toFixed(1) })}</small>} />
    </Flex>
  );
}
