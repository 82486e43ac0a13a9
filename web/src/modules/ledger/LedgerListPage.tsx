import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { SorterResult } from 'antd/es/table/interface';
import type { TableProps } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { ItemSort, TItemSummary } from '../../api/types';
import { useT, type MessageKey } from '../../i18n';
import { useAuth } from '../../app/auth';
import { useDebounced } from '../../app/useDebounced';
import { usePagedQuery } from '../../app/usePagedQuery';
import { ListToolbar } from '../../app/components/ListToolbar';
import { useColumnSettings } from '../../app/components/useColumnSettings';
import { tableLoading } from '../../app/components/tableLoading';
import { ItemFormModal } from './ItemFormModal';
import { BulkActionModal, bulkActionLabel, type BulkAction } from './BulkActionModal';
import { LedgerImportModal } from './ImportModal';
import { ledgerColumns, SORT_FIELDS, type SortField } from './list/ledgerColumns';
import { LedgerMainFilters, LedgerMoreFilters } from './list/LedgerFilters';
import { hasMoreFilters, NO_FILTERS, parseUrlFilters, urlFiltersToParams, type UrlFilters } from './list/urlFilters';
import { useLedgerExport } from './list/useLedgerExport';

/** Which list: the whole ledger, my to-do (mine=true) or the claim pool (pool=true). */
export type LedgerListMode = 'all' | 'todo' | 'pool';

const TITLES: Record<LedgerListMode, MessageKey> = { all: 'menu.ledger', todo: 'menu.ledgerTodo', pool: 'menu.ledgerPool' };

