import type { CustomerImportPreview, CustomerImportQuery, CustomerImportResult } from '@kefu/shared';
import { api, apiUrl, toQueryString } from '../../app/api';
import { downloadFile } from '../sla/downloadFile';

const withQuery = (path: string, query: CustomerImportQuery) => `${path}${toQueryString({ onExisting: query.onExisting })}`;

export const customerImportApi = {
  preview: (file: File, query: CustomerImportQuery) => api.upload<CustomerImportPreview>(withQuery('/customer-import/preview', query), file),
  confirm: (file: File, query: CustomerImportQuery) => api.upload<CustomerImportResult>(withQuery('/customer-import/confirm', query), file),
  template: () => downloadFile(apiUrl('/customer-import/template.xlsx'), 'customer-import-template.xlsx'),
  export: (format: 'xlsx' | 'csv', reveal = false) =>
    downloadFile(apiUrl(`/customer-import/export${toQueryString({ format, reveal: reveal ? 'true' : undefined })}`), `customers.${format}`),
};
