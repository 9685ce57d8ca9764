import { Alert, Badge, Card, Col, Flex, Result, Row, Skeleton, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../../app/api';
import { useAuth } from '../../../app/auth/AuthContext';
import { ErrorResult } from '../../../ui/ErrorResult';
import { PageHeader } from '../../../ui/PageHeader';
import { CustomerPanelCard } from '../../customers/CustomerPanelCard';
import { PriorityTag } from '../components/PriorityTag';
import { TicketStatusTag } from '../components/TicketStatusTag';
import { TicketTypeTag } from '../components/TicketTypeTag';
import { SlaBadge } from '../../sla/SlaBadge';
import { TicketSlaCard } from '../../sla/TicketSlaCard';
import { useTicket } from '../useTickets';
import { AttachmentsTab } from './AttachmentsTab';
import { CallbackBanner } from './CallbackBanner';
import { ContactCard } from './ContactCard';
import { HistoryTab } from './HistoryTab';
import { LinksTab } from './LinksTab';
import { NotesTab } from './NotesTab';
import { ProcessCard } from './ProcessCard';
import { ResponsibilityCard } from './ResponsibilityCard';
import { TicketActions } from './TicketActions';
import { TicketInfoCard } from './TicketInfoCard';
import { TransfersTab } from './TransfersTab';

const count = (n: number) => (n > 0 ? <Badge count={n} color="#98a2b3" style={{ marginInlineStart: 4 }} /> : null);

export function TicketDetailPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const query = useTicket(id);
  const ticket = query.data;

  if (query.error && isApiError(query.error, 'NOT_FOUND')) {
    return <Result status="404" title={t('ticket.notFound')} subTitle={query.error.message} extra={<Link to="/tickets">{t('ticket.backToList')}</Link>} />;
  }
  if (!ticket && query.error) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  if (!ticket) return <Skeleton active paragraph={{ rows: 12 }} />;

  return (
    <>
      <PageHeader
        backTo="/tickets"
        title={
          <span data-testid="ticket-title">
            <span className="kefu-ticket-number" style={{ fontSize: 15, color: 'rgba(0,0,0,0.45)', marginInlineEnd: 10 }}>
              {ticket.number}
            </span>
            {ticket.subject}
          </span>
        }
        tags={
          <Flex gap={6} wrap>
            <TicketStatusTag status={ticket.status} />
            {ticket.sla && <SlaBadge sla={ticket.sla} order={ticket} />}
            <TicketTypeTag type={ticket.type} />
            <PriorityTag priority={ticket.priority} />
            {ticket.answeredOnSpot && <Tag color="green">{t('ticket.answeredOnSpot')}</Tag>}
            {ticket.callbackPending && <Tag color="red">{t('tickets.callbackPending')}</Tag>}
          </Flex>
        }
        extra={<TicketActions ticket={ticket} />}
      />
      {ticket.mergedIntoId && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <span>
              {t('ticket.mergedInto')} <Link to={`/tickets/${ticket.mergedIntoId}`}>#{ticket.mergedIntoId}</Link>
            </span>
          }
        />
      )}
      {ticket.callbackPending && <CallbackBanner ticket={ticket} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <TicketInfoCard ticket={ticket} />
            <ProcessCard ticket={ticket} />
            <Card styles={{ body: { paddingTop: 4 } }}>
              <Tabs
                items={[
                  { key: 'notes', label: <span>{t('ticket.tab.notes')}{count(ticket.notes.length)}</span>, children: <NotesTab ticket={ticket} /> },
                  { key: 'attachments', label: <span>{t('ticket.tab.attachments')}{count(ticket.attachments.length)}</span>, children: <AttachmentsTab ticket={ticket} /> },
                  { key: 'history', label: t('ticket.tab.history'), children: <HistoryTab ticket={ticket} /> },
                  { key: 'links', label: <span>{t('ticket.tab.links')}{count(ticket.links.length)}</span>, children: <LinksTab ticket={ticket} /> },
                  { key: 'transfers', label: <span>{t('ticket.tab.transfers')}{count(ticket.transfers.length)}</span>, children: <TransfersTab ticket={ticket} /> },
                ]}
              />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <ResponsibilityCard ticket={ticket} />
            {ticket.sla && <TicketSlaCard ticket={ticket} />}
            {ticket.customer && can('customers.read') ? <CustomerPanelCard customerId={ticket.customer.id} /> : <ContactCard ticket={ticket} />}
          </Flex>
        </Col>
      </Row>
    </>
  );
}
