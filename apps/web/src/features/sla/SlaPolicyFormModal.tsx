import { Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CALENDAR_PRESET_NAMES, CHANNELS, CUSTOMER_GRADES, PRIORITIES, SLA_LIMITS, SLA_TIME_BASES, type SlaPolicy } from '@kefu/shared';
import { isApiError } from '../../app/api';
import { notifyError, notifySuccess } from '../../app/notify';
import { REQUIRED, REQUIRED_TEXT } from '../../ui/zodRule';
import { AdminFormModal } from '../admin/AdminFormModal';
import { useDirectoryLookup } from '../directory/useDirectory';
import { EscalationLadderEditor } from './EscalationLadderEditor';
import { formValuesOf, policyInputOf, type PolicyFormValues } from './policyForm';
import { slaApi, slaKeys } from './slaApi';

interface Props {
  open: boolean;
  policy: SlaPolicy | null;
  onClose: () => void;
}

const maxHours = SLA_LIMITS.minutesMax / 60;

/** Create or edit an SLA policy; the server's calendar error is shown under the JSON field. */
export function SlaPolicyFormModal({ open, policy, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PolicyFormValues>();
  const queryClient = useQueryClient();
  const { ticketTypeOptions } = useDirectoryLookup();
  const calendarMode = Form.useWatch('calendarMode', form);

  const save = useMutation({
    meta: { handlesErrors: true },
    mutationFn: (values: PolicyFormValues) => {
      const input = policyInputOf(values);
      const version = (policy as (SlaPolicy & { version?: number }) | null)?.version;
      return policy ? slaApi.updatePolicy(policy.id, version === undefined ? input : { ...input, version }) : slaApi.createPolicy(input);
    },
    onSuccess: () => {
      notifySuccess(policy ? t('common.saved') : t('common.created'));
      void queryClient.invalidateQueries({ queryKey: slaKeys.policies });
      onClose();
    },
    onError: (error) => {
      if (error instanceof SyntaxError) {
        form.setFields([{ name: 'calendarJson', errors: [t('sla.policies.calendarJsonInvalid')] }]);
      } else if (isApiError(error) && error.status === 409) {
        notifyError(new Error(t('sla.policies.conflict')));
      } else if (isApiError(error, 'VALIDATION') && /calendar/.test(error.message) && calendarMode === 'custom') {
        form.setFields([{ name: 'calendarJson', errors: [error.message] }]);
      } else {
        notifyError(error);
      }
    },
  });

  const anyOption = (values: readonly string[], label: (v: string) => string) => values.map((v) => ({ value: v, label: label(v) }));
  const hoursField = (name: keyof PolicyFormValues, label: string) => (
    <Col span={8}>
      <Form.Item name={name} label={label}>
        <InputNumber min={0.02} max={maxHours} step={1} style={{ width: '100%' }} placeholder={t('sla.policies.none')} data-testid={`sla-${name}`} />
      </Form.Item>
    </Col>
  );

  return (
    <AdminFormModal<PolicyFormValues>
      open={open}
      width={760}
      title={policy ? t('sla.policies.editTitle') : t('sla.policies.create')}
      form={form}
      loading={save.isPending}
      onCancel={onClose}
      onFinish={(values) => save.mutate(values)}
      initialValues={formValuesOf(policy)}
      testId="sla-policy-form"
    >
      <Row gutter={12}>
        <Col span={16}>
          <Form.Item name="name" label={t('sla.policies.name')} rules={[REQUIRED_TEXT, { max: 100 }]}>
            <Input data-testid="sla-policy-name" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="sortOrder" label={t('sla.policies.sortOrder')} rules={[REQUIRED]}>
            <InputNumber min={0} max={10_000} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={6}>
          <Form.Item name="typeKey" label={t('sla.policies.type')}>
            <Select allowClear placeholder={t('sla.policies.any')} options={ticketTypeOptions} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="priority" label={t('sla.policies.priority')}>
            <Select allowClear placeholder={t('sla.policies.any')} options={anyOption(PRIORITIES, (p) => t(`priority.${p as (typeof PRIORITIES)[number]}`))} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="channel" label={t('sla.policies.channel')}>
            <Select allowClear placeholder={t('sla.policies.any')} options={anyOption(CHANNELS, (c) => t(`channel.${c as (typeof CHANNELS)[number]}`))} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="customerGrade" label={t('sla.policies.grade')}>
            <Select allowClear placeholder={t('sla.policies.any')} options={anyOption([...CUSTOMER_GRADES, 'VIP'], (g) => (g === 'VIP' ? t('sla.policies.vip') : t('sla.policies.gradeValue', { grade: g })))} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="calendarMode" label={t('sla.policies.calendar')} rules={[REQUIRED]}>
            <Select
              data-testid="sla-calendar-mode"
              options={[
                ...CALENDAR_PRESET_NAMES.map((name) => ({ value: name, label: `${name} · ${t(`sla.calendars.preset.${name}`)}` })),
                { value: 'custom', label: t('sla.policies.calendarCustom') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="timeBasis" label={t('sla.policies.timeBasis')} rules={[REQUIRED]}>
            <Select options={SLA_TIME_BASES.map((b) => ({ value: b, label: t(`sla.policies.basis.${b}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      {calendarMode === 'custom' && (
        <Form.Item name="calendarJson" label={t('sla.policies.calendarJson')} extra={t('sla.policies.calendarJsonHint')} rules={[REQUIRED_TEXT]}>
          <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} style={{ fontFamily: 'monospace', fontSize: 12 }} data-testid="sla-calendar-json" />
        </Form.Item>
      )}
      <Row gutter={12}>
        {hoursField('firstReplyHours', `${t('sla.policies.firstReply')}（h）`)}
        {hoursField('updateHours', `${t('sla.policies.update')}（h）`)}
        {hoursField('resolutionHours', `${t('sla.policies.resolution')}（h）`)}
      </Row>
      <Form.Item label={t('sla.policies.ladder')}>
        <EscalationLadderEditor />
      </Form.Item>
      <Form.Item name="active" label={t('sla.policies.active')} valuePropName="checked">
        <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
      </Form.Item>
    </AdminFormModal>
  );
}
