import { useEffect } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router-dom';
import { AuthProvider } from './auth/AuthProvider';
import { useLanguage } from './i18n/useLanguage';
import { bindMessageApi } from './notify';
import { queryClient } from './queryClient';
import { router } from './router';
import { theme } from './theme';

function MessageBridge() {
  const { message } = AntApp.useApp();
  useEffect(() => {
    bindMessageApi(message);
    return () => bindMessageApi(null);
  }, [message]);
  return null;
}

function LocalizedApp() {
  const { language } = useLanguage();
  return (
    <ConfigProvider locale={language === 'en' ? enUSLocale : zhCNLocale} theme={theme}>
      <AntApp>
        <MessageBridge />
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <LocalizedApp />
    </QueryClientProvider>
  );
}
