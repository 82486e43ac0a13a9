import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { ItemPage, TItemSummary } from '../../api/types';
import { useDebounced } from '../../app/useDebounced';

/** Items in scope found by code or keyword while a dialog is open (pickers of merge and 关联问题). */
export function useItemSearch(open: boolean, minLength: number): { search: string; setSearch: (s: string) => void; found: TItemSummary[]; searching: boolean } {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [found, setFound] = useState<TItemSummary[]>([]);
  const [searching, setSearching] = useState(false);
  useEffect(() => {
    if (!open) setSearch('');
  }, [open]);
  useEffect(() => {
    if (!open || q.length < minLength) {
      setFound([]);
      return;
    }
    let live = true;
    setSearching(true);
    api
      .get<ItemPage>('/api/ledger/items', { q, pageSize: 20 })
      .then((res) => {
        if (live) setFound(res.items);
      })
      .catch(() => {
        if (live) setFound([]);
      })
      .finally(() => {
        if (live) setSearching(false);
      });
    return () => {
      live = false;
    };
  }, [open, q, minLength]);
  return { search, setSearch, found, searching };
}
