import { useCallback, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { LoginInput, LoginResult, Me, Permission } from '@kefu/shared';
import { api, isApiError, onUnauthenticated, startNewSession } from '../api';
import { currentLocale, readStoredLocale } from '../i18n/i18n';
import { useLanguage } from '../i18n/useLanguage';
import { AuthContext, type AuthContextValue } from './AuthContext';
import { setDisplayTimezone } from '../../ui/format';

export const ME_QUERY_KEY = ['me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/auth/me');
  } catch (error) {
    if (isApiError(error, 'UNAUTHENTICATED')) return null;
    throw error;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { setLanguage } = useLanguage();
  const meQuery = useQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, meta: { silent: true } });
  const me = meQuery.data ?? null;
  // Set during render, before any child formats a time.
  if (me) setDisplayTimezone(me.tenant.timezone);

  useEffect(() => {
    onUnauthenticated(() => {
      queryClient.setQueryData(ME_QUERY_KEY, null);
    });
    return () => onUnauthenticated(null);
  }, [queryClient]);

  // The latest explicit choice on this browser wins; otherwise the profile's language applies.
  const syncedUser = useRef<number | null>(null);
  useEffect(() => {
    if (!me || syncedUser.current === me.id) return;
    syncedUser.current = me.id;
    const stored = readStoredLocale();
    if (stored && stored !== me.locale) void setLanguage(stored, { persist: 'server' });
    else if (!stored && me.locale !== currentLocale()) void setLanguage(me.locale, { persist: 'none' });
  }, [me, setLanguage]);

  const login = useCallback(
    async (input: LoginInput) => {
      await queryClient.cancelQueries({ queryKey: ME_QUERY_KEY });
      const result = await api.post<LoginResult>('/auth/login', input);
      startNewSession();
      // Keep the 'me' query itself (its observer must see the new user); drop everything else.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_QUERY_KEY[0] });
      queryClient.setQueryData(ME_QUERY_KEY, result.user);
      return result.user;
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      startNewSession();
      syncedUser.current = null;
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_QUERY_KEY[0] });
      queryClient.setQueryData(ME_QUERY_KEY, null);
    }
  }, [queryClient]);

  const value = useMemo<AuthContextValue>(() => {
    const permissions = new Set<string>(me?.permissions ?? []);
    return {
      me,
      isLoading: meQuery.isLoading,
      login,
      logout,
      can: (permission: Permission) => permissions.has(permission),
      canAny: (...list: Permission[]) => list.some((p) => permissions.has(p)),
    };
  }, [me, meQuery.isLoading, login, logout]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
