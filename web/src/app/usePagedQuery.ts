import { useCallback, useEffect, useRef, useState } from 'react';
import type { TablePaginationConfig } from 'antd';
import { api } from '../api/client';
import { cacheGeneration, cacheKey, readCache, writeCache } from '../api/cache';
import { useLocale, useT } from '../i18n';
import { useApiError } from './useApiError';

/** One page of a server-paged list, as the API answers it. */
export interface Paged<T> {
  total: number;
  items: T[];
}

/** Query-string filters of a paged list; undefined and '' are left out of the request. */
export type PagedParams = Record<string, string | number | boolean | undefined>;

/** Options of usePagedQuery. */
export interface PagedQueryOptions {
  /** Rows per page before the user picks another size (default 20). */
  initialPageSize?: number;
  /** When false, nothing is fetched (default true). */
  enabled?: boolean;
}

/** What usePagedQuery returns: the current page, the loading flags, a refetch and the antd pagination config. */
export interface PagedQuery<T> {
  data: Paged<T>;
  /** A request is on its way. */
  loading: boolean;
  /** `data` answers the current filters and page (read now or kept from the last visit), not an earlier request. */
  settled: boolean;
  /** The first answer (or failure) has come: until then the list has nothing to show but its shape. */
  firstLoadDone: boolean;
  reload: () => Promise<void>;
  pagination: TablePaginationConfig;
}

const EMPTY: Paged<never> = { total: 0, items: [] };

/**
 * Fetches `url` page by page with `params`, dropping stale answers and going back to page 1 when `params` change.
 * The last answer for the same request (kept until the next write) shows at once while the fresh one is fetched.
 */
export function usePagedQuery<T>(url: string, params: PagedParams, options: PagedQueryOptions = {}): PagedQuery<T> {
  const { initialPageSize = 20, enabled = true } = options;
  const t = useT();
  const { locale } = useLocale();
  const showError = useApiError();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const seq = useRef(0);

  // Compare filters by value, so a new but equal object neither refetches nor resets the page.
  const key = JSON.stringify(params);
  const [lastKey, setLastKey] = useState(key);
  if (key !== lastKey) {
    setLastKey(key);
    setPage(1);
  }
  const query = { ...(JSON.parse(key) as PagedParams), page, pageSize };
  const at = cacheKey(locale, url, query);
  const [shown, setShown] = useState<{ at: string | null; data: Paged<T> }>(() => ({ at: null, data: readCache<Paged<T>>(at) ?? EMPTY }));
  const [loading, setLoading] = useState(false);
  const [firstLoadDone, setFirstLoadDone] = useState(() => readCache(at) !== undefined);

  // A request whose answer is kept shows it at once (in render, so no empty frame comes first).
  if (shown.at !== at) {
    const cached = readCache<Paged<T>>(at);
    if (cached) setShown({ at, data: cached });
  }

  const reload = useCallback(async () => {
    if (!enabled) return;
    const mine = ++seq.current;
    const since = cacheGeneration();
    setLoading(true);
    try {
      const res = await api.get<Paged<T>>(url, { ...(JSON.parse(key) as PagedParams), page, pageSize });
      writeCache(at, res, since);
      if (mine === seq.current) setShown({ at, data: res });
    } catch (error) {
      if (mine === seq.current) showError(error);
    } finally {
      if (mine === seq.current) {
        setLoading(false);
        setFirstLoadDone(true);
      }
    }
  }, [enabled, url, key, page, pageSize, at, showError]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const data = shown.data;
  const pagination: TablePaginationConfig = {
    current: page,
    pageSize,
    total: data.total,
    showSizeChanger: true,
    showTotal: (total) => t('common.total', { total }),
    onChange: (p, s) => {
      setPage(p);
      setPageSize(s);
    },
  };

  return { data, loading, settled: shown.at === at, firstLoadDone, reload, pagination };
}
