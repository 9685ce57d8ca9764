import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useLiveTopic } from '../../app/live/LiveContext';

/** What the server publishes on topic "contracts.renewal_due" (apps/server/src/modules/contracts/contracts.reminders.ts). */
interface RenewalNotice { contractId: number; number: string; title: string; customerName: string; endDate: string; daysLeft: number }

/** Tells a contract's owner on screen that its renewal is due (mount once in the logged-in layout). */
export function ContractReminderNotifier() {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  useLiveTopic('contracts.renewal_due', (payload) => {
    const n = payload as RenewalNotice;
    if (!n || typeof n.contractId !== 'number') return;
    const key = `contract-renewal-${n.contractId}`;
    notification.warning({
      key,
      title: t('contracts.notice.title', { number: n.number }),
      description: <div data-testid="contract-renewal-notice">{t('contracts.notice.body', { customer: n.customerName, title: n.title, date: n.endDate, n: n.daysLeft })}</div>,
      actions: (
        <Button size="small" type="primary" onClick={() => { notification.destroy(key); navigate('/contracts?tab=expiring'); }}>
          {t('contracts.notice.open')}
        </Button>
      ),
      duration: false,
      placement: 'bottomRight',
    });
  });
  return null;
}
