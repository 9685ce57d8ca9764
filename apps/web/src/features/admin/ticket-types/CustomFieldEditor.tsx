import { Button, Checkbox, Flex, Form, Input, Select, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CUSTOM_FIELD_KINDS, LIMITS, customFieldDefSchema } from '@kefu/shared';
import { REQUIRED, REQUIRED_TEXT, zodRule } from '../../../ui/zodRule';

const shape = customFieldDefSchema.shape;

/** Rows of custom-field definitions under the form's `fields` list. */
export function CustomFieldEditor() {
  const { t } = useTranslation();
  return (
    <Form.List name="fields">
      {(rows, { add, remove }) => (
        <Flex vertical gap={8}>
          {rows.length === 0 && <Typography.Text type="secondary">{t('admin.ticketTypes.noFieldsHint')}</Typography.Text>}
          {rows.map((row) => (
            <Flex key={row.key} gap={8} align="flex-start" wrap>
              <Form.Item name={[row.name, 'key']} rules={[REQUIRED_TEXT, zodRule(shape.key)]} style={{ width: 130, marginBottom: 0 }}>
                <Input placeholder={t('admin.ticketTypes.fieldKey')} />
              </Form.Item>
              <Form.Item name={[row.name, 'labelZh']} rules={[REQUIRED_TEXT, zodRule(shape.labelZh)]} style={{ width: 140, marginBottom: 0 }}>
                <Input placeholder={t('admin.ticketTypes.labelZh')} />
              </Form.Item>
              <Form.Item name={[row.name, 'labelEn']} rules={[REQUIRED_TEXT, zodRule(shape.labelEn)]} style={{ width: 140, marginBottom: 0 }}>
                <Input placeholder={t('admin.ticketTypes.labelEn')} />
              </Form.Item>
              <Form.Item name={[row.name, 'kind']} rules={[REQUIRED]} style={{ width: 120, marginBottom: 0 }}>
                <Select placeholder={t('admin.ticketTypes.kind')} options={CUSTOM_FIELD_KINDS.map((k) => ({ value: k, label: t(`fieldKind.${k}`) }))} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) =>
                  getFieldValue(['fields', row.name, 'kind']) === 'select' ? (
                    <Form.Item name={[row.name, 'options']} rules={[{ required: true, type: 'array', min: 1 }]} style={{ width: 200, marginBottom: 0 }}>
                      <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} placeholder={t('admin.ticketTypes.options')} />
                    </Form.Item>
                  ) : (
                    <div style={{ width: 200 }} />
                  )
                }
              </Form.Item>
              <Form.Item name={[row.name, 'required']} valuePropName="checked" style={{ marginBottom: 0, paddingTop: 5 }}>
                <Checkbox>{t('admin.ticketTypes.required')}</Checkbox>
              </Form.Item>
              <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(row.name)} aria-label={t('common.delete')} />
            </Flex>
          ))}
          {rows.length < LIMITS.customFieldsMax && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'text', required: false })} style={{ alignSelf: 'flex-start' }}>
              {t('admin.ticketTypes.addField')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
