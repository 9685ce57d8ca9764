import { useState } from 'react';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { TicketTable } from '../tickets/TicketTable';
import { useTicketList } from '../tickets/useTickets';

/** Every work order of one customer, newest first. */
export function CustomerTickets({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const [state, setState] = useState({ page: 1, pageSize: 20, sort: '-createdAt' });
  const list = useTicketList({ customerId, ...state });
  return (
    <Card title={t('customers.tickets')}>
      <TicketTable
        items={list.data?.items}
        total={list.data?.total ?? 0}
        totalCapped={list.data?.totalCapped}
        page={state.page}
        pageSize={state.pageSize}
        sort={state.sort}
        loading={list.isFetching}
        onChange={setState}
        hideColumns={['updatedAt']}
      />
    </Card>
  );
}
