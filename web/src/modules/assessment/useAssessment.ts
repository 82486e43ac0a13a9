import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { IndicatorList, SchemeList, TIndicator, TScheme } from '../../api/types';
import { useApiGet } from '../../app/useApiGet';
import { ZONE_ORDER } from './labels';

const zoneRank = (zone: string) => {
  const i = ZONE_ORDER.indexOf(zone as (typeof ZONE_ORDER)[number]);
  return i < 0 ? ZONE_ORDER.length : i;
};

/** Schemes in the order people look for them: year (newest first), zone as the glossary lists them, newest edition first. */
export function sortSchemes(list: readonly TScheme[]): TScheme[] {
  return [...list].sort(
    (a, b) => b.year - a.year || zoneRank(a.zone) - zoneRank(b.zone) || a.orgLevel.localeCompare(b.orgLevel) || b.edition - a.edition,
  );
}

/** The indicator library (active ones unless `includeInactive`), loaded once per mount. */
export function useIndicators(includeInactive = false): { indicators: TIndicator[]; loading: boolean; reload: () => Promise<void> } {
  const { data, loading, reload } = useApiGet<IndicatorList>('/api/assessment/indicators', {
    includeInactive: includeInactive ? 'true' : undefined,
  });
  const indicators = useMemo(() => data?.items ?? [], [data]);
  return { indicators, loading, reload };
}

/** The year and scheme chosen on a page, kept in the address (?year=&scheme=) so a link or a reload shows the same. */
export interface SchemeChoice {
  /** Every scheme, past editions included. */
  schemes: TScheme[];
  loading: boolean;
  reload: () => Promise<void>;
  /** Years that have schemes, newest first. */
  years: number[];
  year: number | undefined;
  /** The schemes of the chosen year. */
  ofYear: TScheme[];
  scheme: TScheme | undefined;
  setYear: (year: number) => void;
  setScheme: (id: number) => void;
}

/** Every scheme of the tenant, editions included, newest year first; `reload` after a change. */
export function useAllSchemes(): { schemes: TScheme[]; loading: boolean; reload: () => Promise<void> } {
  const { data, loading, reload } = useApiGet<SchemeList>('/api/assessment/schemes', { includeSuperseded: 'true' });
  const schemes = useMemo(() => sortSchemes(data?.items ?? []), [data]);
  return { schemes, loading, reload };
}

/**
 * Loads the schemes and reads/writes the chosen year and scheme in the address. Defaults to the newest year's first
 * current scheme or, with `preferComputed` (rankings), to the newest year and first scheme that have results.
 */
export function useSchemeChoice({ preferComputed = false }: { preferComputed?: boolean } = {}): SchemeChoice {
  const [params, setParams] = useSearchParams();
  const { schemes, loading, reload } = useAllSchemes();

  const years = useMemo(() => [...new Set(schemes.map((s) => s.year))].sort((a, b) => b - a), [schemes]);
  const yearParam = Number(params.get('year'));
  const computedYear = preferComputed ? schemes.find((s) => s.status === 'current' && s.resultCount > 0)?.year : undefined;
  const year = years.includes(yearParam) ? yearParam : (computedYear ?? years[0]);
  const ofYear = useMemo(() => schemes.filter((s) => s.year === year), [schemes, year]);
  const schemeParam = Number(params.get('scheme'));
  const scheme =
    ofYear.find((s) => s.id === schemeParam) ??
    (preferComputed ? ofYear.find((s) => s.status === 'current' && s.resultCount > 0) : undefined) ??
    ofYear.find((s) => s.status === 'current') ??
    ofYear[0];

  const setYear = useCallback(
    (y: number) => {
      setParams({ year: String(y) }, { replace: true });
    },
    [setParams],
  );
  const setScheme = useCallback(
    (id: number) => {
      const s = schemes.find((x) => x.id === id);
      setParams({ ...(s ? { year: String(s.year) } : {}), scheme: String(id) }, { replace: true });
    },
    [schemes, setParams],
  );
  return { schemes, loading, reload, years, year, ofYear, scheme, setYear, setScheme };
}
