import { useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { MACRO_CATEGORIES } from '@kefu/shared';
import { useMacros } from './useMacros';

/** "插入话术": search the script library and insert a standard phrase into the text being written. */
export function MacroPicker({ onInsert }: { onInsert: (text: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const macros = useMacros(open);
  const items = macros.data ?? [];
  const options = MACRO_CATEGORIES.map((category) => ({
    label: t(`macroCategory.${category}`),
    title: category,
    options: items.filter((m) => m.category === category && m.active).map((m) => ({ value: m.id, label: m.title, body: m.body })),
  })).filter((group) => group.options.length > 0);

  return (
    <Select
      size="small"
      value={null}
      placeholder={t('macros.insert')}
      open={open}
      onOpenChange={setOpen}
      loading={macros.isLoading}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      notFoundContent={t('macros.empty')}
      popupMatchSelectWidth={320}
      onSelect={(id: number | null) => {
        const macro = items.find((m) => m.id === id);
        if (macro) onInsert(macro.body);
        setOpen(false);
      }}
      style={{ width: 150 }}
      data-testid="macro-picker"
    />
  );
}
