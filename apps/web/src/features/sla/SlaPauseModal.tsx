import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SlaPauseInput } from './slaApi';

const REASONS: SlaPauseInput['reason'][] = ['customer_unreachable', 'customer_request', 'other'];

interface SlaPauseModalProps {
  mode: 'pause' | 'resume' | null;
  loading: boolean;
  onCancel: () => void;
  onSubmit: (values: { reason?: SlaPauseInput['reason']; note?: string }) => Promise<unknown>;
}

/** 暂停计时 (with a reason) or 恢复计时, each with an optional note for the pause log. */
export function SlaPauseModal({ mode, loading, onCancel, onSubmit }: SlaPauseModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason?: SlaPauseInput['reason']; note?: string }>();
  return (
    <Modal
      open={mode !== null}
      title={mode === 'pause' ? t('sla.card.pauseTitle') : t('sla.card.resumeTitle')}
      okText={mode === 'pause' ? t('sla.card.pause') : t('sla.card.resume')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      confirmLoading={loading}
      okButtonProps={{ 'data-testid': 'sla-pause-submit' } as never}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ reason: 'customer_unreachable' }}
        onFinish={async (values) => {
          try {
            await onSubmit({ reason: values.reason, note: values.note?.trim() || undefined });
          } catch {
            // Reported by the mutation; the dialog stays open.
          }
        }}
      >
        {mode === 'pause' && (
          <Form.Item name="reason" label={t('sla.card.reasonLabel')} rules={[{ required: true }]}>
            <Select data-testid="sla-pause-reason" options={REASONS.map((r) => ({ value: r, label: t(`sla.reason.${r}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('sla.card.note')} rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder={mode === 'pause' ? t('sla.card.notePlaceholder') : undefined} data-testid="sla-pause-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
