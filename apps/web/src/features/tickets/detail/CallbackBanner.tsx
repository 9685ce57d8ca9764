import { Alert, Button, Flex, Form, Input, Radio, Typography } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LIMITS, type TicketCallbackDone, type TicketDetail } from '@kefu/shared';
import { useAuth } from '../../../app/auth/AuthContext';
import { REQUIRED } from '../../../ui/zodRule';
import { ticketsApi } from '../ticketsApi';
import { TicketContactPhone } from './TicketContactPhone';
import { useTicketMutation } from './useTicketMutation';

type CallbackValues = Omit<TicketCallbackDone, 'version'>;

/** 部门已答复，请回电客户: the first-contact agent calls back and records how it went. */
export function CallbackBanner({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [form] = Form.useForm<CallbackValues>();
  const callback = useTicketMutation((values: CallbackValues) => ticketsApi.callback(ticket.id, { version: ticket.version, ...values }), t('ticket.callback.done'));
  const answered = [...ticket.transfers].reverse().find((tr) => tr.answer);

  return (
    <Alert
      type="warning"
      showIcon
      icon={<PhoneOutlined />}
      style={{ marginBottom: 16 }}
      data-testid="callback-banner"
      title={<Typography.Text strong>{t('ticket.callback.banner')}</Typography.Text>}
      description={
        <Flex vertical gap={10} style={{ marginTop: 4 }}>
          <div>
            {t('ticket.callback.contact')}：{ticket.contactName ?? ticket.customer?.name ?? '—'} <TicketContactPhone ticket={ticket} />
          </div>
          {answered && (
            <div style={{ background: 'rgba(255,255,255,0.7)', padding: '8px 12px', borderRadius: 6 }}>
              <Typography.Text type="secondary">{t('ticket.callback.answerFrom', { department: answered.department.name })}</Typography.Text>
              <div style={{ whiteSpace: 'pre-wrap' }}>{answered.answer}</div>
            </div>
          )}
          {can('tickets.update') && (
            <Form<CallbackValues> form={form} layout="inline" onFinish={(values) => callback.mutate(values)} style={{ rowGap: 8 }}>
              <Form.Item name="outcome" rules={[REQUIRED]} label={t('ticket.callback.outcome')}>
                <Radio.Group
                  options={(['accepted', 'declined', 'unreachable'] as const).map((o) => ({ value: o, label: t(`ticket.callback.${o}`) }))}
                  data-testid="callback-outcome"
                />
              </Form.Item>
              <Form.Item name="note" rules={[{ max: LIMITS.noteMax }]} style={{ flex: 1, minWidth: 220 }}>
                <Input placeholder={t('ticket.callback.notePlaceholder')} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={callback.isPending} data-testid="callback-submit">
                {t('ticket.callback.submit')}
              </Button>
            </Form>
          )}
        </Flex>
      }
    />
  );
}
