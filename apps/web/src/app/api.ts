import type { ErrorCode } from '@kefu/shared';
import { i18n } from './i18n/i18n';

/** An error answered by the API (or a network failure), carrying the server's translated message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';
  readonly details: unknown;

  constructor(status: number, code: ErrorCode | 'NETWORK', message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(error: unknown, code?: ApiError['code']): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Record<string, QueryValue>;

/** Builds "?a=1&b=x,y" leaving out empty values; arrays become comma lists as the API expects. */
export function toQueryString(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
      continue;
    }
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

let unauthenticatedHandler: (() => void) | null = null;
/** Bumped at sign-in: a 401 to a request sent before it must not sign the new session out. */
let sessionEpoch = 0;

export function startNewSession(): void {
  sessionEpoch += 1;
}

/** The auth context registers what happens when any request answers 401. */
export function onUnauthenticated(handler: (() => void) | null): void {
  unauthenticatedHandler = handler;
}

interface RequestOptions {
  /** Aborts the request (TanStack Query passes one to every queryFn). */
  signal?: AbortSignal;
  query?: Query;
  body?: unknown;
  form?: FormData;
}

const API_PREFIX = '/api/v1';

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const epoch = sessionEpoch;
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': i18n.language || 'zh-CN',
  };
  let body: BodyInit | undefined;
  if (options.form) {
    body = options.form;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(`${API_PREFIX}${path}${toQueryString(options.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
  }

  const text = response.status === 204 ? '' : await response.text();
  let data: unknown;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!response.ok) {
    const error = (data as { error?: { code?: ErrorCode; message?: string; details?: unknown } } | undefined)?.error;
    const signsOut = response.status === 401 && epoch === sessionEpoch && !path.startsWith('/auth/login') && path !== '/auth/me';
    if (signsOut) unauthenticatedHandler?.();
    throw new ApiError(
      response.status,
      error?.code ?? (response.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL'),
      error?.message ?? i18n.t('errors.http', { status: response.status }),
      error?.details,
    );
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  del: <T = void>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, file: File, field = 'file') => {
    const form = new FormData();
    form.append(field, file);
    return request<T>('POST', path, { form });
  },
};

/** Admin list endpoints may answer a plain array or a page; screens only need the rows. */
export function asList<T>(data: T[] | { items: T[] } | undefined): T[] {
  if (!data) return [];
  return Array.isArray(data) ? data : data.items;
}

export const apiUrl = (path: string) => `${API_PREFIX}${path}`;
