import { useState } from 'react';
import { Button, Card, DatePicker, Flex, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { CALL_DIRECTIONS, CALL_RESULTS, type Call, type CallResult } from '@kefu/shared';
import { api, type Query } from '../../app/api';
import { useAuth } from '../../app/auth/AuthContext';
import { ErrorResult } from '../../ui/ErrorResult';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { useDirectoryLookup } from '../directory/useDirectory';
import { CallDetailDrawer } from './CallDetailDrawer';
import { CallImportButton } from './CallImportButton';
import { QueueSelect } from './QueueSelect';
import { externalNumber, formatDuration, RESULT_COLORS } from './callFormat';

interface CallPage { items: Call[]; total: number; totalCapped: boolean; page: number; pageSize: number }

/** The hotline's call records, filtered and paged by the server; agents see their own calls. */
export function CallRecordsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { userOptions } = useDirectoryLookup();
  const [params, setParams] = useSearchParams();
  const [openId, setOpenId] = useState<number | null>(null);
  const readAll = can('calls.read_all');
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const [phoneText, setPhoneText] = useState(params.get('phone') ?? '');
  const phone = useDebouncedValue(phoneText.trim(), 400);

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

  const query: Query = {
    page, pageSize,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    direction: params.get('direction') ?? undefined,
    result: params.get('result') ?? undefined,
    queue: params.get('queue') ?? undefined,
    agentId: params.get('agentId') ?? undefined,
    phone: phone.length >= 3 ? phone : undefined,
  };
  const calls = useQuery({
    queryKey: ['call-records', 'list', query],
    queryFn: ({ signal }) => api.get<CallPage>('/calls', query, signal),
    placeholderData: keepPreviousData,
  });

  const columns: ColumnsType<Call> = [
    { title: t('callRecords.time'), dataIndex: 'startedAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: t('callRecords.direction'), dataIndex: 'direction', width: 70, align: 'center',
      render: (d: Call['direction']) => d && (
        <Tooltip title={t(`callRecords.directions.${d}`)}>
          {d === 'in' ? <ArrowDownOutlined style={{ color: '#0891b2' }} aria-label={t('callRecords.directions.in')} /> : <ArrowUpOutlined style={{ color: '#7c3aed' }} aria-label={t('callRecords.directions.out')} />}
        </Tooltip>
      ),
    },
    { title: t('callRecords.number'), key: 'number', width: 140, render: (_, c) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{externalNumber(c) ?? '—'}</span> },
    { title: t('callRecords.customer'), key: 'customer', render: (_, c) => (c.customer ? <Link to={`/customers/${c.customer.id}`} onClick={(e) => e.stopPropagation()}>{c.customer.name}</Link> : '—') },
    { title: t('callRecords.queue'), dataIndex: 'queue', render: (q: string | null) => q ?? '—' },
    { title: t('callRecords.agent'), key: 'agent', render: (_, c) => c.agent?.name ?? '—' },
    { title: t('callRecords.result'), dataIndex: 'result', width: 110, render: (r: CallResult) => <Tag color={RESULT_COLORS[r]}>{t(`callRecords.results.${r}`)}</Tag> },
    { title: t('callRecords.wait'), dataIndex: 'waitSeconds', width: 70, align: 'right', render: (s: number | null) => formatDuration(s) },
    { title: t('callRecords.talk'), dataIndex: 'talkSeconds', width: 70, align: 'right', render: (s: number | null) => formatDuration(s) },
    {
      title: t('callRecords.tickets'), dataIndex: 'ticketIds', width: 110,
      render: (ids: number[]) => (ids.length ? <Space size={4} wrap>{ids.map((id) => <Link key={id} to={`/tickets/${id}`} onClick={(e) => e.stopPropagation()}>#{id}</Link>)}</Space> : '—'),
    },
  ];

  const from = params.get('from');
  const to = params.get('to');
  return (
    <div>
      <PageHeader
        title={t('callRecords.title')}
        subtitle={readAll ? t('callRecords.subtitle') : t('callRecords.subtitleOwn')}
        extra={can('calls.admin') && <CallImportButton />}
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }} data-testid="call-filters">
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            allowEmpty={[true, true]}
            onChange={(range) => set({ from: range?.[0]?.toISOString(), to: range?.[1]?.toISOString() })}
          />
          <Select
            allowClear
            placeholder={t('callRecords.filters.direction')}
            style={{ width: 110 }}
            value={params.get('direction') ?? undefined}
            options={CALL_DIRECTIONS.map((d) => ({ value: d, label: t(`callRecords.directions.${d}`) }))}
            onChange={(v?: string) => set({ direction: v })}
            data-testid="filter-direction"
          />
          <Select
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={t('callRecords.filters.result')}
            style={{ minWidth: 180 }}
            value={params.get('result')?.split(',').filter(Boolean) ?? []}
            options={CALL_RESULTS.map((r) => ({ value: r, label: t(`callRecords.results.${r}`) }))}
            onChange={(v: string[]) => set({ result: v.join(',') || undefined })}
            data-testid="filter-result"
          />
          <QueueSelect
            placeholder={t('callRecords.filters.queue')}
            value={params.get('queue') ?? undefined}
            onChange={(v) => set({ queue: v })}
            testId="filter-queue"
          />
          {readAll && (
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={t('callRecords.filters.agent')}
              style={{ width: 160 }}
              value={params.get('agentId') ? Number(params.get('agentId')) : undefined}
              options={userOptions}
              onChange={(v?: number) => set({ agentId: v ? String(v) : undefined })}
            />
          )}
          <Input
            allowClear
            placeholder={t('callRecords.filters.phone')}
            style={{ width: 170 }}
            value={phoneText}
            onChange={(e) => setPhoneText(e.target.value)}
            data-testid="filter-phone"
          />
          <Button onClick={() => { setPhoneText(''); setParams(new URLSearchParams(), { replace: true }); }}>{t('callRecords.filters.reset')}</Button>
        </Flex>
        {calls.error ? <ErrorResult error={calls.error} onRetry={() => void calls.refetch()} /> : (
          <Table<Call>
            rowKey="id"
            size="middle"
            data-testid="call-table"
            loading={calls.isFetching}
            columns={columns}
            dataSource={calls.data?.items ?? []}
            locale={{ emptyText: t('callRecords.empty') }}
            onRow={(c) => ({ onClick: () => setOpenId(c.id), style: { cursor: 'pointer' }, 'data-testid': `call-row-${c.id}` } as React.HTMLAttributes<HTMLElement>)}
            pagination={{
              current: page,
              pageSize,
              total: calls.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (count) => t(calls.data?.totalCapped ? 'callRecords.totalCapped' : 'callRecords.total', { count }),
              onChange: (p, size) => set({ page: String(p), pageSize: String(size) }),
            }}
          />
        )}
      </Card>
      <CallDetailDrawer id={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}
