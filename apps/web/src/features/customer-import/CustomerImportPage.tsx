import { useState } from 'react';
import { Alert, Button, Card, Dropdown, Flex, Radio, Result, Spin, Typography, Upload } from 'antd';
import { DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CustomerImportError, CustomerImportPreview, CustomerImportQuery, CustomerImportResult } from '@kefu/shared';
import { ApiError } from '../../app/api';
import { useAuth } from '../../app/auth/AuthContext';
import { errorText } from '../../app/notify';
import { PageHeader } from '../../ui/PageHeader';
import { customerImportApi } from './customerImportApi';
import { ImportPreviewView } from './ImportPreviewView';

type OnExisting = CustomerImportQuery['onExisting'];

/** 导入客户: pick a file → preview with every row's errors → confirm (all rows or none) → result. */
export function CustomerImportPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [onExisting, setOnExisting] = useState<OnExisting>('error');
  const [preview, setPreview] = useState<CustomerImportPreview | null>(null);
  const [refused, setRefused] = useState<CustomerImportError[] | null>(null);
  const [result, setResult] = useState<CustomerImportResult | null>(null);

  const previewing = useMutation({
    mutationFn: ({ picked, mode }: { picked: File; mode: OnExisting }) => customerImportApi.preview(picked, { onExisting: mode }),
    onSuccess: (data) => setPreview(data),
  });
  const importing = useMutation({
    mutationFn: () => customerImportApi.confirm(file!, { onExisting }),
    onSuccess: (data) => {
      setResult(data);
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
    },
    onError: (error) => {
      // Someone added a clashing customer since the preview: the refusal lists the rows like a preview does.
      const details = error instanceof ApiError ? (error.details as { errors?: CustomerImportError[] } | undefined) : undefined;
      if (details?.errors) setRefused(details.errors);
    },
  });
  const downloading = useMutation({ mutationFn: (run: () => Promise<void>) => run() });

  const check = (picked: File, mode: OnExisting) => {
    setFile(picked);
    setPreview(null);
    setRefused(null);
    previewing.mutate({ picked, mode });
  };
  const reset = () => {
    setFile(null);
    setPreview(null);
    setRefused(null);
    setResult(null);
    previewing.reset();
    importing.reset();
  };

  const exportItems = [
    { key: 'xlsx', label: t('customerImport.exportExcel'), onClick: () => downloading.mutate(() => customerImportApi.export('xlsx')) },
    { key: 'csv', label: t('customerImport.exportCsv'), onClick: () => downloading.mutate(() => customerImportApi.export('csv')) },
    ...(can('customers.reveal_pii')
      ? [{ key: 'revealed', danger: true, label: t('customerImport.exportRevealedExcel'), onClick: () => downloading.mutate(() => customerImportApi.export('xlsx', true)) }]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('customerImport.title')}
        subtitle={t('customerImport.subtitle')}
        backTo="/customers"
        extra={
          <Flex gap={8}>
            <Button icon={<FileExcelOutlined />} onClick={() => downloading.mutate(customerImportApi.template)} data-testid="import-template">
              {t('customerImport.template')}
            </Button>
            <Dropdown menu={{ items: exportItems }}>
              <Button icon={<DownloadOutlined />} loading={downloading.isPending} data-testid="import-export">{t('customerImport.exportExcel')}</Button>
            </Dropdown>
          </Flex>
        }
      />
      {downloading.isError && <Alert type="error" showIcon message={errorText(downloading.error)} style={{ marginBottom: 16 }} />}

      {result ? (
        <Card>
          <Result
            status="success"
            title={<span data-testid="import-done">{t('customerImport.doneTitle', { count: result.imported })}</span>}
            subTitle={[result.skipped ? t('customerImport.doneSkipped', { count: result.skipped }) : null, t('customerImport.doneSeconds', { seconds: result.seconds })].filter(Boolean).join(' · ')}
            extra={[
              <Link key="list" to="/customers"><Button type="primary">{t('customerImport.viewCustomers')}</Button></Link>,
              <Button key="again" onClick={reset}>{t('customerImport.importAnother')}</Button>,
            ]}
          />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          <Card>
            <Flex vertical gap={12}>
              <Upload.Dragger
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                multiple={false}
                showUploadList={false}
                beforeUpload={(picked) => {
                  check(picked, onExisting);
                  return false;
                }}
                disabled={previewing.isPending || importing.isPending}
                data-testid="import-drop"
              >
                <p className="ant-upload-drag-icon"><InboxOutlined /></p>
                <p className="ant-upload-text">{file ? file.name : t('customerImport.drop')}</p>
                <p className="ant-upload-hint">{t('customerImport.dropHint')}</p>
              </Upload.Dragger>
              <Flex gap={12} align="center" wrap>
                <Typography.Text>{t('customerImport.onExisting')}</Typography.Text>
                <Radio.Group
                  value={onExisting}
                  onChange={(e) => {
                    const mode = e.target.value as OnExisting;
                    setOnExisting(mode);
                    if (file) check(file, mode);
                  }}
                  options={[
                    { value: 'error', label: t('customerImport.onExistingError') },
                    { value: 'skip', label: t('customerImport.onExistingSkip') },
                  ]}
                  data-testid="import-on-existing"
                />
              </Flex>
            </Flex>
          </Card>

          {previewing.isPending && <Card><Spin tip={t('customerImport.checking')}><div style={{ height: 80 }} /></Spin></Card>}
          {previewing.isError && <Alert type="error" showIcon message={errorText(previewing.error)} data-testid="import-file-error" />}
          {refused && <Alert type="error" showIcon message={errorText(importing.error)} description={refused.slice(0, 20).map((e) => `#${e.row} ${e.message}`).join('；')} />}
          {importing.isError && !refused && <Alert type="error" showIcon message={errorText(importing.error)} />}

          {preview && file && !previewing.isPending && (
            <ImportPreviewView
              preview={preview}
              fileName={file.name}
              importing={importing.isPending}
              onConfirm={() => importing.mutate()}
              onReset={reset}
            />
          )}
        </Flex>
      )}
    </>
  );
}
