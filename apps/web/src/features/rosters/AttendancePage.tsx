import { useState } from 'react';
import { Card, DatePicker, Flex, Progress, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AttendanceRow } from '@kefu/shared';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useAttendance } from './rostersApi';

const hhmm = (iso: string | null) => (iso ? formatDateTime(iso).slice(11) : '—');

/** 考勤与遵从度: one row per rostered shift of the day, judged with the 20-minute rule. */
export function AttendancePage() {
  const { t } = useTranslation();
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const attendance = useAttendance(date);
  const rows = attendance.data ?? [];
  const judged = rows.filter((r) => r.adherence !== null && r.scheduledMinutes > 0);
  const average = judged.length ? judged.reduce((s, r) => s + r.workingMinutes, 0) / judged.reduce((s, r) => s + r.scheduledMinutes, 0) : null;
  const minutes = (n: number) => (n > 0 ? t('rosters.attendance.minutes', { n }) : '—');

  return (
    <>
      <PageHeader title={t('rosters.attendance.title')} subtitle={t('rosters.attendance.subtitle')} />
      <Card>
        <Flex gap={16} align="center" className="kefu-filter-bar">
          <DatePicker value={dayjs(date)} allowClear={false} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />
          {average !== null && <Typography.Text strong>{t('rosters.attendance.total', { value: `${Math.round(average * 1000) / 10}%` })}</Typography.Text>}
        </Flex>
        <Table<AttendanceRow>
          rowKey="shiftId"
          size="small"
          loading={attendance.isLoading}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: t('rosters.attendance.empty') }}
          columns={[
            { title: t('rosters.common.person'), dataIndex: 'userName', width: 120 },
            { title: t('rosters.common.shift'), key: 'shift', width: 150, render: (_, r) => `${r.shiftCode} ${hhmm(r.startsAt)}–${hhmm(r.endsAt)}` },
            { title: t('rosters.attendance.clockIn'), dataIndex: 'clockInAt', width: 70, render: hhmm },
            { title: t('rosters.attendance.clockOut'), dataIndex: 'clockOutAt', width: 70, render: hhmm },
            { title: t('rosters.attendance.late'), dataIndex: 'lateMinutes', width: 90, render: minutes },
            { title: t('rosters.attendance.earlyLeave'), dataIndex: 'earlyLeaveMinutes', width: 90, render: minutes },
            { title: t('rosters.attendance.away'), dataIndex: 'longestAwayMinutes', width: 100, render: minutes },
            {
              title: t('rosters.attendance.violations'),
              key: 'violations',
              render: (_, r) =>
                r.onLeave ? <Tag>{t('rosters.attendance.onLeave')}</Tag> : r.violations.map((v) => <Tag color="red" key={v}>{t(`rosters.attendance.violation.${v}`)}</Tag>),
            },
            {
              title: t('rosters.attendance.adherence'),
              dataIndex: 'adherence',
              width: 160,
              render: (a: number | null) => (a === null ? '—' : <Progress percent={Math.round(a * 1000) / 10} size="small" status={a < 0.8 ? 'exception' : 'normal'} />),
            },
            { title: t('rosters.attendance.source'), dataIndex: 'source', width: 90, render: (s: AttendanceRow['source']) => t(`rosters.attendance.sources.${s}`) },
          ]}
        />
      </Card>
    </>
  );
}
