import { useEffect, useState } from 'react';
import type { ItemPage, TItemSummary } from '../../api/types';
import { useApiGet } from '../../app/useApiGet';
import { useDebounced } from '../../app/useDebounced';

/** Items in scope found by code or keyword while a dialog is open (pickers of merge and 关联问题). */
export function useItemSearch(
  open: boolean,
  minLength: number,
): { search: string; setSearch: (s: string) => void; found: TItemSummary[]; searching: boolean } {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  useEffect(() => {
    if (!open) setSearch('');
  }, [open]);
  const { data, loading } = useApiGet<ItemPage>(open && q.length >= minLength ? '/api/ledger/items' : null, { q, pageSize: 20 });
  return { search, setSearch, found: data?.items ?? [], searching: loading };
}
