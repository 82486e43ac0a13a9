import { Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TItemDetail } from '../../../api/types';
import { useT, type MessageKey } from '../../../i18n';
import { fmt } from './shared';

type Extension = TItemDetail['extensions'][number];

/** 时限清单: the deadline (and the original one when it moved), urging, 回头看 and rebounds, and the extension requests. */
export function DeadlinePanel({ item }: { item: TItemDetail }) {
  const t = useT();
  const columns: ColumnsType<Extension> = [
    { title: t('ledger.ext.requestedAt'), dataIndex: 'requestedAt', key: 'requestedAt', width: 150, render: fmt },
    { title: t('ledger.ext.oldDeadline'), dataIndex: 'oldDeadline', key: 'oldDeadline', width: 110 },
    { title: t('ledger.ext.newDeadline'), dataIndex: 'newDeadline', key: 'newDeadline', width: 110 },
    {
      title: t('ledger.ext.reason'),
      dataIndex: 'reason',
      key: 'reason',
      render: (v: string, e) => (
        <Space size={4} wrap>
          <span>{v}</span>
          {e.isLate && <Tag color="red">{t('ledger.ext.late')}</Tag>}
          {e.isLastMinute && <Tag color="orange">{t('ledger.ext.lastMinute')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('ledger.ext.status'),
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (s: Extension['status']) => (
        <Tag color={s === 'approved' ? 'green' : s === 'refused' ? 'red' : 'blue'}>{t(`ledger.ext.${s}` as MessageKey)}</Tag>
      ),
    },
    { title: t('ledger.ext.decisionNote'), dataIndex: 'decisionNote', key: 'decisionNote', render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Card title={t('ledger.sectionDeadline')} size="small">
      <Descriptions column={{ xs: 1, md: 3 }} size="small">
        <Descriptions.Item label={t('ledger.deadlineField')}>{item.deadline ?? '—'}</Descriptions.Item>
        {item.originalDeadline && item.originalDeadline !== item.deadline && (
          <Descriptions.Item label={t('ledger.originalDeadline')}>{item.originalDeadline}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('ledger.urgeCount')}>{item.urgeCount}</Descriptions.Item>
        {item.recheckDue && <Descriptions.Item label={t('ledger.recheckDue')}>{item.recheckDue}</Descriptions.Item>}
        {item.reboundCount > 0 && <Descriptions.Item label={t('ledger.reboundCount')}>{item.reboundCount}</Descriptions.Item>}
      </Descriptions>
      {item.extensions.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 8 }}>
            {t('ledger.extensions')}
          </Typography.Title>
          <Table<Extension>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={item.extensions}
            pagination={false}
            scroll={{ x: 760 }}
          />
        </>
      )}
    </Card>
  );
}
