import type { ReactNode } from 'react';
import { Form, Modal, type FormInstance } from 'antd';

interface AdminFormModalProps<T> {
  open: boolean;
  title: string;
  form: FormInstance<T>;
  initialValues?: Partial<T>;
  loading?: boolean;
  width?: number;
  onCancel: () => void;
  onFinish: (values: T) => void;
  children: ReactNode;
  testId?: string;
}

/** The create/edit dialog every admin page uses: vertical form, save on OK or Enter. */
export function AdminFormModal<T extends object>({ open, title, form, initialValues, loading, width, onCancel, onFinish, children, testId }: AdminFormModalProps<T>) {
  return (
    <Modal
      open={open}
      title={title}
      width={width ?? 560}
      onCancel={onCancel}
      onOk={() => form.submit()}
      confirmLoading={loading}
      destroyOnHidden
      okButtonProps={testId ? { 'data-testid': `${testId}-save` } : undefined}
    >
      <Form<T> form={form} layout="vertical" preserve={false} initialValues={initialValues} onFinish={onFinish} data-testid={testId}>
        {children}
      </Form>
    </Modal>
  );
}
