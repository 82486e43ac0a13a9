import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Input, Progress, Select, Space, Table, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import type { TableProps } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ITEM_CATEGORIES, ITEM_SOURCES, ITEM_STATUSES, type ItemCategory, type ItemSource, type ItemStatus, type Light, type TItemSummary } from '../../api/types';
import { useT, type MessageKey } from '../../i18n';
import { useAuth } from '../../app/auth';
import { useDebounced } from '../../app/useDebounced';
import { usePagedQuery } from '../../app/usePagedQuery';
import { OrgTreeSelect } from '../org/OrgTreeSelect';
import { ItemFormModal } from './ItemFormModal';
import { BulkActionModal, bulkActionLabel, type BulkAction } from './BulkActionModal';
import { ImportModal } from './ImportModal';
import { streamDownload, saveBlob } from './download';
import { ApiError } from '../../api/client';
import { categoryLabel, LightTag, sourceLabel, statusLabel, StatusTag } from './labels';

/** Which list: the whole ledger, my to-do (mine=true) or the claim pool (pool=true). */
export type LedgerListMode = 'all' | 'todo' | 'pool';

type Sort = '-createdAt' | 'deadline' | '-deadline' | 'urgeCount' | '-urgeCount';

const TITLES: Record<LedgerListMode, MessageKey> = { all: 'menu.ledger', todo: 'menu.ledgerTodo', pool: 'menu.ledgerPool' };
const LIGHTS: readonly Light[] = ['red', 'yellow', 'green'];

/** The list filters that live in the URL (?status=…&light=…&category=…&source=…&orgId=…&q=…), so links such as the dashboard's open a filtered list. */
interface UrlFilters {
  q: string;
  status: ItemStatus | undefined;
  light: Light | undefined;
  category: ItemCategory | undefined;
  source: ItemSource | undefined;
  orgId: number | undefined;
}

const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined => (value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined);

function parseUrlFilters(params: URLSearchParams): UrlFilters {
  const orgId = Number(params.get('orgId'));
  return {
    q: (params.get('q') ?? '').slice(0, 100),
    status: oneOf(params.get('status'), ITEM_STATUSES),
    light: oneOf(params.get('light'), LIGHTS),
    category: oneOf(params.get('category'), ITEM_CATEGORIES),
    source: oneOf(params.get('source'), ITEM_SOURCES),
    orgId: Number.isInteger(orgId) && orgId > 0 ? orgId : undefined,
  };
}

function urlFiltersToParams(f: UrlFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.q) params.set('q', f.q);
  if (f.status) params.set('status', f.status);
  if (f.light) params.set('light', f.light);
  if (f.category) params.set('category', f.category);
  if (f.source) params.set('source', f.source);
  if (f.orgId) params.set('orgId', String(f.orgId));
  return params;
}

