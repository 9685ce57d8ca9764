import { useState } from 'react';
import { Button, Card, Flex, Input, Select, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { CONTRACT_STATUSES, type Contract, type ContractStatus } from '@kefu/shared';
import { useAuth } from '../../app/auth/AuthContext';
import { PageHeader } from '../../ui/PageHeader';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { archiveKeys, contractsApi } from './archiveApi';
import { ContractFormModal } from './ContractFormModal';
import { ContractTable } from './ContractTable';
import { ExpiringContracts } from './ExpiringContracts';

/** 合同管理: every contract with filters, and the expiring view (renewal reminders, seed 001). */
export function ContractListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const canManage = can('contracts.manage');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'expiring' ? 'expiring' : 'all';
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<ContractStatus | undefined>();
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [editing, setEditing] = useState<{ contract: Contract | null } | null>(null);
  const query = { q: q || undefined, status, page: page.current, pageSize: page.pageSize };
  const list = useQuery({ queryKey: archiveKeys.contractList(query), queryFn: () => contractsApi.list(query), placeholderData: keepPreviousData, enabled: tab === 'all' });
  const onEdit = (contract: Contract) => setEditing({ contract });

  return (
    <>
      <PageHeader
        title={t('contracts.contract.title')}
        subtitle={t('contracts.contract.subtitle')}
        extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ contract: null })} data-testid="contract-create">{t('contracts.contract.create')}</Button>}
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'expiring' ? { tab: 'expiring' } : {})}
          items={[
            {
              key: 'all',
              label: t('contracts.contract.tabs.all'),
              children: (
                <>
                  <Flex gap={8} wrap className="kefu-filter-bar">
                    <Input.Search allowClear defaultValue={search} placeholder={t('contracts.contract.search')} onChange={(e) => { setSearch(e.target.value); setPage((p) => ({ ...p, current: 1 })); }} style={{ width: 280 }} />
                    <Select allowClear placeholder={t('contracts.contract.status')} value={status} onChange={(v) => { setStatus(v); setPage((p) => ({ ...p, current: 1 })); }} style={{ width: 140 }}
                      options={CONTRACT_STATUSES.map((s) => ({ value: s, label: t(`contracts.contractStatus.${s}`) }))} />
                  </Flex>
                  <ContractTable
                    rows={list.data?.items ?? []}
                    loading={list.isLoading}
                    canManage={canManage}
                    onEdit={onEdit}
                    emptyText={t('contracts.contract.empty')}
                    testId="contract-table"
                    pagination={{ current: page.current, pageSize: page.pageSize, total: list.data?.total ?? 0, onChange: (current, pageSize) => setPage({ current, pageSize }) }}
                  />
                </>
              ),
            },
            { key: 'expiring', label: t('contracts.contract.tabs.expiring'), children: <ExpiringContracts canManage={canManage} onEdit={onEdit} /> },
          ]}
        />
      </Card>
      <ContractFormModal open={editing !== null} contract={editing?.contract ?? null} onClose={() => setEditing(null)} />
    </>
  );
}
