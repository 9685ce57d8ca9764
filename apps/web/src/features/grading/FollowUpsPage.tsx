import { useState } from 'react';
import { Button, Card, Select, Space, Table, Tabs, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DueItem } from '@kefu/shared';
import { useAuth } from '../../app/auth/AuthContext';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useDirectoryLookup } from '../directory/useDirectory';
import { FollowUpDrawer } from './FollowUpDrawer';
import { GradeTag } from './GradeTag';
import { gradingApi, type DueScope } from './gradingApi';

/** 我的跟进: the signed-in owner's due, overdue and upcoming follow-ups; a leader may pick another owner. */
export function FollowUpsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [scope, setScope] = useState<DueScope>('due');
  const [ownerId, setOwnerId] = useState<number | undefined>();
  const [recording, setRecording] = useState<DueItem | null>(null);
  const directory = useDirectoryLookup();
  const list = useQuery({ queryKey: ['grading', 'due', scope, ownerId], queryFn: () => gradingApi.due(scope, ownerId) });
  const isLeader = can('reports.read');

  return (
    <>
      <PageHeader title={t('grading.mine.title')} subtitle={t('grading.mine.subtitle')} />
      <Card>
        <Tabs
          activeKey={scope}
          onChange={(k) => setScope(k as DueScope)}
          items={(['due', 'overdue', 'upcoming'] as const).map((k) => ({ key: k, label: t(`grading.mine.${k}`) }))}
          tabBarExtraContent={isLeader && (
            <Space>
              {t('grading.mine.owner')}
              <Select allowClear showSearch optionFilterProp="label" style={{ width: 200 }} value={ownerId} onChange={setOwnerId}
                options={directory.userOptions} />
            </Space>
          )}
        />
        <Table<DueItem>
          rowKey="customerId"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: t('grading.mine.empty') }}
          columns={[
            { title: t('grading.column.customer'), dataIndex: 'customerName' },
            { title: t('grading.column.grade'), key: 'grade', width: 170, render: (_, r) => <GradeTag grade={r.grade} isVip={r.isVip} /> },
            {
              title: t('grading.column.axes'), key: 'axes',
              render: (_, r) => r.axes && (['dealStatus', 'importance', 'demand'] as const).map((axis) => <Tag key={axis}>{t(`grading.${axis}.${r.axes![axis]}` as 'grading.demand.target').replace(/（.*）|\s\(.*\)/, '')}</Tag>),
            },
            { title: t('grading.column.last'), dataIndex: 'lastFollowUpAt', width: 170, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
            {
              title: t('grading.column.next'), key: 'next', width: 190,
              render: (_, r) => (
                <Space size={4}>
                  {r.nextFollowUpOn}
                  {r.overdueDays > 0 ? <Tag color="red">{t('grading.overdueDays', { n: r.overdueDays })}</Tag> : r.nextFollowUpOn === list.data?.today ? <Tag color="orange">{t('grading.dueToday')}</Tag> : null}
                </Space>
              ),
            },
            {
              title: t('grading.column.actions'), key: 'actions', width: 120,
              render: (_, r) => can('customers.write') && (
                <Button type="link" onClick={() => setRecording(r)} data-testid={`record-${r.customerId}`}>{t('grading.record')}</Button>
              ),
            },
          ]}
        />
      </Card>
      <FollowUpDrawer customer={recording && { id: recording.customerId, name: recording.customerName, axes: recording.axes }} onClose={() => setRecording(null)} />
    </>
  );
}
