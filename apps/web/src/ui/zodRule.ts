import type { Rule } from 'antd/es/form';
import { i18n } from '../app/i18n/i18n';

interface Issue {
  code: string;
  minimum?: unknown;
  maximum?: unknown;
  format?: string;
  origin?: string;
}

interface Parser {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: readonly Issue[] } };
}

/** Turns a zod issue into a sentence in the UI language (zod's own messages are English only). */
export function describeIssue(issue: Issue): string {
  const isText = issue.origin === 'string';
  switch (issue.code) {
    case 'too_small':
      if (isText && Number(issue.minimum) <= 1) return i18n.t('validation.required');
      return i18n.t(isText ? 'validation.minLength' : issue.origin === 'array' ? 'validation.minItems' : 'validation.min', { n: String(issue.minimum) });
    case 'too_big':
      return i18n.t(isText ? 'validation.maxLength' : issue.origin === 'array' ? 'validation.maxItems' : 'validation.max', { n: String(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'email') return i18n.t('validation.email');
      if (issue.format === 'regex') return i18n.t('validation.pattern');
      return i18n.t('validation.format');
    case 'invalid_type':
      return i18n.t('validation.required');
    default:
      return i18n.t('validation.invalid');
  }
}

/**
 * An antd Form rule backed by a shared zod schema, so the form checks exactly what the API checks.
 * Empty values pass; pair it with `{ required: true }` (antd words that message per locale).
 */
export function zodRule(schema: Parser): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const result = schema.safeParse(typeof value === 'string' ? value.trim() : value);
      if (!result.success) throw new Error(describeIssue(result.error.issues[0] ?? { code: 'custom' }));
    },
  };
}

/** Required text (blank counts as empty). Only for string inputs: the rule implies type string. */
export const REQUIRED_TEXT: Rule = { required: true, whitespace: true };
/** Required value of any kind (selects, dates, numbers). */
export const REQUIRED: Rule = { required: true };
