import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { COMPLAINT_GRADES, type ComplaintGrade } from '@kefu/shared';
import { REQUIRED, REQUIRED_TEXT } from '../../ui/zodRule';
import { complaintKeys, complaintsApi } from './complaintsApi';

interface Values { subject: string; description: string; contactName?: string; contactPhone?: string; grade: ComplaintGrade }

/** Registers a complaint: the work order of type complaint and its case in one go. */
export function ComplaintCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const grade = Form.useWatch('grade', form);
  const create = useMutation({
    mutationFn: (v: Values) => complaintsApi.create({
      grade: v.grade,
      ticket: { subject: v.subject, description: v.description, contactName: v.contactName || undefined, contactPhone: v.contactPhone || undefined, priority: v.grade === 'serious' ? 'urgent' : 'high', channel: 'phone', createCustomer: true },
    }),
    onSuccess: (c) => {
      void queryClient.invalidateQueries({ queryKey: complaintKeys.all });
      form.resetFields();
      onClose();
      navigate(`/complaints/${c.ticketId}`);
    },
  });
  return (
    <Modal open={open} title={t('complaints.create.title')} okText={t('complaints.create.submit')} cancelText={t('common.cancel')}
      onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden width={620}>
      <Form<Values> form={form} layout="vertical" initialValues={{ grade: 'general' }} onFinish={(v) => create.mutate(v)} data-testid="complaint-create-form">
        <Form.Item name="grade" label={t('complaints.create.grade')} rules={[REQUIRED]}>
          <Radio.Group optionType="button" options={COMPLAINT_GRADES.map((g) => ({ value: g, label: t(`complaints.grade.${g}`) }))} />
        </Form.Item>
        {grade === 'serious' && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('complaints.create.seriousHint')} />}
        <Form.Item name="subject" label={t('complaints.create.subject')} rules={[REQUIRED_TEXT, { max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('complaints.create.description')} rules={[REQUIRED_TEXT]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Form.Item name="contactName" label={t('complaints.create.contactName')}>
          <Input />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('complaints.create.contactPhone')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
