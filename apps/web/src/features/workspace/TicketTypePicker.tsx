import { Flex, Segmented, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDirectoryLookup } from '../directory/useDirectory';

interface TicketTypePickerProps {
  value?: string;
  onChange?: (value: string) => void;
}

/** The five everyday types one click away; the department's own types in a compact "more" list. */
export function TicketTypePicker({ value, onChange }: TicketTypePickerProps) {
  const { t } = useTranslation();
  const { directory, ticketTypeOptions } = useDirectoryLookup();
  const builtin = new Set(directory.ticketTypes.filter((type) => type.builtin).map((type) => type.key));
  const primary = ticketTypeOptions.filter((o) => builtin.has(o.value));
  const more = ticketTypeOptions.filter((o) => !builtin.has(o.value));
  const isMore = value !== undefined && more.some((o) => o.value === value);

  return (
    <Flex gap={8} wrap align="center" data-testid="ws-type">
      <Segmented value={isMore ? '' : (value ?? '')} options={primary} onChange={(v) => onChange?.(String(v))} />
      {more.length > 0 && (
        <Select
          value={isMore ? value : undefined}
          placeholder={t('workspace.moreTypes')}
          options={more}
          onChange={(v: string) => onChange?.(v)}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 150 }}
          data-testid="ws-type-more"
        />
      )}
    </Flex>
  );
}
