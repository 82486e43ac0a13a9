import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { Select, Space, Typography } from 'antd';
import { api } from '../../api/client';
import type { PersonPage, TPerson } from '../../api/types';
import { useT } from '../../i18n';
import { useDebounced } from '../../app/useDebounced';

interface PersonOption {
  value: number;
  label: string;
  detail: string;
}

const toOption = (p: TPerson): PersonOption => ({
  value: p.id,
  label: p.name,
  detail: [p.orgName, p.position].filter(Boolean).join(' · '),
});

/** Props of the cadre picker; usable as a Form.Item child (value / onChange). */
export interface PersonPickerProps {
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** The name of the current value when the caller knows it (saves a look-up). */
  label?: string | null;
  id?: string;
  placeholder?: string;
  style?: CSSProperties;
  disabled?: boolean;
  'aria-label'?: string;
}

/**
 * Picks a cadre (责任人, 牵头领导, a measure's 负责人) by name or pinyin initials: GET /api/people?q=…,
 * within the caller's scope. A value without a known name (e.g. from the URL) is looked up once by id.
 */
export function PersonPicker({ value, onChange, label, id, placeholder, style, disabled, 'aria-label': ariaLabel }: PersonPickerProps) {
  const t = useT();
  const [q, setQ] = useState('');
  const debounced = useDebounced(q.trim(), 300);
  const [found, setFound] = useState<PersonOption[]>([]);
  const [loading, setLoading] = useState(false);
  // Names of the people picked or shown so far, so the chosen one keeps its name while the search moves on.
  const [known, setKnown] = useState<Map<number, PersonOption>>(() => new Map());

  useEffect(() => {
    if (!value || !label) return;
    setKnown((prev) =>
      prev.get(value)?.label === label ? prev : new Map(prev).set(value, { value, label, detail: prev.get(value)?.detail ?? '' }),
    );
  }, [value, label]);

  useEffect(() => {
    if (!value || label || known.has(value)) return;
    let live = true;
    api
      .get<TPerson>(`/api/people/${value}`)
      .then((p) => {
        if (live) setKnown((prev) => new Map(prev).set(p.id, toOption(p)));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [value, label, known]);

  useEffect(() => {
    if (!debounced) {
      setFound([]);
      return;
    }
    let live = true;
    setLoading(true);
    api
      .get<PersonPage>('/api/people', { q: debounced, pageSize: 20 })
      .then((page) => {
        if (live) setFound(page.items.map(toOption));
      })
      .catch(() => {
        if (live) setFound([]);
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [debounced]);

  const options = useMemo(() => {
    const list = [...found];
    const current = value ? known.get(value) : undefined;
    if (current && !list.some((o) => o.value === current.value)) list.unshift(current);
    else if (value && !current) list.unshift({ value, label: `#${value}`, detail: '' });
    return list;
  }, [found, known, value]);

  return (
    <Select<number, PersonOption>
      id={id}
      aria-label={ariaLabel}
      showSearch={{ filterOption: false, onSearch: setQ, searchValue: q }}
      allowClear
      disabled={disabled}
      style={style}
      value={value ?? undefined}
      onChange={(v, option) => {
        const picked = Array.isArray(option) ? undefined : option;
        if (v && picked) setKnown((prev) => new Map(prev).set(v, { value: v, label: picked.label, detail: picked.detail }));
        setQ('');
        onChange?.(v ?? null);
      }}
      options={options}
      optionRender={(o) => (
        <Space size={6}>
          <span>{o.data.label}</span>
          {o.data.detail && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.data.detail}
            </Typography.Text>
          )}
        </Space>
      )}
      loading={loading}
      placeholder={placeholder ?? t('ledgerx.person.placeholder')}
      notFoundContent={debounced ? (loading ? null : t('common.empty')) : t('ledgerx.person.hint')}
    />
  );
}
