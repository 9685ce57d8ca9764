import { useState } from 'react';
import { Badge, Card, Flex, Segmented, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Contract } from '@kefu/shared';
import { archiveKeys, contractsApi } from './archiveApi';
import { ContractTable } from './ContractTable';

const WINDOWS = [15, 30, 60, 90];

/** Contracts ending within the window, and those already ended that nobody renewed or terminated. */
export function ExpiringContracts({ canManage, onEdit }: { canManage: boolean; onEdit: (c: Contract) => void }) {
  const { t } = useTranslation();
  const [days, setDays] = useState(30);
  const view = useQuery({ queryKey: archiveKeys.expiring(days), queryFn: () => contractsApi.expiring(days) });
  return (
    <Flex vertical gap={16}>
      <Flex gap={12} align="center" wrap>
        <Typography.Text>{t('contracts.expiring.window')}</Typography.Text>
        <Segmented value={days} onChange={(v) => setDays(Number(v))} options={WINDOWS.map((n) => ({ value: n, label: t('contracts.expiring.windowDays', { n }) }))} />
        {view.data && <Typography.Text type="secondary">{t('contracts.expiring.today', { date: view.data.today })}</Typography.Text>}
      </Flex>
      <Card size="small" title={<Badge count={view.data?.expiring.length ?? 0} color="orange" offset={[14, 0]}>{t('contracts.expiring.expiringTitle')}</Badge>}>
        <ContractTable rows={view.data?.expiring ?? []} loading={view.isLoading} canManage={canManage} onEdit={onEdit} emptyText={t('contracts.expiring.emptyExpiring')} testId="expiring-table" />
      </Card>
      <Card size="small" title={<Badge count={view.data?.overdue.length ?? 0} offset={[14, 0]}>{t('contracts.expiring.overdueTitle')}</Badge>}>
        <ContractTable rows={view.data?.overdue ?? []} loading={view.isLoading} canManage={canManage} onEdit={onEdit} emptyText={t('contracts.expiring.emptyOverdue')} testId="overdue-table" />
      </Card>
    </Flex>
  );
}
