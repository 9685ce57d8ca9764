import { useState } from 'react';
import { App, Button, Card, Flex, Input, Space, Table, Tabs, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LENDING_TRANSITIONS, type Lending, type LendingAction } from '@kefu/shared';
import { useAuth } from '../../app/auth/AuthContext';
import { PageHeader } from '../../ui/PageHeader';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { LendingStatusTag } from './ArchiveTags';
import { archiveKeys, lendingApi } from './archiveApi';
import { LendingRejectModal, LendingRequestModal, LendingReturnModal } from './LendingModals';
import { useArchiveMutation } from './useArchiveMutation';

type Tab = 'all' | 'requested' | 'lent' | 'overdue';

/** 资料借阅登记 (seed 002 借出单): file, approve, hand out, take back; the overdue tab lists what has not come back. */
export function LendingPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { modal } = App.useApp();
  const [tab, setTab] = useState<Tab>('all');
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [rejecting, setRejecting] = useState<Lending | null>(null);
  const [returning, setReturning] = useState<Lending | null>(null);
  const query = { q: q || undefined, status: tab === 'requested' || tab === 'lent' ? tab : undefined, overdue: tab === 'overdue' ? 'true' : undefined, page: page.current, pageSize: page.pageSize };
  const list = useQuery({ queryKey: archiveKeys.lendingList(query), queryFn: () => lendingApi.list(query), placeholderData: keepPreviousData });
  const act = useArchiveMutation(archiveKeys.lending, (v: { record: Lending; action: 'approve' | 'lend' | 'cancel' }) => lendingApi.act(v.record.id, v.action, { version: v.record.version }));
  const none = t('contracts.common.none');

  const allowedFor = (action: LendingAction) => (action === 'approve' || action === 'reject' ? can('lending.approve') : can('lending.manage'));
  const confirmText = (r: Lending, action: 'approve' | 'lend' | 'cancel') =>
    action === 'approve' ? t('contracts.lending.approveConfirm', { title: r.documentTitle })
      : action === 'lend' ? t('contracts.lending.lendConfirm', { title: r.documentTitle, name: r.borrower.name })
        : t('contracts.lending.cancelConfirm', { title: r.documentTitle });
  const run = (r: Lending, action: LendingAction) => {
    if (action === 'reject') return setRejecting(r);
    if (action === 'return') return setReturning(r);
    modal.confirm({ title: confirmText(r, action), onOk: () => act.mutateAsync({ record: r, action }) });
  };

  return (
    <>
      <PageHeader
        title={t('contracts.lending.title')}
        subtitle={t('contracts.lending.subtitle')}
        extra={can('lending.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="lending-create">{t('contracts.lending.create')}</Button>}
      />
      <Card>
        <Tabs activeKey={tab} onChange={(k) => { setTab(k as Tab); setPage((p) => ({ ...p, current: 1 })); }}
          items={(['all', 'requested', 'lent', 'overdue'] as const).map((k) => ({ key: k, label: <span data-testid={`lending-tab-${k}`}>{t(`contracts.lending.tabs.${k}`)}</span> }))} />
        <Flex gap={8} wrap className="kefu-filter-bar">
          <Input.Search allowClear placeholder={t('contracts.lending.search')} onChange={(e) => { setSearch(e.target.value); setPage((p) => ({ ...p, current: 1 })); }} style={{ width: 280 }} />
        </Flex>
        <Table<Lending>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('contracts.lending.empty') }}
          pagination={{ current: page.current, pageSize: page.pageSize, total: list.data?.total ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
          scroll={{ x: 1100 }}
          data-testid="lending-table"
          columns={[
            {
              title: t('contracts.lending.documentTitle'),
              key: 'doc',
              render: (_, r) => (
                <div>
                  <div>{r.documentTitle}</div>
                  {r.documentNo && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.documentNo}</Typography.Text>}
                </div>
              ),
            },
            { title: t('contracts.lending.borrower'), key: 'borrower', width: 100, render: (_, r) => r.borrower.name },
            { title: t('contracts.lending.purpose'), dataIndex: 'purpose', ellipsis: true },
            {
              title: t('contracts.lending.expectedReturn'),
              dataIndex: 'expectedReturnDate',
              width: 130,
              render: (d: string, r) => (r.overdue ? <Typography.Text type="danger">{d}<br />{t('contracts.lending.overdueDays', { n: r.daysOverdue })}</Typography.Text> : d),
            },
            {
              title: t('contracts.lending.status'),
              key: 'status',
              width: 110,
              render: (_, r) => (r.rejectReason ? <Tooltip title={`${t('contracts.lending.rejectReason')}：${r.rejectReason}`}><span><LendingStatusTag status={r.status} /></span></Tooltip> : <LendingStatusTag status={r.status} />),
            },
            { title: t('contracts.lending.decidedBy'), key: 'decided', width: 90, render: (_, r) => r.decidedBy?.name ?? none },
            { title: t('contracts.lending.lentOn'), dataIndex: 'lentOn', width: 110, render: (d: string | null) => d ?? none },
            {
              title: t('contracts.lending.returnedOn'),
              key: 'returned',
              width: 130,
              render: (_, r) => (r.returnedOn ? `${r.returnedOn} · ${r.returnCondition ? t(`contracts.returnCondition.${r.returnCondition}`) : ''}` : none),
            },
            {
              title: t('contracts.common.actions'),
              key: 'actions',
              width: 170,
              fixed: 'right',
              render: (_, r) => (
                <Space size={0} wrap>
                  {(Object.keys(LENDING_TRANSITIONS[r.status]) as LendingAction[]).filter(allowedFor).map((action) => (
                    <Button key={action} type="link" size="small" danger={action === 'reject' || action === 'cancel'} onClick={() => run(r, action)} data-testid={`lending-${action}-${r.id}`}>
                      {t(`contracts.lending.actions.${action}`)}
                    </Button>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <LendingRequestModal open={creating} onClose={() => setCreating(false)} />
      <LendingRejectModal record={rejecting} onClose={() => setRejecting(null)} />
      <LendingReturnModal record={returning} onClose={() => setReturning(null)} />
    </>
  );
}
