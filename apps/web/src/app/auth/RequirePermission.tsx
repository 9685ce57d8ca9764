import type { ReactNode } from 'react';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Permission } from '@kefu/shared';
import { useAuth } from './AuthContext';

/** Shows a 403 page unless the user has at least one of the permissions. */
export function RequirePermission({ anyOf, children }: { anyOf: Permission[]; children: ReactNode }) {
  const { canAny } = useAuth();
  const { t } = useTranslation();
  if (!canAny(...anyOf)) return <Result status="403" title="403" subTitle={t('errors.forbiddenPage')} />;
  return <>{children}</>;
}
