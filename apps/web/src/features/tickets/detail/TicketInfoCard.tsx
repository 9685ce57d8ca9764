import { useState } from 'react';
import { Button, Card, Descriptions, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '@kefu/shared';
import { useAuth } from '../../../app/auth/AuthContext';
import { formatDateTime } from '../../../ui/format';
import { useDirectoryLookup } from '../../directory/useDirectory';
import { formatCustomValue } from '../components/customValues';
import { TicketContactPhone } from './TicketContactPhone';
import { TicketEditForm } from './TicketEditForm';

export function TicketInfoCard({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [editing, setEditing] = useState(false);
  const { ticketType, customFieldLabel, ticketTypeName } = useDirectoryLookup();
  const fields = ticketType(ticket.type)?.fields ?? [];
  const canEdit = can('tickets.update') && !ticket.mergedIntoId && ticket.status !== 'closed';

  return (
    <Card
      title={t('ticket.info')}
      extra={
        canEdit &&
        !editing && (
          <Button type="link" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="ticket-edit">
            {t('common.edit')}
          </Button>
        )
      }
    >
      {editing ? (
        <TicketEditForm ticket={ticket} onDone={() => setEditing(false)} />
      ) : (
        <>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 16 }} data-testid="ticket-description">
            {ticket.description || <span className="kefu-muted">{t('ticket.noDescription')}</span>}
          </Typography.Paragraph>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'type', label: t('ticket.field.type'), children: ticketTypeName(ticket.type) },
              { key: 'channel', label: t('ticket.field.channel'), children: t(`channel.${ticket.channel}`) },
              { key: 'contactName', label: t('ticket.field.contactName'), children: ticket.contactName ?? '—' },
              { key: 'contactPhone', label: t('ticket.field.contactPhone'), children: <TicketContactPhone ticket={ticket} /> },
              { key: 'eventTime', label: t('ticket.field.eventTime'), children: formatDateTime(ticket.eventTime) },
              { key: 'eventPlace', label: t('ticket.field.eventPlace'), children: ticket.eventPlace ?? '—' },
              { key: 'eventPerson', label: t('ticket.field.eventPerson'), children: ticket.eventPerson ?? '—' },
              {
                key: 'tags',
                label: t('ticket.field.tags'),
                children: ticket.tags.length ? ticket.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : '—',
              },
              ...fields.map((field) => ({
                key: `custom.${field.key}`,
                label: customFieldLabel(field),
                children: formatCustomValue(field, ticket.custom[field.key], t('common.yes'), t('common.no')),
              })),
            ]}
          />
        </>
      )}
    </Card>
  );
}
