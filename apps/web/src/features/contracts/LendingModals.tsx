import { DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { LENDING_RETURN_CONDITIONS, lendingRequestSchema, type Lending } from '@kefu/shared';
import { useDirectoryLookup } from '../directory/useDirectory';
import { REQUIRED, REQUIRED_TEXT, zodRule } from '../../ui/zodRule';
import { archiveKeys, lendingApi } from './archiveApi';
import { useArchiveMutation } from './useArchiveMutation';

interface RequestValues { documentTitle: string; documentNo?: string; borrowerId: number; purpose: string; expectedReturnDate: Dayjs }
const shape = lendingRequestSchema.shape;

/** 借出单: what, to whom, why, and when it comes back. */
export function LendingRequestModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RequestValues>();
  const lookup = useDirectoryLookup();
  const save = useArchiveMutation(archiveKeys.lending, (v: RequestValues) =>
    lendingApi.request({ documentTitle: v.documentTitle, documentNo: v.documentNo || null, borrowerId: v.borrowerId, purpose: v.purpose, expectedReturnDate: v.expectedReturnDate.format('YYYY-MM-DD') }), onClose);
  return (
    <Modal open={open} title={t('contracts.lending.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'lending-save' }}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ expectedReturnDate: dayjs().add(3, 'day') }} onFinish={(v) => save.mutate(v)} data-testid="lending-form">
        <Form.Item name="documentTitle" label={t('contracts.lending.documentTitle')} rules={[REQUIRED_TEXT, zodRule(shape.documentTitle)]}>
          <Input />
        </Form.Item>
        <Form.Item name="documentNo" label={t('contracts.lending.documentNo')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="borrowerId" label={t('contracts.lending.borrower')} rules={[REQUIRED]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={lookup.userOptions} data-testid="lending-borrower" />
        </Form.Item>
        <Form.Item name="purpose" label={t('contracts.lending.purpose')} rules={[REQUIRED_TEXT, zodRule(shape.purpose)]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="expectedReturnDate" label={t('contracts.lending.expectedReturn')} rules={[REQUIRED]}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function LendingRejectModal({ record, onClose }: { record: Lending | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const save = useArchiveMutation(archiveKeys.lending, (v: { reason: string }) => lendingApi.act(record!.id, 'reject', { version: record!.version, reason: v.reason }), onClose);
  return (
    <Modal open={record !== null} title={t('contracts.lending.rejectTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okButtonProps={{ danger: true }} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="reason" label={t('contracts.lending.rejectReason')} rules={[REQUIRED_TEXT]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ReturnValues { returnedOn: Dayjs; condition: Lending['returnCondition']; note?: string }

export function LendingReturnModal({ record, onClose }: { record: Lending | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ReturnValues>();
  const save = useArchiveMutation(archiveKeys.lending, (v: ReturnValues) =>
    lendingApi.act(record!.id, 'return', { version: record!.version, returnedOn: v.returnedOn.format('YYYY-MM-DD'), condition: v.condition, note: v.note || null }), onClose);
  return (
    <Modal open={record !== null} title={t('contracts.lending.returnTitle', { title: record?.documentTitle ?? '' })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'return-save' }}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ returnedOn: dayjs(), condition: 'intact' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="returnedOn" label={t('contracts.lending.returnedOn')} rules={[REQUIRED]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="condition" label={t('contracts.lending.condition')} rules={[REQUIRED]}>
          <Select options={LENDING_RETURN_CONDITIONS.map((c) => ({ value: c, label: t(`contracts.returnCondition.${c}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('contracts.lending.returnNote')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
