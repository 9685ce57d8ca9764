import { useState } from 'react';
import { Alert, Empty, Modal, Radio, Skeleton, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DuplicateCustomer } from '@kefu/shared';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../app/notify';
import { formatDateTime } from '../../ui/format';
import { customerArchiveApi, customerArchiveKeys } from './archiveApi';

export interface MergeCandidate extends DuplicateCustomer {
  reason: 'phone' | 'name_org';
}

/** Choose which duplicate merges into `target`, compare both side by side, confirm. */
export function MergeDialog({ target, candidates, loading, onClose, onMerged }: {
  target: DuplicateCustomer | null;
  candidates: MergeCandidate[];
  loading?: boolean;
  onClose: () => void;
  onMerged?: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [sourceId, setSourceId] = useState<number | undefined>(candidates.length === 1 ? candidates[0]!.id : undefined);
  const source = candidates.find((c) => c.id === sourceId) ?? null;
  const merge = useMutation({
    mutationFn: () => customerArchiveApi.merge(target!.id, { sourceId: source!.id, version: target!.version, sourceVersion: source!.version }),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: customerArchiveKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      void queryClient.invalidateQueries({ queryKey: ['contracts'] });
      notifySuccess(t('customerArchive.merge.done', { n: Object.values(result.moved).reduce((a, b) => a + b, 0) }));
      onMerged?.();
      onClose();
    },
  });
  const field = (key: string, render: (c: DuplicateCustomer) => React.ReactNode) => ({
    key,
    label: t(`customerArchive.merge.field.${key}` as 'customerArchive.merge.field.id'),
    target: target ? render(target) : null,
    source: source ? render(source) : null,
  });
  const rows = [
    field('id', (c) => `#${c.id}`),
    field('name', (c) => c.name),
    field('organization', (c) => c.organization?.name ?? '—'),
    field('phones', (c) => (c.phones.length ? c.phones.join('、') : '—')),
    field('tickets', (c) => c.ticketCount),
    field('createdAt', (c) => formatDateTime(c.createdAt)),
  ];

  return (
    <Modal
      open
      width={720}
      title={t('customerArchive.merge.title')}
      onCancel={onClose}
      onOk={() => merge.mutate()}
      okText={t('customerArchive.merge.confirm')}
      okButtonProps={{ danger: true, disabled: !target || !source, 'data-testid': 'merge-confirm' } as never}
      confirmLoading={merge.isPending}
    >
      {loading ? (
        <Skeleton active />
      ) : !target || candidates.length === 0 ? (
        <Empty description={t('customerArchive.merge.none')} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('customerArchive.merge.intro', { name: target.name })}</Typography.Paragraph>
          <Typography.Text strong>{t('customerArchive.merge.pick')}</Typography.Text>
          <Radio.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 6, margin: '8px 0 16px' }}
            value={sourceId}
            onChange={(e) => setSourceId(e.target.value as number)}
            data-testid="merge-candidates"
            options={candidates.map((c) => ({
              value: c.id,
              label: (
                <span>
                  {c.name} <Typography.Text type="secondary">#{c.id}</Typography.Text> <Tag bordered={false} color="gold">{t(`customerArchive.merge.reason.${c.reason}`)}</Tag>
                </span>
              ),
            }))}
          />
          {source && (
            <>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={rows}
                data-testid="merge-compare"
                columns={[
                  { dataIndex: 'label', width: 110 },
                  { dataIndex: 'target', title: <Tag color="green">{t('customerArchive.merge.keep')}</Tag> },
                  { dataIndex: 'source', title: <Tag color="red">{t('customerArchive.merge.remove')}</Tag> },
                ]}
              />
              <Alert
                style={{ marginTop: 12 }}
                type="warning"
                showIcon
                message={t('customerArchive.merge.confirmText', { source: source.name, sourceId: source.id, target: target.name, targetId: target.id })}
              />
            </>
          )}
        </>
      )}
    </Modal>
  );
}
