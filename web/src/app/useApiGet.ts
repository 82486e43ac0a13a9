import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { cacheGeneration, cacheKey, readCache, writeCache } from '../api/cache';
import { useLocale } from '../i18n';
import { useApiError } from './useApiError';

type Query = Record<string, string | number | boolean | undefined>;

/** What useApiGet returns: the answer (null until there is one), whether a read runs, and a re-read. */
export interface ApiGet<T> {
  data: T | null;
  loading: boolean;
  /** The last read failed (and was reported). */
  failed: boolean;
  /** Reads again; resolves once the answer is in (or the read failed and was reported). */
  reload: () => Promise<void>;
}

/**
 * GETs `path` with `query` whenever they (or `reloadKey`) change, dropping answers that arrive after a newer request;
 * `path: null` fetches nothing and clears the data. The last answer for the same URL (kept until the next write) shows
 * at once while the fresh one is fetched. Errors are shown the usual way.
 */
export function useApiGet<T>(path: string | null, query: Query, reloadKey?: unknown): ApiGet<T> {
  const showError = useApiError();
  const { locale } = useLocale();
  const key = JSON.stringify(query);
  const at = path === null ? null : cacheKey(locale, path, JSON.parse(key) as Query);
  const [data, setData] = useState<T | null>(() => (at === null ? null : (readCache<T>(at) ?? null)));
  const [loading, setLoading] = useState(path !== null);
  const [failed, setFailed] = useState(false);
  const seq = useRef(0);

  const read = useCallback(async () => {
    const mine = ++seq.current;
    if (path === null || at === null) {
      setData(null);
      setLoading(false);
      return;
    }
    const since = cacheGeneration();
    setLoading(true);
    try {
      const d = await api.get<T>(path, JSON.parse(key) as Query);
      writeCache(at, d, since);
      if (mine === seq.current) {
        setData(d);
        setFailed(false);
      }
    } catch (error) {
      if (mine === seq.current) {
        setFailed(true);
        showError(error);
      }
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [path, key, at, showError]);

  useEffect(() => {
    // A new request shows what was read for it last time (or nothing) until its answer comes.
    setData(at === null ? null : (readCache<T>(at) ?? null));
    void read();
    return () => {
      seq.current += 1;
    };
  }, [read, at, reloadKey]);

  return { data, loading, failed, reload: read };
}
