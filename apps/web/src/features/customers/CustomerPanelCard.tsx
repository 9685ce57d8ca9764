import { useState, type ReactNode } from 'react';
import { Card, Col, Descriptions, Empty, Flex, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { ApartmentOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CustomerPanel } from '@kefu/shared';
import { RelativeTime } from '../../ui/RelativeTime';
import { TicketStatusTag } from '../tickets/components/TicketStatusTag';
import { TicketTypeTag } from '../tickets/components/TicketTypeTag';
import { CustomerGradeTag } from './CustomerGradeTag';
import { customerPanelQuery, type RevealedPii } from './customersApi';
import { PhoneList } from './PhoneList';
import { RevealPiiButton } from './RevealPiiButton';

type PanelTicket = CustomerPanel['openTickets'][number];

function TicketMiniList({ tickets, empty }: { tickets: PanelTicket[]; empty: string }) {
  if (tickets.length === 0) return <div className="kefu-muted" style={{ padding: '6px 0' }}>{empty}</div>;
  return (
    <ul className="kefu-mini-list">
      {tickets.map((ticket) => (
        <li key={ticket.id} style={{ flexDirection: 'column', alignItems: 'stretch', gap: 4 }}>
          <Flex align="center" gap={8}>
            <Link to={`/tickets/${ticket.id}`} className="kefu-ticket-number">
              {ticket.number}
            </Link>
            <TicketStatusTag status={ticket.status} />
            <span className="kefu-muted" style={{ marginInlineStart: 'auto', fontSize: 12 }}>
              <RelativeTime value={ticket.createdAt} />
            </span>
          </Flex>
          <Flex align="center" gap={8} style={{ minWidth: 0 }}>
            <TicketTypeTag type={ticket.type} />
            <span className="kefu-ellipsis" title={ticket.subject}>
              {ticket.subject}
            </span>
          </Flex>
        </li>
      ))}
    </ul>
  );
}

/**
 * The caller at a glance: who, grade, numbers, open work orders and recent contacts. `known` (what a screen pop's
 * message already says: name and grade) is shown while the rest loads, so the agent knows who calls at once.
 */
export function CustomerPanelCard({ customerId, title, extra, known }: { customerId: number; title?: ReactNode; extra?: ReactNode; known?: { name: string; grade?: string | null } }) {
  const { t } = useTranslation();
  // Kept with its customer: a screen pop reuses this card for the next caller, whose numbers stay masked.
  const [revealedFor, setRevealedFor] = useState<{ customerId: number; pii: RevealedPii } | null>(null);
  const revealed = revealedFor?.customerId === customerId ? revealedFor.pii : null;
  const panel = useQuery(customerPanelQuery(customerId));
  const customer = panel.data;

  if (!customer && !known) {
    return (
      <Card title={title ?? t('customers.panelTitle')} extra={extra} data-testid="customer-panel">
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  }
  // While loading, the same layout shows what the ringing message said and "…" for the rest: the next caller of a
  // screen pop updates this tree instead of swapping a skeleton for it (mounting is most of a pop's cost in the page).
  const pending = <span className="kefu-muted">…</span>;
  const name = customer?.name ?? known!.name;
  return (
    <Card title={title ?? t('customers.panelTitle')} extra={extra} data-testid="customer-panel" aria-busy={!customer}>
      <Flex vertical gap={16}>
        <Flex align="center" gap={10} wrap>
          {customer?.kind === 'organization' ? <ApartmentOutlined style={{ fontSize: 18 }} /> : <UserOutlined style={{ fontSize: 18 }} />}
          <Typography.Title level={4} style={{ margin: 0 }} data-testid={customer ? 'customer-panel-name' : 'customer-panel-known-name'}>
            {customer ? <Link to={`/customers/${customer.id}`}>{name}</Link> : name}
          </Typography.Title>
          <CustomerGradeTag grade={customer ? customer.grade : known!.grade} />
          {customer && <Tag>{t(`customers.kind.${customer.kind}`)}</Tag>}
          {customer?.tags.map((tag) => (
            <Tag key={tag} color="blue">
              {tag}
            </Tag>
          ))}
        </Flex>
        <Row gutter={12}>
          <Col span={8}>
            <Statistic title={t('customers.openTickets')} value={customer ? customer.openTickets.length : '…'} />
          </Col>
          <Col span={8}>
            <Statistic title={t('customers.ticketCount')} value={customer ? customer.ticketCount : '…'} />
          </Col>
          <Col span={8}>
            <Statistic title={t('customers.complaintCount')} value={customer ? customer.complaintCount : '…'} styles={{ content: customer && customer.complaintCount > 0 ? { color: '#d92d20' } : undefined }} />
          </Col>
        </Row>
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'phones',
              label: t('customers.phones'),
              children: customer ? (
                <Flex vertical gap={2}>
                  <PhoneList phones={customer.phones} revealed={revealed} />
                  {!revealed && customer.phones.some((p) => p.masked) && <RevealPiiButton customerId={customer.id} onRevealed={(pii) => setRevealedFor({ customerId: customer.id, pii })} />}
                </Flex>
              ) : (
                pending
              ),
            },
            ...(customer?.organization
              ? [{ key: 'org', label: t('customers.organization'), children: <Link to={`/customers/${customer.organization.id}`}>{customer.organization.name}</Link> }]
              : []),
            ...(customer?.email || revealed?.email ? [{ key: 'email', label: t('customers.email'), children: revealed?.email ?? customer?.email }] : []),
            ...(customer?.address || revealed?.address ? [{ key: 'address', label: t('customers.address'), children: revealed?.address ?? customer?.address }] : []),
            ...(customer?.notes ? [{ key: 'notes', label: t('customers.notes'), children: customer.notes }] : []),
          ]}
        />
        <div>
          <Typography.Text strong>{t('customers.openTicketsList')}</Typography.Text>
          {customer ? <TicketMiniList tickets={customer.openTickets} empty={t('customers.noOpenTickets')} /> : <div style={{ padding: '6px 0' }}>{pending}</div>}
        </div>
        <div>
          <Typography.Text strong>{t('customers.recentContacts')}</Typography.Text>
          {customer ? <TicketMiniList tickets={customer.recentTickets} empty={t('customers.noRecentTickets')} /> : <div style={{ padding: '6px 0' }}>{pending}</div>}
        </div>
      </Flex>
    </Card>
  );
}

export function CustomerPanelEmpty({ title, description }: { title: ReactNode; description: ReactNode }) {
  return (
    <Card title={title} data-testid="customer-panel-empty">
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} style={{ padding: '32px 0' }} />
    </Card>
  );
}
