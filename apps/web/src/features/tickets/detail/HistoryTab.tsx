import { Empty, Skeleton, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '@kefu/shared';
import { formatDateTime } from '../../../ui/format';
import { useDirectoryLookup } from '../../directory/useDirectory';
import { useTicketEvents } from '../useTickets';
import { describeEvent } from './describeEvent';

const COLORS: Record<string, string> = {
  created: 'blue',
  status_changed: 'blue',
  reopened: 'red',
  callback_done: 'green',
  callback: 'green',
  transferred: 'orange',
  transfer_answered: 'green',
};

export function HistoryTab({ ticket }: { ticket: TicketDetail }) {
  const ticketId = ticket.id;
  const { t, i18n } = useTranslation();
  const stepName = (key: string) => {
    const step = ticket.process?.steps.find((s) => s.key === key);
    return step ? (i18n.language === 'en' ? step.nameEn : step.nameZh) : key;
  };
  const transferDepartment = (transferId: number) => ticket.transfers.find((tr) => tr.id === transferId)?.department.name;
  const lookup = useDirectoryLookup();
  const events = useTicketEvents(ticketId);
  if (events.isLoading) return <Skeleton active />;
  const items = events.data?.items ?? [];
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticket.history.empty')} />;
  return (
    <Timeline
      style={{ marginTop: 8 }}
      items={items.map((event) => {
        const { title, details } = describeEvent(event, t, lookup, { stepName, transferDepartment });
        return {
          key: event.id,
          color: COLORS[event.kind] ?? 'gray',
          title: <span className="kefu-muted" style={{ fontSize: 12 }}>{formatDateTime(event.at)}</span>,
          content: (
            <div data-testid="history-event">
              <Typography.Text strong>{event.actor?.name ?? t('common.system')}</Typography.Text> {title}
              {details.map((line, i) => (
                <div key={i} className="kefu-muted" style={{ whiteSpace: 'pre-wrap' }}>
                  {line}
                </div>
              ))}
            </div>
          ),
        };
      })}
    />
  );
}
