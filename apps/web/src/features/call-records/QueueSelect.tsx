import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { CallQueues } from '@kefu/shared';
import { api } from '../../app/api';

/** The queues calls named in the last 90 days (GET /calls/queues); they change rarely. */
export function useCallQueues() {
  return useQuery({ queryKey: ['call-records', 'queues'], queryFn: ({ signal }) => api.get<CallQueues>('/calls/queues', undefined, signal), staleTime: 10 * 60_000 });
}

/**
 * A queue filter: the recent queues as options, searchable; a typed name that is not among them can still be
 * chosen (an older queue), as the free-text box before it allowed.
 */
export function QueueSelect({ value, onChange, placeholder, width = 160, testId }: {
  value: string | undefined;
  onChange: (queue: string | undefined) => void;
  placeholder: string;
  width?: number;
  testId?: string;
}) {
  const queues = useCallQueues();
  const [search, setSearch] = useState('');
  const options = useMemo(() => {
    const names = queues.data?.items ?? [];
    const typed = search.trim();
    const extra = [typed, value].filter((q): q is string => !!q && !names.includes(q));
    return [...new Set([...names, ...extra])].map((q) => ({ value: q, label: q }));
  }, [queues.data, search, value]);
  return (
    <Select
      allowClear
      showSearch
      placeholder={placeholder}
      style={{ width }}
      loading={queues.isLoading}
      value={value}
      options={options}
      searchValue={search}
      onSearch={setSearch}
      onChange={(v?: string) => { setSearch(''); onChange(v || undefined); }}
      optionFilterProp="label"
      data-testid={testId}
    />
  );
}
