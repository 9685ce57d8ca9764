import { DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@kefu/shared';
import { REQUIRED, REQUIRED_TEXT } from '../../../ui/zodRule';
import { useDirectoryLookup } from '../../directory/useDirectory';

export interface TransferValues {
  departmentId: number;
  dueAt: Dayjs;
  request: string;
}

interface TransferModalProps {
  open: boolean;
  loading?: boolean;
  onCancel: () => void;
  onSubmit: (values: TransferValues) => Promise<unknown>;
}

/** 转办: hand the work to another department with a due time; the answer comes back to us. */
export function TransferModal({ open, loading, onCancel, onSubmit }: TransferModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TransferValues>();
  const { departmentOptions } = useDirectoryLookup();
  return (
    <Modal open={open} title={t('ticket.transfer.title')} okText={t('ticket.transfer.submit')} onCancel={onCancel} onOk={() => form.submit()} confirmLoading={loading} destroyOnHidden>
      <Form<TransferValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ dueAt: dayjs().add(24, 'hour').startOf('hour') }}
        onFinish={async (values) => {
          try {
            await onSubmit(values);
          } catch {
            // Reported by the mutation.
          }
        }}
      >
        <Form.Item name="departmentId" label={t('ticket.transfer.department')} rules={[REQUIRED]}>
          <Select options={departmentOptions} showSearch={{ optionFilterProp: 'label' }} placeholder={t('ticket.transfer.departmentPlaceholder')} data-testid="transfer-department" />
        </Form.Item>
        <Form.Item name="dueAt" label={t('ticket.transfer.dueAt')} rules={[REQUIRED]} extra={t('ticket.transfer.dueHint')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
        </Form.Item>
        <Form.Item name="request" label={t('ticket.transfer.request')} rules={[REQUIRED_TEXT, { max: LIMITS.noteMax }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder={t('ticket.transfer.requestPlaceholder')} data-testid="transfer-request" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
