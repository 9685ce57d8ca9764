import { Button, Card, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ComplaintCase } from '@kefu/shared';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { GradeTag } from './ComplaintTags';
import { complaintKeys, complaintsApi, yuan } from './complaintsApi';

/** 投诉审批: proposals waiting for the signed-in manager's or general manager's decision. */
export function ComplaintApprovalsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const inbox = useQuery({ queryKey: complaintKeys.approvals, queryFn: complaintsApi.approvals });
  return (
    <>
      <PageHeader title={t('complaints.approvals.title')} subtitle={t('complaints.approvals.subtitle')} />
      <Card data-testid="complaint-approvals">
        <Table<ComplaintCase>
          rowKey="ticketId"
          loading={inbox.isLoading}
          dataSource={inbox.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('complaints.approvals.empty') }}
          columns={[
            { title: t('complaints.list.number'), dataIndex: 'ticketNumber', width: 170 },
            { title: t('complaints.list.subject'), dataIndex: 'subject', ellipsis: true },
            { title: t('complaints.list.grade'), dataIndex: 'grade', width: 110, render: (g: ComplaintCase['grade']) => <GradeTag grade={g} /> },
            { title: t('complaints.list.step'), key: 'level', width: 160, render: (_, r) => r.pendingApproval && <Tag color="gold">{t('complaints.list.pending', { level: t(`complaints.level.${r.pendingApproval}`) })}</Tag> },
            { title: t('complaints.list.payout'), dataIndex: 'payoutTotalFen', width: 110, align: 'right', render: (f: number) => (f > 0 ? yuan(f) : '—') },
            { title: t('complaints.list.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v) },
            { key: 'open', width: 90, render: (_, r) => <Button type="primary" size="small" onClick={() => navigate(`/complaints/${r.ticketId}`)} data-testid="complaint-approvals-open">{t('complaints.approvals.open')}</Button> },
          ]}
        />
      </Card>
    </>
  );
}
