import type { RuleMessages } from './rule-messages.js';

/** Messages of the pii rules (error code RULE_VIOLATION, params.rule = key). */
export const piiRules = { 'zh-CN': {}, en: {} } satisfies RuleMessages;
