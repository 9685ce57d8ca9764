import type { RuleMessages } from './rule-messages.js';

export const customerArchiveRules = {
  'zh-CN': {},
  en: {},
} satisfies RuleMessages;
