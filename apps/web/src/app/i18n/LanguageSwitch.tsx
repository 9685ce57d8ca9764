import { Button, Dropdown } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import type { Locale } from '@kefu/shared';
import { useLanguage } from './useLanguage';

// Each language is named in itself, so the switch is findable whatever the current language.
const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', en: 'English' };

export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { language, setLanguage } = useLanguage();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [language],
        items: (Object.keys(LANGUAGE_NAMES) as Locale[]).map((key) => ({
          key,
          label: <span data-testid={`language-${key}`}>{LANGUAGE_NAMES[key]}</span>,
        })),
        onClick: ({ key }) => void setLanguage(key as Locale),
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} data-testid="language-switch" style={dark ? { color: '#fff' } : undefined}>
        {LANGUAGE_NAMES[language]}
      </Button>
    </Dropdown>
  );
}
