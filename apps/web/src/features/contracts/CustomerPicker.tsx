import { useState } from 'react';
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@kefu/shared';
import { api } from '../../app/api';
import { useDebouncedValue } from '../../ui/useDebouncedValue';

interface CustomerPickerProps {
  value?: number;
  onChange?: (value: number | undefined) => void;
  /** The name of the current value, so an edit form shows it before any search. */
  initialLabel?: string;
  disabled?: boolean;
}

/** Finds a customer by name (server-side search of the customer archive). */
export function CustomerPicker({ value, onChange, initialLabel, disabled }: CustomerPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const results = useQuery({
    queryKey: ['customers', 'picker', q],
    queryFn: () => api.get<{ items: Customer[] }>('/customers', { q: q || undefined, pageSize: 20 }),
  });
  const options = (results.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  if (value && initialLabel && !options.some((o) => o.value === value)) options.unshift({ value, label: initialLabel });
  return (
    <Select
      value={value}
      onChange={onChange}
      disabled={disabled}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      notFoundContent={results.isFetching ? <Spin size="small" /> : t('common.noMatch')}
      style={{ width: '100%' }}
      data-testid="customer-picker"
    />
  );
}
