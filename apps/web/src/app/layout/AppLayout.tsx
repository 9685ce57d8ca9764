import { useMemo, useState } from 'react';
import { Layout, Menu, type MenuProps } from 'antd';
import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { NAVIGATION, type NavItem } from './navigation';
import { HeaderBar } from './HeaderBar';
import { BrandMark } from './BrandMark';
import { LiveProvider } from '../live/LiveProvider';
import { IncomingCallDrawer } from '../../features/calls/IncomingCallDrawer';
import { SlaEscalationNotifier } from '../../features/sla/SlaEscalationNotifier';
import { ComplaintAlertNotifier } from '../../features/complaints/ComplaintAlertNotifier';
import { ContractReminderNotifier } from '../../features/contracts/ContractReminderNotifier';

const COLLAPSED_KEY = 'kefu.siderCollapsed';

export function AppLayout() {
  const { t } = useTranslation();
  const { canAny } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSED_KEY) === '1');

  const items = useMemo<MenuProps['items']>(() => {
    const toItem = (item: NavItem): NonNullable<MenuProps['items']>[number] | null => {
      if (!canAny(...item.anyOf)) return null;
      if (item.children) {
        const children = item.children.map(toItem).filter((c) => c !== null);
        if (children.length === 0) return null;
        return { key: item.path, icon: item.icon, label: t(item.label), children };
      }
      return { key: item.path, icon: item.icon, label: t(item.label) };
    };
    return NAVIGATION.map(toItem).filter((i) => i !== null);
  }, [canAny, t]);

  // The selected entry is the longest menu path that prefixes the current location.
  const selectedKey = useMemo(() => {
    const paths = NAVIGATION.flatMap((item) => [item.path, ...(item.children ?? []).map((c) => c.path)]);
    return paths.filter((p) => location.pathname === p || location.pathname.startsWith(`${p}/`)).sort((a, b) => b.length - a.length)[0];
  }, [location.pathname]);

  const toggle = () => {
    const next = !collapsed;
    setCollapsed(next);
    localStorage.setItem(COLLAPSED_KEY, next ? '1' : '0');
  };

  return (
    <LiveProvider>
    <IncomingCallDrawer />
    <SlaEscalationNotifier />
    <ComplaintAlertNotifier />
    <ContractReminderNotifier />
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={216} collapsedWidth={64} collapsed={collapsed} trigger={null}>
        {/* The sider's background runs the page's full height; its content stays in view while scrolling. */}
        <div style={{ position: 'sticky', top: 0, maxHeight: '100vh', overflowY: 'auto' }}>
          <BrandMark collapsed={collapsed} />
          <Menu
            theme="dark"
            mode="inline"
            items={items}
            selectedKeys={selectedKey ? [selectedKey] : []}
            defaultOpenKeys={NAVIGATION.filter((item) => item.children?.some((c) => c.path === selectedKey)).map((item) => item.path)}
            onClick={({ key }) => navigate(key)}
            style={{ borderInlineEnd: 'none' }}
            data-testid="side-menu"
          />
        </div>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="kefu-header">
          <Button
            type="text"
            aria-label={t(collapsed ? 'layout.expandMenu' : 'layout.collapseMenu')}
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={toggle}
          />
          <HeaderBar />
        </Layout.Header>
        <Layout.Content className="kefu-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
    </LiveProvider>
  );
}
