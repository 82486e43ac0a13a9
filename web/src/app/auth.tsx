import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, setCsrfToken, setUnauthorizedHandler } from '../api/client';
import type { SessionInfo, TMe } from '../api/types';

interface AuthValue {
  /** The logged-in user, or null. */
  me: TMe | null;
  /** True until the first /api/auth/me answered. */
  loading: boolean;
  /** Stores a session from login. */
  setSession: (user: TMe, csrfToken: string | null) => void;
  /** Re-reads /api/auth/me. */
  refresh: () => Promise<TMe | null>;
  /** Ends the session on the server and locally. */
  logout: () => Promise<void>;
  /** Does the user hold this permission? */
  can: (permission: string) => boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

/** Loads the current user, keeps the CSRF token and sends the user to /login when the session ends. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [me, setMe] = useState<TMe | null>(null);
  const [loading, setLoading] = useState(true);

  const setSession = useCallback((user: TMe, csrfToken: string | null) => {
    setCsrfToken(csrfToken);
    setMe(user);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const info = await api.get<SessionInfo>('/api/auth/me');
      setCsrfToken(info.csrfToken);
      setMe(info.user);
      return info.user;
    } catch {
      setMe(null);
      return null;
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setMe(null);
      if (window.location.pathname !== '/login') void navigate('/login', { replace: true });
    });
    void refresh();
    return () => setUnauthorizedHandler(null);
  }, [navigate, refresh]);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } catch {
      /* the session may already be gone; log out locally anyway */
    } finally {
      setCsrfToken(null);
      void navigate('/login', { replace: true });
      setMe(null);
    }
  }, [navigate]);

  const can = useCallback((permission: string) => me?.permissions.includes(permission) ?? false, [me]);

  const value = useMemo<AuthValue>(
    () => ({ me, loading, setSession, refresh, logout, can }),
    [me, loading, setSession, refresh, logout, can],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The auth state and actions. */
export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
