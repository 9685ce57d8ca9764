import type { Key } from 'react';
import { Flex, Table, Tooltip, Typography } from 'antd';
import { PhoneFilled } from '@ant-design/icons';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import type { SorterResult } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Ticket } from '@kefu/shared';
import { RelativeTime } from '../../ui/RelativeTime';
import { SlaBadge } from '../sla/SlaBadge';
import { PriorityTag } from './components/PriorityTag';
import { TicketStatusTag } from './components/TicketStatusTag';
import { TicketTypeTag } from './components/TicketTypeTag';

interface TicketTableProps {
  items: Ticket[] | undefined;
  total: number;
  totalCapped?: boolean;
  page: number;
  pageSize: number;
  sort: string;
  loading: boolean;
  selectedIds?: number[];
  onSelect?: (ids: number[]) => void;
  onChange: (change: { page: number; pageSize: number; sort: string }) => void;
  /** Column keys to leave out where they repeat the page's context (e.g. on a customer's page). */
  hideColumns?: string[];
}

const SUBJECT_MIN_WIDTH = 200;

const SORTABLE = new Set(['number', 'priority', 'createdAt', 'updatedAt']);

export function TicketTable(props: TicketTableProps) {
  const { t } = useTranslation();
  const sortField = props.sort.replace(/^-/, '');
  const sortOrder = props.sort.startsWith('-') ? 'descend' : 'ascend';
  const sorted = (field: string) => (sortField === field ? sortOrder : null);

  const columns: ColumnsType<Ticket> = [
    {
      title: t('tickets.col.number'),
      dataIndex: 'number',
      key: 'number',
      width: 180,
      sorter: true,
      sortOrder: sorted('number'),
      render: (value: string, record) => (
        <Link to={`/tickets/${record.id}`} className="kefu-ticket-number">
          {value}
        </Link>
      ),
    },
    {
      title: t('tickets.col.subject'),
      dataIndex: 'subject',
      key: 'subject',
      ellipsis: true,
      render: (value: string, record) => (
        <Flex vertical style={{ minWidth: 0 }}>
          <Flex align="center" gap={6} style={{ minWidth: 0 }}>
            {record.callbackPending && (
              <Tooltip title={t('tickets.callbackPending')}>
                <PhoneFilled style={{ color: '#d92d20' }} />
              </Tooltip>
            )}
            <Link to={`/tickets/${record.id}`} className="kefu-ellipsis" style={{ color: 'inherit' }} title={value}>
              {value}
            </Link>
          </Flex>
          <Typography.Text type="secondary" className="kefu-ellipsis" style={{ fontSize: 12 }}>
            {record.customer?.name ?? record.contactName ?? t('tickets.noCustomer')}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('tickets.col.type'), dataIndex: 'type', key: 'type', width: 110, render: (v: string) => <TicketTypeTag type={v} /> },
    { title: t('tickets.col.status'), dataIndex: 'status', key: 'status', width: 140, render: (v: Ticket['status']) => <TicketStatusTag status={v} /> },
    {
      title: t('tickets.col.priority'),
      dataIndex: 'priority',
      key: 'priority',
      width: 100,
      sorter: true,
      sortOrder: sorted('priority'),
      render: (v: Ticket['priority']) => <PriorityTag priority={v} />,
    },
    { title: t('sla.column'), key: 'sla', width: 190, render: (_, r) => <SlaBadge sla={r.sla} order={r} /> },
    {
      title: t('tickets.col.people'),
      key: 'people',
      width: 130,
      render: (_, r) => (
        <Flex vertical style={{ minWidth: 0 }}>
          <span className="kefu-ellipsis">{r.assignee?.name ?? <span className="kefu-muted">{t('tickets.unassigned')}</span>}</span>
          {r.responsible && r.responsible.id !== r.assignee?.id && (
            <Typography.Text type="secondary" className="kefu-ellipsis" style={{ fontSize: 12 }}>
              {t('tickets.responsibleShort', { name: r.responsible.name })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('tickets.col.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 120,
      sorter: true,
      sortOrder: sorted('createdAt'),
      render: (v: string) => <RelativeTime value={v} />,
    },
    {
      title: t('tickets.col.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 120,
      sorter: true,
      sortOrder: sorted('updatedAt'),
      render: (v: string) => <RelativeTime value={v} />,
    },
  ];

  const visible = props.hideColumns ? columns.filter((c) => !props.hideColumns?.includes(String(c.key))) : columns;
  const scrollX = visible.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : SUBJECT_MIN_WIDTH), 0);

  const onTableChange = (pagination: TablePaginationConfig, _filters: unknown, sorter: SorterResult<Ticket> | SorterResult<Ticket>[]) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = typeof single?.columnKey === 'string' && SORTABLE.has(single.columnKey) ? single.columnKey : null;
    const sort = field && single?.order ? `${single.order === 'descend' ? '-' : ''}${field}` : '-createdAt';
    props.onChange({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? props.pageSize, sort });
  };

  return (
    <Table<Ticket>
      rowKey="id"
      size="middle"
      columns={visible}
      dataSource={props.items}
      loading={props.loading}
      onChange={onTableChange}
      scroll={{ x: scrollX }}
      rowSelection={
        props.onSelect
          ? { selectedRowKeys: props.selectedIds, onChange: (keys: Key[]) => props.onSelect?.(keys.map(Number)), preserveSelectedRowKeys: true }
          : undefined
      }
      pagination={{
        current: props.page,
        pageSize: props.pageSize,
        total: props.total,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: (total) => (props.totalCapped ? t('common.totalCapped', { count: total }) : t('common.total', { count: total })),
      }}
      locale={{ emptyText: t('tickets.empty') }}
      data-testid="ticket-table"
    />
  );
}
