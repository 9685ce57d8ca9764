import { Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Handover, TicketStatus } from '@kefu/shared';
import { formatDateTime } from '../../ui/format';

type Ticket = Handover['openTickets'][number];

/** The work orders a handover log lists automatically; complaints show their promised reply time. */
export function HandoverTicketTable({ tickets, showDue }: { tickets: Ticket[]; showDue?: boolean }) {
  const { t } = useTranslation();
  return (
    <Table<Ticket>
      rowKey="id"
      size="small"
      dataSource={tickets}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: t('rosters.handover.noTickets') }}
      columns={[
        { title: t('rosters.handover.number'), dataIndex: 'number', width: 170, render: (n: string, r) => <Link to={`/tickets/${r.id}`}>{n}</Link> },
        { title: t('rosters.handover.subject'), dataIndex: 'subject' },
        { title: t('rosters.common.status'), dataIndex: 'status', width: 100, render: (s: string) => <Tag>{t(`status.${s as TicketStatus}`)}</Tag> },
        { title: t('rosters.handover.assignee'), dataIndex: 'assigneeName', width: 100, render: (a: string | null) => a ?? '—' },
        ...(showDue ? [{ title: t('rosters.handover.dueAt'), dataIndex: 'dueAt', width: 150, render: (d: string | null) => <b>{formatDateTime(d)}</b> }] : []),
      ]}
    />
  );
}
