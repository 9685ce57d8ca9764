import { Badge, Card, Table, Tabs } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { Ticket } from '@kefu/shared';
import type { Query } from '../../app/api';
import { toQueryString } from '../../app/api';
import { RelativeTime } from '../../ui/RelativeTime';
import { PriorityTag } from '../tickets/components/PriorityTag';
import { TicketStatusTag } from '../tickets/components/TicketStatusTag';
import { TicketTypeTag } from '../tickets/components/TicketTypeTag';
import { SlaBadge } from '../sla/SlaBadge';
import { useTicketList } from '../tickets/useTickets';

const QUEUES = {
  responsible: { responsibleId: 'me', status: 'open' },
  assigned: { assigneeId: 'me', status: 'open' },
  callback: { callbackPending: true, responsibleId: 'me' },
} satisfies Record<string, Query>;
type QueueKey = keyof typeof QUEUES;

const PAGE = { pageSize: 8, sort: '-updatedAt' };

function QueueTable({ queue }: { queue: QueueKey }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useTicketList({ ...QUEUES[queue], ...PAGE });
  const columns: ColumnsType<Ticket> = [
    { title: t('tickets.col.number'), dataIndex: 'number', width: 180, render: (n: string, r) => <Link to={`/tickets/${r.id}`} className="kefu-ticket-number">{n}</Link> },
    { title: t('tickets.col.subject'), dataIndex: 'subject', ellipsis: true },
    { title: t('tickets.col.customer'), key: 'customer', width: 140, ellipsis: true, render: (_, r) => r.customer?.name ?? r.contactName ?? '—' },
    { title: t('tickets.col.type'), dataIndex: 'type', width: 96, render: (v: string) => <TicketTypeTag type={v} /> },
    { title: t('tickets.col.status'), dataIndex: 'status', width: 140, render: (v: Ticket['status']) => <TicketStatusTag status={v} /> },
    { title: t('tickets.col.priority'), dataIndex: 'priority', width: 84, render: (v: Ticket['priority']) => <PriorityTag priority={v} /> },
    { title: t('sla.column'), key: 'sla', width: 180, render: (_, r) => <SlaBadge sla={r.sla} order={r} /> },
    { title: t('tickets.col.updatedAt'), dataIndex: 'updatedAt', width: 120, render: (v: string) => <RelativeTime value={v} /> },
  ];
  return (
    <Table<Ticket>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={list.data?.items}
      loading={list.isLoading}
      pagination={false}
      rowClassName="kefu-clickable-row"
      onRow={(record) => ({ onDoubleClick: () => navigate(`/tickets/${record.id}`) })}
      locale={{ emptyText: t(`workspace.queueEmpty.${queue}`) }}
      footer={
        list.data && list.data.total > PAGE.pageSize
          ? () => <Link to={`/tickets${toQueryString(QUEUES[queue])}`}>{t('workspace.viewAll', { count: list.data?.total ?? 0 })}</Link>
          : undefined
      }
      data-testid={`queue-${queue}`}
    />
  );
}

function QueueLabel({ queue, label }: { queue: QueueKey; label: string }) {
  const list = useTicketList({ ...QUEUES[queue], ...PAGE });
  const count = list.data?.total ?? 0;
  return (
    <span data-testid={`queue-tab-${queue}`}>
      {label}{' '}
      <Badge count={count} showZero overflowCount={999} color={queue === 'callback' && count > 0 ? '#d92d20' : '#98a2b3'} />
    </span>
  );
}

/** 我负责的 / 分派给我的 / 待回电 — the agent's own open work, with counts. */
export function MyQueues() {
  const { t } = useTranslation();
  return (
    <Card styles={{ body: { paddingTop: 4 } }}>
      <Tabs
        items={(Object.keys(QUEUES) as QueueKey[]).map((queue) => ({
          key: queue,
          label: <QueueLabel queue={queue} label={t(`workspace.queue.${queue}`)} />,
          children: <QueueTable queue={queue} />,
        }))}
      />
    </Card>
  );
}
