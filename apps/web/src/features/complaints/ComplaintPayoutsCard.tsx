import { Button, Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetail, ComplaintPayout } from '@kefu/shared';
import { useAuth } from '../../app/auth/AuthContext';
import { formatDateTime } from '../../ui/format';
import { complaintsApi, yuan } from './complaintsApi';
import { useComplaintMutation } from './useComplaintMutation';

/** 赔付 / 退费: the proposal's payouts, who approved them and when they were paid. */
export function ComplaintPayoutsCard({ complaint }: { complaint: ComplaintDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const paid = useComplaintMutation(complaint.ticketId, (payoutId: number) => complaintsApi.markPaid(complaint.ticketId, payoutId));
  if (complaint.payouts.length === 0) return null;
  const total = complaint.payouts.reduce((s, p) => s + p.amountFen, 0);
  return (
    <Card size="small" title={t('complaints.payouts.title')} extra={t('complaints.payouts.total', { amount: yuan(total) })} style={{ marginBottom: 16 }} data-testid="complaint-payouts">
      <Table<ComplaintPayout>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={complaint.payouts}
        columns={[
          { title: t('complaints.field.kind'), dataIndex: 'kind', render: (k: ComplaintPayout['kind']) => t(`complaints.payoutKind.${k}`) },
          { title: t('complaints.field.amountYuan'), dataIndex: 'amountFen', align: 'right', render: (f: number) => yuan(f) },
          { title: t('complaints.field.note'), dataIndex: 'note', render: (n: string | null) => n ?? '' },
          { title: t('complaints.payouts.approvedBy'), key: 'approved', render: (_, p) => (p.approvedBy ? p.approvedBy.name : <Tag color="gold">{t('complaints.payouts.notApproved')}</Tag>) },
          {
            title: t('complaints.payouts.paidAt'), key: 'paid',
            render: (_, p) => p.paidAt ? formatDateTime(p.paidAt) : p.approvedAt && can('complaints.handle')
              ? <Button size="small" loading={paid.isPending} onClick={() => paid.mutate(p.id)}>{t('complaints.payouts.markPaid')}</Button>
              : t('complaints.payouts.unpaid'),
          },
        ]}
      />
    </Card>
  );
}
