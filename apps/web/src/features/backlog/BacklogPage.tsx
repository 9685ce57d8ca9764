import { useState } from 'react';
import { Card, Col, Row, Segmented, Statistic, Table, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Backlog } from '@kefu/shared';
import { toQueryString } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { RelativeTime } from '../../ui/RelativeTime';
import { useDirectoryLookup } from '../directory/useDirectory';
import { ticketsApi, type BacklogGroupBy } from '../tickets/ticketsApi';
import { ticketKeys } from '../tickets/useTickets';
import { BUCKETS, bucketRange, type Bucket } from './buckets';
import { BacklogCell } from './BacklogCell';

type BacklogRow = Backlog['rows'][number];
const GROUPS: BacklogGroupBy[] = ['assignee', 'team', 'type', 'skillGroup'];

export function BacklogPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { ticketTypeName } = useDirectoryLookup();
  const [groupBy, setGroupBy] = useState<BacklogGroupBy>('assignee');
  const backlog = useQuery({ queryKey: ticketKeys.backlog(groupBy), queryFn: () => ticketsApi.backlog(groupBy), refetchInterval: 60_000 });
  const rows = backlog.data?.rows ?? [];
  const totals = BUCKETS.reduce<Record<Bucket, number>>((acc, b) => ({ ...acc, [b]: rows.reduce((sum, r) => sum + r.buckets[b], 0) }), { lt4h: 0, lt24h: 0, lt72h: 0, gte72h: 0 });
  const max = Math.max(1, ...rows.flatMap((r) => BUCKETS.map((b) => r.buckets[b])));

  const rowLabel = (row: BacklogRow) => {
    if (groupBy === 'type') return ticketTypeName(row.key);
    if (row.id === null && (groupBy === 'assignee' || groupBy === 'team' || groupBy === 'skillGroup')) return t(`backlog.none.${groupBy}`);
    return row.label ?? row.key;
  };

  /** The ticket list, filtered to the cell's group and age bucket. */
  const open = (row: BacklogRow | null, bucket?: Bucket) => {
    const query: Record<string, string> = { status: 'open', sort: 'createdAt' };
    if (row) {
      if (groupBy === 'assignee') query.assigneeId = row.id === null ? 'none' : String(row.id);
      if (groupBy === 'team' && row.id !== null) query.teamId = String(row.id);
      if (groupBy === 'skillGroup' && row.id !== null) query.skillGroupId = String(row.id);
      if (groupBy === 'type') query.type = row.key;
    }
    if (bucket) Object.assign(query, bucketRange(bucket));
    navigate(`/tickets${toQueryString(query)}`);
  };

  const columns: ColumnsType<BacklogRow> = [
    { title: t(`backlog.groupBy.${groupBy}`), key: 'label', ellipsis: true, render: (_, row) => <a onClick={() => open(row)}>{rowLabel(row)}</a> },
    ...BUCKETS.map((bucket) => ({
      title: t(`backlog.bucket.${bucket}`),
      key: bucket,
      width: 130,
      align: 'center' as const,
      sorter: (a: BacklogRow, b: BacklogRow) => a.buckets[bucket] - b.buckets[bucket],
      render: (_: unknown, row: BacklogRow) => <BacklogCell value={row.buckets[bucket]} bucket={bucket} max={max} onClick={() => open(row, bucket)} />,
    })),
    {
      title: t('backlog.total'),
      dataIndex: 'total',
      width: 100,
      align: 'center',
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.total - b.total,
      render: (v: number, row) => <a onClick={() => open(row)} style={{ fontWeight: 600 }}>{v}</a>,
    },
    {
      title: t('backlog.oldest'),
      dataIndex: 'oldestAt',
      width: 130,
      render: (v: string | null) => <RelativeTime value={v} />,
    },
  ];

  return (
    <>
      <PageHeader title={t('backlog.title')} subtitle={t('backlog.subtitle')} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} lg={4}>
          <Card size="small">
            <Statistic title={t('backlog.totalOpen')} value={backlog.data?.total ?? 0} loading={backlog.isLoading} />
          </Card>
        </Col>
        {BUCKETS.map((bucket) => (
          <Col xs={12} lg={5} key={bucket}>
            <Card size="small" hoverable onClick={() => open(null, bucket)}>
              <Tooltip title={t('backlog.openList')}>
                <Statistic
                  title={t(`backlog.bucket.${bucket}`)}
                  value={totals[bucket]}
                  loading={backlog.isLoading}
                  styles={{ content: bucket === 'gte72h' && totals[bucket] > 0 ? { color: '#d92d20' } : bucket === 'lt72h' && totals[bucket] > 0 ? { color: '#d97706' } : undefined }}
                />
              </Tooltip>
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        title={t('backlog.tableTitle')}
        extra={
          <Segmented
            value={groupBy}
            onChange={(v) => setGroupBy(v as BacklogGroupBy)}
            options={GROUPS.map((g) => ({ value: g, label: t(`backlog.groupBy.${g}`) }))}
            data-testid="backlog-group"
          />
        }
      >
        <Table<BacklogRow>
          rowKey="key"
          columns={columns}
          dataSource={rows}
          loading={backlog.isFetching}
          pagination={false}
          size="middle"
          locale={{ emptyText: t('backlog.empty') }}
          data-testid="backlog-table"
          summary={() =>
            rows.length > 0 ? (
              <Table.Summary.Row style={{ background: '#fafbfc', fontWeight: 600 }}>
                <Table.Summary.Cell index={0}>{t('backlog.total')}</Table.Summary.Cell>
                {BUCKETS.map((bucket, i) => (
                  <Table.Summary.Cell index={i + 1} key={bucket} align="center">
                    {totals[bucket]}
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={5} align="center">
                  {backlog.data?.total ?? 0}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} />
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </>
  );
}
