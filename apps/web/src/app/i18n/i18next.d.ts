import type { zhCN } from './zh-CN';

// Typed keys: t('…') only accepts keys that exist in the zh-CN catalog.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
