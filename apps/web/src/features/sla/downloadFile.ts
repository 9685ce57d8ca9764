import { ApiError } from '../../app/api';
import { i18n } from '../../app/i18n/i18n';
import { fileNameOf } from './contentDisposition';

/** GETs a file with the session cookie and saves it; API errors come back as ApiError with the server's message. */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const response = await fetch(url, { credentials: 'same-origin', headers: { 'Accept-Language': i18n.language || 'zh-CN' } });
  if (!response.ok) {
    let message = i18n.t('errors.http', { status: response.status });
    let code: ApiError['code'] = 'INTERNAL';
    try {
      const body = (await response.json()) as { error?: { code?: ApiError['code']; message?: string } };
      message = body.error?.message ?? message;
      code = body.error?.code ?? code;
    } catch {
      // Not JSON: keep the HTTP status text.
    }
    throw new ApiError(response.status, code, message);
  }
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
