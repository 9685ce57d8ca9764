import { CustomerServiceFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export function BrandMark({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="kefu-brand" style={collapsed ? { padding: '0 17px' } : undefined}>
      <span className="kefu-brand-logo">
        <CustomerServiceFilled />
      </span>
      {!collapsed && <span>{t('app.name')}</span>}
    </div>
  );
}
