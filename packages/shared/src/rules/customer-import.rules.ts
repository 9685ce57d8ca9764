import type { RuleMessages } from './rule-messages.js';

export const customerImportRules = {
  'zh-CN': {},
  en: {},
} satisfies RuleMessages;