/** 问题台账 list: server-paged items with filters; a row opens the item. */
export default function LedgerListPage({ mode = 'all' }: { mode?: LedgerListMode }) {
  const t = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const [initial] = useState(() => parseUrlFilters(searchParams));
  const [q, setQ] = useState(initial.q);
  const debouncedQ = useDebounced(q.trim(), 300);
  const [status, setStatus] = useState<ItemStatus | undefined>(initial.status);
  const [light, setLight] = useState<Light | undefined>(initial.light);
  const [category, setCategory] = useState<ItemCategory | undefined>(initial.category);
  const [source, setSource] = useState<ItemSource | undefined>(initial.source);
  const [orgId, setOrgId] = useState<number | undefined>(initial.orgId);
  const [sort, setSort] = useState<Sort>('-createdAt');
  const [formOpen, setFormOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [selected, setSelected] = useState<TItemSummary[]>([]);
  const [bulkAction, setBulkAction] = useState<BulkAction | null>(null);
  const [exporting, setExporting] = useState(false);
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
    const f = parseUrlFilters(searchParams);
    setQ(f.q);
    setStatus(f.status);
    setLight(f.light);
    setCategory(f.category);
    setSource(f.source);
    setOrgId(f.orgId);
  }, [searchParams]);
  useEffect(() => {
    const next = urlFiltersToParams({ q: q.trim(), status, light, category, source, orgId });
    const search = next.toString();
    if (search === writtenSearch.current) return;
    writtenSearch.current = search;
    setSearchParams(next, { replace: true });
  }, [q, status, light, category, source, orgId, setSearchParams]);

  const { notification } = App.useApp();
  const filters = {
    q: debouncedQ,
    status,
    light,
    category,
    source,
    orgId,
    sort,
    mine: mode === 'todo' ? true : undefined,
    pool: mode === 'pool' ? true : undefined,
  };
  const { data, loading, reload, pagination } = usePagedQuery<TItemSummary>('/api/ledger/items', filters);

  /** Downloads the list as Excel with the table's filters (no paging), streaming it to show progress; the session cookie goes along with the GET. */
  const exportExcel = async () => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) {
      if (value === undefined || value === '') continue;
      params.set(key, String(value));
    }
    const qs = params.toString();
    const key = `ledger-export-${Date.now()}`;
    const rows = data.total;
    const show = (received: number) =>
      notification.open({
        key,
        title: t('ledgerx.export.title'),
        description: (
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <span>{received === 0 ? t('ledger.exporting') : t('ledgerx.export.progress', { kb: Math.round(received / 1024).toLocaleString(), rows: rows.toLocaleString() })}</span>
            <Progress percent={100} status="active" showInfo={false} size="small" />
          </Space>
        ),
        duration: 0,
        placement: 'bottomRight',
      });
    setExporting(true);
    show(0);
    let last = 0;
    try {
      const { blob, name } = await streamDownload(qs ? `/api/ledger/export.xlsx?${qs}` : '/api/ledger/export.xlsx', 'ledger.xlsx', (received) => {
        const now = Date.now();
        if (now - last < 150) return;
        last = now;
        show(received);
      });
      saveBlob(blob, name);
      notification.success({ key, title: t('ledgerx.export.done', { name }), description: t('ledgerx.export.progress', { kb: Math.round(blob.size / 1024).toLocaleString(), rows: rows.toLocaleString() }), duration: 4, placement: 'bottomRight' });
    } catch (error) {
      const msg = error instanceof ApiError ? error.message : t('common.networkError');
      notification.error({ key, title: t('ledgerx.export.failed', { message: msg }), duration: 6, placement: 'bottomRight' });
    } finally {
      setExporting(false);
    }
  };

  const selectedIds = selected.map((r) => r.id);

  const sortOrder = (field: 'deadline' | 'urgeCount') => (sort === field ? ('ascend' as const) : sort === `-${field}` ? ('descend' as const) : null);

  const columns: ColumnsType<TItemSummary> = [
    { title: t('ledger.code'), dataIndex: 'code', key: 'code', width: 140 },
    { title: t('ledger.title'), dataIndex: 'title', key: 'title', ellipsis: true, width: 240 },
    { title: t('ledger.category'), dataIndex: 'category', key: 'category', width: 110, render: (c: ItemCategory) => categoryLabel(t, c) },
    { title: t('ledger.source'), dataIndex: 'source', key: 'source', width: 100, render: (s: ItemSource) => sourceLabel(t, s) },
    { title: t('ledger.responsibleOrg'), dataIndex: 'responsibleOrgName', key: 'responsibleOrgName', ellipsis: true, width: 130 },
    { title: t('ledger.responsiblePerson'), dataIndex: 'responsiblePersonName', key: 'responsiblePersonName', width: 80, render: (v: string | null) => v ?? '—' },
    { title: t('ledger.deadline'), dataIndex: 'deadline', key: 'deadline', width: 110, sorter: true, sortOrder: sortOrder('deadline'), render: (v: string | null) => v ?? '—' },
    { title: t('ledger.status'), dataIndex: 'status', key: 'status', width: 90, render: (s: ItemStatus) => <StatusTag status={s} /> },
    { title: t('ledger.light'), dataIndex: 'light', key: 'light', width: 80, render: (v: Light | null) => <LightTag light={v} /> },
    { title: t('ledger.urgeCount'), dataIndex: 'urgeCount', key: 'urgeCount', width: 90, align: 'right', sorter: true, sortOrder: sortOrder('urgeCount') },
    {
      title: t('ledger.progress'),
      key: 'progress',
      width: 130,
      render: (_: unknown, r) =>
        r.measuresTotal > 0 ? (
          <Space size={6}>
            <Progress percent={Math.round((r.measuresDone / r.measuresTotal) * 100)} size="small" showInfo={false} style={{ width: 70, margin: 0 }} />
            <Typography.Text type="secondary">
              {r.measuresDone}/{r.measuresTotal}
            </Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  const onChange: TableProps<TItemSummary>['onChange'] = (_p, _f, sorter) => {
    const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<TItemSummary> | undefined;
    const field = s?.columnKey;
    if (!s?.order || (field !== 'deadline' && field !== 'urgeCount')) {
      setSort('-createdAt');
      return;
    }
    setSort(s.order === 'ascend' ? field : `-${field}`);
  };

  return (
    <Card
      title={t(TITLES[mode])}
      extra={
        can('ledger.submit') && (
          <Space>
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
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('ledger.searchPlaceholder')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 220 }} />
        <Select<ItemStatus>
          allowClear
          placeholder={t('ledger.status')}
          value={status}
          onChange={setStatus}
          style={{ width: 130 }}
          options={ITEM_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))}
        />
        <Select<Light>
          allowClear
          placeholder={t('ledger.light')}
          value={light}
          onChange={setLight}
          style={{ width: 120 }}
          options={LIGHTS.map((v) => ({ value: v, label: t(`ledger.light.${v}` as MessageKey) }))}
        />
        <Select<ItemCategory>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('ledger.category')}
          value={category}
          onChange={setCategory}
          style={{ width: 160 }}
          options={ITEM_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
        />
        <Select<ItemSource>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('ledger.source')}
          value={source}
          onChange={setSource}
          style={{ width: 140 }}
          options={ITEM_SOURCES.map((s) => ({ value: s, label: sourceLabel(t, s) }))}
        />
        <OrgTreeSelect allowClear value={orgId} onChange={setOrgId} placeholder={t('ledger.orgFilter')} onlyActive={false} style={{ width: 220 }} />
        <Button icon={<ReloadOutlined />} onClick={() => void reload()}>
          {t('common.refresh')}
        </Button>
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportExcel()}>
          {t('ledger.exportExcel')}
        </Button>
      </Space>
      {mayBulk && selected.length > 0 && (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          title={
            <Space wrap>
              <Typography.Text strong>{t('ledgerx.bulk.selected', { n: selected.length })}</Typography.Text>
              {(['urge', 'assign', 'reject'] as const).map((a) => (
                <Button key={a} size="small" danger={a === 'reject'} type={a === 'assign' ? 'primary' : 'default'} onClick={() => setBulkAction(a)}>
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
        size="middle"
        columns={columns}
        dataSource={data.items}
        loading={loading}
        locale={{ emptyText: t('common.empty') }}
        pagination={pagination}
        onChange={onChange}
        scroll={{ x: 1290 }}
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
                    const next = _keys.map((k) => rows.find((r) => r?.id === k) ?? byId.get(Number(k))).filter((r): r is TItemSummary => r !== undefined);
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
      <ImportModal open={importOpen} onClose={() => setImportOpen(false)} onImported={() => void reload()} />
      <ItemFormModal
        open={formOpen}
        defaultOrgId={orgId}
        onClose={() => setFormOpen(false)}
        onSaved={(item) => {
          setFormOpen(false);
          void navigate(`/ledger/${item.id}`);
        }}
      />
    </Card>
  );
}
