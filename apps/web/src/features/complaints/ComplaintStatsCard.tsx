import { useState } from 'react';
import { Card, DatePicker, Flex, Statistic, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { complaintKeys, complaintsApi, yuan } from './complaintsApi';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/**
 * 月度投诉分析: a month's complaints (received, still open, payouts, penalty slips, closed by category) and the
 * justified-complaint satisfaction rate against its 100 % target (seed 000).
 */
export function ComplaintStatsCard() {
  const { t } = useTranslation();
  const [month, setMonth] = useState<Dayjs>(dayjs().startOf('month'));
  const from = month.startOf('month').toISOString();
  const to = month.startOf('month').add(1, 'month').toISOString();
  const stats = useQuery({ queryKey: complaintKeys.stats(from, to), queryFn: () => complaintsApi.stats(from, to), meta: { silent: true } });
  const s = stats.data;
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="complaint-stats" title={t('complaints.stats.analysis')}
      extra={<DatePicker picker="month" allowClear={false} value={month} onChange={(v) => v && setMonth(v)} disabledDate={(d) => d.isAfter(dayjs(), 'month')} />}>
      {s && (
        <Flex gap={32} wrap align="center">
          <Statistic
            title={t('complaints.stats.title')}
            value={s.satisfactionRate === null ? '—' : pct(s.satisfactionRate)}
            suffix={s.meetsTarget === null ? undefined : <Tag color={s.meetsTarget ? 'green' : 'red'}>{t(s.meetsTarget ? 'complaints.stats.met' : 'complaints.stats.missed')}</Tag>}
          />
          <div className="kefu-muted">
            <div>{t('complaints.stats.target', { target: pct(s.target) })}</div>
            <div>{t('complaints.stats.closed', { n: s.closed })} · {t('complaints.stats.justified', { n: s.justifiedClosed })}</div>
            <div>{s.satisfactionRate === null ? t('complaints.stats.none') : t('complaints.stats.breakdown', s)}</div>
          </div>
          <div className="kefu-muted">
            <div>{t('complaints.stats.received', { n: s.received, serious: s.receivedByGrade.serious ?? 0 })} · {t('complaints.stats.stillOpen', { n: s.stillOpen })}</div>
            <div>{t('complaints.stats.payouts', { amount: yuan(s.payoutsApprovedFen) })} · {t('complaints.stats.penalties', { n: s.penalties })}</div>
            <Flex gap={4} wrap align="center">
              <span>{t('complaints.stats.byCategory')}：</span>
              {Object.entries(s.byCategory).map(([c, n]) => <Tag key={c}>{c === 'unknown' ? '—' : t(`complaints.category.${c as 'other'}`)} {n}</Tag>)}
            </Flex>
          </div>
        </Flex>
      )}
    </Card>
  );
}
