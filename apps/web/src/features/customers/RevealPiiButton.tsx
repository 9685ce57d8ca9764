import { Button } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/AuthContext';
import { customersApi, type RevealedPii } from './customersApi';

/** "显示完整号码": only for roles with customers.reveal_pii; each use is audit-logged by the server. */
export function RevealPiiButton({ customerId, onRevealed }: { customerId: number; onRevealed: (pii: RevealedPii) => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const reveal = useMutation({ mutationFn: () => customersApi.reveal(customerId), onSuccess: onRevealed });
  if (!can('customers.reveal_pii')) return null;
  return (
    <Button size="small" type="link" icon={<EyeOutlined />} loading={reveal.isPending} onClick={() => reveal.mutate()} data-testid="reveal-pii" style={{ paddingInline: 0 }}>
      {t('customers.reveal')}
    </Button>
  );
}
