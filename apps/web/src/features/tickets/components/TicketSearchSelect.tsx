import { useState } from 'react';
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../../ui/useDebouncedValue';
import { ticketsApi } from '../ticketsApi';

interface TicketSearchSelectProps {
  value?: number | number[];
  onChange?: (value: number | number[]) => void;
  multiple?: boolean;
  excludeIds?: number[];
  placeholder?: string;
}

/** Find a work order by number or words (server-side full-text search). */
export function TicketSearchSelect({ value, onChange, multiple, excludeIds = [], placeholder }: TicketSearchSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const results = useQuery({
    queryKey: ['tickets', 'search', q],
    queryFn: () => ticketsApi.list({ q, pageSize: 10 }),
    enabled: q.length > 0,
  });
  const options = (results.data?.items ?? [])
    .filter((ticket) => !excludeIds.includes(ticket.id))
    .map((ticket) => ({ value: ticket.id, label: `${ticket.number} · ${ticket.subject}` }));

  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      placeholder={placeholder ?? t('ticket.searchPlaceholder')}
      notFoundContent={results.isFetching ? <Spin size="small" /> : q ? t('common.noMatch') : t('ticket.searchHint')}
      style={{ width: '100%' }}
      data-testid="ticket-search-select"
    />
  );
}
