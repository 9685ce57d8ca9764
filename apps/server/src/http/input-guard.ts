import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/app-error.js';
import { requestLocale } from './error-handler.js';
import { nulCharacterIssue } from './validation-messages.js';

/** The path of the first string (value or key) holding U+0000, walking iteratively so deep JSON cannot overflow the stack. */
export function findNulCharacter(root: unknown, rootPath: string): string | null {
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
