import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError, api, getToken, setToken, setUnauthorizedHandler } from './api';
import { useI18n } from './i18n';
import type { LoginResponse, SessionUser } from './types';

type AuthStatus = 'loading' | 'signed-in' | 'signed-out';

interface AuthValue {
  status: AuthStatus;
  user: SessionUser | null;
  login: (phone: string, password: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
  can: (permission: string) => boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  const [user, setUser] = useState<SessionUser | null>(null);
  const [status, setStatus] = useState<AuthStatus>(() => (getToken() ? 'loading' : 'signed-out'));

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setUser(null);
      setStatus('signed-out');
    });
  }, []);

  // Restores the session on load, and reloads it on a language change because role names are localized.
  useEffect(() => {
    if (!getToken()) return;
    const controller = new AbortController();
    api
      .get<SessionUser>('/admin/me', { silent: true, signal: controller.signal })
      .then((me) => {
        setUser(me);
        setStatus('signed-in');
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        // A 401 already cleared the token in the API client. Other failures (server restarting)
        // keep a loaded user, but a session that never loaded falls back to the login page.
        if (error instanceof ApiError && error.status !== 401) {
          setStatus((previous) => (previous === 'loading' ? 'signed-out' : previous));
          return;
        }
        setUser(null);
        setStatus('signed-out');
      });
    return () => controller.abort();
  }, [locale]);

  const login = useCallback(async (phone: string, password: string) => {
    const response = await api.post<LoginResponse>('/admin/auth/login', { phone, password });
    setToken(response.token);
    setUser(response.user);
    setStatus('signed-in');
    return response.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post<void>('/admin/auth/logout', undefined, { silent: true });
    } catch {
      // The local session ends regardless; an already expired token is not an error here.
    }
    setToken(null);
    setUser(null);
    setStatus('signed-out');
  }, []);

  const value = useMemo<AuthValue>(
    () => ({
      status,
      user,
      login,
      logout,
      can: (permission) => user?.permissions.includes(permission) ?? false,
    }),
    [status, user, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}
