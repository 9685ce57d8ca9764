import { useEffect, useState } from 'react';
import { Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { LEAVE_KINDS, type LeaveKind, type RosterShift } from '@kefu/shared';
import { notifySuccess } from '../../app/notify';
import { useRequestLeave, violationsOf, type Violation } from './rostersApi';
import { ViolationAlert } from './ViolationAlert';

interface Values {
  kind: LeaveKind;
  period: [Dayjs, Dayjs];
  reason?: string;
  certificateRef?: string;
  emergency?: boolean;
  exceptional?: boolean;
}

/** 请假申请: prefilled with the shift it was opened from; a refusal lists every broken rule. */
export function LeaveRequestModal({ shift, open, onClose }: { shift: RosterShift | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const request = useRequestLeave();
  const [violations, setViolations] = useState<Violation[]>([]);
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    if (!open) return;
    setViolations([]);
    form.resetFields();
    if (shift) form.setFieldsValue({ kind: 'personal', period: [dayjs(shift.startsAt), dayjs(shift.endsAt)] });
  }, [open, shift, form]);

  const onFinish = async (v: Values) => {
    setViolations([]);
    try {
      await request.mutateAsync({
        kind: v.kind,
        startsAt: v.period[0].toISOString(),
        endsAt: v.period[1].toISOString(),
        reason: v.reason ?? '',
        certificateRef: v.certificateRef?.trim() || null,
        emergency: !!v.emergency,
        exceptional: !!v.exceptional,
      });
      notifySuccess(t('rosters.leaveForm.submitted'));
      onClose();
    } catch (error) {
      setViolations(violationsOf(error));
    }
  };

  return (
    <Modal open={open} title={t('rosters.leaveForm.title')} onCancel={onClose} onOk={() => form.submit()} okText={t('rosters.common.submit')} confirmLoading={request.isPending} destroyOnHidden width={560}>
      <ViolationAlert title={t('rosters.swapForm.broken')} violations={violations} />
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ kind: 'personal' }}>
        <Form.Item name="kind" label={t('rosters.leaveForm.kind')} rules={[{ required: true }]}>
          <Select options={LEAVE_KINDS.map((k) => ({ value: k, label: t(`rosters.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="period" label={t('rosters.leaveForm.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t('rosters.leaveForm.reason')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
        </Form.Item>
        {kind === 'sick' && (
          <>
            <Form.Item name="certificateRef" label={t('rosters.leaveForm.certificate')}>
              <Input placeholder={t('rosters.leaveForm.certificatePlaceholder')} maxLength={200} />
            </Form.Item>
            <Form.Item name="emergency" valuePropName="checked">
              <Checkbox>{t('rosters.leaveForm.emergency')}</Checkbox>
            </Form.Item>
          </>
        )}
        <Form.Item name="exceptional" valuePropName="checked">
          <Checkbox>{t('rosters.leaveForm.exceptional')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
