import { useState } from 'react';
import { Alert, Button, Card, Form, Modal, Radio, Select, Table, Tag, Typography } from 'antd';
import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { SURVEY_QUESTIONS, type Survey, type SurveyCreated, type TicketPage } from '@kefu/shared';
import { api } from '../../app/api';
import { notifySuccess } from '../../app/notify';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { callbacksApi, callbacksKeys } from './callbacksApi';
import { answersOf, QuestionFields } from './QuestionFields';

const STATUS_COLOR = { sent: 'processing', answered: 'success', expired: 'default' } as const;
const STATUS_LABEL = { sent: 'statusSent', answered: 'statusAnswered', expired: 'statusExpired' } as const;

/** 满意度调查: surveys sent after resolution or a complaint, answered by phone or through a one-time link. */
export function SurveysPage() {
  const { t } = useTranslation();
  const [sending, setSending] = useState(false);
  const [created, setCreated] = useState<SurveyCreated | null>(null);
  const surveys = useQuery({ queryKey: callbacksKeys.surveys, queryFn: callbacksApi.surveys });
  return (
    <>
      <PageHeader
        title={t('callbacks.surveys.title')}
        subtitle={t('callbacks.surveys.subtitle')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setSending(true)} data-testid="survey-send">{t('callbacks.surveys.send')}</Button>}
      />
      <Card>
        <Table<Survey>
          rowKey="id"
          loading={surveys.isLoading}
          dataSource={surveys.data?.items ?? []}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('callbacks.surveys.empty') }}
          columns={[
            { title: t('callbacks.surveys.ticket'), render: (_, s) => (s.ticket ? <Link to={`/tickets/${s.ticket.id}`}>{s.ticket.number}</Link> : '—') },
            { title: t('callbacks.surveys.customer'), render: (_, s) => s.customer?.name ?? '—' },
            { title: t('callbacks.surveys.trigger'), width: 100, render: (_, s) => t(s.trigger === 'complaint' ? 'callbacks.surveys.triggerComplaint' : 'callbacks.surveys.triggerResolution') },
            { title: t('callbacks.surveys.channel'), width: 100, render: (_, s) => t(s.channel === 'phone' ? 'callbacks.surveys.channelPhone' : 'callbacks.surveys.channelLink') },
            { title: t('callbacks.surveys.status'), width: 100, render: (_, s) => <Tag color={STATUS_COLOR[s.status]}>{t(`callbacks.surveys.${STATUS_LABEL[s.status]}`)}</Tag> },
            { title: t('callbacks.surveys.result'), render: (_, s) => (s.satisfaction ? t(`callbacks.satisfaction.${s.satisfaction}`) : '—') },
            { title: t('callbacks.surveys.sentAt'), width: 150, render: (_, s) => formatDateTime(s.sentAt) },
            { title: t('callbacks.surveys.answeredAt'), width: 150, render: (_, s) => formatDateTime(s.answeredAt) },
          ]}
        />
      </Card>
      {sending && <SendSurveyModal onClose={() => setSending(false)} onCreated={(s) => { setSending(false); if (s.token) setCreated(s); }} />}
      <SurveyLinkModal survey={created} onClose={() => setCreated(null)} />
    </>
  );
}

interface SendValues {
  ticketId: number;
  trigger: 'resolution' | 'complaint';
  channel: 'phone' | 'link';
  answers?: Record<string, unknown>;
}

function SendSurveyModal({ onClose, onCreated }: { onClose: () => void; onCreated: (s: SurveyCreated) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SendValues>();
  const channel = Form.useWatch('channel', form);
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search, 300);
  const tickets = useQuery({ queryKey: ['callbacks', 'survey-tickets', q], queryFn: () => api.get<TicketPage>('/tickets', { q, status: 'resolved,closed', pageSize: 20 }) });
  const create = useMutation({
    mutationFn: (v: SendValues) => callbacksApi.createSurvey({ ticketId: v.ticketId, trigger: v.trigger, channel: v.channel, ...(v.channel === 'phone' ? { answers: answersOf(v) } : {}) }),
    onSuccess: (s) => {
      if (!s.token) notifySuccess(t('callbacks.surveys.recorded'));
      void queryClient.invalidateQueries({ queryKey: callbacksKeys.surveys });
      onCreated(s);
    },
  });
  return (
    <Modal open title={t('callbacks.surveys.send')} width={640} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <Form<SendValues> form={form} layout="vertical" initialValues={{ trigger: 'resolution', channel: 'link' }} onFinish={(v) => create.mutate(v)} data-testid="survey-form">
        <Form.Item name="ticketId" label={t('callbacks.surveys.ticket')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            placeholder={t('callbacks.surveys.ticketSearch')}
            loading={tickets.isFetching}
            data-testid="survey-ticket"
            options={(tickets.data?.items ?? []).map((tk) => ({ value: tk.id, label: `${tk.number} ${tk.subject}` }))}
          />
        </Form.Item>
        <Form.Item name="trigger" label={t('callbacks.surveys.trigger')}>
          <Radio.Group options={[{ value: 'resolution', label: t('callbacks.surveys.triggerResolution') }, { value: 'complaint', label: t('callbacks.surveys.triggerComplaint') }]} />
        </Form.Item>
        <Form.Item name="channel" label={t('callbacks.surveys.channel')}>
          <Radio.Group optionType="button" options={[{ value: 'link', label: t('callbacks.surveys.channelLink') }, { value: 'phone', label: t('callbacks.surveys.channelPhone') }]} />
        </Form.Item>
        {channel === 'phone' && <QuestionFields questions={SURVEY_QUESTIONS} />}
      </Form>
    </Modal>
  );
}

function SurveyLinkModal({ survey, onClose }: { survey: SurveyCreated | null; onClose: () => void }) {
  const { t } = useTranslation();
  const url = survey?.path ? `${window.location.origin}${survey.path}` : '';
  return (
    <Modal open={survey !== null} title={t('callbacks.surveys.linkTitle')} onCancel={onClose} footer={<Button type="primary" onClick={onClose}>{t('common.confirm')}</Button>}>
      <Alert type="info" showIcon message={t('callbacks.surveys.linkHelp')} style={{ marginBottom: 12 }} />
      <Typography.Paragraph copyable={{ text: url, icon: <CopyOutlined />, tooltips: [t('callbacks.surveys.copy'), t('callbacks.surveys.copied')] }} data-testid="survey-link" style={{ wordBreak: 'break-all' }}>
        {url}
      </Typography.Paragraph>
    </Modal>
  );
}
