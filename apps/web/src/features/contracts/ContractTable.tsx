import { Table, Tooltip, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Contract } from '@kefu/shared';
import { ContractStatusTag } from './ArchiveTags';
import { ContractActions } from './ContractActions';
import { yuan } from './archiveApi';

interface ContractTableProps {
  rows: Contract[];
  loading?: boolean;
  canManage: boolean;
  onEdit: (c: Contract) => void;
  pagination?: false | { current: number; pageSize: number; total: number; onChange: (page: number, size: number) => void };
  emptyText: string;
  testId?: string;
}

export function ContractTable({ rows, loading, canManage, onEdit, pagination = false, emptyText, testId }: ContractTableProps) {
  const { t } = useTranslation();
  return (
    <Table<Contract>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={pagination}
      locale={{ emptyText }}
      scroll={{ x: 1280 }}
      data-testid={testId}
      columns={[
        { title: t('contracts.contract.number'), dataIndex: 'number', width: 150, render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
        { title: t('contracts.contract.customer'), key: 'customer', width: 110, render: (_, c) => c.customer.name },
        {
          title: t('contracts.contract.titleLabel'),
          key: 'title',
          width: 240,
          render: (_, c) => (
            <div>
              <div>{c.title}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`contracts.contractKind.${c.kind}`)}
                {c.staff.length > 0 && ` · ${c.staff.map((s) => s.name).join('、')}`}
              </Typography.Text>
            </div>
          ),
        },
        { title: t('contracts.contract.period'), key: 'period', width: 200, render: (_, c) => `${c.startDate} ~ ${c.endDate}` },
        { title: t('contracts.contract.amount'), dataIndex: 'amountFen', width: 120, align: 'right', render: (f: number) => yuan(f) },
        { title: t('contracts.contract.owner'), key: 'owner', width: 90, render: (_, c) => c.owner?.name ?? t('contracts.common.none') },
        { title: t('contracts.contract.status'), dataIndex: 'status', width: 90, render: (_, c) => <ContractStatusTag status={c.status} /> },
        {
          title: t('contracts.contract.daysLeft'),
          key: 'daysLeft',
          width: 130,
          render: (_, c) => {
            if (c.status !== 'active' && c.status !== 'expired') return t('contracts.common.none');
            if (c.daysLeft < 0) return <Typography.Text type="danger">{t('contracts.contract.overdueDays', { n: -c.daysLeft })}</Typography.Text>;
            return (
              <span>
                <Typography.Text type={c.daysLeft <= c.reminderDays ? 'warning' : undefined}>{t('contracts.common.days', { n: c.daysLeft })}</Typography.Text>{' '}
                <Tooltip title={c.remindedAt ? t('contracts.contract.reminded') : t('contracts.contract.remindOn', { date: c.reminderDueDate })}>
                  <BellOutlined style={{ color: c.remindedAt ? '#fa8c16' : '#bbb' }} />
                </Tooltip>
              </span>
            );
          },
        },
        ...(canManage ? [{ key: 'actions', width: 190, fixed: 'right' as const, render: (_: unknown, c: Contract) => <ContractActions contract={c} onEdit={onEdit} /> }] : []),
      ]}
    />
  );
}
