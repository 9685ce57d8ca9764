import { Avatar, Badge, Button, Dropdown, Flex, Tag, Tooltip, Typography } from 'antd';
import { ApiOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useMe, useAuth } from '../auth/AuthContext';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useLiveConnected } from '../live/LiveContext';

export function HeaderBar() {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const connected = useLiveConnected();

  const onLogout = async () => {
    await logout();
    navigate('/login', { replace: true });
  };

  return (
    <Flex align="center" gap={8}>
      {/* Calls pop up only over a live connection: the agent sees at a glance whether it is up. */}
      <Tooltip title={t(connected ? 'layout.liveOn' : 'layout.liveOff')}>
        <Badge status={connected ? 'success' : 'default'} data-testid="live-status" data-connected={connected ? 'yes' : 'no'} />
      </Tooltip>
      <Button type="text" icon={<ApiOutlined />} href="/api/docs" target="_blank" rel="noreferrer">
        {t('layout.apiDocs')}
      </Button>
      <LanguageSwitch />
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'who',
              disabled: true,
              label: (
                <div style={{ minWidth: 180 }}>
                  <Typography.Text strong>{me.displayName}</Typography.Text>
                  <div className="kefu-muted">
                    {me.username}
                    {me.employeeNo ? ` · ${t('layout.employeeNo', { no: me.employeeNo })}` : ''}
                  </div>
                  <div className="kefu-muted">{me.tenant.name}</div>
                </div>
              ),
            },
            { type: 'divider' },
            { key: 'tokens', icon: <KeyOutlined />, label: t('nav.tokens'), onClick: () => navigate('/account/tokens') },
            { key: 'docs', icon: <ApiOutlined />, label: <a href="/api/docs" target="_blank" rel="noreferrer">{t('layout.apiDocs')}</a> },
            { type: 'divider' },
            { key: 'logout', icon: <LogoutOutlined />, danger: true, label: <span data-testid="logout">{t('layout.logout')}</span>, onClick: () => void onLogout() },
          ],
        }}
      >
        <Button type="text" style={{ height: 40 }} data-testid="user-menu">
          <Flex align="center" gap={8}>
            <Avatar size={28} icon={<UserOutlined />} style={{ background: '#2156d9' }} />
            <span>{me.displayName}</span>
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>
              {me.role.name}
            </Tag>
          </Flex>
        </Button>
      </Dropdown>
    </Flex>
  );
}
