import { z } from 'zod';
import type { Locale } from '@kefu/shared';

const localeErrors = { 'zh-CN': z.locales.zhCN().localeError, en: z.locales.en().localeError };

const contextWords: Record<Locale, Record<string, string>> = {
  'zh-CN': { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' },
  en: { body: 'body', querystring: 'query', params: 'path', headers: 'headers' },
};

export interface FormattedIssue {
  path: string;
  code: string;
  message: string;
}

/** Zod's issues in the caller's language, each prefixed with the field it concerns ("body.subject"). */
export function formatValidationIssues(locale: Locale, issues: ReadonlyArray<{ path: PropertyKey[]; code?: string; message?: string } & Record<string, unknown>>): FormattedIssue[] {
  return issues.map((issue) => {
    const [context, ...rest] = issue.path.map(String);
    const path = [context, ...rest].join('.');
    const field = rest.length > 0 ? rest.join('.') : contextWords[locale][context ?? ''] ?? context ?? '';
    let message: string | undefined;
    try {
      const produced = localeErrors[locale](issue as never);
      message = typeof produced === 'string' ? produced : produced?.message;
    } catch {
      message = undefined;
    }
    return { path, code: String(issue.code ?? 'invalid'), message: `${field}: ${message ?? issue.message ?? ''}` };
  });
}

const nulMessages: Record<Locale, string> = { 'zh-CN': '不能包含空字符（U+0000）', en: 'must not contain the NUL character (U+0000)' };

/** The issue for text holding U+0000, which PostgreSQL cannot store. */
export function nulCharacterIssue(locale: Locale, path: string): FormattedIssue {
  const [context, ...rest] = path.split('.');
  const field = rest.length > 0 ? rest.join('.') : contextWords[locale][context ?? ''] ?? path;
  return { path, code: 'invalid_string', message: `${field}: ${nulMessages[locale]}` };
}
