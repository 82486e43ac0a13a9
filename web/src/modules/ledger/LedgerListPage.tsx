import { useEffect, useRef, useState } from 'react';
import { Alert, App, AutoComplete, Button, Card, DatePicker, Input, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import type { TableProps } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import {
  CONFIDENTIALITY,
  ITEM_CATEGORIES,
  ITEM_KINDS,
  ITEM_SOURCES,
  ITEM_STATUSES,
  type Confidentiality,
  type ItemCategory,
  type ItemKind,
  type ItemSort,
  type ItemSource,
  type ItemStatus,
  type Light,
  type TItemSummary,
} from '../../api/types';
import { useT, type MessageKey } from '../../i18n';
import { useAuth } from '../../app/auth';
import { useDebounced } from '../../app/useDebounced';
import { usePagedQuery } from '../../app/usePagedQuery';
import { OrgTreeSelect } from '../org/OrgTreeSelect';
import { ItemFormModal } from './ItemFormModal';
import { BulkActionModal, bulkActionLabel, type BulkAction } from './BulkActionModal';
import { LedgerImportModal } from './ImportModal';
import { formatSize, streamDownload, saveBlob } from '../../app/components/download';
import { ApiError } from '../../api/client';
import {
  categoryLabel,
  ConfidentialTag,
  confidentialityLabel,
  ItemTags,
  kindLabel,
  LightTag,
  sourceLabel,
  statusLabel,
  StatusTag,
  TodoTags,
} from './labels';
import { PersonPicker } from './PersonPicker';

/** Which list: the whole ledger, my to-do (mine=true) or the claim pool (pool=true). */
export type LedgerListMode = 'all' | 'todo' | 'pool';

/** The columns whose header sorts the list on the server. */
type SortField = 'deadline' | 'urgeCount' | 'light';
const SORT_FIELDS: readonly string[] = ['deadline', 'urgeCount', 'light'] satisfies SortField[];

const TITLES: Record<LedgerListMode, MessageKey> = { all: 'menu.ledger', todo: 'menu.ledgerTodo', pool: 'menu.ledgerPool' };
const LIGHTS: readonly Light[] = ['red', 'yellow', 'green'];

/** The list filters that live in the URL (?status=…&light=…&category=…&source=…&orgId=…&q=…&kind=…&responsiblePersonId=…&deadlineFrom=…&deadlineTo=…&tag=…&confidentiality=…), so links such as the dashboard's open a filtered list. */
interface UrlFilters {
  q: string;
  status: ItemStatus | undefined;
  light: Light | undefined;
  category: ItemCategory | undefined;
  source: ItemSource | undefined;
  orgId: number | undefined;
  kind: ItemKind | undefined;
  responsiblePersonId: number | undefined;
  deadlineFrom: string | undefined;
  deadlineTo: string | undefined;
  tag: string;
  confidentiality: Confidentiality | undefined;
}

const positiveId = (value: string | null): number | undefined => {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n > 0 ? n : undefined;
};
const isoDate = (value: string | null): string | undefined =>
  value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && dayjs(value).isValid() ? value : undefined;

const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

function parseUrlFilters(params: URLSearchParams): UrlFilters {
  return {
    q: (params.get('q') ?? '').slice(0, 100),
    status: oneOf(params.get('status'), ITEM_STATUSES),
    light: oneOf(params.get('light'), LIGHTS),
    category: oneOf(params.get('category'), ITEM_CATEGORIES),
    source: oneOf(params.get('source'), ITEM_SOURCES),
    orgId: positiveId(params.get('orgId')),
    kind: oneOf(params.get('kind'), ITEM_KINDS),
    responsiblePersonId: positiveId(params.get('responsiblePersonId')),
    deadlineFrom: isoDate(params.get('deadlineFrom')),
    deadlineTo: isoDate(params.get('deadlineTo')),
    tag: (params.get('tag') ?? '').slice(0, 30),
    confidentiality: oneOf(params.get('confidentiality'), CONFIDENTIALITY),
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
  if (f.kind) params.set('kind', f.kind);
  if (f.responsiblePersonId) params.set('responsiblePersonId', String(f.responsiblePersonId));
  if (f.deadlineFrom) params.set('deadlineFrom', f.deadlineFrom);
  if (f.deadlineTo) params.set('deadlineTo', f.deadlineTo);
  if (f.tag) params.set('tag', f.tag);
  if (f.confidentiality) params.set('confidentiality', f.confidentiality);
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
  const [kind, setKind] = useState<ItemKind | undefined>(initial.kind);
  const [responsiblePersonId, setResponsiblePersonId] = useState<number | undefined>(initial.responsiblePersonId);
  const [deadlineFrom, setDeadlineFrom] = useState<string | undefined>(initial.deadlineFrom);
  const [deadlineTo, setDeadlineTo] = useState<string | undefined>(initial.deadlineTo);
  const [tag, setTag] = useState(initial.tag);
  const debouncedTag = useDebounced(tag.trim(), 300);
  const [confidentiality, setConfidentiality] = useState<Confidentiality | undefined>(initial.confidentiality);
  const [sort, setSort] = useState<ItemSort>('-createdAt');
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
    setKind(f.kind);
    setResponsiblePersonId(f.responsiblePersonId);
    setDeadlineFrom(f.deadlineFrom);
    setDeadlineTo(f.deadlineTo);
    setTag(f.tag);
    setConfidentiality(f.confidentiality);
  }, [searchParams]);
  useEffect(() => {
    const next = urlFiltersToParams({
      q: q.trim(),
      status,
      light,
      category,
      source,
      orgId,
      kind,
      responsiblePersonId,
      deadlineFrom,
      deadlineTo,
      tag: tag.trim(),
      confidentiality,
    });
    const search = next.toString();
    if (search === writtenSearch.current) return;
    writtenSearch.current = search;
    setSearchParams(next, { replace: true });
  }, [
    q,
    status,
    light,
    category,
    source,
    orgId,
    kind,
    responsiblePersonId,
    deadlineFrom,
    deadlineTo,
    tag,
    confidentiality,
    setSearchParams,
  ]);

  const { notification } = App.useApp();
  const filters = {
    q: debouncedQ,
    status,
    light,
    category,
    source,
    orgId,
    kind,
    responsiblePersonId,
    deadlineFrom,
    deadlineTo,
    tag: debouncedTag,
    confidentiality,
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
    const rows = data.total.toLocaleString();
    const started = Date.now();
    const seconds = () => Math.round((Date.now() - started) / 1000);
    let received = 0;
    const show = () =>
      notification.open({
        key,
        title: t('ledgerx.export.title'),
        description: (
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <span>
              {received === 0
                ? t('ledgerx.export.waiting', { s: seconds() })
                : t('ledgerx.export.progress', { size: formatSize(received), rows, s: seconds() })}
            </span>
            <Progress percent={100} status="active" showInfo={false} size="small" />
          </Space>
        ),
        duration: 0,
        placement: 'bottomRight',
      });
    setExporting(true);
    show();
    // The elapsed time moves on while the server is still generating and no byte has come yet.
    const timer = window.setInterval(show, 1000);
    let last = 0;
    try {
      const { blob, name } = await streamDownload(
        qs ? `/api/ledger/export.xlsx?${qs}` : '/api/ledger/export.xlsx',
        'ledger.xlsx',
        (bytes) => {
          received = bytes;
          const now = Date.now();
          if (now - last < 150) return;
          last = now;
          show();
        },
      );
      window.clearInterval(timer);
      saveBlob(blob, name);
      notification.success({
        key,
        title: t('ledgerx.export.done', { name }),
        description: t('ledgerx.export.summary', { size: formatSize(blob.size), rows, s: seconds() }),
        duration: 6,
        placement: 'bottomRight',
      });
    } catch (error) {
      window.clearInterval(timer);
      const msg = error instanceof ApiError ? error.message : t('common.networkError');
      notification.error({ key, title: t('ledgerx.export.failed', { message: msg }), duration: 6, placement: 'bottomRight' });
    } finally {
      setExporting(false);
    }
  };

  const selectedIds = selected.map((r) => r.id);
  /** Tags seen on this page, offered while typing a tag filter. */
  const tagOptions = [...new Set(data.items.flatMap((r) => r.tags))]
    .filter((x) => x.toLowerCase().includes(tag.trim().toLowerCase()))
    .slice(0, 20)
    .map((x) => ({ value: x }));

  const sortOrder = (field: SortField) => (sort === field ? ('ascend' as const) : sort === `-${field}` ? ('descend' as const) : null);

  const columns: ColumnsType<TItemSummary> = [
    { title: t('ledger.code'), dataIndex: 'code', key: 'code', width: 140 },
    {
      title: t('ledger.title'),
      dataIndex: 'title',
      key: 'title',
      width: 260,
      render: (title: string, r) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Text ellipsis={{ tooltip: title }} style={{ display: 'block' }}>
            {title}
          </Typography.Text>
          {(r.tags.length > 0 || r.confidentiality === 'confidential' || r.kind !== 'problem') && (
            <div style={{ marginTop: 2, lineHeight: 1 }}>
              {r.confidentiality === 'confidential' && <ConfidentialTag />}
              {r.kind !== 'problem' && <Tag color="geekblue">{kindLabel(t, r.kind)}</Tag>}
              <ItemTags tags={r.tags} />
            </div>
          )}
        </div>
      ),
    },
    ...(mode === 'todo'
      ? [
          {
            title: t('ledgerx.todo'),
            dataIndex: 'todo',
            key: 'todo',
            width: 130,
            render: (v: TItemSummary['todo']) => <TodoTags todo={v} />,
          },
        ]
      : []),
    { title: t('ledger.category'), dataIndex: 'category', key: 'category', width: 110, render: (c: ItemCategory) => categoryLabel(t, c) },
    { title: t('ledger.source'), dataIndex: 'source', key: 'source', width: 100, render: (s: ItemSource) => sourceLabel(t, s) },
    { title: t('ledger.responsibleOrg'), dataIndex: 'responsibleOrgName', key: 'responsibleOrgName', ellipsis: true, width: 130 },
    {
      title: t('ledger.responsiblePerson'),
      dataIndex: 'responsiblePersonName',
      key: 'responsiblePersonName',
      width: 80,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('ledger.deadline'),
      dataIndex: 'deadline',
      key: 'deadline',
      width: 110,
      sorter: true,
      sortOrder: sortOrder('deadline'),
      render: (v: string | null) => v ?? '—',
    },
    { title: t('ledger.status'), dataIndex: 'status', key: 'status', width: 90, render: (s: ItemStatus) => <StatusTag status={s} /> },
    {
      title: t('ledger.light'),
      dataIndex: 'light',
      key: 'light',
      width: 100,
      sorter: true,
      sortOrder: sortOrder('light'),
      render: (v: Light | null) => <LightTag light={v} />,
    },
    {
      title: t('ledger.urgeCount'),
      dataIndex: 'urgeCount',
      key: 'urgeCount',
      width: 90,
      align: 'right',
      sorter: true,
      sortOrder: sortOrder('urgeCount'),
    },
    {
      title: t('ledger.progress'),
      key: 'progress',
      width: 130,
      render: (_: unknown, r) =>
        r.measuresTotal > 0 ? (
          <Space size={6}>
            <Progress
              percent={Math.round((r.measuresDone / r.measuresTotal) * 100)}
              size="small"
              showInfo={false}
              style={{ width: 70, margin: 0 }}
            />
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
        <Input.Search
          allowClear
          placeholder={t('ledger.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 220 }}
        />
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
        <OrgTreeSelect
          allowClear
          value={orgId}
          onChange={setOrgId}
          placeholder={t('ledger.orgFilter')}
          onlyActive={false}
          style={{ width: 220 }}
        />
        <Select<ItemKind>
          allowClear
          placeholder={t('ledgerx.kind')}
          aria-label={t('ledgerx.kind')}
          value={kind}
          onChange={setKind}
          style={{ width: 130 }}
          options={ITEM_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
        />
        {can('person.read') && (
          <PersonPicker
            value={responsiblePersonId ?? null}
            onChange={(v) => setResponsiblePersonId(v ?? undefined)}
            placeholder={t('ledger.responsiblePerson')}
            aria-label={t('ledger.responsiblePerson')}
            style={{ width: 160 }}
          />
        )}
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          placeholder={[t('ledgerx.filter.deadlineFrom'), t('ledgerx.filter.deadlineTo')]}
          aria-label={t('ledger.deadline')}
          value={[deadlineFrom ? dayjs(deadlineFrom) : null, deadlineTo ? dayjs(deadlineTo) : null]}
          onChange={(range) => {
            setDeadlineFrom(range?.[0]?.format('YYYY-MM-DD'));
            setDeadlineTo(range?.[1]?.format('YYYY-MM-DD'));
          }}
          style={{ width: 250 }}
        />
        <AutoComplete
          allowClear
          placeholder={t('ledgerx.tags')}
          aria-label={t('ledgerx.tags')}
          value={tag}
          onChange={(v: string | undefined) => setTag((v ?? '').slice(0, 30))}
          options={tagOptions}
          style={{ width: 140 }}
        />
        <Select<Confidentiality>
          allowClear
          placeholder={t('ledgerx.confidentiality')}
          aria-label={t('ledgerx.confidentiality')}
          value={confidentiality}
          onChange={setConfidentiality}
          style={{ width: 110 }}
          options={CONFIDENTIALITY.map((c) => ({ value: c, label: confidentialityLabel(t, c) }))}
        />
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
        size="middle"
        columns={columns}
        dataSource={data.items}
        loading={loading}
        locale={{ emptyText: t('common.empty') }}
        pagination={pagination}
        onChange={onChange}
        scroll={{ x: mode === 'todo' ? 1440 : 1310 }}
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
