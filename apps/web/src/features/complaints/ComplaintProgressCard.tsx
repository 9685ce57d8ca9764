import { useState } from 'react';
import { Button, Card, Flex, Input, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetail } from '@kefu/shared';
import { useAuth } from '../../app/auth/AuthContext';
import { formatDateTime } from '../../ui/format';
import { complaintsApi } from './complaintsApi';
import { useComplaintMutation } from './useComplaintMutation';

/** 事故处理投诉记录表: the progress log of a long-running case; each entry restarts the 24 h update clock. */
export function ComplaintProgressCard({ complaint }: { complaint: ComplaintDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [body, setBody] = useState('');
  const add = useComplaintMutation(complaint.ticketId, (text: string) => complaintsApi.addProgress(complaint.ticketId, text), () => setBody(''));
  const editable = can('complaints.handle') && complaint.step !== 'closed';
  return (
    <Card size="small" title={t('complaints.progress.title')} style={{ marginBottom: 16 }} data-testid="complaint-progress">
      <Typography.Paragraph type="secondary">{t('complaints.progress.hint')}</Typography.Paragraph>
      {complaint.progress.length === 0 ? <Typography.Paragraph type="secondary">{t('complaints.progress.empty')}</Typography.Paragraph> : (
        <Timeline items={complaint.progress.map((p) => ({
          key: p.id,
          content: (<div><div className="kefu-muted">{formatDateTime(p.at)} · {p.author?.name}</div><div style={{ whiteSpace: 'pre-wrap' }}>{p.body}</div></div>),
        }))} />
      )}
      {editable && (
        <Flex vertical gap={8}>
          <Input.TextArea value={body} onChange={(e) => setBody(e.target.value)} placeholder={t('complaints.progress.placeholder')} autoSize={{ minRows: 2 }} data-testid="complaint-progress-text" />
          <Button disabled={!body.trim()} loading={add.isPending} onClick={() => add.mutate(body.trim())} data-testid="complaint-progress-add" style={{ alignSelf: 'flex-start' }}>
            {t('complaints.progress.add')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
