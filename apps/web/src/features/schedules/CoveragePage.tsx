import { useMemo } from 'react';
import { Card, Empty, Flex, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { LineChart } from './LineChart';
import { ScheduleFigures } from './ScheduleFigures';
import { intervalAxis } from './schedulesApi';
import { useDraftSelection } from './useDraft';

/** 需求与覆盖: agents required per interval against agents scheduled. */
export function CoveragePage() {
  const { t } = useTranslation();
  const { list, id, setId, detail } = useDraftSelection();
  const d = detail.data;
  const chart = useMemo(() => {
    if (!d) return null;
    return {
      axis: intervalAxis(d.start, d.horizonDays),
      series: [
        { name: t('schedules.coverage.requirement'), data: d.requirement, step: true, area: true },
        { name: t('schedules.coverage.coverage'), data: d.coverage.map((c) => Math.round(c * 10) / 10), step: true },
      ],
    };
  }, [d, t]);
  return (
    <>
      <PageHeader
        title={t('schedules.coverage.title')}
        subtitle={t('schedules.coverage.subtitle')}
        extra={<Select style={{ width: 280 }} placeholder={t('schedules.coverage.pick')} value={id} onChange={setId} options={(list.data ?? []).map((x) => ({ value: x.id, label: x.name }))} />}
      />
      <Card>
        {!d || !chart ? (
          <Empty />
        ) : (
          <Flex vertical gap={16}>
            <ScheduleFigures draft={d} />
            <LineChart axis={chart.axis} series={chart.series} height={420} testId="coverage-chart" />
          </Flex>
        )}
      </Card>
    </>
  );
}
