import { useState } from 'react';
import { Button } from 'antd';
import { MergeCellsOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthContext';
import { customerArchiveApi, customerArchiveKeys } from './archiveApi';
import { MergeDialog, type MergeCandidate } from './MergeDialog';

/** The customer page's "merge duplicate" action: the duplicates of this customer merge into it. */
export function MergeCustomerButton({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  const allowed = can('customers.write') && can('customers.import');
  const query = useQuery({ queryKey: customerArchiveKeys.duplicates(customerId), queryFn: () => customerArchiveApi.duplicates(customerId), enabled: open && allowed });
  if (!allowed) return null;
  const groups = query.data?.groups ?? [];
  const target = groups.flatMap((g) => g.customers).find((c) => c.id === customerId) ?? null;
  const seen = new Set<number>();
  const candidates: MergeCandidate[] = [];
  for (const g of groups) {
    for (const c of g.customers) {
      if (c.id === customerId || seen.has(c.id)) continue;
      seen.add(c.id);
      candidates.push({ ...c, reason: g.reason });
    }
  }
  return (
    <>
      <Button icon={<MergeCellsOutlined />} onClick={() => setOpen(true)} data-testid="merge-open">{t('customerArchive.merge.action')}</Button>
      {open && <MergeDialog key={candidates.map((c) => c.id).join()} target={target} candidates={candidates} loading={query.isLoading} onClose={() => setOpen(false)} />}
    </>
  );
}
