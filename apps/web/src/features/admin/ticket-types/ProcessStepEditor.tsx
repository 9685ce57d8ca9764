import { Button, Card, Flex, Form, Input, InputNumber, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { processStepDefSchema } from '@kefu/shared';
import { REQUIRED_TEXT, zodRule } from '../../../ui/zodRule';

const shape = processStepDefSchema.shape;
const itemShape = processStepDefSchema.shape.checklist.element.shape;
const MAX_STEPS = 30;
const MAX_ITEMS = 50;

/** Checklist rows of one step: what to collect or confirm before the step can be completed. */
function ChecklistEditor({ stepName }: { stepName: number }) {
  const { t } = useTranslation();
  return (
    <Form.List name={[stepName, 'checklist']}>
      {(rows, { add, remove }) => (
        <Flex vertical gap={6}>
          {rows.map((row) => (
            <Flex key={row.key} gap={8} align="flex-start" wrap>
              <Form.Item name={[row.name, 'key']} rules={[REQUIRED_TEXT, zodRule(itemShape.key)]} style={{ width: 130, marginBottom: 0 }}>
                <Input placeholder={t('admin.ticketTypes.itemKey')} />
              </Form.Item>
              <Form.Item name={[row.name, 'labelZh']} rules={[REQUIRED_TEXT, zodRule(itemShape.labelZh)]} style={{ width: 260, marginBottom: 0 }}>
                <Input placeholder={t('admin.ticketTypes.labelZh')} />
              </Form.Item>
              <Form.Item name={[row.name, 'labelEn']} rules={[REQUIRED_TEXT, zodRule(itemShape.labelEn)]} style={{ width: 220, marginBottom: 0 }}>
                <Input placeholder={t('admin.ticketTypes.labelEn')} />
              </Form.Item>
              <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(row.name)} aria-label={t('common.delete')} />
            </Flex>
          ))}
          {rows.length < MAX_ITEMS && (
            <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ alignSelf: 'flex-start' }}>
              {t('admin.ticketTypes.addItem')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}

/**
 * The ordered steps of a process template (seed 002's certificate, mortgage and filing procedures):
 * each with a due time in hours and its checklist. Orders created afterwards copy these steps.
 */
export function ProcessStepEditor() {
  const { t } = useTranslation();
  return (
    <Form.List name="steps">
      {(steps, { add, remove, move }) => (
        <Flex vertical gap={10}>
          {steps.length === 0 && <Typography.Text type="secondary">{t('admin.ticketTypes.noStepsHint')}</Typography.Text>}
          {steps.map((step, index) => (
            <Card
              key={step.key}
              size="small"
              data-testid="process-step-editor"
              title={t('admin.ticketTypes.stepNo', { n: index + 1 })}
              extra={
                <Flex gap={4}>
                  <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={t('admin.ticketTypes.moveUp')} />
                  <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={index === steps.length - 1} onClick={() => move(index, index + 1)} aria-label={t('admin.ticketTypes.moveDown')} />
                  <Button size="small" type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(step.name)} aria-label={t('common.delete')} />
                </Flex>
              }
            >
              <Flex gap={8} wrap style={{ marginBottom: 8 }}>
                <Form.Item name={[step.name, 'key']} rules={[REQUIRED_TEXT, zodRule(shape.key)]} style={{ width: 130, marginBottom: 0 }}>
                  <Input placeholder={t('admin.ticketTypes.stepKey')} />
                </Form.Item>
                <Form.Item name={[step.name, 'nameZh']} rules={[REQUIRED_TEXT, zodRule(shape.nameZh)]} style={{ width: 200, marginBottom: 0 }}>
                  <Input placeholder={t('admin.ticketTypes.labelZh')} />
                </Form.Item>
                <Form.Item name={[step.name, 'nameEn']} rules={[REQUIRED_TEXT, zodRule(shape.nameEn)]} style={{ width: 200, marginBottom: 0 }}>
                  <Input placeholder={t('admin.ticketTypes.labelEn')} />
                </Form.Item>
                <Form.Item name={[step.name, 'dueHours']} style={{ width: 150, marginBottom: 0 }}>
                  <InputNumber min={1} max={24 * 365} precision={0} placeholder={t('admin.ticketTypes.dueHours')} style={{ width: '100%' }} addonAfter={t('admin.ticketTypes.hours')} />
                </Form.Item>
              </Flex>
              <ChecklistEditor stepName={step.name} />
            </Card>
          ))}
          {steps.length < MAX_STEPS && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ checklist: [] })} style={{ alignSelf: 'flex-start' }} data-testid="add-process-step">
              {t('admin.ticketTypes.addStep')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
