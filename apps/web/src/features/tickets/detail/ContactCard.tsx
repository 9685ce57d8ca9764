import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '@kefu/shared';
import { TicketContactPhone } from './TicketContactPhone';

/** When the work order has no customer record: who called and how to reach them. */
export function ContactCard({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('ticket.contact')}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'name', label: t('ticket.field.contactName'), children: ticket.contactName ?? '—' },
          { key: 'phone', label: t('ticket.field.contactPhone'), children: <TicketContactPhone ticket={ticket} /> },
        ]}
      />
    </Card>
  );
}
