import { Progress, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import type { ItemCategory, ItemSort, ItemSource, ItemStatus, Light, TItemSummary } from '../../../api/types';
import type { TFunction } from '../../../i18n';
import { categoryLabel, ConfidentialTag, ItemTags, kindLabel, LightTag, sourceLabel, StatusTag, TodoTags } from '../labels';

/** The columns whose header sorts the list on the server. */
export type SortField = 'deadline' | 'urgeCount' | 'light';
/** The sortable column keys. */
export const SORT_FIELDS: readonly string[] = ['deadline', 'urgeCount', 'light'] satisfies SortField[];

/** The columns of the ledger list (我的待办 adds why each item waits); `sort` marks the sorted header. */
export function ledgerColumns(t: TFunction, todo: boolean, sort: ItemSort): ColumnsType<TItemSummary> {
  const sortOrder = (field: SortField) => (sort === field ? ('ascend' as const) : sort === `-${field}` ? ('descend' as const) : null);
  return [
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
    ...(todo
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
}
