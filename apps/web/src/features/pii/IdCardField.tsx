import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { isValidIdCard, type Customer } from '@kefu/shared';

/** 身份证号 as shown: masked (110***********1234) until the audited reveal returned it. */
export function IdCardValue({ customer, revealed }: { customer: Pick<Customer, 'idCard'>; revealed: { idCard?: string | null } | null }) {
  return <span data-testid="customer-id-card">{revealed?.idCard ?? customer.idCard ?? '—'}</span>;
}

/** The form input; a masked value loaded from the record may be sent back unchanged (the server keeps the stored one). */
export function IdCardFormItem() {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="idCard"
      label={t('pii.idCard')}
      rules={[{ validator: async (_, value?: string) => {
        if (!value || value.includes('*') || isValidIdCard(value)) return;
        throw new Error(t('pii.idCardInvalid'));
      } }]}
    >
      <Input maxLength={24} autoComplete="off" />
    </Form.Item>
  );
}
