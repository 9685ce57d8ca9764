import { Card, Empty, List, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { ContractStatus } from '@kefu/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth/AuthContext';
import { archiveKeys, contractsApi } from '../contracts/archiveApi';
import { ContractStatusTag } from '../contracts/ArchiveTags';

/** The customer's contracts with status and end date (seed 001: 协议 with renewal), each opening the contract list. */
export function CustomerContracts({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const readable = can('contracts.manage') || can('customers.read');
  const query = { customerId, page: 1, pageSize: 50 };
  const list = useQuery({ queryKey: archiveKeys.contractList(query), queryFn: () => contractsApi.list(query), enabled: readable });
  if (!readable) return null;
  const items = list.data?.items ?? [];
  return (
    <Card size="small" title={t('customerArchive.contracts.title')} extra={<Link to="/contracts">{t('customerArchive.contracts.all')}</Link>} data-testid="customer-contracts">
      {list.isLoading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customerArchive.contracts.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(c) => (
            <List.Item extra={<ContractStatusTag status={c.status as ContractStatus} />}>
              <List.Item.Meta
                title={<Link to={`/contracts?q=${encodeURIComponent(c.number)}`}>{c.title}</Link>}
                description={<Typography.Text type="secondary">{c.number} · {t('customerArchive.contracts.endDate', { date: c.endDate })}</Typography.Text>}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
