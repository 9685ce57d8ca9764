import { createContext, useContext } from 'react';
import type { LoginInput, Me, Permission } from '@kefu/shared';

export interface AuthContextValue {
  me: Me | null;
  isLoading: boolean;
  login: (input: LoginInput) => Promise<Me>;
  logout: () => Promise<void>;
  can: (permission: Permission) => boolean;
  canAny: (...permissions: Permission[]) => boolean;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in user; only call below <RequireAuth>. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe called without a signed-in user');
  return me;
}
