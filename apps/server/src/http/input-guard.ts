import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/app-error.js';
import { requestLocale } from './error-handler.js';
import { nulCharacterIssue } from './validation-messages.js';

/** Whether any string (value or key) holds U+0000, walking iteratively so deep JSON cannot overflow the stack. */
function holdsNulCharacter(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return true;
    } else if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
    } else if (value !== null && typeof value === 'object') {
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        if (key.includes('\u0000')) return true;
        stack.push((value as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

/** The path of the first string (value or key) holding U+0000. Every request is checked: the paths are only built for a hit. */
export function findNulCharacter(root: unknown, rootPath: string): string | null {
  if (!holdsNulCharacter(root)) return null;
  const stack: Array<[unknown, string]> = [[root, rootPath]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path;
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([item, `${path}.${i}`]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\u0000')) return path;
        stack.push([item, `${path}.${key}`]);
      }
    }
  }
  return null;
}

/**
 * PostgreSQL text cannot hold U+0000 (JSON allows "\u0000"): such input would fail deep in a query
 * as a 500. Refuse it up front, as a validation error naming the field.
 */
export function registerInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const path = findNulCharacter(request.body, 'body') ?? findNulCharacter(request.query, 'querystring') ?? findNulCharacter(request.params, 'params');
    if (path === null) return;
    const issue = nulCharacterIssue(requestLocale(request), path);
    throw new AppError('VALIDATION', { detail: issue.message }, { issues: [issue] });
  });
}
