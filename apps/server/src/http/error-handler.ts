import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { formatErrorMessage, LIMITS, resolveLocale, type ApiErrorBody, type ErrorCode, type Locale } from '@kefu/shared';
import { AppError } from '../lib/app-error.js';
import { formatValidationIssues } from './validation-messages.js';

const UNIQUE_VIOLATION = '23505';

/** Fastify's own client errors, as words of the shared error catalog (translated there). */
const FASTIFY_ERROR_WORDS: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_content_type',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json_body',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'empty_json_body',
};

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION':
    case 'MISSING_REQUIRED_FIELDS':
      return 400;
    case 'UNAUTHENTICATED':
    case 'BAD_CREDENTIALS':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
    case 'VERSION_CONFLICT':
    case 'INVALID_TRANSITION':
    case 'STEP_NOT_ACTIVE':
    case 'CHECKLIST_INCOMPLETE':
      return 409;
    case 'RULE_VIOLATION':
      return 422;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'RATE_LIMITED':
      return 429;
    case 'INTERNAL':
      return 500;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

export function requestLocale(request: FastifyRequest): Locale {
  return request.actor?.locale && !request.headers['accept-language'] ? request.actor.locale : resolveLocale(request.headers['accept-language']);
}

export function sendError(reply: FastifyReply, locale: Locale, code: ErrorCode, params: Record<string, string | number | readonly string[]>, details?: unknown) {
  const body: ApiErrorBody = { error: { code, message: formatErrorMessage(locale, code, params), ...(details === undefined ? {} : { details }) } };
  return reply.status(statusOf(code)).send(body);
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const locale = requestLocale(request);
    if (error instanceof AppError) return sendError(reply, locale, error.code, error.params, error.details);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) =>
        Object.assign({}, v.params as Record<string, unknown>, {
          code: v.keyword,
          message: v.message,
          path: [error.validationContext ?? 'body', ...v.instancePath.split('/').filter(Boolean)],
        }),
      );
      const formatted = formatValidationIssues(locale, issues);
      return sendError(reply, locale, 'VALIDATION', { detail: formatted.map((f) => f.message).join('；') }, { issues: formatted });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
      return sendError(reply, locale, 'INTERNAL', {});
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, locale, 'PAYLOAD_TOO_LARGE', { limit: megabytes(LIMITS.jsonBodyBytesMax) });
    if (error.code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413) return sendError(reply, locale, 'PAYLOAD_TOO_LARGE', { limit: megabytes(LIMITS.attachmentBytesMax) });
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own 4xx (bad JSON, wrong content type, …): keep the status, translate the wrapper.
      const detail = FASTIFY_ERROR_WORDS[error.code] ?? error.message;
      const body: ApiErrorBody = { error: { code: 'VALIDATION', message: formatErrorMessage(locale, 'VALIDATION', { detail }) } };
      return reply.status(error.statusCode === 415 ? 415 : 400).send(body);
    }
    // Two requests racing past a service's "is it taken?" check: the unique index decides, the loser gets 409.
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) return sendError(reply, locale, 'CONFLICT', { detail: 'duplicate_record' });
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, locale, 'INTERNAL', {});
  });

}
