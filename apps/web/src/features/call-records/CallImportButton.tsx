import { Alert, Button, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { notifySuccess } from '../../app/notify';

interface ImportError { row: number; column: string; code: string; message: string }

/** CSV import of call records (all or nothing; calls.admin): the count on success, the rows in error otherwise. */
export function CallImportButton() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) => api.upload<{ imported: number }>('/calls/import', file),
    onSuccess: (r) => {
      notifySuccess(t('callRecords.importDone', { count: r.imported }));
      void queryClient.invalidateQueries({ queryKey: ['call-records'] });
    },
  });
  const error = upload.error;
  const rows = isApiError(error) ? ((error.details as { errors?: ImportError[] } | undefined)?.errors ?? []) : [];
  return (
    <>
      <Upload accept=".csv,text/csv" showUploadList={false} beforeUpload={(file) => { upload.mutate(file); return false; }}>
        <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="call-import">{t('callRecords.import')}</Button>
      </Upload>
      {error && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => upload.reset()}
          style={{ marginTop: 8, width: '100%' }}
          data-testid="call-import-errors"
          message={rows.length > 0 ? t('callRecords.importErrors', { count: rows.length }) : error.message}
          description={rows.length > 0 ? (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {rows.slice(0, 20).map((r, i) => <li key={i}>{t('callRecords.importRow', { row: r.row, column: r.column, message: r.message })}</li>)}
            </ul>
          ) : undefined}
        />
      )}
    </>
  );
}
