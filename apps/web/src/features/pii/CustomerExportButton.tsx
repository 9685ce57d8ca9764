import { Dropdown, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiUrl, toQueryString, type Query } from '../../app/api';
import { useAuth } from '../../app/auth/AuthContext';
import { downloadFile } from '../sla/downloadFile';

/** Exports the customer list as CSV: masked like the screen; unmasked only for customers.reveal_pii (audit-logged). */
export function CustomerExportButton({ query }: { query: Query }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const exporting = useMutation({
    mutationFn: (reveal: boolean) => downloadFile(apiUrl(`/pii/customers/export${toQueryString({ ...query, reveal: reveal ? 'true' : undefined })}`), 'customers.csv'),
  });
  if (!can('customers.reveal_pii')) {
    return <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate(false)} data-testid="customer-export">{t('pii.export')}</Button>;
  }
  return (
    <Dropdown menu={{ items: [{ key: 'masked', label: t('pii.exportMasked') }, { key: 'revealed', label: t('pii.exportRevealed'), danger: true }], onClick: ({ key }) => exporting.mutate(key === 'revealed') }}>
      <Button icon={<DownloadOutlined />} loading={exporting.isPending} data-testid="customer-export">{t('pii.export')}</Button>
    </Dropdown>
  );
}
