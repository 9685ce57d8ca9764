import { useState } from 'react';
import { Button, Card, DatePicker, Flex, Select, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ComplaintPenalty } from '@kefu/shared';
import { useAuth, useMe } from '../../app/auth/AuthContext';
import { useDirectoryLookup } from '../directory/useDirectory';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { complaintKeys, complaintsApi, yuan } from './complaintsApi';

/** 职员处罚单 per person and month: what performance and payroll take from the complaints. */
export function ComplaintPenaltiesPage() {
  const { t } = useTranslation();
  const { canAny } = useAuth();
  const me = useMe();
  const lookup = useDirectoryLookup();
  const queryClient = useQueryClient();
  const seesOthers = canAny('complaints.handle', 'complaints.approve', 'complaints.approve_serious', 'reports.read');
  const [userId, setUserId] = useState(me.id);
  const [month, setMonth] = useState<Dayjs | null>(null);
  const query = { userId, month: month?.format('YYYY-MM') };
  const list = useQuery({ queryKey: complaintKeys.penalties(query), queryFn: () => complaintsApi.penalties(query) });
  const sign = useMutation({
    mutationFn: ({ id, as }: { id: number; as: 'staff' | 'gm' }) => complaintsApi.signPenalty(id, as),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: complaintKeys.all }),
  });
  const rows = list.data?.items ?? [];
  const points = rows.reduce((s, p) => s + (p.points ?? 0), 0);
  const amount = rows.reduce((s, p) => s + (p.amountFen ?? 0), 0);
  const signature = (p: ComplaintPenalty, as: 'staff' | 'gm') => {
    const at = as === 'staff' ? p.staffSignedAt : p.gmSignedAt;
    if (at) return formatDateTime(at);
    const mine = as === 'staff' ? p.user.id === me.id : canAny('complaints.approve_serious') && p.user.id !== me.id;
    return mine
      ? <Button size="small" type="primary" loading={sign.isPending} onClick={() => sign.mutate({ id: p.id, as })}>{t(as === 'staff' ? 'complaints.penalty.signAsStaff' : 'complaints.penalty.signAsGm')}</Button>
      : <Typography.Text type="secondary">{t('complaints.penalty.unsigned')}</Typography.Text>;
  };
  return (
    <>
      <PageHeader title={t('complaints.penaltyList.title')} subtitle={t('complaints.penaltyList.subtitle')} />
      <Card>
        <Flex gap={8} wrap align="center" className="kefu-filter-bar">
          {seesOthers && (
            <Select value={userId} onChange={setUserId} showSearch={{ optionFilterProp: 'label' }} options={lookup.userOptions} style={{ width: 200 }} aria-label={t('complaints.penaltyList.user')} />
          )}
          <DatePicker picker="month" value={month} onChange={setMonth} placeholder={t('complaints.penaltyList.allMonths')} />
          {rows.length > 0 && <span className="kefu-muted">{t('complaints.penaltyList.totalPoints', { points, amount: yuan(amount) })}</span>}
        </Flex>
        <Table<ComplaintPenalty>
          rowKey="id"
          loading={list.isLoading}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: t('complaints.penalty.empty') }}
          columns={[
            { title: t('complaints.penalty.month'), dataIndex: 'month', width: 100 },
            { title: t('complaints.penaltyList.ticket'), dataIndex: 'ticketNumber', width: 170, render: (n: string, p) => <Link to={`/complaints/${p.ticketId}`}>{n}</Link> },
            { title: t('complaints.penalty.penalty'), dataIndex: 'penalty' },
            { title: t('complaints.penalty.points'), dataIndex: 'points', width: 80, align: 'right', render: (v: number | null) => v ?? '—' },
            { title: t('complaints.penalty.amountYuan'), dataIndex: 'amountFen', width: 110, align: 'right', render: (v: number | null) => (v === null ? '—' : yuan(v)) },
            { title: t('complaints.penalty.staffSign'), key: 'staff', width: 160, render: (_, p) => signature(p, 'staff') },
            { title: t('complaints.penalty.gmSign'), key: 'gm', width: 160, render: (_, p) => (p.gmSignedBy ? `${p.gmSignedBy.name} ${formatDateTime(p.gmSignedAt)}` : signature(p, 'gm')) },
          ]}
        />
      </Card>
    </>
  );
}
