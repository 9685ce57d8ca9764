import { useState } from 'react';
import { Button, Card, Flex, Input, Segmented, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { COMPLAINT_GRADES, COMPLAINT_STEPS, type ComplaintCase } from '@kefu/shared';
import { useAuth } from '../../app/auth/AuthContext';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { ComplaintCreateModal } from './ComplaintCreateModal';
import { ComplaintStatsCard } from './ComplaintStatsCard';
import { GradeTag, StepTag } from './ComplaintTags';
import { complaintKeys, complaintsApi, yuan } from './complaintsApi';

type OpenFilter = 'open' | 'closed' | 'all';

/** 投诉案件: every complaint case with its grade and step; the specialist registers new ones here. */
export function ComplaintListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [open, setOpen] = useState<OpenFilter>('open');
  const [grade, setGrade] = useState<string | undefined>();
  const [step, setStep] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const q = useDebouncedValue(search.trim(), 300);
  const query = { open: open === 'all' ? undefined : String(open === 'open'), grade, step, q: q || undefined, page, pageSize: 20 };
  const list = useQuery({ queryKey: complaintKeys.list(query), queryFn: () => complaintsApi.list(query) });

  return (
    <>
      <PageHeader
        title={t('complaints.list.title')}
        subtitle={t('complaints.list.subtitle')}
        extra={can('complaints.handle') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="complaint-create">
            {t('complaints.list.create')}
          </Button>
        )}
      />
      {can('reports.read') && <ComplaintStatsCard />}
      <Card>
        <Flex gap={8} wrap className="kefu-filter-bar">
          <Segmented<OpenFilter>
            value={open}
            onChange={(v) => { setOpen(v); setPage(1); }}
            options={[{ value: 'open', label: t('complaints.list.onlyOpen') }, { value: 'closed', label: t('complaints.list.onlyClosed') }, { value: 'all', label: t('complaints.list.all') }]}
          />
          <Input.Search allowClear placeholder={t('complaints.list.search')} onChange={(e) => { setSearch(e.target.value); setPage(1); }} style={{ width: 220 }} />
          <Select allowClear placeholder={t('complaints.list.grade')} value={grade} onChange={(v) => { setGrade(v); setPage(1); }} style={{ width: 130 }}
            options={COMPLAINT_GRADES.map((g) => ({ value: g, label: t(`complaints.grade.${g}`) }))} />
          <Select allowClear placeholder={t('complaints.list.step')} value={step} onChange={(v) => { setStep(v); setPage(1); }} style={{ width: 150 }}
            options={[...COMPLAINT_STEPS, 'closed' as const].map((s) => ({ value: s, label: t(`complaints.step.${s}`) }))} />
        </Flex>
        <Table<ComplaintCase>
          rowKey="ticketId"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('complaints.list.empty') }}
          onRow={(row) => ({ onClick: () => navigate(`/complaints/${row.ticketId}`), style: { cursor: 'pointer' } })}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showTotal: (n) => t('common.total', { count: n }) }}
          columns={[
            { title: t('complaints.list.number'), dataIndex: 'ticketNumber', width: 170, render: (n: string, r) => <Link to={`/complaints/${r.ticketId}`} onClick={(e) => e.stopPropagation()}>{n}</Link> },
            { title: t('complaints.list.subject'), dataIndex: 'subject', ellipsis: true },
            { title: t('complaints.list.grade'), dataIndex: 'grade', width: 110, render: (g: ComplaintCase['grade']) => <GradeTag grade={g} /> },
            {
              title: t('complaints.list.step'), key: 'step', width: 200,
              render: (_, r) => (
                <Flex gap={4} wrap>
                  <StepTag step={r.step} />
                  {r.pendingApproval && <Tag color="gold">{t('complaints.list.pending', { level: t(`complaints.level.${r.pendingApproval}`) })}</Tag>}
                </Flex>
              ),
            },
            { title: t('complaints.list.justified'), dataIndex: 'justified', width: 100, render: (j: boolean | null) => (j === null ? '—' : j ? t('common.yes') : t('common.no')) },
            { title: t('complaints.list.responsible'), key: 'responsible', width: 130, render: (_, r) => r.responsibleUser?.name ?? r.responsibleDepartment ?? '—' },
            { title: t('complaints.list.payout'), dataIndex: 'payoutTotalFen', width: 110, align: 'right', render: (f: number) => (f > 0 ? yuan(f) : '—') },
            { title: t('complaints.list.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v) },
          ]}
        />
      </Card>
      <ComplaintCreateModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
