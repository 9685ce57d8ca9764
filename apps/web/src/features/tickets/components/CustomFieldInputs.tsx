import { Checkbox, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { CustomFieldDef } from '@kefu/shared';
import { LIMITS } from '@kefu/shared';
import { useDirectoryLookup } from '../../directory/useDirectory';
import { REQUIRED, REQUIRED_TEXT } from '../../../ui/zodRule';

function inputFor(field: CustomFieldDef) {
  switch (field.kind) {
    case 'text':
      return <Input maxLength={LIMITS.customFieldValueMax} />;
    case 'textarea':
      return <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={LIMITS.customFieldValueMax} />;
    case 'number':
      return <InputNumber style={{ width: '100%' }} />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} />;
    case 'select':
      return <Select allowClear options={(field.options ?? []).map((o) => ({ value: o, label: o }))} />;
    case 'checkbox':
      return <Checkbox />;
  }
}

/** The custom fields of a work-order type, as Form.Items under `custom.<key>`. */
export function CustomFieldInputs({ fields }: { fields: CustomFieldDef[] }) {
  const { customFieldLabel } = useDirectoryLookup();
  return (
    <>
      {fields.map((field) => (
        <Form.Item
          key={field.key}
          name={['custom', field.key]}
          label={customFieldLabel(field)}
          valuePropName={field.kind === 'checkbox' ? 'checked' : 'value'}
          rules={field.required && field.kind !== 'checkbox' ? [field.kind === 'text' || field.kind === 'textarea' ? REQUIRED_TEXT : REQUIRED] : undefined}
        >
          {inputFor(field)}
        </Form.Item>
      ))}
    </>
  );
}
