import { Alert, Button, Card, Col, Flex, Row, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { CustomerImportError, CustomerImportPreview, CustomerImportRow } from '@kefu/shared';

interface Props {
  preview: CustomerImportPreview;
  fileName: string;
  importing: boolean;
  onConfirm: () => void;
  onReset: () => void;
}

const STATUS_COLOR = { ok: 'success', invalid: 'error', skip: 'default' } as const;

/** The preview of a customer file: counts, the columns found, every error by row, the first rows with theirs highlighted. */
export function ImportPreviewView({ preview, fileName, importing, onConfirm, onReset }: Props) {
  const { t } = useTranslation();
  const fieldLabel = (field: string) => t(`customerImport.fields.${field}` as 'customerImport.fields.name');
  const errorsByRow = new Map<number, CustomerImportError[]>();
  for (const e of preview.errors) errorsByRow.set(e.row, [...(errorsByRow.get(e.row) ?? []), e]);
  const blocked = preview.errorCount > 0 || preview.valid === 0;
  const statusLabel = { ok: t('customerImport.statusOk'), invalid: t('customerImport.statusInvalid'), skip: t('customerImport.statusSkip') };

  const errorColumns: ColumnsType<CustomerImportError> = [
    { title: t('customerImport.row'), dataIndex: 'row', width: 80 },
    { title: t('customerImport.column'), dataIndex: 'column', width: 120, render: (c: string | null) => (c ? fieldLabel(c) : '—') },
    { title: t('customerImport.message'), dataIndex: 'message' },
  ];
  const sampleColumns: ColumnsType<CustomerImportRow> = [
    { title: t('customerImport.row'), dataIndex: 'row', width: 64, fixed: 'left' },
    {
      title: t('customerImport.status'), dataIndex: 'status', width: 96,
      render: (s: CustomerImportRow['status'], r) => {
        const tag = <Tag color={STATUS_COLOR[s]}>{statusLabel[s]}</Tag>;
        const problems = errorsByRow.get(r.row);
        return problems ? <Tooltip title={problems.map((p) => p.message).join('；')}>{tag}</Tooltip> : tag;
      },
    },
    { title: fieldLabel('name'), dataIndex: 'name', width: 140, render: (v: string) => v || <Typography.Text type="danger">—</Typography.Text> },
    { title: fieldLabel('kind'), dataIndex: 'kind', width: 80, render: (k: 'person' | 'organization') => t(`customerImport.kinds.${k}`) },
    { title: fieldLabel('phones'), dataIndex: 'phones', width: 200, render: (p: string[]) => p.join('；') },
    { title: fieldLabel('idCard'), dataIndex: 'idCard', width: 180 },
    { title: fieldLabel('organization'), dataIndex: 'organization', width: 140 },
    { title: fieldLabel('grade'), dataIndex: 'grade', width: 64 },
    { title: fieldLabel('address'), dataIndex: 'address', width: 200, ellipsis: true },
    { title: fieldLabel('email'), dataIndex: 'email', width: 180, ellipsis: true },
    { title: fieldLabel('tags'), dataIndex: 'tags', width: 140, render: (tags: string[]) => tags.map((tag) => <Tag key={tag}>{tag}</Tag>) },
    {
      title: t('customerImport.message'), key: 'problems', width: 280,
      render: (_, r) => (errorsByRow.get(r.row) ?? []).map((e, i) => <div key={i}><Typography.Text type="danger">{e.message}</Typography.Text></div>),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="import-preview">
      <Card>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Statistic title={t('customerImport.file')} value={fileName} valueStyle={{ fontSize: 16 }} suffix={<Tag style={{ marginLeft: 8 }}>{preview.format.toUpperCase()}{preview.encoding ? ` · ${preview.encoding.toUpperCase()}` : ''}</Tag>} />
          </Col>
          <Col xs={6} md={4}><Statistic title={t('customerImport.total')} value={preview.total} /></Col>
          <Col xs={6} md={4}><Statistic title={t('customerImport.valid')} value={preview.valid} valueStyle={{ color: '#389e0d' }} /></Col>
          <Col xs={6} md={4}><Statistic title={t('customerImport.invalid')} value={preview.invalid} valueStyle={{ color: preview.invalid ? '#cf1322' : undefined }} /></Col>
          <Col xs={6} md={4}><Statistic title={t('customerImport.skipped')} value={preview.skipped} /></Col>
        </Row>
        <Flex gap={6} wrap align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">{t('customerImport.columns')}：</Typography.Text>
          {preview.columns.map((c, i) => (
            <Tag key={i} color={c.field ? 'blue' : undefined}>
              {c.header || '—'} → {c.field ? fieldLabel(c.field) : t('customerImport.ignored')}
            </Tag>
          ))}
        </Flex>
      </Card>

      {preview.errorCount > 0 ? (
        <Card title={<Typography.Text type="danger">{t('customerImport.errorsTitle', { count: preview.errorCount })}</Typography.Text>} data-testid="import-errors">
          {preview.errorCount > preview.errors.length && <Alert type="warning" showIcon message={t('customerImport.errorsMore', { shown: preview.errors.length, count: preview.errorCount })} style={{ marginBottom: 12 }} />}
          <Table rowKey={(e) => `${e.row}-${e.column}-${e.code}-${e.message}`} size="small" columns={errorColumns} dataSource={preview.errors} pagination={{ pageSize: 10, hideOnSinglePage: true }} />
        </Card>
      ) : (
        <Alert type="success" showIcon message={t('customerImport.noErrors')} data-testid="import-no-errors" />
      )}

      <Card title={t('customerImport.sampleTitle', { count: preview.sample.length })}>
        <Table
          rowKey="row"
          size="small"
          columns={sampleColumns}
          dataSource={preview.sample}
          pagination={false}
          scroll={{ x: 1800 }}
          rowClassName={(r) => (r.status === 'invalid' ? 'kefu-import-row-invalid' : r.status === 'skip' ? 'kefu-import-row-skip' : '')}
          data-testid="import-sample"
        />
      </Card>

      <Flex gap={8} justify="flex-end">
        <Button onClick={onReset}>{t('customerImport.reupload')}</Button>
        <Tooltip title={blocked ? t('customerImport.confirmDisabled') : undefined}>
          <Button type="primary" size="large" disabled={blocked} loading={importing} onClick={onConfirm} data-testid="import-confirm">
            {importing ? t('customerImport.importing') : t('customerImport.confirm', { count: preview.valid })}
          </Button>
        </Tooltip>
      </Flex>
      <style>{'.kefu-import-row-invalid > td { background: #fff1f0 !important; } .kefu-import-row-skip > td { color: rgba(0,0,0,0.45); }'}</style>
    </Flex>
  );
}
