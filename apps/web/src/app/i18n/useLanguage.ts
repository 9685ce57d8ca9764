import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Locale, Me } from '@kefu/shared';
import { api } from '../api';
import { notifyError } from '../notify';
import { applyDocumentLanguage, currentLocale, storeLocale } from './i18n';

interface SetLanguageOptions {
  /** 'both' (the switch): browser + profile; 'server': profile only; 'none': just the UI. */
  persist?: 'both' | 'server' | 'none';
}

export function useLanguage() {
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();

  const setLanguage = useCallback(
    async (locale: Locale, { persist = 'both' }: SetLanguageOptions = {}) => {
      if (persist === 'both') storeLocale(locale);
      if (locale !== currentLocale()) {
        await i18n.changeLanguage(locale);
        applyDocumentLanguage(locale);
        // Names and messages the server translates (roles, types, errors) follow the new language.
        void queryClient.invalidateQueries();
      }
      const me = queryClient.getQueryData<Me | null>(['me']);
      if (me && persist !== 'none' && me.locale !== locale) {
        try {
          await api.patch('/auth/me/locale', { locale });
          void queryClient.invalidateQueries({ queryKey: ['me'] });
        } catch (error) {
          notifyError(error);
        }
      }
    },
    [i18n, queryClient],
  );

  return { language: (i18n.language === 'en' ? 'en' : 'zh-CN') as Locale, setLanguage };
}
