import { Card, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ItemRecheck, TItemDetail } from '../../../api/types';
import { useT } from '../../../i18n';
import { fmt, today } from './shared';

/** 回头看: the rechecks after closure, due, done or overdue; shown once the item is closed or has any. */
export function RechecksPanel({ item }: { item: TItemDetail }) {
  const t = useT();
  if (item.rechecks.length === 0 && item.status !== 'closed') return null;
  const columns: ColumnsType<ItemRecheck> = [
    { title: t('ledgerx.rechecks.dueDate'), dataIndex: 'dueDate', key: 'dueDate', width: 110 },
    {
      title: t('ledgerx.rechecks.result'),
      dataIndex: 'result',
      key: 'result',
      width: 150,
      render: (v: ItemRecheck['result'], r) =>
        v === null ? (
          <Tag color={r.dueDate < today() ? 'red' : 'blue'}>
            {r.dueDate < today() ? t('ledgerx.rechecks.overdue') : t('ledgerx.rechecks.pending')}
          </Tag>
        ) : (
          <Tag color={v === 'rebound' ? 'red' : 'green'}>{t(`ledger.result.${v}`)}</Tag>
        ),
    },
    { title: t('ledgerx.rechecks.note'), dataIndex: 'note', key: 'note', render: (v: string | null) => v ?? '—' },
    {
      title: t('ledgerx.rechecks.checkedAt'),
      dataIndex: 'checkedAt',
      key: 'checkedAt',
      width: 150,
      render: (v: string | null) => (v ? fmt(v) : '—'),
    },
    {
      title: t('ledgerx.rechecks.checkedBy'),
      dataIndex: 'checkedByName',
      key: 'checkedByName',
      width: 100,
      render: (v: string | null) => v ?? '—',
    },
  ];
  return (
    <Card title={t('ledgerx.rechecks.card')} size="small">
      <Table<ItemRecheck>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={item.rechecks}
        pagination={false}
        scroll={{ x: 660 }}
        locale={{
          emptyText: item.recheckDue ? t('ledgerx.rechecks.scheduled', { date: item.recheckDue }) : t('ledgerx.rechecks.empty'),
        }}
      />
    </Card>
  );
}
