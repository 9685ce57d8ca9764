import { Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetail } from '@kefu/shared';
import { formatDateTime } from '../../ui/format';

/** The procedure of seed 001 as steps: done, current (waiting for approval shows whose), to come. */
export function ComplaintProcedure({ complaint }: { complaint: ComplaintDetail }) {
  const { t } = useTranslation();
  const closed = complaint.step === 'closed';
  const current = closed ? complaint.path.length : complaint.path.indexOf(complaint.step as never);
  return (
    <Steps
      size="small"
      current={current}
      status={closed ? 'finish' : 'process'}
      data-testid="complaint-procedure"
      items={complaint.path.map((step, i) => {
        // The approve step records no fields: its time is that of the last decision.
        const at = step === 'approve' ? (complaint.approvals.at(-1)?.at ?? null) : ((complaint.stepData[step]?.at as string | undefined) ?? null);
        const waiting = step === 'approve' && i === current && complaint.pendingApproval;
        return {
          title: t(`complaints.step.${step}`),
          content: waiting ? t('complaints.approval.waiting', { level: t(`complaints.level.${complaint.pendingApproval!}`) }) : at && i < current ? formatDateTime(at) : undefined,
        };
      })}
    />
  );
}
