import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { useApiError } from './useApiError';

type Query = Record<string, string | number | boolean | undefined>;

/**
 * GETs `path` with `query` whenever they (or `reloadKey`) change, dropping answers that arrive after a newer request;
 * `path: null` fetches nothing and clears the data. Errors are shown the usual way.
 */
export function useApiGet<T>(path: string | null, query: Query, reloadKey?: unknown): { data: T | null; loading: boolean } {
  const showError = useApiError();
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(false);
  const key = JSON.stringify(query);
  useEffect(() => {
    setData(null);
    if (path === null) {
      setLoading(false);
      return;
    }
    let live = true;
    setLoading(true);
    api
      .get<T>(path, JSON.parse(key) as Query)
      .then((d) => {
        if (live) setData(d);
      })
      .catch((error: unknown) => {
        if (live) showError(error);
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [path, key, reloadKey, showError]);
  return { data, loading };
}
