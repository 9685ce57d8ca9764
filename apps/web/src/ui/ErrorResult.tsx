import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../app/notify';

/** A page that could not load: what went wrong, and a way to try again. */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={t('errors.loadFailed')}
      subTitle={errorText(error)}
      extra={
        <Button type="primary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
