/** Per-domain messages of business-rule violations: locale → rule key → message with {placeholders}. */
export type RuleMessages = Record<'zh-CN' | 'en', Record<string, string>>;
