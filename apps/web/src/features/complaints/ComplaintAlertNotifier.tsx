import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useLiveTopic } from '../../app/live/LiveContext';

/** What the server publishes on topic "complaint.serious" (apps/server/src/modules/complaints/complaint-notify.ts). */
interface SeriousComplaintNotice { ticketId: number; number: string; subject: string }

/** Tells managers at once that a serious complaint came in (mount once in the logged-in layout). */
export function ComplaintAlertNotifier() {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  useLiveTopic('complaint.serious', (payload) => {
    const n = payload as SeriousComplaintNotice;
    if (!n || typeof n.ticketId !== 'number') return;
    const key = `complaint-${n.ticketId}`;
    notification.error({
      key,
      title: t('complaints.notice.title', { number: n.number }),
      description: <div data-testid="complaint-notice">{n.subject}</div>,
      actions: (
        <Button size="small" type="primary" onClick={() => { notification.destroy(key); navigate(`/complaints/${n.ticketId}`); }}>
          {t('complaints.notice.open')}
        </Button>
      ),
      duration: false,
      placement: 'bottomRight',
    });
  });
  return null;
}
