import { useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '@kefu/shared';
import { useAuth } from '../../../app/auth/AuthContext';
import { ClickToCallButton } from '../../calls/ClickToCallButton';
import { ticketsApi } from '../ticketsApi';

/**
 * The contact number, masked; "显示号码" for those who may see it — roles with personal-data rights and the
 * agent who must call this open order's customer back. The server logs every reveal.
 */
export function TicketContactPhone({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const { can, me } = useAuth();
  const [full, setFull] = useState<string | null>(null);
  const reveal = useMutation({ mutationFn: () => ticketsApi.revealContact(ticket.id), onSuccess: (r) => setFull(r.contactPhone) });
  if (!ticket.contactPhone) return <>—</>;
  if (full) return <Typography.Text copyable data-testid="contact-phone-full">{full}</Typography.Text>;
  const open = ticket.status !== 'resolved' && ticket.status !== 'closed';
  const mine = me !== null && (ticket.responsible?.id === me.id || ticket.assignee?.id === me.id);
  const allowed = ticket.contactPhoneMasked && (can('customers.reveal_pii') || (open && mine && can('tickets.update')));
  return (
    <Space size={4}>
      <span data-testid="contact-phone">{ticket.contactPhone}</span>
      <ClickToCallButton target={{ ticketId: ticket.id }} />
      {allowed && (
        <Button size="small" type="link" icon={<EyeOutlined />} loading={reveal.isPending} onClick={() => reveal.mutate()} data-testid="reveal-contact" style={{ paddingInline: 0 }}>
          {t('ticket.revealPhone')}
        </Button>
      )}
    </Space>
  );
}
