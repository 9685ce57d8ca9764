import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ARCHIVE_LIMITS, STAFF_MOVEMENTS, type Staff } from '@kefu/shared';
import { REQUIRED, REQUIRED_TEXT } from '../../ui/zodRule';
import { archiveKeys, contractsApi, staffApi, toFen } from './archiveApi';
import { CustomerPicker } from './CustomerPicker';
import { useArchiveMutation } from './useArchiveMutation';

type Props = { staff: Staff; open: boolean; onClose: () => void };
const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** 流动情况记录: only the movements the machine allows from the current status are offered. */
export function MovementModal({ staff, open, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ kind: Staff['status']; onDate: Dayjs; note?: string }>();
  const save = useArchiveMutation(archiveKeys.staff, (v: { kind: Staff['status']; onDate: Dayjs; note?: string }) =>
    staffApi.move(staff.id, { version: staff.version, kind: v.kind, onDate: day(v.onDate), note: v.note || null }), onClose);
  const allowed = STAFF_MOVEMENTS[staff.status];
  return (
    <Modal open={open} title={t('contracts.staff.addMovement')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'movement-save' }}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: allowed[0], onDate: dayjs() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="kind" label={t('contracts.staff.movementKind')} rules={[REQUIRED]}>
          <Select options={allowed.map((k) => ({ value: k, label: t(`contracts.staffStatus.${k}`) }))} data-testid="movement-kind" />
        </Form.Item>
        <Form.Item name="onDate" label={t('contracts.staff.date')} rules={[REQUIRED]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="note" label={t('contracts.staff.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface PlacementValues { customerId: number; contractId?: number; period: [Dayjs, Dayjs | null]; note?: string }

/** 上户: with a customer, optionally under one of the customer's contracts. */
export function PlacementModal({ staff, open, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PlacementValues>();
  const customerId = Form.useWatch('customerId', form);
  const contracts = useQuery({
    queryKey: archiveKeys.contractList({ customerId, pageSize: 50 }),
    queryFn: () => contractsApi.list({ customerId, pageSize: 50 }),
    enabled: open && Boolean(customerId),
  });
  const save = useArchiveMutation(archiveKeys.staff, (v: PlacementValues) =>
    staffApi.place(staff.id, { customerId: v.customerId, contractId: v.contractId ?? null, startDate: day(v.period[0]), endDate: v.period[1] ? day(v.period[1]) : null, note: v.note || null }), onClose);
  return (
    <Modal open={open} title={t('contracts.staff.addPlacement')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'placement-save' }}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ period: [dayjs(), null] }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="customerId" label={t('contracts.contract.customer')} rules={[REQUIRED]}>
          <CustomerPicker onChange={() => form.setFieldValue('contractId', undefined)} />
        </Form.Item>
        <Form.Item name="contractId" label={t('contracts.staff.placementContract')}>
          <Select allowClear disabled={!customerId} loading={contracts.isFetching}
            options={(contracts.data?.items ?? []).filter((c) => c.status === 'active' || c.status === 'draft').map((c) => ({ value: c.id, label: `${c.number} · ${c.title}` }))} />
        </Form.Item>
        <Form.Item name="period" label={`${t('contracts.staff.placementStart')} ~ ${t('contracts.staff.placementEnd')}`} rules={[REQUIRED]}>
          <DatePicker.RangePicker allowEmpty={[false, true]} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('contracts.staff.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface DeductionValues { month: Dayjs; points: number; amountYuan: number | null; reason: string; ticketId?: number | null }

/** 月绩效扣款: points and/or money for a month, optionally tied to the complaint it came from. */
export function DeductionModal({ staff, open, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DeductionValues>();
  const save = useArchiveMutation(archiveKeys.staff, (v: DeductionValues) =>
    staffApi.deduct(staff.id, { month: v.month.format('YYYY-MM'), points: v.points ?? 0, amountFen: toFen(v.amountYuan), reason: v.reason, ticketId: v.ticketId ?? null }), onClose);
  return (
    <Modal open={open} title={t('contracts.staff.addDeduction')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'deduction-save' }}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ month: dayjs(), points: 1 }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="month" label={t('contracts.staff.month')} rules={[REQUIRED]}>
          <DatePicker picker="month" />
        </Form.Item>
        <Form.Item name="points" label={t('contracts.staff.points')}>
          <InputNumber min={0} max={ARCHIVE_LIMITS.deductionPointsMax} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="amountYuan" label={t('contracts.staff.amount')}>
          <InputNumber min={0} precision={2} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="reason" label={t('contracts.staff.reason')} rules={[REQUIRED_TEXT]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="ticketId" label={t('contracts.staff.ticketId')}>
          <InputNumber min={1} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
