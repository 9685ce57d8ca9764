import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import { CustomerServiceFilled, LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import type { LoginInput } from '@kefu/shared';
import { useAuth } from '../../app/auth/AuthContext';
import { errorText } from '../../app/notify';
import { LanguageSwitch } from '../../app/i18n/LanguageSwitch';
import { homePath } from '../../app/layout/navigation';
import { REQUIRED_TEXT } from '../../ui/zodRule';
import { LoginHighlights } from './LoginHighlights';

export function LoginPage() {
  const { t } = useTranslation();
  const { me, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;

  if (me && !submitting) return <Navigate to={from && from !== '/login' ? from : homePath(me.permissions)} replace />;

  const onFinish = async (values: LoginInput) => {
    setError(null);
    setSubmitting(true);
    try {
      const user = await login(values);
      navigate(from && from !== '/login' ? from : homePath(user.permissions), { replace: true });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="kefu-login">
      <div className="kefu-login-aside">
        <Flex align="center" gap={12} style={{ marginBottom: 28 }}>
          <span className="kefu-brand-logo" style={{ width: 44, height: 44, fontSize: 24, background: 'rgba(255,255,255,0.15)' }}>
            <CustomerServiceFilled />
          </span>
          <span style={{ fontSize: 26, fontWeight: 600 }}>{t('app.name')}</span>
        </Flex>
        <Typography.Title level={2} style={{ color: '#fff', marginTop: 0, maxWidth: 520 }}>
          {t('auth.tagline')}
        </Typography.Title>
        <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.75)', fontSize: 15, maxWidth: 520 }}>
          {t('auth.intro')}
        </Typography.Paragraph>
        <LoginHighlights />
      </div>
      <div className="kefu-login-panel">
        <div style={{ width: '100%', maxWidth: 360 }}>
          <Flex justify="flex-end" style={{ marginBottom: 40 }}>
            <LanguageSwitch />
          </Flex>
          <Typography.Title level={3} style={{ marginBottom: 4 }}>
            {t('auth.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 28 }}>
            {t('auth.subtitle')}
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
          <Form<LoginInput> layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
            <Form.Item name="username" label={t('auth.username')} rules={[REQUIRED_TEXT]}>
              <Input prefix={<UserOutlined />} autoFocus autoComplete="username" data-testid="login-username" placeholder={t('auth.usernamePlaceholder')} />
            </Form.Item>
            <Form.Item name="password" label={t('auth.password')} rules={[REQUIRED_TEXT]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" placeholder={t('auth.passwordPlaceholder')} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit" style={{ marginTop: 8 }}>
              {t('auth.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 32, fontSize: 12, textAlign: 'center' }}>
            {t('auth.footer')}
          </Typography.Paragraph>
        </div>
      </div>
    </div>
  );
}
