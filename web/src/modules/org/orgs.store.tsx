import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from '../../api/client';
import type { OrgList, TOrg } from '../../api/types';
import { useAuth } from '../../app/auth';

interface OrgsValue {
  /** All orgs in the user's scope, inactive ones included. */
  orgs: TOrg[];
  loading: boolean;
  /** Re-reads GET /api/orgs. */
  reload: () => Promise<TOrg[]>;
  /** True when the tree root is demo data. */
  isDemo: boolean;
}

const OrgsContext = createContext<OrgsValue | null>(null);

/** Shares the org list (for the tree, pickers and the demo banner) across pages. */
export function OrgsProvider({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const [orgs, setOrgs] = useState<TOrg[]>([]);
  const [loading, setLoading] = useState(false);
  const enabled = !!me && !me.passwordExpired && me.permissions.includes('org.read');
  const userId = me?.id;

  const reload = useCallback(async () => {
    if (!enabled) return [];
    setLoading(true);
    try {
      const list = await api.get<OrgList>('/api/orgs', { includeInactive: true });
      setOrgs(list.items);
      return list.items;
    } catch {
      return [];
    } finally {
      setLoading(false);
    }
    // userId: a different user sees a different scope.
  }, [enabled, userId]);

  useEffect(() => {
    if (enabled) void reload();
    else setOrgs([]);
  }, [enabled, reload]);

  const isDemo = useMemo(() => {
    const ids = new Set(orgs.map((o) => o.id));
    return orgs.some((o) => (o.parentId === null || !ids.has(o.parentId)) && o.isDemo);
  }, [orgs]);

  const value = useMemo<OrgsValue>(() => ({ orgs, loading, reload, isDemo }), [orgs, loading, reload, isDemo]);
  return <OrgsContext.Provider value={value}>{children}</OrgsContext.Provider>;
}

/** The shared org list. */
export function useOrgs(): OrgsValue {
  const value = useContext(OrgsContext);
  if (!value) throw new Error('useOrgs outside OrgsProvider');
  return value;
}
