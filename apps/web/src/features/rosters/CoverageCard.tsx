import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { useCoverage } from './rostersApi';

/** Headcount per half hour of a day after approved leave: what a leader weighs before approving more. */
export function CoverageCard({ date }: { date: string }) {
  const { t } = useTranslation();
  const coverage = useCoverage(date);
  const rows = (coverage.data?.intervals ?? []).filter((i) => i.scheduled > 0);
  return (
    <Card title={t('rosters.approvals.coverageOf', { date })} size="small">
      <Table
        rowKey="start"
        size="small"
        loading={coverage.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ y: 320 }}
        columns={[
          { title: t('rosters.common.time'), dataIndex: 'start', render: (s: string) => formatDateTime(s).slice(11) },
          { title: t('rosters.approvals.scheduled'), dataIndex: 'scheduled' },
          { title: t('rosters.approvals.onLeave'), dataIndex: 'onLeave' },
          { title: t('rosters.approvals.available'), dataIndex: 'available', render: (n: number) => <b>{n}</b> },
        ]}
      />
    </Card>
  );
}
