import { useState } from 'react';
import { Alert, Button, Card, Flex } from 'antd';
import { PlusOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { notifySuccess } from '../../app/notify';
import { PageHeader } from '../../ui/PageHeader';
import { AssignModal, type AssignTarget } from './components/AssignModal';
import { BulkResultNotice } from './components/BulkResultNotice';
import { TicketFilters } from './TicketFilters';
import { paramsToQuery } from './ticketListParams';
import { ticketsApi, type BulkAssignResult } from './ticketsApi';
import { TicketTable } from './TicketTable';
import { useInvalidateTickets, useTicketList } from './useTickets';

export function TicketListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const query = paramsToQuery(params);
  const list = useTicketList(query);
  const invalidate = useInvalidateTickets();
  const [selected, setSelected] = useState<number[]>([]);
  const [assignOpen, setAssignOpen] = useState(false);
  const [bulkResult, setBulkResult] = useState<BulkAssignResult | null>(null);
  const canAssign = can('tickets.assign');

  const bulkAssign = useMutation({
    mutationFn: (target: AssignTarget) => ticketsApi.bulkAssign({ ticketIds: selected, ...target }),
    onSuccess: (result) => {
      notifySuccess(t('tickets.bulk.done', { updated: result.updated.length, failed: result.failed.length }));
      setBulkResult(result.failed.length ? result : null);
      setAssignOpen(false);
      setSelected([]);
      invalidate();
    },
  });

  const onTableChange = ({ page, pageSize, sort }: { page: number; pageSize: number; sort: string }) => {
    const next = new URLSearchParams(params);
    next.set('page', String(page));
    next.set('pageSize', String(pageSize));
    next.set('sort', sort);
    setParams(next);
  };

  return (
    <>
      <PageHeader
        title={t('tickets.title')}
        subtitle={t('tickets.subtitle')}
        extra={
          can('tickets.create') && (
            <Link to="/workspace">
              <Button type="primary" icon={<PlusOutlined />}>
                {t('tickets.new')}
              </Button>
            </Link>
          )
        }
      />
      <Card>
        <TicketFilters
          params={params}
          onChange={(next) => {
            setSelected([]);
            setParams(next);
          }}
        />
        {canAssign && selected.length > 0 && (
          <Alert
            type="info"
            style={{ marginBottom: 12 }}
            title={
              <Flex align="center" justify="space-between" gap={12} wrap>
                <span data-testid="bulk-selected">{t('tickets.bulk.selected', { count: selected.length })}</span>
                <Flex gap={8}>
                  <Button size="small" onClick={() => setSelected([])}>
                    {t('common.clearSelection')}
                  </Button>
                  <Button size="small" type="primary" icon={<UserSwitchOutlined />} onClick={() => setAssignOpen(true)} data-testid="bulk-assign">
                    {t('tickets.bulk.assign')}
                  </Button>
                </Flex>
              </Flex>
            }
          />
        )}
        {bulkResult && <BulkResultNotice result={bulkResult} onClose={() => setBulkResult(null)} />}
        <TicketTable
          items={list.data?.items}
          total={list.data?.total ?? 0}
          totalCapped={list.data?.totalCapped}
          page={Number(query.page)}
          pageSize={Number(query.pageSize)}
          sort={String(query.sort)}
          loading={list.isFetching}
          selectedIds={canAssign ? selected : undefined}
          onSelect={canAssign ? setSelected : undefined}
          onChange={onTableChange}
        />
      </Card>
      <AssignModal
        open={assignOpen}
        title={t('tickets.bulk.assignTitle', { count: selected.length })}
        onCancel={() => setAssignOpen(false)}
        onSubmit={(target) => bulkAssign.mutateAsync(target)}
        confirmLoading={bulkAssign.isPending}
      />
    </>
  );
}
