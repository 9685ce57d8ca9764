import { Form, Modal, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ASSIGNMENT_STRATEGIES, type AssignmentStrategy } from '@kefu/shared';
import { REQUIRED } from '../../../ui/zodRule';
import { useDirectoryLookup } from '../../directory/useDirectory';

export type AssignTarget = { assigneeId: number } | { skillGroupId: number; strategy: AssignmentStrategy };

interface AssignValues {
  target: 'user' | 'skillGroup';
  assigneeId?: number;
  skillGroupId?: number;
  strategy?: AssignmentStrategy;
}

interface AssignModalProps {
  open: boolean;
  title: string;
  onCancel: () => void;
  onSubmit: (target: AssignTarget) => Promise<unknown>;
  confirmLoading?: boolean;
}

/** Pick a person, or a skill group whose strategy (round robin, least loaded) picks one. */
export function AssignModal({ open, title, onCancel, onSubmit, confirmLoading }: AssignModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AssignValues>();
  const { userOptions, skillGroupOptions, directory } = useDirectoryLookup();
  const target = Form.useWatch('target', form) ?? 'user';

  const onFinish = async (values: AssignValues) => {
    const chosen: AssignTarget | null =
      values.target === 'user' && values.assigneeId
        ? { assigneeId: values.assigneeId }
        : values.skillGroupId
          ? { skillGroupId: values.skillGroupId, strategy: values.strategy ?? 'round_robin' }
          : null;
    if (!chosen) return;
    try {
      await onSubmit(chosen);
      form.resetFields();
    } catch {
      // The mutation's error handler has already told the user; keep the dialog open to retry.
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={t('tickets.assign.confirm')}
      confirmLoading={confirmLoading}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'assign-confirm' }}
    >
      <Form<AssignValues> form={form} layout="vertical" initialValues={{ target: 'user' }} onFinish={onFinish} preserve={false}>
        <Form.Item name="target" label={t('tickets.assign.target')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'user', label: t('tickets.assign.toUser') },
              { value: 'skillGroup', label: t('tickets.assign.toSkillGroup') },
            ]}
          />
        </Form.Item>
        {target === 'user' ? (
          <Form.Item name="assigneeId" label={t('tickets.assign.user')} rules={[REQUIRED]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={userOptions} placeholder={t('tickets.assign.userPlaceholder')} data-testid="assign-user" />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="skillGroupId" label={t('tickets.assign.skillGroup')} rules={[REQUIRED]}>
              <Select
                options={skillGroupOptions}
                onChange={(id: number) => form.setFieldValue('strategy', directory.skillGroups.find((g) => g.id === id)?.strategy ?? 'round_robin')}
                data-testid="assign-skill-group"
              />
            </Form.Item>
            <Form.Item name="strategy" label={t('tickets.assign.strategy')} rules={[REQUIRED]}>
              <Select options={ASSIGNMENT_STRATEGIES.map((s) => ({ value: s, label: t(`strategy.${s}`) }))} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
