import { Button, Col, Flex, Form, Input, Modal, Radio, Row, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  CUSTOMER_GRADES,
  CUSTOMER_KINDS,
  LIMITS,
  customerCreateSchema,
  type Customer,
  type CustomerCreate,
  type CustomerUpdate,
} from '@kefu/shared';
import { notifySuccess } from '../../app/notify';
import { REQUIRED_TEXT, zodRule } from '../../ui/zodRule';
import { customerKeys, customersApi } from './customersApi';
import { IdCardFormItem } from '../pii/IdCardField';

interface CustomerValues {
  kind: (typeof CUSTOMER_KINDS)[number];
  name: string;
  phones: { number: string; label?: string }[];
  email?: string;
  address?: string;
  idCard?: string;
  organizationId?: number;
  grade?: (typeof CUSTOMER_GRADES)[number];
  tags?: string[];
  notes?: string;
}

interface CustomerFormModalProps {
  open: boolean;
  /** Editing this customer; creating when absent. */
  customer?: Customer;
  onClose: () => void;
  onSaved?: (customer: Customer) => void;
}

const shape = customerCreateSchema.shape;
const emptyToUndefined = (v?: string) => (v?.trim() ? v.trim() : undefined);

export function CustomerFormModal({ open, customer, onClose, onSaved }: CustomerFormModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CustomerValues>();
  const queryClient = useQueryClient();
  const kind = Form.useWatch('kind', form) ?? customer?.kind ?? 'person';
  const organizations = useQuery({
    queryKey: customerKeys.list({ kind: 'organization', pageSize: 200 }),
    queryFn: () => customersApi.list({ kind: 'organization', pageSize: 200 }),
    enabled: open && kind === 'person',
  });

  const save = useMutation({
    mutationFn: (values: CustomerValues) => {
      if (customer) {
        const update: CustomerUpdate = {
          version: customer.version,
          name: values.name,
          email: emptyToUndefined(values.email) ?? null,
          address: emptyToUndefined(values.address) ?? null,
          idCard: emptyToUndefined(values.idCard) ?? null,
          organizationId: values.organizationId ?? null,
          grade: values.grade,
          tags: values.tags ?? [],
          notes: values.notes ?? '',
        };
        return customersApi.update(customer.id, update);
      }
      const input: CustomerCreate = {
        kind: values.kind,
        name: values.name,
        phones: (values.phones ?? []).filter((p) => p?.number?.trim()).map((p) => ({ number: p.number.trim(), label: emptyToUndefined(p.label) })),
        email: emptyToUndefined(values.email),
        address: emptyToUndefined(values.address),
        idCard: emptyToUndefined(values.idCard),
        organizationId: values.kind === 'person' ? values.organizationId : undefined,
        grade: values.grade,
        tags: values.tags,
        notes: emptyToUndefined(values.notes),
      };
      return customersApi.create(input);
    },
    onSuccess: (saved) => {
      notifySuccess(customer ? t('common.saved') : t('customers.created', { name: saved.name }));
      void queryClient.invalidateQueries({ queryKey: customerKeys.all });
      onSaved?.(saved);
      onClose();
    },
  });

  return (
    <Modal
      open={open}
      width={640}
      title={customer ? t('customers.editTitle', { name: customer.name }) : t('customers.createTitle')}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<CustomerValues>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(values) => save.mutate(values)}
        initialValues={
          customer
            ? {
                kind: customer.kind,
                name: customer.name,
                phones: customer.phones.map((p) => ({ number: p.number, label: p.label ?? undefined })),
                email: customer.email ?? undefined,
                address: customer.address ?? undefined,
                idCard: customer.idCard ?? undefined,
                organizationId: customer.organization?.id,
                grade: customer.grade ?? undefined,
                tags: customer.tags,
                notes: customer.notes ?? undefined,
              }
            : { kind: 'person', phones: [{ number: '' }] }
        }
      >
        <Row gutter={12}>
          <Col span={24}>
            <Form.Item name="kind" label={t('customers.kindLabel')}>
              <Radio.Group optionType="button" disabled={Boolean(customer)} options={CUSTOMER_KINDS.map((k) => ({ value: k, label: t(`customers.kind.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={kind === 'organization' ? t('customers.orgName') : t('customers.name')} rules={[REQUIRED_TEXT, zodRule(shape.name)]}>
              <Input data-testid="customer-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="grade" label={t('customers.grade')}>
              <Select allowClear options={CUSTOMER_GRADES.map((g) => ({ value: g, label: t('customers.gradeValue', { grade: g }) }))} />
            </Form.Item>
          </Col>
        </Row>
        {!customer && (
          <Form.Item label={t('customers.phones')} required={false}>
            <Form.List name="phones">
              {(fields, { add, remove }) => (
                <Flex vertical gap={8}>
                  {fields.map((field, index) => (
                    <Flex key={field.key} gap={8} align="flex-start">
                      <Form.Item name={[field.name, 'number']} rules={[{ min: 3, max: LIMITS.phoneMax }]} style={{ flex: 2, marginBottom: 0 }}>
                        <Input placeholder={t('customers.phonePlaceholder')} data-testid={`customer-phone-${index}`} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'label']} rules={[{ max: 20 }]} style={{ flex: 1, marginBottom: 0 }}>
                        <Input placeholder={t('customers.phoneLabelPlaceholder')} />
                      </Form.Item>
                      <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                    </Flex>
                  ))}
                  {fields.length < LIMITS.phonesPerCustomer && (
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ number: '' })}>
                      {t('customers.addPhone')}
                    </Button>
                  )}
                </Flex>
              )}
            </Form.List>
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="email" label={t('customers.email')} rules={[zodRule(shape.email)]}>
              <Input />
            </Form.Item>
          </Col>
          {kind === 'person' && (
            <Col xs={24} md={12}>
              <Form.Item name="organizationId" label={t('customers.organization')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={organizations.isLoading}
                  options={(organizations.data?.items ?? []).filter((o) => o.id !== customer?.id).map((o) => ({ value: o.id, label: o.name }))}
                />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item name="address" label={t('customers.address')} rules={[{ max: LIMITS.addressMax }]}>
          <Input />
        </Form.Item>
        {kind === 'person' && <IdCardFormItem />}
        <Form.Item name="tags" label={t('customers.tags')}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', ' ']} placeholder={t('ticket.tagsPlaceholder')} />
        </Form.Item>
        <Form.Item name="notes" label={t('customers.notes')} rules={[{ max: LIMITS.noteMax }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
