import type { MessageInstance } from 'antd/es/message/interface';
import { ApiError } from './api';
import { i18n } from './i18n/i18n';

// Bridge to antd's App-scoped message API so non-component code (query caches) can talk to the user.
let messageApi: MessageInstance | null = null;

export function bindMessageApi(api: MessageInstance | null): void {
  messageApi = api;
}

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return i18n.t('errors.unknown');
}

export function notifyError(error: unknown): void {
  messageApi?.error({ content: errorText(error), key: errorText(error), duration: 4 });
}

export function notifySuccess(text: string): void {
  // Earlier complaints ("please complete the fields") are settled by the success: clear them.
  messageApi?.destroy();
  messageApi?.success(text);
}

export function notifyInfo(text: string): void {
  messageApi?.info(text);
}
