import type { ReactNode } from 'react';
import { Card, Descriptions, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetail, ComplaintStep } from '@kefu/shared';
import { useDirectoryLookup } from '../directory/useDirectory';
import { formatDateTime } from '../../ui/format';
import { yuan } from './complaintsApi';

/** Fields in the order the step's form asks them. */
const FIELD_ORDER = [
  'content', 'promisedReplyAt', 'justified', 'grade', 'category', 'responsibleUserId', 'responsibleTeamId', 'responsibleDepartment', 'explanation',
  'findings', 'resolution', 'payouts', 'replyText', 'repliedAt', 'result', 'note', 'rootCause', 'improvement',
];
const rank = (key: string) => (FIELD_ORDER.includes(key) ? FIELD_ORDER.indexOf(key) : FIELD_ORDER.length);

type Payout = { kind: 'compensation' | 'refund' | 'gift'; amountFen: number; note?: string | null };

/** What was recorded at each step so far, in the order of the procedure. */
export function ComplaintStepHistory({ complaint }: { complaint: ComplaintDetail }) {
  const { t } = useTranslation();
  const lookup = useDirectoryLookup();
  const show = (key: string, value: unknown): ReactNode => {
    if (value === null || value === undefined || value === '') return null;
    switch (key) {
      case 'justified': return value ? t('complaints.case.justifiedYes') : t('complaints.case.justifiedNo');
      case 'grade': return t(`complaints.grade.${value as 'general'}`);
      case 'category': return t(`complaints.category.${value as 'other'}`);
      case 'result': return t(`complaints.follow.${value as 'satisfied'}`);
      case 'promisedReplyAt':
      case 'repliedAt': return formatDateTime(value as string);
      case 'responsibleUserId': return lookup.userName(value as number);
      case 'responsibleTeamId': return lookup.teamName(value as number);
      case 'payouts': {
        const list = value as Payout[];
        return list.length === 0 ? null : list.map((p) => `${t(`complaints.payoutKind.${p.kind}`)} ${yuan(p.amountFen)}${p.note ? `（${p.note}）` : ''}`).join('；');
      }
      default: return <span style={{ whiteSpace: 'pre-wrap' }}>{String(value)}</span>;
    }
  };
  const done = complaint.path.filter((s): s is ComplaintStep => s !== 'approve' && complaint.stepData[s] !== undefined);
  if (done.length === 0) return <Card size="small" title={t('complaints.case.history')}><Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /></Card>;
  return (
    <Card size="small" title={t('complaints.case.history')} data-testid="complaint-history">
      {done.map((step) => {
        const { by, at, ...fields } = complaint.stepData[step]!;
        const items = Object.entries(fields)
          .sort(([a], [b]) => rank(a) - rank(b))
          .map(([key, value]) => ({ key, label: t(`complaints.field.${key}` as 'complaints.field.content'), children: show(key, value) }))
          .filter((i) => i.children !== null);
        return (
          <Descriptions key={step} size="small" column={1} style={{ marginBottom: 12 }}
            title={t(`complaints.step.${step}`)}
            extra={<span className="kefu-muted">{t('complaints.case.by', { name: lookup.userName(by as number | null), time: formatDateTime(at as string) })}</span>}
            items={items} />
        );
      })}
    </Card>
  );
}
