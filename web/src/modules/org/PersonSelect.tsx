import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { api } from '../../api/client';
import type { PersonPage } from '../../api/types';
import { useT } from '../../i18n';
import { useDebounced } from '../../app/useDebounced';

/** Picks a cadre by name or pinyin initials (GET /api/people?q=), within the caller's scope. */
export function PersonSelect({
  value,
  onChange,
  initialLabel,
  id,
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  initialLabel?: string | null;
  id?: string;
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const debounced = useDebounced(q.trim(), 300);
  const [options, setOptions] = useState<{ value: number; label: string }[]>(value && initialLabel ? [{ value, label: initialLabel }] : []);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!debounced) return;
    let live = true;
    setLoading(true);
    api
      .get<PersonPage>(`/api/people?q=${encodeURIComponent(debounced)}&pageSize=20`)
      .then((page) => {
        if (live)
          setOptions(page.items.map((p) => ({ value: p.id, label: `${p.name}（${p.orgName}${p.position ? `，${p.position}` : ''}）` })));
      })
      .catch(() => {
        if (live) setOptions([]);
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [debounced]);
  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      loading={loading}
      placeholder={t('user.personPlaceholder')}
      notFoundContent={debounced ? t('common.empty') : t('user.personHint')}
    />
  );
}
