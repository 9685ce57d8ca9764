import { useState } from 'react';
import { Button, Card, Empty, Flex, Skeleton, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { DuplicateCustomer, DuplicateGroup } from '@kefu/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorResult } from '../../ui/ErrorResult';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { customerArchiveApi, customerArchiveKeys } from './archiveApi';
import { MergeDialog } from './MergeDialog';

/** 客户查重合并: the archivist's list of probable duplicates, merged group by group. */
export function DuplicatesPage() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: customerArchiveKeys.duplicates(), queryFn: () => customerArchiveApi.duplicates() });
  const [merging, setMerging] = useState<{ target: DuplicateCustomer; group: DuplicateGroup } | null>(null);
  const groups = query.data?.groups ?? [];

  return (
    <>
      <PageHeader title={t('customerArchive.duplicates.title')} subtitle={t('customerArchive.duplicates.subtitle')} />
      {query.error && !query.data ? (
        <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isLoading ? (
        <Skeleton active />
      ) : groups.length === 0 ? (
        <Card><Empty description={t('customerArchive.duplicates.empty')} /></Card>
      ) : (
        <Flex vertical gap={16} data-testid="duplicate-groups">
          {groups.map((group, index) => (
            <Card
              key={group.customers.map((c) => c.id).join()}
              size="small"
              title={<Flex gap={8} align="center">{t('customerArchive.duplicates.group', { n: index + 1 })}<Tag color="gold" bordered={false}>{t(`customerArchive.merge.reason.${group.reason}`)}</Tag></Flex>}
            >
              <Table<DuplicateCustomer>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={group.customers}
                columns={[
                  { title: t('customerArchive.merge.field.id'), dataIndex: 'id', width: 80, render: (id: number) => `#${id}` },
                  { title: t('customerArchive.merge.field.name'), dataIndex: 'name', render: (name: string, c) => <Link to={`/customers/${c.id}`}>{name}</Link> },
                  { title: t('customerArchive.merge.field.organization'), key: 'org', render: (_: unknown, c) => c.organization?.name ?? '—' },
                  { title: t('customerArchive.merge.field.phones'), key: 'phones', render: (_: unknown, c) => c.phones.join('、') || '—' },
                  { title: t('customerArchive.merge.field.tickets'), dataIndex: 'ticketCount', width: 90 },
                  { title: t('customerArchive.merge.field.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
                  {
                    key: 'actions', width: 120,
                    render: (_: unknown, c) => <Button size="small" onClick={() => setMerging({ target: c, group })} data-testid={`merge-into-${c.id}`}>{t('customerArchive.duplicates.mergeInto')}</Button>,
                  },
                ]}
              />
            </Card>
          ))}
        </Flex>
      )}
      {merging && (
        <MergeDialog
          target={merging.target}
          candidates={merging.group.customers.filter((c) => c.id !== merging.target.id).map((c) => ({ ...c, reason: merging.group.reason }))}
          onClose={() => setMerging(null)}
        />
      )}
    </>
  );
}
