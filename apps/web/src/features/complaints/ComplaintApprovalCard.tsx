import { useState } from 'react';
import { Button, Card, Flex, Form, Input, Modal, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetail } from '@kefu/shared';
import { useAuth, useMe } from '../../app/auth/AuthContext';
import { formatDateTime } from '../../ui/format';
import { REQUIRED_TEXT } from '../../ui/zodRule';
import { complaintsApi } from './complaintsApi';
import { useComplaintMutation } from './useComplaintMutation';

/** Whether the signed-in user may decide the pending level (the server checks again). */
function useMayDecide(c: ComplaintDetail): boolean {
  const { can } = useAuth();
  const me = useMe();
  if (!c.pendingApproval) return false;
  const round = 1 + c.approvals.filter((a) => a.decision === 'rejected').length;
  const approvedThisRound = c.approvals.filter((a) => a.round === round && a.decision === 'approved').map((a) => a.by?.id);
  if (c.pendingApproval === 'manager') return can('complaints.approve');
  return can('complaints.approve_serious') && !approvedThisRound.includes(me.id);
}

/** 审批: the levels this proposal needs, the decisions so far, and approve / reject for the one whose turn it is. */
export function ComplaintApprovalCard({ complaint }: { complaint: ComplaintDetail }) {
  const { t } = useTranslation();
  const mayDecide = useMayDecide(complaint);
  const [note, setNote] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const approve = useComplaintMutation(complaint.ticketId, () => complaintsApi.approve(complaint.ticketId, complaint.version, note || undefined), () => setNote(''));
  const reject = useComplaintMutation(complaint.ticketId, (reason: string) => complaintsApi.reject(complaint.ticketId, complaint.version, reason), () => setRejecting(false));
  const levels = complaint.requiredApprovals.map((l) => t(`complaints.level.${l}`)).join(' → ');

  return (
    <Card size="small" title={t('complaints.approval.title')} style={{ marginBottom: 16 }} data-testid="complaint-approval">
      <Typography.Paragraph type="secondary">{t('complaints.approval.required', { levels })}</Typography.Paragraph>
      {complaint.approvals.length === 0 ? <Typography.Paragraph type="secondary">{t('complaints.approval.none')}</Typography.Paragraph> : (
        <Timeline
          items={complaint.approvals.map((a, i) => ({
            key: i,
            color: a.decision === 'approved' ? 'green' : 'red',
            content: (
              <div>
                <Flex gap={6} wrap>
                  <Tag color={a.decision === 'approved' ? 'green' : 'red'}>{t(`complaints.approval.${a.decision}`)}</Tag>
                  <span>{t(`complaints.level.${a.level}`)} {a.by?.name}</span>
                  <span className="kefu-muted">{formatDateTime(a.at)} · {t('complaints.approval.round', { round: a.round })}</span>
                </Flex>
                {a.note && <div>{a.note}</div>}
              </div>
            ),
          }))}
        />
      )}
      {complaint.pendingApproval && (
        <>
          <Tag color="gold" style={{ marginBottom: 8 }}>{t('complaints.approval.waiting', { level: t(`complaints.level.${complaint.pendingApproval}`) })}</Tag>
          {mayDecide ? (
            <>
              <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('complaints.approval.note')} autoSize={{ minRows: 2 }} style={{ marginBottom: 8 }} />
              <Flex gap={8}>
                <Button type="primary" loading={approve.isPending} onClick={() => approve.mutate(undefined)} data-testid="complaint-approve">{t('complaints.approval.approve')}</Button>
                <Button danger onClick={() => setRejecting(true)} data-testid="complaint-reject">{t('complaints.approval.reject')}</Button>
              </Flex>
            </>
          ) : <Typography.Paragraph type="secondary">{t('complaints.approval.notMine')}</Typography.Paragraph>}
        </>
      )}
      <Modal open={rejecting} title={t('complaints.approval.rejectTitle')} onCancel={() => setRejecting(false)} onOk={() => form.submit()} confirmLoading={reject.isPending}
        okText={t('complaints.approval.reject')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => reject.mutate(v.reason)}>
          <Form.Item name="reason" label={t('complaints.approval.reason')} rules={[REQUIRED_TEXT]}>
            <Input.TextArea autoSize={{ minRows: 3 }} data-testid="complaint-reject-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
