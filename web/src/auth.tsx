/**
 * Who is signed in. The session lives in HTTP-only cookies: the interface only asks
 * `/auth/me`, logs in and out, and learns from the client when a call met a 401.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, onSessionExpired } from './api/client';
import type { LoginAnswer, Me, Permission, Role } from './api/views';

interface AuthState {
  me: Me | null | undefined;
  /** A signed-in user met a 401: a login dialog shows over the page. */
  expired: boolean;
  login(email: string, password: string, role?: Role): Promise<void>;
  /** Replaces the caller's password (the one-time password an administrator set, too). */
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  logout(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    api
      .get<Me>('/auth/me', { quiet401: true })
      .then(setMe)
      .catch(() => setMe(null));
    return onSessionExpired(() => setExpired(true));
  }, []);

  const login = useCallback(async (email: string, password: string, role?: Role) => {
    await api.post<LoginAnswer>('/auth/login', { email, password, ...(role ? { role } : {}) }, { quiet401: true });
    // The session's permissions come with `/auth/me`, not with the login's answer.
    setMe(await api.get<Me>('/auth/me'));
    setExpired(false);
  }, []);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    await api.post('/auth/password', { currentPassword, newPassword });
    setMe(await api.get<Me>('/auth/me'));
  }, []);

  const logout = useCallback(async () => {
    await api.post('/auth/logout').catch(() => undefined);
    setMe(null);
    setExpired(false);
  }, []);

  const value = useMemo(
    () => ({ me, expired, login, changePassword, logout }),
    [me, expired, login, changePassword, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/**
 * Whether the caller's role holds the permission, as `/auth/me` lists them: what the
 * interface offers. The API still decides — a button shown by mistake meets a 403.
 */
export function can(me: Me, permission: Permission): boolean {
  return me.permissions.includes(permission);
}

/** The signed-in caller (pages below the login only). */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a session');
  return me;
}
