import { DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ARCHIVE_LIMITS, CONTRACT_KINDS, contractInputSchema, type Contract } from '@kefu/shared';
import { useDirectoryLookup } from '../directory/useDirectory';
import { REQUIRED, REQUIRED_TEXT, zodRule } from '../../ui/zodRule';
import { archiveKeys, contractsApi, staffApi, toFen } from './archiveApi';
import { CustomerPicker } from './CustomerPicker';
import { useArchiveMutation } from './useArchiveMutation';

interface FormValues {
  number: string;
  customerId: number;
  ourParty: string;
  title: string;
  kind: Contract['kind'];
  period: [Dayjs, Dayjs];
  amountYuan: number | null;
  ownerId: number | null;
  staffIds: number[];
  reminderDays: number;
  status: 'draft' | 'active';
  note: string | null;
}

const shape = contractInputSchema.shape;
const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** Register a contract, or edit one (`contract` given; optimistic version sent along). */
export function ContractFormModal({ open, contract, onClose }: { open: boolean; contract: Contract | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const lookup = useDirectoryLookup();
  const staff = useQuery({ queryKey: archiveKeys.staffList({ pageSize: 200, picker: true }), queryFn: () => staffApi.list({ pageSize: 200 }), enabled: open });
  const save = useArchiveMutation(archiveKeys.contracts, (v: FormValues) => {
    const input = {
      number: v.number, customerId: v.customerId, ourParty: v.ourParty, title: v.title, kind: v.kind, startDate: day(v.period[0]), endDate: day(v.period[1]),
      amountFen: toFen(v.amountYuan), ownerId: v.ownerId ?? null, staffIds: v.staffIds ?? [], reminderDays: v.reminderDays, note: v.note || null,
    };
    return contract ? contractsApi.update(contract.id, { ...input, version: contract.version }) : contractsApi.create({ ...input, status: v.status });
  }, onClose);

  const initial: Partial<FormValues> = contract
    ? {
        number: contract.number, customerId: contract.customer.id, ourParty: contract.ourParty, title: contract.title, kind: contract.kind,
        period: [dayjs(contract.startDate), dayjs(contract.endDate)], amountYuan: contract.amountFen / 100, ownerId: contract.owner?.id ?? null,
        staffIds: contract.staff.map((s) => s.id), reminderDays: contract.reminderDays, note: contract.note,
      }
    : { ourParty: t('contracts.contract.ourPartyDefault'), kind: 'service', reminderDays: ARCHIVE_LIMITS.reminderDaysDefault, status: 'active', staffIds: [] };

  return (
    <Modal
      open={open}
      title={contract ? t('contracts.contract.edit') : t('contracts.contract.create')}
      width={680}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'contract-form-save' }}
    >
      <Form<FormValues> form={form} layout="vertical" preserve={false} initialValues={initial} onFinish={(v) => save.mutate(v)} data-testid="contract-form">
        <Form.Item name="number" label={t('contracts.contract.number')} rules={[REQUIRED_TEXT, zodRule(shape.number)]}>
          <Input placeholder="XGH-2026-001" />
        </Form.Item>
        <Form.Item name="customerId" label={t('contracts.contract.customer')} rules={[REQUIRED]}>
          <CustomerPicker initialLabel={contract?.customer.name} />
        </Form.Item>
        <Form.Item name="title" label={t('contracts.contract.titleLabel')} rules={[REQUIRED_TEXT, zodRule(shape.title)]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('contracts.contract.kind')} rules={[REQUIRED]}>
          <Select options={CONTRACT_KINDS.map((k) => ({ value: k, label: t(`contracts.contractKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="ourParty" label={t('contracts.contract.ourParty')} rules={[REQUIRED_TEXT, zodRule(shape.ourParty)]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('contracts.contract.period')}
          rules={[REQUIRED, { validator: (_, v?: [Dayjs, Dayjs]) => (!v || !v[1].isBefore(v[0], 'day') ? Promise.resolve() : Promise.reject(new Error(t('contracts.contract.endBeforeStart')))) }]}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="amountYuan" label={t('contracts.contract.amount')}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="ownerId" label={t('contracts.contract.owner')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={lookup.userOptions} />
        </Form.Item>
        <Form.Item name="staffIds" label={t('contracts.contract.staff')}>
          <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} loading={staff.isLoading} options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item name="reminderDays" label={t('contracts.contract.reminderDays')} rules={[REQUIRED]}>
          <InputNumber min={0} max={ARCHIVE_LIMITS.reminderDaysMax} style={{ width: 160 }} />
        </Form.Item>
        {!contract && (
          <Form.Item name="status" label={t('contracts.contract.initialStatus')}>
            <Radio.Group options={(['active', 'draft'] as const).map((s) => ({ value: s, label: t(`contracts.contractStatus.${s}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('contracts.contract.note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
