import { useState } from 'react';
import { Button, Descriptions, Drawer, Empty, Flex, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { EyeOutlined, FormOutlined, LinkOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { CallDetail } from '@kefu/shared';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth/AuthContext';
import { notifyError } from '../../app/notify';
import { ErrorResult } from '../../ui/ErrorResult';
import { formatDateTime } from '../../ui/format';
import { ClickToCallButton } from '../calls/ClickToCallButton';
import { externalNumber, formatDuration, RESULT_COLORS } from './callFormat';

interface Revealed { from: string | null; to: string | null }

/** One call: its times, recording, work orders; full numbers on demand (audited), call back, start a work order. */
export function CallDetailDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [revealed, setRevealed] = useState<{ id: number; numbers: Revealed } | null>(null);
  const detail = useQuery({ queryKey: ['call-records', 'detail', id], queryFn: ({ signal }) => api.get<CallDetail>(`/calls/${id}`, undefined, signal), enabled: id !== null });
  const reveal = useMutation({
    mutationFn: (callId: number) => api.post<Revealed>(`/calls/${callId}/reveal-numbers`),
    onSuccess: (numbers, callId) => setRevealed({ id: callId, numbers }),
    onError: (e: Error) => notifyError(e),
  });
  const call = detail.data;
  const numbers = call && revealed?.id === call.id ? revealed.numbers : null;

  const openWorkspace = (shown: Revealed | null) => {
    if (!call) return;
    // The screen pop's way into the workspace (/workspace?phone=…&callId=…). Without the full number the workspace
    // sends the callId alone and the server fills the order's number and customer from the call.
    const params = new URLSearchParams({ callId: call.callId });
    const phone = shown ? externalNumber({ direction: call.direction, ...shown }) : null;
    if (phone) params.set('phone', phone);
    navigate(`/workspace?${params.toString()}`);
  };
  // Who may reveal gets the number in the form: the audited reveal first (call.contact_revealed), then the workspace.
  const revealForTicket = useMutation({
    mutationFn: (callId: number) => api.post<Revealed>(`/calls/${callId}/reveal-numbers`),
    onSuccess: (shown, callId) => {
      setRevealed({ id: callId, numbers: shown });
      openWorkspace(shown);
    },
    onError: (e: Error) => notifyError(e),
  });
  const startTicket = () => {
    if (!call) return;
    if (numbers || !can('customers.reveal_pii')) openWorkspace(numbers);
    else revealForTicket.mutate(call.id);
  };

  const times: { label: string; at: string | null; color?: string }[] = call ? [
    { label: t('callRecords.started'), at: call.startedAt, color: 'blue' },
    { label: t('callRecords.queued'), at: call.queuedAt, color: 'gray' },
    { label: t('callRecords.answered'), at: call.answeredAt, color: 'green' },
    { label: t('callRecords.abandoned'), at: call.abandonedAt, color: 'red' },
    { label: t('callRecords.ended'), at: call.endedAt, color: 'gray' },
  ].filter((x) => x.at) : [];

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={520}
      title={t('callRecords.detailTitle')}
      data-testid="call-drawer"
      extra={call && (
        <Space>
          {call.customer || call.from || call.to ? <ClickToCallButton target={{ callId: call.id }} size="middle" /> : null}
          {can('tickets.create') && <Button icon={<FormOutlined />} loading={revealForTicket.isPending} onClick={startTicket} data-testid="call-to-ticket">{t('callRecords.toTicket')}</Button>}
        </Space>
      )}
    >
      {detail.isLoading && <Flex justify="center" style={{ padding: 48 }}><Spin /></Flex>}
      {detail.error && <ErrorResult error={detail.error} onRetry={() => void detail.refetch()} />}
      {call && (
        <Flex vertical gap={20}>
          <Flex align="center" gap={8} wrap>
            <Tag color={call.direction === 'out' ? 'purple' : 'cyan'}>{call.direction ? t(`callRecords.directions.${call.direction}`) : '—'}</Tag>
            <Tag color={RESULT_COLORS[call.result]}>{t(`callRecords.results.${call.result}`)}</Tag>
            {call.queue && <Tag>{call.queue}</Tag>}
          </Flex>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('callRecords.from')}><span data-testid="call-from">{numbers ? numbers.from : call.from ?? '—'}</span></Descriptions.Item>
            <Descriptions.Item label={t('callRecords.to')}><span data-testid="call-to">{numbers ? numbers.to : call.to ?? '—'}</span></Descriptions.Item>
            <Descriptions.Item label={t('callRecords.customer')}>{call.customer ? <Link to={`/customers/${call.customer.id}`}>{call.customer.name}</Link> : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('callRecords.agent')}>{call.agent?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('callRecords.callId')}><Typography.Text copyable style={{ fontSize: 12 }}>{call.callId}</Typography.Text></Descriptions.Item>
            {call.hangupCause && <Descriptions.Item label={t('callRecords.hangupCause')}>{call.hangupCause}</Descriptions.Item>}
          </Descriptions>
          {can('customers.reveal_pii') && (
            numbers
              ? <Typography.Text type="secondary" data-testid="call-revealed">{t('callRecords.revealed')}</Typography.Text>
              : <Button icon={<EyeOutlined />} loading={reveal.isPending} onClick={() => reveal.mutate(call.id)} data-testid="call-reveal">{t('callRecords.reveal')}</Button>
          )}

          <div>
            <Typography.Title level={5}>{t('callRecords.timeline')}</Typography.Title>
            <Timeline items={times.map((x) => ({ color: x.color, children: <span><b>{x.label}</b> {formatDateTime(x.at)}</span> }))} />
            <Flex gap={16} wrap className="kefu-muted" data-testid="call-durations">
              <span>{t('callRecords.ringSeconds')} {formatDuration(call.ringSeconds)}</span>
              <span>{t('callRecords.queueSeconds')} {formatDuration(call.queueSeconds)}</span>
              <span>{t('callRecords.talk')} {formatDuration(call.talkSeconds)}</span>
              <span>{t('callRecords.holdSeconds')} {formatDuration(call.holdSeconds)}</span>
              <span>{t('callRecords.acwSeconds')} {formatDuration(call.acwSeconds)}</span>
              {call.transferCount > 0 && <span>{t('callRecords.transfers', { count: call.transferCount })}</span>}
            </Flex>
          </div>

          <div>
            <Typography.Title level={5}>{t('callRecords.recording')}</Typography.Title>
            {call.recordingUrl ? (
              <Flex vertical gap={6}>
                <audio controls preload="none" src={call.recordingUrl} style={{ width: '100%' }} data-testid="call-recording" />
                <a href={call.recordingUrl} target="_blank" rel="noreferrer"><LinkOutlined /> {t('callRecords.recordingOpen')}</a>
              </Flex>
            ) : <Typography.Text type="secondary">{t('callRecords.noRecording')}</Typography.Text>}
          </div>

          <div>
            <Typography.Title level={5}>{t('callRecords.linkedTickets')}</Typography.Title>
            {call.ticketIds.length > 0
              ? <Space wrap>{call.ticketIds.map((tid) => <Link key={tid} to={`/tickets/${tid}`}>#{tid}</Link>)}</Space>
              : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('callRecords.noTickets')} />}
          </div>
        </Flex>
      )}
    </Drawer>
  );
}
