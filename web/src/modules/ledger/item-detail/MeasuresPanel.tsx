import { useState } from 'react';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { FlagOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import type { MeasureStatus, TItemDetail, TMeasure } from '../../../api/types';
import { useT } from '../../../i18n';
import { measureStatusLabel } from '../labels';
import { MeasureModal } from '../MeasureModal';
import { today, type OnItemChange } from './shared';

const MEASURE_COLORS: Record<MeasureStatus, string> = { pending: 'default', in_progress: 'processing', done: 'success' };

/** Props of 整改清单. */
export interface MeasuresPanelProps {
  item: TItemDetail;
  /** May the user add measures and update their progress? */
  mayEdit: boolean;
  onChange: OnItemChange;
}

/** 整改清单: the measures with owner, due date (overdue ones marked), state and evidence count; add or update one in a dialog. */
export function MeasuresPanel({ item, mayEdit, onChange }: MeasuresPanelProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<TMeasure | undefined>(undefined);
  const edit = (m: TMeasure | undefined) => {
    setEditing(m);
    setOpen(true);
  };

  const columns: ColumnsType<TMeasure> = [
    { title: '#', key: 'n', width: 48, render: (_: unknown, _m, i) => i + 1 },
    {
      title: t('ledger.measure.content'),
      dataIndex: 'content',
      key: 'content',
      render: (v: string, m) => (
        <>
          {m.isMilestone && (
            <Tag color="gold" icon={<FlagOutlined />}>
              {t('ledgerx.measure.milestone')}
            </Tag>
          )}
          {v}
        </>
      ),
    },
    { title: t('ledger.measure.owner'), dataIndex: 'ownerName', key: 'ownerName', width: 100, render: (v: string | null) => v ?? '—' },
    {
      title: t('ledger.measure.dueDate'),
      dataIndex: 'dueDate',
      key: 'dueDate',
      width: 170,
      render: (v: string | null, m) =>
        v === null ? (
          '—'
        ) : m.status !== 'done' && v < today() ? (
          <Space size={4}>
            <Typography.Text type="danger">{v}</Typography.Text>
            <Tag color="red">{t('ledgerx.measure.overdue')}</Tag>
          </Space>
        ) : (
          v
        ),
    },
    {
      title: t('ledger.measure.status'),
      dataIndex: 'status',
      key: 'status',
      width: 100,
      render: (s: MeasureStatus) => <Tag color={MEASURE_COLORS[s]}>{measureStatusLabel(t, s)}</Tag>,
    },
    {
      title: t('ledger.measure.completionNote'),
      dataIndex: 'completionNote',
      key: 'completionNote',
      render: (v: string | null) => v ?? '—',
    },
    { title: t('ledger.measure.evidence'), dataIndex: 'evidenceCount', key: 'evidenceCount', width: 90, align: 'right' },
  ];
  if (mayEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      className: 'no-print',
      render: (_: unknown, m) => (
        <Button type="link" size="small" onClick={() => edit(m)}>
          {t('ledger.measure.update')}
        </Button>
      ),
    });
  }

  return (
    <Card
      title={t('ledger.sectionMeasures')}
      size="small"
      extra={
        mayEdit && (
          <Button size="small" className="no-print" icon={<PlusOutlined />} onClick={() => edit(undefined)}>
            {t('ledger.measure.add')}
          </Button>
        )
      }
    >
      <Table<TMeasure>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={item.measures}
        pagination={false}
        scroll={{ x: 860 }}
        locale={{ emptyText: t('common.empty') }}
      />
      <MeasureModal
        open={open}
        itemId={item.id}
        measure={editing}
        onClose={() => setOpen(false)}
        onSaved={(saved) => {
          setOpen(false);
          onChange(saved);
        }}
      />
    </Card>
  );
}
