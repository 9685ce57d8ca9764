import { Button, Card, Empty, Flex, Form, Input, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { LIMITS, type TicketDetail } from '@kefu/shared';
import { useAuth } from '../../../app/auth/AuthContext';
import { formatDateTime } from '../../../ui/format';
import { REQUIRED_TEXT } from '../../../ui/zodRule';
import { ticketsApi } from '../ticketsApi';
import { useTicketMutation } from './useTicketMutation';

type Transfer = TicketDetail['transfers'][number];

function AnswerForm({ ticketId, transferId }: { ticketId: number; transferId: number }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ answer: string }>();
  const answer = useTicketMutation((text: string) => ticketsApi.answerTransfer(ticketId, transferId, text), t('ticket.transfers.answered'));
  return (
    <Form form={form} onFinish={({ answer: text }) => answer.mutate(text)} style={{ marginTop: 8 }}>
      <Form.Item name="answer" rules={[REQUIRED_TEXT, { max: LIMITS.noteMax }]} style={{ marginBottom: 8 }}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder={t('ticket.transfers.answerPlaceholder')} data-testid="transfer-answer" />
      </Form.Item>
      <Flex justify="flex-end">
        <Button type="primary" htmlType="submit" loading={answer.isPending} data-testid="transfer-answer-submit">
          {t('ticket.transfers.recordAnswer')}
        </Button>
      </Flex>
    </Form>
  );
}

function TransferCard({ ticket, transfer }: { ticket: TicketDetail; transfer: Transfer }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const overdue = !transfer.answeredAt && dayjs(transfer.dueAt).isBefore(dayjs());
  return (
    <Card size="small" data-testid="transfer-card">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text strong>{transfer.department.name}</Typography.Text>
        <Flex gap={8} align="center">
          <span className="kefu-muted" style={{ fontSize: 12 }}>
            {t('ticket.transfers.due', { time: formatDateTime(transfer.dueAt) })}
          </span>
          {transfer.answeredAt ? (
            <Tag color="green">{t('ticket.transfers.statusAnswered')}</Tag>
          ) : overdue ? (
            <Tag color="red">{t('ticket.transfers.statusOverdue')}</Tag>
          ) : (
            <Tag color="orange">{t('ticket.transfers.statusWaiting')}</Tag>
          )}
        </Flex>
      </Flex>
      <div style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">{t('ticket.transfers.request')}</Typography.Text>
        <div style={{ whiteSpace: 'pre-wrap' }}>{transfer.request}</div>
      </div>
      {transfer.answer ? (
        <div style={{ marginTop: 8, background: '#f0fdf4', borderRadius: 6, padding: '8px 12px' }}>
          <Typography.Text type="secondary">
            {t('ticket.transfers.answerBy', { name: transfer.answeredBy ?? '—', time: formatDateTime(transfer.answeredAt) })}
          </Typography.Text>
          <div style={{ whiteSpace: 'pre-wrap' }}>{transfer.answer}</div>
        </div>
      ) : (
        can('tickets.update') && <AnswerForm ticketId={ticket.id} transferId={transfer.id} />
      )}
    </Card>
  );
}

export function TransfersTab({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  if (ticket.transfers.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticket.transfers.empty')} />;
  return (
    <Flex vertical gap={12}>
      {[...ticket.transfers].reverse().map((transfer) => (
        <TransferCard key={transfer.id} ticket={ticket} transfer={transfer} />
      ))}
    </Flex>
  );
}
