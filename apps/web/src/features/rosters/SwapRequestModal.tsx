import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RosterShift } from '@kefu/shared';
import { notifySuccess } from '../../app/notify';
import { formatDateTime } from '../../ui/format';
import { checkSwap, useRequestSwap, violationsOf, type Violation } from './rostersApi';
import { ViolationAlert } from './ViolationAlert';

export const shiftLabel = (s: RosterShift) => `${s.date} ${s.shiftCode} ${formatDateTime(s.startsAt).slice(11)}–${formatDateTime(s.endsAt).slice(11)}`;

/** 换班申请: pick one of my shifts and a colleague's; the rules are checked as soon as both are chosen. */
export function SwapRequestModal({ open, onClose, myShift, mine, others }: { open: boolean; onClose: () => void; myShift: RosterShift | null; mine: RosterShift[]; others: RosterShift[] }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ requesterShiftId: number; counterpartShiftId: number; reason?: string }>();
  const request = useRequestSwap();
  const [violations, setViolations] = useState<Violation[]>([]);
  const [checkedOk, setCheckedOk] = useState(false);
  const requesterShiftId = Form.useWatch('requesterShiftId', form);
  const counterpartShiftId = Form.useWatch('counterpartShiftId', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setViolations([]);
    setCheckedOk(false);
    if (myShift) form.setFieldsValue({ requesterShiftId: myShift.id });
  }, [open, myShift, form]);

  useEffect(() => {
    setCheckedOk(false);
    setViolations([]);
    if (!requesterShiftId || !counterpartShiftId) return;
    let live = true;
    checkSwap(requesterShiftId, counterpartShiftId)
      .then((r) => {
        if (!live) return;
        setViolations(r.violations);
        setCheckedOk(r.ok);
      })
      .catch((e) => live && setViolations(violationsOf(e)));
    return () => {
      live = false;
    };
  }, [requesterShiftId, counterpartShiftId]);

  const otherOptions = useMemo(() => others.map((s) => ({ value: s.id, label: `${s.userName} · ${shiftLabel(s)}` })), [others]);

  const onFinish = async (v: { requesterShiftId: number; counterpartShiftId: number; reason?: string }) => {
    try {
      await request.mutateAsync({ requesterShiftId: v.requesterShiftId, counterpartShiftId: v.counterpartShiftId, reason: v.reason ?? '' });
      notifySuccess(t('rosters.swapForm.submitted'));
      onClose();
    } catch (error) {
      setViolations(violationsOf(error));
    }
  };

  return (
    <Modal
      open={open}
      title={t('rosters.swapForm.title')}
      onCancel={onClose}
      destroyOnHidden
      width={620}
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="submit" type="primary" loading={request.isPending} onClick={() => form.submit()} data-testid="swap-submit">
          {t('rosters.common.submit')}
        </Button>,
      ]}
    >
      <ViolationAlert title={t('rosters.swapForm.broken')} violations={violations} />
      {checkedOk && <Alert type="success" showIcon title={t('rosters.swapForm.ok')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="requesterShiftId" label={t('rosters.swapForm.myShift')} rules={[{ required: true }]}>
          <Select options={mine.map((s) => ({ value: s.id, label: shiftLabel(s) }))} data-testid="swap-mine" />
        </Form.Item>
        <Form.Item name="counterpartShiftId" label={t('rosters.swapForm.theirShift')} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} placeholder={t('rosters.swapForm.theirShiftHint')} options={otherOptions} data-testid="swap-counterpart" />
        </Form.Item>
        <Form.Item name="reason" label={t('rosters.common.reason')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
