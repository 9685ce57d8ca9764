import { useState } from 'react';
import { Button, Card, Flex, Input, Select, Table, Tag } from 'antd';
import { ApartmentOutlined, ImportOutlined, PlusOutlined, UserOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { CUSTOMER_KINDS, type Customer } from '@kefu/shared';
import type { Query } from '../../app/api';
import { useAuth } from '../../app/auth/AuthContext';
import { formatDate } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { CustomerFormModal } from './CustomerFormModal';
import { CustomerGradeTag } from './CustomerGradeTag';
import { customerKeys, customersApi } from './customersApi';
import { PhoneList } from './PhoneList';
import { CustomerExportButton } from '../pii/CustomerExportButton';

export function CustomerListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const query: Query = {
    q: params.get('q') ?? undefined,
    phone: params.get('phone') ?? undefined,
    kind: params.get('kind') ?? undefined,
    page: params.get('page') ?? '1',
    pageSize: params.get('pageSize') ?? '20',
  };
  const list = useQuery({ queryKey: customerKeys.list(query), queryFn: () => customersApi.list(query), placeholderData: keepPreviousData });

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next);
  };

  const columns: ColumnsType<Customer> = [
    {
      title: t('customers.name'),
      dataIndex: 'name',
      ellipsis: true,
      render: (name: string, r) => (
        <Flex gap={8} align="center">
          {r.kind === 'organization' ? <ApartmentOutlined className="kefu-muted" /> : <UserOutlined className="kefu-muted" />}
          <Link to={`/customers/${r.id}`}>{name}</Link>
        </Flex>
      ),
    },
    { title: t('customers.grade'), dataIndex: 'grade', width: 90, render: (g: string | null) => <CustomerGradeTag grade={g} /> },
    { title: t('customers.phones'), key: 'phones', width: 200, render: (_, r) => <PhoneList phones={r.phones} /> },
    { title: t('customers.organization'), key: 'org', width: 180, ellipsis: true, render: (_, r) => r.organization?.name ?? '—' },
    {
      title: t('customers.tags'),
      dataIndex: 'tags',
      width: 200,
      render: (tags: string[]) => (tags.length ? tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : <span className="kefu-muted">—</span>),
    },
    { title: t('customers.createdAt'), dataIndex: 'createdAt', width: 120, render: (v: string) => formatDate(v) },
  ];

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        subtitle={t('customers.subtitle')}
        extra={
          <Flex gap={8}>
            <CustomerExportButton query={query} />
            {can('customers.import') && (
              <Link to="/customers/import"><Button icon={<ImportOutlined />} data-testid="customer-import">{t('customerImport.listButton')}</Button></Link>
            )}
            {can('customers.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="customer-create">
                {t('customers.create')}
              </Button>
            )}
          </Flex>
        }
      />
      <Card>
        <Flex gap={8} wrap className="kefu-filter-bar">
          <Input.Search
            key={`q-${params.get('q') ?? ''}`}
            defaultValue={params.get('q') ?? ''}
            placeholder={t('customers.searchPlaceholder')}
            allowClear
            onSearch={(v) => set('q', v.trim() || undefined)}
            style={{ width: 280 }}
          />
          <Input.Search
            key={`p-${params.get('phone') ?? ''}`}
            defaultValue={params.get('phone') ?? ''}
            placeholder={t('customers.phoneSearchPlaceholder')}
            allowClear
            onSearch={(v) => set('phone', v.trim() || undefined)}
            style={{ width: 220 }}
            data-testid="customer-phone-search"
          />
          <Select
            allowClear
            placeholder={t('customers.kindLabel')}
            value={params.get('kind') ?? undefined}
            onChange={(v: string | undefined) => set('kind', v)}
            options={CUSTOMER_KINDS.map((k) => ({ value: k, label: t(`customers.kind.${k}`) }))}
            style={{ width: 140 }}
          />
        </Flex>
        <Table<Customer>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 900 }}
          onRow={(r) => ({ onDoubleClick: () => navigate(`/customers/${r.id}`) })}
          pagination={{
            current: Number(query.page),
            pageSize: Number(query.pageSize),
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => (list.data?.totalCapped ? t('common.totalCapped', { count: total }) : t('common.total', { count: total })),
            onChange: (page, pageSize) => {
              const next = new URLSearchParams(params);
              next.set('page', String(page));
              next.set('pageSize', String(pageSize));
              setParams(next);
            },
          }}
          locale={{ emptyText: t('customers.empty') }}
          data-testid="customer-table"
        />
      </Card>
      <CustomerFormModal open={creating} onClose={() => setCreating(false)} onSaved={(c) => navigate(`/customers/${c.id}`)} />
    </>
  );
}
