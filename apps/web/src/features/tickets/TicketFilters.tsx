import { Button, DatePicker, Flex, Input, Segmented, Select } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, TICKET_STATUSES } from '@kefu/shared';
import { useDirectoryLookup } from '../directory/useDirectory';
import { applyView, detectView, listValue, TICKET_VIEWS, type TicketListParam, type TicketView } from './ticketListParams';

interface TicketFiltersProps {
  params: URLSearchParams;
  onChange: (next: URLSearchParams) => void;
}

export function TicketFilters({ params, onChange }: TicketFiltersProps) {
  const { t } = useTranslation();
  const { ticketTypeOptions, userOptions, teamOptions, skillGroupOptions } = useDirectoryLookup();
  const view = detectView(params);

  const set = (key: TicketListParam, value: string | string[] | number | null | undefined) => {
    const next = new URLSearchParams(params);
    const text = Array.isArray(value) ? value.join(',') : value == null ? '' : String(value);
    if (text) next.set(key, text);
    else next.delete(key);
    next.delete('page');
    onChange(next);
  };

  const setRange = (range: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null) => {
    const next = new URLSearchParams(params);
    next.delete('page');
    if (range?.[0]) next.set('createdFrom', range[0].startOf('day').toISOString());
    else next.delete('createdFrom');
    if (range?.[1]) next.set('createdTo', range[1].endOf('day').toISOString());
    else next.delete('createdTo');
    onChange(next);
  };

  const createdFrom = params.get('createdFrom');
  const createdTo = params.get('createdTo');
  const selectWidth = { minWidth: 150, maxWidth: 280 };

  return (
    <Flex vertical gap={12} className="kefu-filter-bar">
      <Segmented
        value={view ?? 'custom'}
        onChange={(value) => value !== 'custom' && onChange(applyView(params, value as TicketView))}
        options={[
          ...(Object.keys(TICKET_VIEWS) as TicketView[]).map((key) => ({ value: key, label: t(`tickets.view.${key}`) })),
          ...(view ? [] : [{ value: 'custom', label: t('tickets.view.custom'), disabled: true }]),
        ]}
        data-testid="ticket-views"
      />
      <Flex gap={8} wrap align="center">
        <Input.Search
          key={params.get('q') ?? ''}
          defaultValue={params.get('q') ?? ''}
          placeholder={t('tickets.filter.searchPlaceholder')}
          allowClear
          onSearch={(value) => set('q', value.trim())}
          style={{ width: 280 }}
          data-testid="ticket-search"
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('tickets.filter.status')}
          value={listValue(params, 'status')}
          onChange={(value: string[]) => set('status', value)}
          options={[{ value: 'open', label: t('tickets.filter.openStatuses') }, ...TICKET_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          style={{ ...selectWidth, minWidth: 180 }}
          data-testid="filter-status"
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('tickets.filter.type')}
          value={listValue(params, 'type')}
          onChange={(value: string[]) => set('type', value)}
          options={ticketTypeOptions}
          style={selectWidth}
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('tickets.filter.priority')}
          value={listValue(params, 'priority')}
          onChange={(value: string[]) => set('priority', value)}
          options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
          style={{ ...selectWidth, minWidth: 130 }}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('tickets.filter.assignee')}
          value={params.get('assigneeId') ?? undefined}
          onChange={(value: string | undefined) => set('assigneeId', value)}
          options={[
            { value: 'me', label: t('tickets.filter.me') },
            { value: 'none', label: t('tickets.filter.unassigned') },
            ...userOptions.map((o) => ({ value: String(o.value), label: o.label })),
          ]}
          style={selectWidth}
          data-testid="filter-assignee"
        />
        <Select
          allowClear
          placeholder={t('tickets.filter.team')}
          value={params.get('teamId') ? Number(params.get('teamId')) : undefined}
          onChange={(value: number | undefined) => set('teamId', value)}
          options={teamOptions}
          style={{ ...selectWidth, minWidth: 120 }}
        />
        <Select
          allowClear
          placeholder={t('tickets.filter.skillGroup')}
          value={params.get('skillGroupId') ? Number(params.get('skillGroupId')) : undefined}
          onChange={(value: number | undefined) => set('skillGroupId', value)}
          options={skillGroupOptions}
          style={{ ...selectWidth, minWidth: 120 }}
        />
        <DatePicker.RangePicker
          value={[createdFrom ? dayjs(createdFrom) : null, createdTo ? dayjs(createdTo) : null]}
          onChange={(range) => setRange(range as [dayjs.Dayjs | null, dayjs.Dayjs | null] | null)}
          allowEmpty={[true, true]}
          placeholder={[t('tickets.filter.createdFrom'), t('tickets.filter.createdTo')]}
        />
        <Button icon={<ReloadOutlined />} onClick={() => onChange(new URLSearchParams())}>
          {t('common.resetFilters')}
        </Button>
      </Flex>
    </Flex>
  );
}
