import { useState } from 'react';
import { Button, Drawer, Empty, Flex, Tag, Typography } from 'antd';
import { FormOutlined, PhoneOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useLiveTopic } from '../../app/live/LiveContext';
import { CustomerPanelCard } from '../customers/CustomerPanelCard';
import { customerPanelQuery } from '../customers/customersApi';
import { useAuth } from '../../app/auth/AuthContext';

/** What the server announces when a call rings at this agent (topic `call.ringing`). */
interface RingingCall {
  callId: string;
  from: string;
  queue?: string | null;
  customer?: { id: number; name: string; grade?: string | null } | null;
}

function asRingingCall(payload: unknown): RingingCall | null {
  if (!payload || typeof payload !== 'object') return null;
  const p = payload as Record<string, unknown>;
  if (typeof p.callId !== 'string' || typeof p.from !== 'string') return null;
  const customer = p.customer && typeof p.customer === 'object' && typeof (p.customer as { id?: unknown }).id === 'number' ? (p.customer as RingingCall['customer']) : null;
  return { callId: p.callId, from: p.from, queue: typeof p.queue === 'string' ? p.queue : null, customer };
}

/**
 * Screen pop (seed 002's inbound flow): the ringing call's customer record, grade, open work orders and
 * recent contacts, with one click to start a work order for the number.
 */
export function IncomingCallDrawer() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me } = useAuth();
  const queryClient = useQueryClient();
  const [call, setCall] = useState<RingingCall | null>(null);
  // The last call stays rendered in the closed drawer: the next pop updates that tree instead of mounting a new one
  // (mounting re-registers the components' styles; bench/screen-pop.ts showed it as most of a pop's cost).
  const [shown, setShown] = useState<RingingCall | null>(null);
  useLiveTopic('call.ringing', (payload) => {
    const next = asRingingCall(payload);
    if (next) {
      // The panel's request leaves with the message, not after the drawer has rendered.
      if (next.customer) void queryClient.prefetchQuery(customerPanelQuery(next.customer.id));
      setCall(next);
      setShown(next);
    }
  });
  useLiveTopic('call.ended', (payload) => {
    const ended = asRingingCall({ from: '', ...(payload as object) });
    // A call that ends unanswered closes its pop; an answered one stays until the agent is done.
    if (ended && call?.callId === ended.callId && (payload as { answered?: boolean }).answered === false) setCall(null);
  });
  // Rung together with colleagues (a ring group): when one of them picks up, the others' pops close.
  useLiveTopic('call.answered', (payload) => {
    const answered = payload as { callId?: string; agentId?: number | null };
    if (call && answered.callId === call.callId && answered.agentId != null && answered.agentId !== me?.id) setCall(null);
  });

  const startTicket = () => {
    if (!call) return;
    const params = new URLSearchParams({ phone: call.from, callId: call.callId });
    setCall(null);
    navigate(`/workspace?${params.toString()}`);
  };

  return (
    <Drawer
      open={call !== null}
      onClose={() => setCall(null)}
      autoFocus={false}
      width={460}
      mask={false}
      title={
        <Flex align="center" gap={8}>
          <PhoneOutlined style={{ color: '#1d4ed8' }} />
          <span>{t('calls.incoming')}</span>
          {call?.queue && <Tag>{call.queue}</Tag>}
        </Flex>
      }
      extra={
        <Button type="primary" icon={<FormOutlined />} onClick={startTicket} data-testid="screen-pop-new-ticket">
          {t('calls.newTicket')}
        </Button>
      }
      data-testid="screen-pop"
    >
      {shown && (
        <Flex vertical gap={12}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="screen-pop-number">
            {shown.from}
          </Typography.Title>
          {shown.customer ? (
            <CustomerPanelCard customerId={shown.customer.id} known={shown.customer} />
          ) : (
            <Empty description={t('calls.unknownCaller')} />
          )}
        </Flex>
      )}
    </Drawer>
  );
}
