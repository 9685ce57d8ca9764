import { useEffect, useState } from 'react';
import { Badge, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, List, Row, Segmented, Space, Tag, Typography } from 'antd';
import { CheckOutlined, EyeOutlined, PhoneOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CallbackItem } from '@kefu/shared';
import { notifySuccess } from '../../app/notify';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { callbacksApi, callbacksKeys, type ItemState } from './callbacksApi';
import { answersOf, QuestionFields } from './QuestionFields';

const STATUS_COLOR: Record<CallbackItem['status'], string> = { pending: 'processing', done: 'success', unreachable: 'warning', refused: 'default' };

function ItemStatusBadge({ item }: { item: CallbackItem }) {
  const { t } = useTranslation();
  return <Badge status={STATUS_COLOR[item.status] as 'processing'} text={t(`callbacks.itemStatus.${item.status}`)} />;
}

/** 我的回访: my call list on the left; beside the chosen customer, the campaign's script, its questions and the result buttons. */
export function CallbackWorkPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<ItemState>('open');
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const items = useQuery({ queryKey: callbacksKeys.myItems(state), queryFn: () => callbacksApi.myItems(state) });
  const list = items.data?.items ?? [];
  const selected = list.find((i) => i.id === selectedId) ?? null;

  useEffect(() => {
    if (selectedId === null && list.length > 0) setSelectedId(list[0]!.id);
  }, [list, selectedId]);

  return (
    <>
      <PageHeader title={t('callbacks.work.title')} subtitle={t('callbacks.work.subtitle')} />
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Card
            title={<Segmented<ItemState> value={state} onChange={(v) => { setState(v); setSelectedId(null); }} options={[{ value: 'open', label: t('callbacks.work.open') }, { value: 'finished', label: t('callbacks.work.finished') }]} />}
            styles={{ body: { padding: 0, maxHeight: 'calc(100vh - 220px)', overflowY: 'auto' } }}
          >
            <List<CallbackItem>
              loading={items.isLoading}
              dataSource={list}
              locale={{ emptyText: t('callbacks.work.empty') }}
              renderItem={(item) => (
                <List.Item
                  data-testid={`callback-item-${item.id}`}
                  onClick={() => setSelectedId(item.id)}
                  style={{ cursor: 'pointer', padding: '10px 16px', background: item.id === selectedId ? 'var(--ant-color-primary-bg, #e6f4ff)' : undefined }}
                >
                  <List.Item.Meta
                    title={<Flex justify="space-between"><span>{item.customer?.name ?? item.ticket?.number ?? `#${item.id}`}</span><ItemStatusBadge item={item} /></Flex>}
                    description={
                      <Space direction="vertical" size={0}>
                        <span>{item.campaign.name}</span>
                        {item.nextAttemptAt && <span className="kefu-muted">{t('callbacks.work.retryAt', { at: formatDateTime(item.nextAttemptAt) })}</span>}
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          {selected ? <CallbackItemPanel key={`${selected.id}-${selected.version}`} item={selected} onRecorded={() => setSelectedId(null)} /> : <Card><Empty description={t('callbacks.work.pick')} /></Card>}
        </Col>
      </Row>
    </>
  );
}

function CallbackItemPanel({ item, onRecorded }: { item: CallbackItem; onRecorded: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [phone, setPhone] = useState<string | null>(null);
  const reveal = useMutation({ mutationFn: () => callbacksApi.revealPhone(item.id), onSuccess: (r) => setPhone(r.phone) });
  const record = useMutation({
    mutationFn: (input: { outcome: 'done' | 'unreachable' | 'refused'; answers: Record<string, string | number>; note?: string }) => callbacksApi.record(item.id, { version: item.version, ...input }),
    onSuccess: () => {
      notifySuccess(t('callbacks.work.recorded'));
      void queryClient.invalidateQueries({ queryKey: ['callbacks'] });
      onRecorded();
    },
  });
  const note = () => (form.getFieldValue('note') as string | undefined)?.trim() || undefined;
  const finishDone = async () => {
    const values = await form.validateFields();
    record.mutate({ outcome: 'done', answers: answersOf(values), note: note() });
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('callbacks.work.customer')} extra={<ItemStatusBadge item={item} />}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('callbacks.work.customer')}>
            {item.customer ? <Link to={`/customers/${item.customer.id}`}>{item.customer.name}</Link> : '—'}
            {item.customer?.grade && <Tag style={{ marginLeft: 8 }}>{t('callbacks.work.grade', { grade: item.customer.grade })}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('callbacks.work.phone')}>
            <Space>
              <span data-testid="callback-phone">{phone ?? item.customer?.phone ?? '—'}</span>
              {!phone && item.customer?.phone && <Button size="small" icon={<EyeOutlined />} loading={reveal.isPending} onClick={() => reveal.mutate()}>{t('callbacks.work.reveal')}</Button>}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('callbacks.work.ticket')}>{item.ticket ? <Link to={`/tickets/${item.ticket.id}`}>{item.ticket.number} {item.ticket.subject}</Link> : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('callbacks.work.campaign')}>{item.campaign.name}</Descriptions.Item>
          <Descriptions.Item label={t('callbacks.work.result')}>
            {t('callbacks.work.attempts', { n: item.attempts, max: item.campaign.maxAttempts })}
            {item.nextAttemptAt && ` · ${t('callbacks.work.retryAt', { at: formatDateTime(item.nextAttemptAt) })}`}
            {item.status === 'unreachable' && !item.nextAttemptAt && ` · ${t('callbacks.work.noMoreRetries')}`}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <Card title={t('callbacks.work.script')} size="small">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="callback-script">{item.campaign.script || item.campaign.purpose || '—'}</Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('callbacks.work.questions')} size="small">
            <Form form={form} layout="vertical" initialValues={{ answers: item.answers, note: item.note ?? '' }} disabled={!item.canRecord}>
              <QuestionFields questions={item.campaign.questions} />
              <Form.Item name="note" label={t('callbacks.work.note')}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
              </Form.Item>
              {item.canRecord && (
                <Flex gap={8} wrap>
                  <Button type="primary" icon={<CheckOutlined />} loading={record.isPending} onClick={() => void finishDone()}>{t('callbacks.work.done')}</Button>
                  <Button icon={<PhoneOutlined />} loading={record.isPending} onClick={() => record.mutate({ outcome: 'unreachable', answers: {}, note: note() })}>{t('callbacks.work.unreachable')}</Button>
                  <Button danger icon={<StopOutlined />} loading={record.isPending} onClick={() => record.mutate({ outcome: 'refused', answers: {}, note: note() })}>{t('callbacks.work.refused')}</Button>
                </Flex>
              )}
            </Form>
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
