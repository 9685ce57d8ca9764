import { useState } from 'react';
import { DatePicker, Flex, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { StaffDeductionSummary } from '@kefu/shared';
import { StaffStatusTag } from './ArchiveTags';
import { archiveKeys, staffApi, yuan } from './archiveApi';

type Row = StaffDeductionSummary['items'][number];

/** Seed 001's 月绩效扣款明细表: who lost how many points and how much in a month (handed to HR). */
export function DeductionSummary() {
  const { t } = useTranslation();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const summary = useQuery({ queryKey: archiveKeys.deductionSummary(month), queryFn: () => staffApi.summary(month) });
  const items = summary.data?.items ?? [];
  const points = items.reduce((s, r) => s + r.points, 0);
  const amount = items.reduce((s, r) => s + r.amountFen, 0);
  return (
    <Flex vertical gap={12}>
      <Flex gap={12} align="center" wrap>
        <Typography.Text>{t('contracts.staff.summaryMonth')}</Typography.Text>
        <DatePicker picker="month" value={dayjs(`${month}-01`)} allowClear={false} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} />
        {items.length > 0 && <Typography.Text type="secondary">{t('contracts.staff.summaryTotal', { count: items.length, points, amount: yuan(amount) })}</Typography.Text>}
      </Flex>
      <Table<Row>
        rowKey="staffId"
        size="middle"
        loading={summary.isLoading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('contracts.staff.summaryEmpty') }}
        data-testid="deduction-summary"
        columns={[
          { title: t('contracts.staff.name'), dataIndex: 'name', render: (name: string, r) => <Link to={`/service-staff/${r.staffId}`}>{name}</Link> },
          { title: t('contracts.staff.status'), dataIndex: 'status', width: 100, render: (_, r) => <StaffStatusTag status={r.status} /> },
          { title: t('contracts.staff.count'), dataIndex: 'count', width: 90, align: 'right' },
          { title: t('contracts.staff.points'), dataIndex: 'points', width: 90, align: 'right' },
          { title: t('contracts.staff.amount'), dataIndex: 'amountFen', width: 140, align: 'right', render: (f: number) => yuan(f) },
        ]}
      />
    </Flex>
  );
}
