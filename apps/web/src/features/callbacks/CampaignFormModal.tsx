import { useState } from 'react';
import { Alert, Button, type ButtonProps, Col, DatePicker, Divider, Form, Input, InputNumber, Modal, Row, Select, Space, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_GRADES, STANDARD_SATISFACTION_QUESTION, type CallbackPreview, type CallbackTarget, type Question } from '@kefu/shared';
import { notifySuccess } from '../../app/notify';
import { useDirectoryLookup } from '../directory/useDirectory';
import { callbacksApi, callbacksKeys } from './callbacksApi';
import { QuestionsEditor } from './QuestionsEditor';

interface TargetValues {
  source: 'customers' | 'tickets';
  grades?: string[];
  tags?: string[];
  kind?: 'person' | 'organization';
  resolved?: [Dayjs | null, Dayjs | null] | null;
  ticketTypes?: string[];
  teamIds?: number[];
}

interface FormValues {
  name: string;
  purpose?: string;
  script?: string;
  maxAttempts: number;
  retryMinutes: number;
  questions: Question[];
  target: TargetValues;
}

/** The form's filter values as the API's target: empty lists and unset dates are left out. */
export function targetOf(v: TargetValues | undefined): CallbackTarget {
  const list = <T,>(xs: T[] | undefined) => (xs && xs.length > 0 ? xs : undefined);
  return {
    source: v?.source ?? 'customers',
    grades: list(v?.grades) as CallbackTarget['grades'],
    tags: list(v?.tags),
    kind: v?.kind,
    resolvedFrom: v?.resolved?.[0]?.format('YYYY-MM-DD'),
    resolvedTo: v?.resolved?.[1]?.format('YYYY-MM-DD'),
    ticketTypes: list(v?.ticketTypes),
    teamIds: list(v?.teamIds),
  };
}

/** 新建回访任务: basics and script, the survey questions, and the target filters with a live preview of the count. */
export function CampaignFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const lookup = useDirectoryLookup();
  const [form] = Form.useForm<FormValues>();
  const [preview, setPreview] = useState<CallbackPreview | null>(null);
  const previewing = useMutation({ mutationFn: (target: CallbackTarget) => callbacksApi.preview(target), onSuccess: setPreview });
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      callbacksApi.createCampaign({ name: v.name, purpose: v.purpose ?? '', script: v.script ?? '', maxAttempts: v.maxAttempts, retryMinutes: v.retryMinutes, questions: v.questions, target: targetOf(v.target) }),
    onSuccess: () => {
      notifySuccess(t('callbacks.form.saved'));
      void queryClient.invalidateQueries({ queryKey: callbacksKeys.campaigns });
      onClose();
    },
  });

  return (
    <Modal open={open} title={t('callbacks.campaigns.create')} width={880} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'campaign-save' } as ButtonProps}>
      <Form<FormValues>
        form={form}
        layout="vertical"
        preserve={false}
        data-testid="campaign-form"
        initialValues={{ maxAttempts: 3, retryMinutes: 120, questions: [STANDARD_SATISFACTION_QUESTION], target: { source: 'customers' } }}
        onValuesChange={(changed) => { if ('target' in changed) setPreview(null); }}
        onFinish={(v) => save.mutate(v)}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('callbacks.campaigns.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}>
              <Input data-testid="campaign-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="purpose" label={t('callbacks.campaigns.purpose')} rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="script" label={t('callbacks.form.script')} extra={t('callbacks.form.scriptHelp')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={10_000} data-testid="campaign-script" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="maxAttempts" label={t('callbacks.form.maxAttempts')} rules={[{ required: true }]}>
              <InputNumber min={1} max={10} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="retryMinutes" label={t('callbacks.form.retryMinutes')} rules={[{ required: true }]}>
              <InputNumber min={1} max={10_080} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('callbacks.form.questions')}</Divider>
        <QuestionsEditor />
        <Divider titlePlacement="start">{t('callbacks.form.target')}</Divider>
        <Form.Item name={['target', 'source']} label={t('callbacks.form.source')}>
          <Select data-testid="target-source" options={[{ value: 'customers', label: t('callbacks.form.sourceCustomers') }, { value: 'tickets', label: t('callbacks.form.sourceTickets') }]} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name={['target', 'grades']} label={t('callbacks.form.grades')}>
              <Select mode="multiple" allowClear data-testid="target-grades" options={CUSTOMER_GRADES.map((g) => ({ value: g, label: g }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['target', 'kind']} label={t('callbacks.form.customerKind')}>
              <Select allowClear options={[{ value: 'person', label: t('callbacks.form.person') }, { value: 'organization', label: t('callbacks.form.organization') }]} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['target', 'tags']} label={t('callbacks.form.tags')}>
              <Select mode="tags" allowClear open={false} suffixIcon={null} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['target', 'resolved']} label={t('callbacks.form.resolvedBetween')}>
              <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['target', 'ticketTypes']} label={t('callbacks.form.ticketTypes')}>
              <Select mode="multiple" allowClear options={lookup.ticketTypeOptions} optionFilterProp="label" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['target', 'teamIds']} label={t('callbacks.form.teams')}>
              <Select mode="multiple" allowClear options={lookup.teamOptions} optionFilterProp="label" />
            </Form.Item>
          </Col>
        </Row>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button icon={<SearchOutlined />} loading={previewing.isPending} data-testid="campaign-preview" onClick={() => previewing.mutate(targetOf(form.getFieldValue('target') as TargetValues))}>
            {t('callbacks.form.preview')}
          </Button>
          {preview && (
            <Alert
              type={preview.count > 0 ? 'info' : 'warning'}
              data-testid="campaign-preview-result"
              message={<Typography.Text strong>{t('callbacks.form.previewCount', { count: preview.count })}</Typography.Text>}
              description={preview.sample.length > 0 ? t('callbacks.form.previewSample', { names: preview.sample.map((s) => s.ticketNumber ? `${s.name}（${s.ticketNumber}）` : s.name).join('、') }) : undefined}
            />
          )}
        </Space>
      </Form>
    </Modal>
  );
}
