import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BulkAssignResult } from '../ticketsApi';

export function BulkResultNotice({ result, onClose }: { result: BulkAssignResult; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      closable={{ onClose }}
      style={{ marginBottom: 12 }}
      title={t('tickets.bulk.failedTitle', { count: result.failed.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {result.failed.map((f) => (
            <li key={f.id}>
              #{f.id}：{f.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}
