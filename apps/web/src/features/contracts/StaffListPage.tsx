import { useState } from 'react';
import { Button, Card, Flex, Input, Select, Table, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { STAFF_STATUSES, type Staff, type StaffStatus } from '@kefu/shared';
import { useAuth } from '../../app/auth/AuthContext';
import { PageHeader } from '../../ui/PageHeader';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { StaffStatusTag } from './ArchiveTags';
import { archiveKeys, staffApi } from './archiveApi';
import { DeductionSummary } from './DeductionSummary';
import { StaffFormModal } from './StaffFormModal';

/** 家政服务人员档案: the list (personal data masked) and the monthly deduction summary. */
export function StaffListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<StaffStatus | undefined>();
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const query = { q: q || undefined, status, page: page.current, pageSize: page.pageSize };
  const list = useQuery({ queryKey: archiveKeys.staffList(query), queryFn: () => staffApi.list(query), placeholderData: keepPreviousData });

  const archive = (
    <>
      <Flex gap={8} wrap className="kefu-filter-bar">
        <Input.Search allowClear placeholder={t('contracts.staff.search')} onChange={(e) => { setSearch(e.target.value); setPage((p) => ({ ...p, current: 1 })); }} style={{ width: 240 }} />
        <Select allowClear placeholder={t('contracts.staff.status')} value={status} onChange={(v) => { setStatus(v); setPage((p) => ({ ...p, current: 1 })); }} style={{ width: 140 }}
          options={STAFF_STATUSES.map((s) => ({ value: s, label: t(`contracts.staffStatus.${s}`) }))} />
      </Flex>
      <Table<Staff>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('contracts.staff.empty') }}
        pagination={{ current: page.current, pageSize: page.pageSize, total: list.data?.total ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
        data-testid="staff-table"
        columns={[
          { title: t('contracts.staff.name'), dataIndex: 'name', width: 110, render: (name: string, s) => <Link to={`/service-staff/${s.id}`}>{name}</Link> },
          { title: t('contracts.staff.gender'), dataIndex: 'gender', width: 70, render: (_, s) => t(`contracts.gender.${s.gender}`) },
          { title: t('contracts.staff.birthYear'), dataIndex: 'birthYear', width: 90, render: (y: number | null) => y ?? t('contracts.common.none') },
          { title: t('contracts.staff.phone'), dataIndex: 'phone', width: 130, render: (p: string | null) => p ?? t('contracts.common.none') },
          { title: t('contracts.staff.idCard'), dataIndex: 'idCard', width: 190, render: (p: string | null) => p ?? t('contracts.common.none') },
          { title: t('contracts.staff.skills'), dataIndex: 'skills', render: (skills: string[]) => skills.map((s) => <Tag key={s}>{s}</Tag>) },
          { title: t('contracts.staff.level'), dataIndex: 'level', width: 80, render: (l: string | null) => l ?? t('contracts.common.none') },
          { title: t('contracts.staff.status'), dataIndex: 'status', width: 90, render: (_, s) => <StaffStatusTag status={s.status} /> },
          {
            title: t('contracts.staff.currentPlacement'),
            key: 'placement',
            width: 180,
            render: (_, s) => (s.currentPlacement ? t('contracts.staff.placedSince', { customer: s.currentPlacement.customer.name, date: s.currentPlacement.startDate }) : t('contracts.common.none')),
          },
        ]}
      />
    </>
  );

  return (
    <>
      <PageHeader
        title={t('contracts.staff.title')}
        subtitle={t('contracts.staff.subtitle')}
        extra={can('staff.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="staff-create">{t('contracts.staff.create')}</Button>}
      />
      <Card>
        <Tabs items={[
          { key: 'archive', label: t('contracts.staff.tabs.archive'), children: archive },
          { key: 'summary', label: t('contracts.staff.tabs.summary'), children: <DeductionSummary /> },
        ]} />
      </Card>
      <StaffFormModal open={creating} staff={null} onClose={() => setCreating(false)} />
    </>
  );
}
