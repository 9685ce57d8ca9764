import { useState } from 'react';
import { Badge, Button, Card, Descriptions, Flex, List, Skeleton, Table, Tag, Typography } from 'antd';
import { PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SlaTarget, TicketDetail, TicketSlaDetail } from '@kefu/shared';
import { useAuth } from '../../app/auth/AuthContext';
import { formatDateTime } from '../../ui/format';
import { useTicketMutation } from '../tickets/detail/useTicketMutation';
import { formatSlaDuration, pauseReasonText } from './formatSla';
import { SlaBadge } from './SlaBadge';
import { SlaPauseModal } from './SlaPauseModal';
import { slaApi, slaKeys, type SlaPauseInput } from './slaApi';

interface TargetRow {
  target: SlaTarget;
  dueAt: string | null;
  doneAt: string | null;
}

function targetRows(sla: TicketSlaDetail): TargetRow[] {
  const rows: TargetRow[] = [];
  if (sla.firstReplyDueAt || sla.firstReplyAt) rows.push({ target: 'first_reply', dueAt: sla.firstReplyDueAt, doneAt: sla.firstReplyAt });
  if (sla.nextUpdateDueAt) rows.push({ target: 'update', dueAt: sla.nextUpdateDueAt, doneAt: null });
  rows.push({ target: 'resolution', dueAt: sla.resolutionDueAt, doneAt: null });
  return rows;
}

/** The work order's SLA clock: targets, due times, escalation, pause log, and pausing / resuming it. */
export function TicketSlaCard({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [mode, setMode] = useState<'pause' | 'resume' | null>(null);
  const detail = useQuery({ queryKey: slaKeys.ticket(ticket.id), queryFn: () => slaApi.ticketSla(ticket.id) });
  const pause = useTicketMutation((input: SlaPauseInput) => slaApi.pause(ticket.id, input), t('sla.card.paused'));
  const resume = useTicketMutation((note?: string) => slaApi.resume(ticket.id, note), t('sla.card.resumed'));
  const sla = detail.data;
  const open = !['resolved', 'closed'].includes(ticket.status);
  const paused = Boolean(ticket.sla?.pausedSince);
  const explicitPause = paused && ticket.sla?.pauseReason !== 'waiting_customer';

  const actions = can('tickets.update') && open && (
    <Flex gap={8}>
      {!explicitPause && (
        <Button size="small" icon={<PauseCircleOutlined />} onClick={() => setMode('pause')} data-testid="sla-pause">
          {t('sla.card.pause')}
        </Button>
      )}
      {explicitPause && (
        <Button size="small" type="primary" icon={<PlayCircleOutlined />} onClick={() => setMode('resume')} data-testid="sla-resume">
          {t('sla.card.resume')}
        </Button>
      )}
    </Flex>
  );

  return (
    <Card size="small" title={t('sla.card.title')} extra={actions} data-testid="sla-card">
      {!sla ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : (
        <Flex vertical gap={12}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'policy', label: t('sla.card.policy'), children: sla.policy.name },
              { key: 'state', label: t('sla.card.state'), children: <SlaBadge sla={ticket.sla} order={ticket} /> },
              {
                key: 'escalation',
                label: t('sla.card.escalation'),
                children: sla.escalationLevel > 0 ? <Tag color="volcano">{t('sla.card.escalationValue', { level: sla.escalationLevel })}</Tag> : t('sla.card.escalationNone'),
              },
              { key: 'paused', label: t('sla.card.pausedMinutes'), children: sla.pausedMinutes > 0 ? formatSlaDuration(sla.pausedMinutes, t) : '—' },
            ]}
          />
          <Table<TargetRow>
            size="small"
            rowKey="target"
            pagination={false}
            dataSource={targetRows(sla)}
            columns={[
              { key: 'target', dataIndex: 'target', render: (v: SlaTarget) => t(`sla.target.${v}`) },
              { key: 'due', title: t('sla.card.dueAt'), dataIndex: 'dueAt', render: (v: string | null) => (v ? formatDateTime(v) : paused ? t('sla.paused') : '—') },
              {
                key: 'state',
                title: t('sla.card.state'),
                render: (_, row) =>
                  sla.breached.includes(row.target) ? (
                    <Badge status="error" text={t('sla.card.breached')} />
                  ) : row.doneAt || (row.target === 'resolution' && !open) ? (
                    <Badge status="success" text={t('sla.card.met')} />
                  ) : (
                    <Badge status={paused ? 'default' : 'processing'} text={paused ? t('sla.paused') : t('sla.card.running')} />
                  ),
              },
            ]}
          />
          <div>
            <Typography.Text strong>{t('sla.card.pauses')}</Typography.Text>
            <List
              size="small"
              locale={{ emptyText: t('sla.card.noPauses') }}
              dataSource={[...sla.pauses].reverse()}
              data-testid="sla-pauses"
              renderItem={(p) => (
                <List.Item style={{ paddingInline: 0 }}>
                  <Flex vertical style={{ minWidth: 0 }}>
                    <span>
                      <Tag color={p.endedAt ? 'default' : 'gold'}>{pauseReasonText(p.reason, t, true)}</Tag>
                      {formatDateTime(p.startedAt)} – {p.endedAt ? formatDateTime(p.endedAt) : t('sla.card.ongoing')}
                    </span>
                    {p.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.note}</Typography.Text>}
                  </Flex>
                </List.Item>
              )}
            />
          </div>
        </Flex>
      )}
      <SlaPauseModal
        mode={mode}
        loading={pause.isPending || resume.isPending}
        onCancel={() => setMode(null)}
        onSubmit={async ({ reason, note }) => {
          if (mode === 'pause') await pause.mutateAsync({ reason: reason ?? 'other', note });
          else await resume.mutateAsync(note);
          setMode(null);
        }}
      />
    </Card>
  );
}
