import { useState } from 'react';
import { Button, Card, Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { TIMELINE_KINDS, type TimelineKind } from '@kefu/shared';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthContext';
import { ErrorResult } from '../../ui/ErrorResult';
import { customerArchiveApi, customerArchiveKeys } from './archiveApi';
import { ContactNoteModal } from './ContactNoteModal';
import { KIND_LOOK } from './timelineIcons';
import { TimelineEntryView } from './TimelineEntryView';

const PAGE = 20;

/** Everything that happened with the customer, newest first, filterable by kind, paged with "load more". */
export function CustomerTimeline({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [kinds, setKinds] = useState<TimelineKind[]>([]);
  const [adding, setAdding] = useState(false);
  const query = useInfiniteQuery({
    queryKey: customerArchiveKeys.timeline(customerId, kinds),
    queryFn: ({ pageParam, signal }) => customerArchiveApi.timeline(customerId, { before: pageParam, limit: PAGE, kinds }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const entries = query.data?.pages.flatMap((p) => p.items) ?? [];
  const toggle = (kind: TimelineKind, on: boolean) => setKinds((current) => (on ? [...current, kind] : current.filter((k) => k !== kind)));

  return (
    <Card
      title={t('customerArchive.timeline.title')}
      extra={can('customers.write') && <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="contact-add">{t('customerArchive.contact.add')}</Button>}
    >
      <Flex gap={4} wrap style={{ marginBottom: 16 }} data-testid="timeline-filter">
        <Tag.CheckableTag checked={kinds.length === 0} onChange={() => setKinds([])}>{t('customerArchive.timeline.all')}</Tag.CheckableTag>
        {TIMELINE_KINDS.map((kind) => (
          <Tag.CheckableTag key={kind} checked={kinds.includes(kind)} onChange={(on) => toggle(kind, on)} icon={KIND_LOOK[kind].icon}>
            {t(`customerArchive.timeline.kind.${kind}`)}
          </Tag.CheckableTag>
        ))}
      </Flex>
      {query.error && !query.data ? (
        <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isLoading ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customerArchive.timeline.empty')} />
      ) : (
        <>
          <Timeline
            data-testid="customer-timeline"
            items={entries.map((entry) => ({
              key: entry.key,
              color: KIND_LOOK[entry.kind].color,
              icon: <span style={{ color: KIND_LOOK[entry.kind].color, fontSize: 16 }}>{KIND_LOOK[entry.kind].icon}</span>,
              content: <TimelineEntryView entry={entry} />,
            }))}
          />
          <Flex justify="center">
            {query.hasNextPage ? (
              <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid="timeline-more">{t('customerArchive.timeline.loadMore')}</Button>
            ) : (
              <Typography.Text type="secondary">{t('customerArchive.timeline.end')}</Typography.Text>
            )}
          </Flex>
        </>
      )}
      {adding && <ContactNoteModal customerId={customerId} onClose={() => setAdding(false)} />}
    </Card>
  );
}
