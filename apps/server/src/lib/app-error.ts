import type { ErrorCode } from '@kefu/shared';

/** The one error services throw. The HTTP layer maps `code` to a status and translates the message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Placeholders of the translated message (see @kefu/shared formatErrorMessage). */
    readonly params: Record<string, string | number | readonly string[]> = {},
    readonly details?: unknown,
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'AppError';
  }
}

export function notFound(entity: string): AppError {
  return new AppError('NOT_FOUND', { entity });
}

export function versionConflict(): AppError {
  return new AppError('VERSION_CONFLICT');
}

export function forbidden(): AppError {
  return new AppError('FORBIDDEN');
}

export function invalid(detail: string, details?: unknown): AppError {
  return new AppError('VALIDATION', { detail }, details);
}

/** A business rule said no: `rule` is a key of a domain's rule messages (packages/shared/src/rules), its placeholders in `params`. */
export function ruleViolation(rule: string, params: Record<string, string | number | readonly string[]> = {}, details?: unknown): AppError {
  return new AppError('RULE_VIOLATION', Object.assign({}, params, { rule }), details);
}
