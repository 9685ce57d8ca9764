import { Form, Input, Modal } from 'antd';
import { LIMITS } from '@kefu/shared';
import { REQUIRED_TEXT } from '../../../ui/zodRule';

interface ReasonModalProps {
  open: boolean;
  title: string;
  label: string;
  placeholder?: string;
  required?: boolean;
  okText: string;
  loading?: boolean;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<unknown>;
}

/** A short free-text reason for a state change: waiting, resolving, reopening. */
export function ReasonModal({ open, title, label, placeholder, required, okText, loading, onCancel, onSubmit }: ReasonModalProps) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal open={open} title={title} okText={okText} onCancel={onCancel} onOk={() => form.submit()} confirmLoading={loading} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={async ({ reason }) => {
          try {
            await onSubmit(reason?.trim() ?? '');
          } catch {
            // Reported by the mutation; the dialog stays open.
          }
        }}
      >
        <Form.Item name="reason" label={label} rules={required ? [REQUIRED_TEXT, { max: 500 }] : [{ max: LIMITS.noteMax }]}>
          <Input.TextArea autoFocus autoSize={{ minRows: 3, maxRows: 8 }} placeholder={placeholder} data-testid="reason-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
