import { useCallback, useEffect, useRef, useState } from 'react';
import type { TablePaginationConfig } from 'antd';
import { api } from '../api/client';
import { useT } from '../i18n';
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

/** What usePagedQuery returns: the current page, the loading flag, a refetch and the antd pagination config. */
export interface PagedQuery<T> {
  data: Paged<T>;
  loading: boolean;
  reload: () => Promise<void>;
  pagination: TablePaginationConfig;
}

/** Fetches `url` page by page with `params`, dropping stale answers and going back to page 1 when `params` change. */
export function usePagedQuery<T>(url: string, params: PagedParams, options: PagedQueryOptions = {}): PagedQuery<T> {
  const { initialPageSize = 20, enabled = true } = options;
  const t = useT();
  const showError = useApiError();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const [data, setData] = useState<Paged<T>>({ total: 0, items: [] });
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);

  // Compare filters by value, so a new but equal object neither refetches nor resets the page.
  const key = JSON.stringify(params);
  const [lastKey, setLastKey] = useState(key);
  if (key !== lastKey) {
    setLastKey(key);
    setPage(1);
  }

  const reload = useCallback(async () => {
    if (!enabled) return;
    const mine = ++seq.current;
    setLoading(true);
    try {
      const res = await api.get<Paged<T>>(url, { ...(JSON.parse(key) as PagedParams), page, pageSize });
      if (mine === seq.current) setData(res);
    } catch (error) {
      if (mine === seq.current) showError(error);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [enabled, url, key, page, pageSize, showError]);

  useEffect(() => {
    void reload();
  }, [reload]);

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

  return { data, loading, reload, pagination };
}
