import { useState } from 'react';
import { Button, Card, Descriptions, Flex, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetail, ComplaintPenalty } from '@kefu/shared';
import { useAuth, useMe } from '../../app/auth/AuthContext';
import { formatDateTime } from '../../ui/format';
import { REQUIRED_TEXT } from '../../ui/zodRule';
import { complaintsApi, toFen, yuan } from './complaintsApi';
import { useComplaintMutation } from './useComplaintMutation';

interface Values { penalty: string; points?: number; amountYuan?: number }

/** 职员处罚单: written for the responsible staff member, signed by them and by the general manager in person. */
export function ComplaintPenaltiesCard({ complaint }: { complaint: ComplaintDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const create = useComplaintMutation(complaint.ticketId, (v: Values) => complaintsApi.createPenalty(complaint.ticketId, {
    penalty: v.penalty, points: v.points ?? undefined, amountFen: v.amountYuan === undefined || v.amountYuan === null ? undefined : toFen(v.amountYuan),
  }), () => { setOpen(false); form.resetFields(); });
  const sign = useComplaintMutation(complaint.ticketId, ({ id, as }: { id: number; as: 'staff' | 'gm' }) => complaintsApi.signPenalty(id, as));
  const eligible = complaint.justified === true && complaint.responsibleUser !== null;
  if (!eligible && complaint.penalties.length === 0) return null;

  const signature = (p: ComplaintPenalty, as: 'staff' | 'gm') => {
    const at = as === 'staff' ? p.staffSignedAt : p.gmSignedAt;
    if (at) return <span>{as === 'gm' && p.gmSignedBy ? `${p.gmSignedBy.name} · ` : ''}{t('complaints.penalty.signed', { time: formatDateTime(at) })}</span>;
    const mine = as === 'staff' ? p.user.id === me.id : can('complaints.approve_serious') && p.user.id !== me.id;
    return mine ? (
      <Button size="small" type="primary" loading={sign.isPending} onClick={() => sign.mutate({ id: p.id, as })} data-testid={`penalty-sign-${as}`}>
        {t(as === 'staff' ? 'complaints.penalty.signAsStaff' : 'complaints.penalty.signAsGm')}
      </Button>
    ) : <Typography.Text type="secondary">{t('complaints.penalty.unsigned')}</Typography.Text>;
  };

  return (
    <Card size="small" title={t('complaints.penalty.title')} style={{ marginBottom: 16 }} data-testid="complaint-penalties"
      extra={eligible && can('complaints.handle') && <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="penalty-create">{t('complaints.penalty.create')}</Button>}>
      {complaint.penalties.length === 0 && <Typography.Text type="secondary">{t('complaints.penalty.empty')}</Typography.Text>}
      <Flex vertical gap={12}>
        {complaint.penalties.map((p) => (
          <Descriptions key={p.id} size="small" bordered column={1} items={[
            { key: 'staff', label: t('complaints.penalty.staff'), children: `${p.user.name} · ${t('complaints.penalty.month')} ${p.month}` },
            { key: 'penalty', label: t('complaints.penalty.penalty'), children: [p.penalty, p.points !== null ? `${t('complaints.penalty.points')} ${p.points}` : null, p.amountFen !== null ? yuan(p.amountFen) : null].filter(Boolean).join(' · ') },
            { key: 'staffSign', label: t('complaints.penalty.staffSign'), children: signature(p, 'staff') },
            { key: 'gmSign', label: t('complaints.penalty.gmSign'), children: signature(p, 'gm') },
          ]} />
        ))}
      </Flex>
      <Modal open={open} title={t('complaints.penalty.create')} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={create.isPending}
        okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
        <Typography.Paragraph>{t('complaints.penalty.staff')}：{complaint.responsibleUser?.name}</Typography.Paragraph>
        <Form<Values> form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="penalty" label={t('complaints.penalty.penalty')} rules={[REQUIRED_TEXT]}>
            <Input.TextArea autoSize={{ minRows: 2 }} data-testid="penalty-text" />
          </Form.Item>
          <Flex gap={16}>
            <Form.Item name="points" label={t('complaints.penalty.points')}><InputNumber min={0} max={100} precision={0} data-testid="penalty-points" /></Form.Item>
            <Form.Item name="amountYuan" label={t('complaints.penalty.amountYuan')}><InputNumber min={0} precision={2} prefix="¥" /></Form.Item>
          </Flex>
        </Form>
      </Modal>
    </Card>
  );
}
