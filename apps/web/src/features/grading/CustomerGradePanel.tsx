import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Skeleton, Tabs, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthContext';
import { formatDateTime } from '../../ui/format';
import { FollowUpDrawer } from './FollowUpDrawer';
import { GradeTag } from './GradeTag';
import { gradingApi, gradingKeys } from './gradingApi';

/** Grade, the four axes, owner, next follow-up, grade history and follow-ups of one customer (for the customer page). */
export function CustomerGradePanel({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [recording, setRecording] = useState(false);
  const query = useQuery({ queryKey: gradingKeys.customer(customerId), queryFn: () => gradingApi.customer(customerId) });
  const g = query.data;
  return (
    <Card
      size="small"
      title={t('grading.panel.title')}
      extra={can('customers.write') && g && <Button size="small" type="primary" onClick={() => setRecording(true)}>{t('grading.record')}</Button>}
    >
      {!g ? (
        <Skeleton active loading={query.isLoading} />
      ) : (
        <>
          <Descriptions size="small" column={2} items={[
            { key: 'grade', label: t('grading.column.grade'), children: <GradeTag grade={g.grade} isVip={g.isVip} /> },
            { key: 'owner', label: t('grading.panel.owner'), children: g.owner?.name ?? t('grading.panel.noOwner') },
            { key: 'next', label: t('grading.panel.next'), children: g.nextFollowUpOn ?? '—' },
            { key: 'last', label: t('grading.panel.last'), children: g.lastFollowUpAt ? formatDateTime(g.lastFollowUpAt) : '—' },
            ...(g.axes ? (['dealStatus', 'importance', 'urgency', 'demand'] as const).map((axis) => ({
              key: axis, label: t(`grading.axis.${axis}`), children: t(`grading.${axis}.${g.axes![axis]}` as 'grading.demand.target'),
            })) : []),
          ]} />
          <Tabs size="small" items={[
            {
              key: 'followUps', label: t('grading.panel.followUps'),
              children: g.followUps.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('grading.panel.none')} /> : (
                <Timeline items={g.followUps.map((f) => ({
                  key: f.id,
                  content: (
                    <>
                      <Typography.Text strong>{formatDateTime(f.at)}</Typography.Text> · {t(`grading.channel.${f.channel}`)} · {f.user?.name ?? ''} · <GradeTag grade={f.gradeAfter} />
                      <div>{f.summary}</div>
                    </>
                  ),
                }))} />
              ),
            },
            {
              key: 'history', label: t('grading.panel.history'),
              children: g.history.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('grading.panel.none')} /> : (
                <Timeline items={g.history.map((h) => ({
                  key: h.id,
                  content: (
                    <>
                      {formatDateTime(h.at)} · {h.fromGrade ?? '—'} → <GradeTag grade={h.toGrade} /> · {t(`grading.panel.reason.${h.reason}`)}{h.userName ? ` · ${h.userName}` : ''}
                    </>
                  ),
                }))} />
              ),
            },
          ]} />
        </>
      )}
      <FollowUpDrawer customer={recording && g ? { id: customerId, name: g.customerName, axes: g.axes } : null} onClose={() => setRecording(false)} />
    </Card>
  );
}
