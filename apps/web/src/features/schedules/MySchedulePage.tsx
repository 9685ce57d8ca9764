import { Card, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { schedulesApi, type MyShift } from './schedulesApi';

const end = (s: MyShift) => {
  const [h, m] = s.start.split(':').map(Number);
  const total = (h! * 60 + m! + s.lengthMinutes) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
};

/** 我的班表: the agent's published shifts. */
export function MySchedulePage() {
  const { t } = useTranslation();
  const mine = useQuery({ queryKey: ['schedules', 'mine'], queryFn: schedulesApi.mine });
  return (
    <>
      <PageHeader title={t('schedules.mine.title')} subtitle={t('schedules.mine.subtitle')} />
      <Card>
        <Table
          rowKey="date"
          loading={mine.isLoading}
          dataSource={mine.data ?? []}
          locale={{ emptyText: t('schedules.mine.empty') }}
          pagination={{ pageSize: 31 }}
          columns={[
            { title: t('schedules.mine.date'), dataIndex: 'date' },
            { title: t('schedules.mine.shift'), dataIndex: 'shiftCode', render: (c: string, s: MyShift) => <>{<Tag color={s.night ? 'purple' : 'blue'}>{c}</Tag>}{s.night && t('schedules.mine.night')}</> },
            { title: t('schedules.mine.time'), key: 'time', render: (_, s: MyShift) => `${s.start}–${end(s)}` },
            { title: t('schedules.mine.schedule'), dataIndex: 'scheduleName' },
          ]}
        />
      </Card>
    </>
  );
}