/** 问题台账 list: server-paged items with filters (kept in the URL); a row opens the item. */
export default function LedgerListPage({ mode = 'all' }: { mode?: LedgerListMode }) {
  const t = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const [filters, setFilters] = useState<UrlFilters>(() => parseUrlFilters(searchParams));
  const patch = (p: Partial<UrlFilters>) => setFilters((f) => ({ ...f, ...p }));
  const debouncedQ = useDebounced(filters.q.trim(), 300);
  const debouncedTag = useDebounced(filters.tag.trim(), 300);
  const [sort, setSort] = useState<ItemSort>('-createdAt');
  const [formOpen, setFormOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [selected, setSelected] = useState<TItemSummary[]>([]);
  const [bulkAction, setBulkAction] = useState<BulkAction | null>(null);
  const { exporting, exportExcel } = useLedgerExport();
  const mayBulk = can('ledger.supervise');

  // The URL and the filters follow each other: a filter change replaces the URL; a new URL (a link, the menu, back) resets the filters.
  const writtenSearch = useRef<string | null>(null);
  useEffect(() => {
    const search = searchParams.toString();
    if (writtenSearch.current === null || search === writtenSearch.current) {
      writtenSearch.current = search;
      return;
    }
    writtenSearch.current = search;
    setFilters(parseUrlFilters(searchParams));
  }, [searchParams]);
  useEffect(() => {
    const next = urlFiltersToParams(filters);
    const search = next.toString();
    if (search === writtenSearch.current) return;
    writtenSearch.current = search;
    setSearchParams(next, { replace: true });
  }, [filters, setSearchParams]);

  const query = {
    ...filters,
    q: debouncedQ,
    tag: debouncedTag,
    sort,
    mine: mode === 'todo' ? true : undefined,
    pool: mode === 'pool' ? true : undefined,
  };
  const list = usePagedQuery<TItemSummary>('/api/ledger/items', query);
  const { data, reload, pagination } = list;

  const allColumns = useMemo(() => ledgerColumns(t, mode === 'todo', sort), [t, mode, sort]);
  const settings = useColumnSettings(`ledger.${mode}`, allColumns);

  const selectedIds = selected.map((r) => r.id);
  /** Tags seen on this page, offered while typing a tag filter. */
  const tagOptions = [...new Set(data.items.flatMap((r) => r.tags))]
    .filter((x) => x.toLowerCase().includes(filters.tag.trim().toLowerCase()))
    .slice(0, 20)
    .map((x) => ({ value: x }));

  const onChange: TableProps<TItemSummary>['onChange'] = (_p, _f, sorter) => {
    const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<TItemSummary> | undefined;
    const field = s?.columnKey;
    if (!s?.order || typeof field !== 'string' || !SORT_FIELDS.includes(field)) {
      setSort('-createdAt');
      return;
    }
    const f = field as SortField;
    setSort(s.order === 'ascend' ? f : `-${f}`);
  };

  return (
    <Card
      title={t(TITLES[mode])}
      extra={
        can('ledger.submit') && (
          <Space className="no-print">
            <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
              {t('ledgerx.import.button')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)}>
              {t('ledger.add')}
            </Button>
          </Space>
        )
      }
    >
      <ListToolbar
        onReset={() => {
          setFilters(NO_FILTERS);
          setSort('-createdAt');
        }}
        onReload={() => void reload()}
        settings={settings}
        moreActive={hasMoreFilters(filters)}
        more={<LedgerMoreFilters filters={filters} onChange={patch} tagOptions={tagOptions} />}
        extra={
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportExcel(query, data.total)}>
            {t('ledger.exportExcel')}
          </Button>
        }
      >
        <LedgerMainFilters filters={filters} onChange={patch} />
      </ListToolbar>
      {mayBulk && selected.length > 0 && (
        <Alert
          type="info"
          className="no-print"
          style={{ marginBottom: 12 }}
          title={
            <Space wrap>
              <Typography.Text strong>{t('ledgerx.bulk.selected', { n: selected.length })}</Typography.Text>
              {(['urge', 'assign', 'reject'] as const).map((a) => (
                <Button
                  key={a}
                  size="small"
                  danger={a === 'reject'}
                  type={a === 'assign' ? 'primary' : 'default'}
                  onClick={() => setBulkAction(a)}
                >
                  {bulkActionLabel(t, a)}
                </Button>
              ))}
              <Button size="small" type="link" onClick={() => setSelected([])}>
                {t('ledgerx.bulk.clear')}
              </Button>
            </Space>
          }
        />
      )}
      <Table<TItemSummary>
        rowKey="id"
        size={settings.density}
        columns={settings.columns}
        dataSource={data.items}
        {...tableLoading(list, t('common.empty'))}
        pagination={pagination}
        onChange={onChange}
        scroll={{ x: settings.scrollX + (mayBulk ? 50 : 0) }}
        onRow={(r) => ({ onClick: () => void navigate(`/ledger/${r.id}`), style: { cursor: 'pointer' } })}
        rowSelection={
          mayBulk
            ? {
                selectedRowKeys: selectedIds,
                preserveSelectedRowKeys: true,
                onChange: (_keys, rows) => {
                  // Rows of other pages come back undefined: keep what was picked there.
                  setSelected((prev) => {
                    const byId = new Map(prev.map((r) => [r.id, r]));
                    const next = _keys
                      .map((k) => rows.find((r) => r?.id === k) ?? byId.get(Number(k)))
                      .filter((r): r is TItemSummary => r !== undefined);
                    return next.slice(0, 500);
                  });
                },
                onCell: () => ({ onClick: (e) => e.stopPropagation() }),
              }
            : undefined
        }
      />
      <BulkActionModal
        action={bulkAction}
        items={selected}
        onClose={() => setBulkAction(null)}
        onDone={() => {
          setBulkAction(null);
          setSelected([]);
          void reload();
        }}
      />
      <LedgerImportModal open={importOpen} onClose={() => setImportOpen(false)} onImported={() => void reload()} />
      <ItemFormModal
        open={formOpen}
        defaultOrgId={filters.orgId}
        onClose={() => setFormOpen(false)}
        onSaved={(item) => {
          setFormOpen(false);
          void navigate(`/ledger/${item.id}`);
        }}
      />
    </Card>
  );
}
