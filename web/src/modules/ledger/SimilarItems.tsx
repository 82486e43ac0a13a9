import { useEffect, useState } from 'react';
import { Typography } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { SimilarList, TSimilarItem } from '../../api/types';
import { useT } from '../../i18n';
import { useDebounced } from '../../app/useDebounced';
import { StatusTag } from './labels';

/** Likeness 0..1 as a whole percent. */
export const scorePercent = (score: number): number => Math.round(Math.max(0, Math.min(1, score)) * 100);

/** Compact list of similar items: code, title, status, unit and likeness; each opens the item in a new tab. */
export function SimilarItemsList({ items, size = 'small' }: { items: readonly TSimilarItem[]; size?: 'small' | 'default' }) {
  const t = useT();
  return (
    <div role="list">
      {items.map((s, i) => (
        <div
          role="listitem"
          key={s.id}
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            padding: size === 'small' ? '5px 0' : '8px 0',
            borderTop: i === 0 ? undefined : '1px solid rgba(5, 5, 5, 0.06)',
          }}
        >
          <a
            href={`/ledger/${s.id}`}
            target="_blank"
            rel="noopener noreferrer"
            style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
          >
            <Typography.Text type="secondary">{s.code}</Typography.Text> {s.title} <ExportOutlined style={{ fontSize: 11 }} />
          </a>
          <StatusTag status={s.status} />
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 140 }}>
            {s.responsibleOrgName}
          </Typography.Text>
          <Typography.Text type={s.score >= 0.7 ? 'danger' : 'warning'} style={{ whiteSpace: 'nowrap' }}>
            {t('ledgerx.similar.score', { n: scorePercent(s.score) })}
          </Typography.Text>
        </div>
      ))}
    </div>
  );
}

/** Fetches duplicate suggestions for a title being typed (debounced 400 ms; nothing under 4 characters). Errors are silent: this is a hint. */
export function useSimilarSuggestions(
  title: string | undefined,
  description: string | undefined,
  orgId: number | undefined,
  excludeId?: number,
): { items: TSimilarItem[]; loading: boolean } {
  const query = useDebounced(
    JSON.stringify({ title: (title ?? '').trim(), description: (description ?? '').trim().slice(0, 2000), orgId, excludeId }),
    400,
  );
  const [state, setState] = useState<{ key: string; items: TSimilarItem[] }>({ key: '', items: [] });
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    const q = JSON.parse(query) as { title: string; description: string; orgId?: number; excludeId?: number };
    if (q.title.length < 4) {
      setState({ key: query, items: [] });
      return;
    }
    let live = true;
    setLoading(true);
    api
      .get<SimilarList>('/api/ledger/similar', { title: q.title, description: q.description, orgId: q.orgId, excludeId: q.excludeId })
      .then((res) => {
        if (live) setState({ key: query, items: res.items });
      })
      .catch(() => {
        if (live) setState({ key: query, items: [] });
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [query]);
  return { items: (title ?? '').trim().length < 4 ? [] : state.items, loading };
}
