import { App, Button } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useLiveTopic } from '../../app/live/LiveContext';
import { formatDateTime } from '../../ui/format';

/** What the server publishes on topic "sla.escalation" (apps/server/src/modules/sla/sla-notify.ts). */
interface EscalationNotice {
  ticketId: number;
  number: string;
  subject: string;
  percent: number;
  resolutionDueAt: string | null;
}

/** Shows live SLA escalations (预警 / 超时) addressed to the signed-in user as notifications. */
export function SlaEscalationNotifier() {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  useLiveTopic('sla.escalation', (payload) => {
    const n = payload as EscalationNotice;
    if (!n || typeof n.ticketId !== 'number') return;
    const breached = n.percent >= 100;
    // The order's escalation level changed: lists and its detail page show it.
    void queryClient.invalidateQueries({ queryKey: ['tickets'] });
    const key = `sla-${n.ticketId}-${n.percent}`;
    const args: Parameters<typeof notification.error>[0] = {
      key,
      title: t(breached ? 'sla.notice.breached' : 'sla.notice.warning', { number: n.number, percent: n.percent }),
      description: (
        <div data-testid="sla-notice">
          <div>{n.subject}</div>
          {n.resolutionDueAt && <div className="kefu-muted">{t('sla.notice.due', { time: formatDateTime(n.resolutionDueAt) })}</div>}
        </div>
      ),
      actions: (
        <Button
          size="small"
          type="primary"
          onClick={() => {
            notification.destroy(key);
            navigate(`/tickets/${n.ticketId}`);
          }}
        >
          {t('sla.notice.open')}
        </Button>
      ),
      duration: breached ? false : 10,
      placement: 'bottomRight',
    };
    if (breached) notification.error(args);
    else notification.warning(args);
  });
  return null;
}
