import { Button, Flex, Form, InputNumber, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { SLA_ESCALATION_RECIPIENTS, SLA_LIMITS, SLA_NOTIFY_CHANNELS } from '@kefu/shared';

/** The escalation ladder of a policy form (field "escalation"): at N% of the resolution target notify X via channels. */
export function EscalationLadderEditor() {
  const { t } = useTranslation();
  return (
    <Form.List name="escalation">
      {(fields, { add, remove }) => (
        <Flex vertical gap={4} data-testid="sla-ladder">
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="flex-start">
              <Form.Item name={[field.name, 'percent']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                <InputNumber min={1} max={SLA_LIMITS.percentMax} suffix="%" placeholder={t('sla.policies.percent')} style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name={[field.name, 'notify']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                <Select
                  style={{ width: 130 }}
                  placeholder={t('sla.policies.recipient')}
                  options={SLA_ESCALATION_RECIPIENTS.map((r) => ({ value: r, label: t(`sla.policies.recipientName.${r}`) }))}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'channels']} rules={[{ required: true, type: 'array', min: 1 }]} style={{ marginBottom: 8, flex: 1 }}>
                <Select
                  mode="multiple"
                  placeholder={t('sla.policies.channels')}
                  options={SLA_NOTIFY_CHANNELS.map((c) => ({ value: c, label: t(`sla.policies.channelName.${c}`) }))}
                />
              </Form.Item>
              <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="remove" />
            </Flex>
          ))}
          {fields.length < SLA_LIMITS.ladderStepsMax && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ percent: 100, notify: 'shift_leader', channels: ['live'] })} style={{ alignSelf: 'flex-start' }}>
              {t('sla.policies.addStep')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
