import { useState, type ReactNode } from 'react';
import { Button, Space } from 'antd';
import {
  CheckOutlined,
  ClockCircleOutlined,
  LockOutlined,
  PlayCircleOutlined,
  RedoOutlined,
  SendOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TicketDetail, TicketStatus } from '@kefu/shared';
import { useAuth, useMe } from '../../../app/auth/AuthContext';
import { AssignModal } from '../components/AssignModal';
import { ticketsApi } from '../ticketsApi';
import { ReasonModal } from './ReasonModal';
import { TransferModal } from './TransferModal';
import { useTicketMutation } from './useTicketMutation';

type Dialog = null | 'assign' | 'transfer' | 'waiting' | 'resolve' | 'reopen';

const ACCEPTABLE: TicketStatus[] = ['new', 'assigned'];
const WORKING: TicketStatus[] = ['assigned', 'in_progress', 'waiting_customer', 'waiting_department'];

/** The buttons a work order offers in its current state (the server has the final word). */
export function TicketActions({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const me = useMe();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const { id, status, version } = ticket;

  const setStatus = useTicketMutation(
    ({ to, reason }: { to: TicketStatus; reason?: string }) => ticketsApi.update(id, { version, status: to, statusReason: reason || undefined }),
    (result) => t('ticket.statusChanged', { status: t(`status.${result.status}`) }),
  );
  const accept = useTicketMutation(async () => {
    // 受理: take the work order (assign to me when nobody has it yet), then start on it.
    const current = status === 'new' || !ticket.assignee ? await ticketsApi.assign(id, { version, assigneeId: me.id }) : ticket;
    return ticketsApi.update(id, { version: current.version, status: 'in_progress' });
  }, t('ticket.accepted'));
  const assign = useTicketMutation((target: Parameters<typeof ticketsApi.assign>[1]) => ticketsApi.assign(id, { version, ...target }), (r) =>
    t('ticket.assignedTo', { name: r.assignee?.name ?? '—' }),
  );
  const transfer = useTicketMutation(
    (values: { departmentId: number; dueAt: string; request: string }) => ticketsApi.transfer(id, { version, ...values }),
    t('ticket.transfer.done'),
  );
  const reopen = useTicketMutation((reason: string) => ticketsApi.reopen(id, version, reason), t('ticket.reopened'));

  if (!can('tickets.update') || ticket.mergedIntoId) return null;
  const open = status !== 'resolved' && status !== 'closed';
  const busy = setStatus.isPending || accept.isPending;

  const primary: ReactNode[] = [];
  if (ACCEPTABLE.includes(status)) {
    primary.push(
      <Button key="accept" type="primary" icon={<PlayCircleOutlined />} loading={accept.isPending} onClick={() => accept.mutate(undefined)} data-testid="action-accept">
        {t('ticket.action.accept')}
      </Button>,
    );
  }
  if (status === 'waiting_customer' || status === 'waiting_department') {
    primary.push(
      <Button key="resume" icon={<PlayCircleOutlined />} loading={busy} onClick={() => setStatus.mutate({ to: 'in_progress' })} data-testid="action-resume">
        {t('ticket.action.resume')}
      </Button>,
    );
  }
  if (status === 'in_progress') {
    primary.push(
      <Button key="waiting" icon={<ClockCircleOutlined />} onClick={() => setDialog('waiting')} data-testid="action-waiting">
        {t('ticket.action.waitCustomer')}
      </Button>,
    );
  }
  if (WORKING.includes(status) && status !== 'waiting_department') {
    primary.push(
      <Button key="transfer" icon={<SendOutlined />} onClick={() => setDialog('transfer')} data-testid="action-transfer">
        {t('ticket.action.transfer')}
      </Button>,
    );
  }
  if (status === 'in_progress' || status === 'waiting_customer' || status === 'waiting_department') {
    primary.push(
      <Button key="resolve" type="primary" icon={<CheckOutlined />} onClick={() => setDialog('resolve')} data-testid="action-resolve">
        {t('ticket.action.resolve')}
      </Button>,
    );
  }
  if (status === 'resolved') {
    primary.push(
      <Button key="close" type="primary" icon={<LockOutlined />} loading={busy} onClick={() => setStatus.mutate({ to: 'closed' })} data-testid="action-close">
        {t('ticket.action.close')}
      </Button>,
    );
  }
  if (!open) {
    primary.push(
      <Button key="reopen" icon={<RedoOutlined />} onClick={() => setDialog('reopen')} data-testid="action-reopen">
        {t('ticket.action.reopen')}
      </Button>,
    );
  }
  if (open && can('tickets.assign')) {
    primary.unshift(
      <Button key="assign" icon={<UserSwitchOutlined />} onClick={() => setDialog('assign')} data-testid="action-assign">
        {t('ticket.action.assign')}
      </Button>,
    );
  }

  return (
    <>
      <Space wrap>
        {primary}
      </Space>
      <AssignModal
        open={dialog === 'assign'}
        title={t('ticket.assignTitle', { number: ticket.number })}
        onCancel={close}
        onSubmit={async (target) => {
          await assign.mutateAsync(target);
          close();
        }}
        confirmLoading={assign.isPending}
      />
      <TransferModal
        open={dialog === 'transfer'}
        loading={transfer.isPending}
        onCancel={close}
        onSubmit={async (values) => {
          await transfer.mutateAsync({ departmentId: values.departmentId, dueAt: values.dueAt.toISOString(), request: values.request });
          close();
        }}
      />
      <ReasonModal
        open={dialog === 'waiting'}
        title={t('ticket.action.waitCustomer')}
        label={t('ticket.waitingReason')}
        placeholder={t('ticket.waitingReasonPlaceholder')}
        okText={t('common.confirm')}
        loading={setStatus.isPending}
        onCancel={close}
        onSubmit={async (reason) => {
          await setStatus.mutateAsync({ to: 'waiting_customer', reason });
          close();
        }}
      />
      <ReasonModal
        open={dialog === 'resolve'}
        title={t('ticket.action.resolve')}
        label={t('ticket.resolution')}
        placeholder={t('ticket.resolutionPlaceholder')}
        required
        okText={t('ticket.action.resolve')}
        loading={setStatus.isPending}
        onCancel={close}
        onSubmit={async (reason) => {
          await setStatus.mutateAsync({ to: 'resolved', reason });
          close();
        }}
      />
      <ReasonModal
        open={dialog === 'reopen'}
        title={t('ticket.action.reopen')}
        label={t('ticket.reopenReason')}
        required
        okText={t('ticket.action.reopen')}
        loading={reopen.isPending}
        onCancel={close}
        onSubmit={async (reason) => {
          await reopen.mutateAsync(reason);
          close();
        }}
      />
    </>
  );
}
