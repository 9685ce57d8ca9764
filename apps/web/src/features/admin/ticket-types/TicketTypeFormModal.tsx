import { Col, Divider, Form, Input, Row, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { ticketTypeInputSchema, type TicketType, type TicketTypeInput } from '@kefu/shared';
import { REQUIRED_TEXT, zodRule } from '../../../ui/zodRule';
import { AdminFormModal } from '../AdminFormModal';
import { useAdminSave } from '../useAdminResource';
import { CustomFieldEditor } from './CustomFieldEditor';
import { ProcessStepEditor } from './ProcessStepEditor';

const shape = ticketTypeInputSchema.shape;

export function TicketTypeFormModal({ type, onClose }: { type: TicketType | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TicketTypeInput>();
  const save = useAdminSave<Partial<TicketTypeInput>>('ticket-types');

  const onFinish = async (values: TicketTypeInput) => {
    const fields = (values.fields ?? []).map((f) => ({
      ...f,
      required: Boolean(f.required),
      options: f.kind === 'select' ? (f.options ?? []) : undefined,
    }));
    const steps = (values.steps ?? []).map((s) => ({ ...s, dueHours: s.dueHours ?? undefined, checklist: s.checklist ?? [] }));
    const input = type ? { nameZh: values.nameZh, nameEn: values.nameEn, active: values.active, fields, steps } : { ...values, fields, steps };
    try {
      await save.mutateAsync({ id: type?.id, input });
      onClose();
    } catch {
      // Reported by the mutation cache.
    }
  };

  return (
    <AdminFormModal<TicketTypeInput>
      open
      testId="ticket-type-form"
      width={960}
      title={type ? t('admin.ticketTypes.editTitle') : t('admin.ticketTypes.create')}
      form={form}
      loading={save.isPending}
      onCancel={onClose}
      onFinish={onFinish}
      initialValues={type ?? { active: true, fields: [], steps: [] }}
    >
      <Row gutter={12}>
        <Col xs={24} md={6}>
          <Form.Item name="key" label={t('admin.ticketTypes.key')} rules={type ? [] : [REQUIRED_TEXT, zodRule(shape.key)]}>
            <Input disabled={Boolean(type)} placeholder="refund" />
          </Form.Item>
        </Col>
        <Col xs={24} md={7}>
          <Form.Item name="nameZh" label={t('admin.nameZh')} rules={[REQUIRED_TEXT, zodRule(shape.nameZh)]}>
            <Input placeholder="退费" />
          </Form.Item>
        </Col>
        <Col xs={24} md={7}>
          <Form.Item name="nameEn" label={t('admin.nameEn')} rules={[REQUIRED_TEXT, zodRule(shape.nameEn)]}>
            <Input placeholder="Refund" />
          </Form.Item>
        </Col>
        <Col xs={24} md={4}>
          <Form.Item name="active" label={t('admin.ticketTypes.status')} valuePropName="checked">
            <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" style={{ marginTop: 0 }}>
        {t('admin.ticketTypes.fields')}
      </Divider>
      <CustomFieldEditor />
      <Divider titlePlacement="start">{t('admin.ticketTypes.steps')}</Divider>
      <ProcessStepEditor />
    </AdminFormModal>
  );
}
