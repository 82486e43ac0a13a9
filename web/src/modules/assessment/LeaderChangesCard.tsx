import { useCallback, useEffect, useState } from 'react';
import { Button, Card, InputNumber, Popconfirm, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { LeaderChanges } from '../../api/types';
import { useAuth } from '../../app/auth';
import { useApiError } from '../../app/useApiError';
import { useT } from '../../i18n';
import { OrgTreeSelect } from '../org/OrgTreeSelect';

type Row = LeaderChanges['items'][number];

/** 主要领导调整年份: kept by the organisation department; the jump check looks at a jump in such a year on its own. */
export function LeaderChangesCard() {
  const t = useT();
  const showError = useApiError();
  const { can } = useAuth();
  const canManage = can('assessment.manage');
  const [rows, setRows] = useState<Row[]>([]);
  const [orgId, setOrgId] = useState<number | undefined>();
  const [year, setYear] = useState<number | null>(new Date().getFullYear());
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setRows((await api.get<LeaderChanges>('/api/assessment/leader-changes')).items);
    } catch (error) {
      showError(error);
    }
  }, [showError]);
  useEffect(() => {
    void load();
  }, [load]);

  const change = async (body: { orgId: number; year: number; remove?: boolean }) => {
    setBusy(true);
    try {
      setRows((await api.put<LeaderChanges>('/api/assessment/leader-changes', body)).items);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('asm.leader.title')} size="small">
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('asm.leader.intro')}</Typography.Text>
        {canManage && (
          <Space wrap>
            <OrgTreeSelect placeholder={t('asm.org')} style={{ width: 240 }} value={orgId ?? null} onChange={(v) => setOrgId(v)} />
            <InputNumber<number> aria-label={t('asm.leader.year')} min={2000} max={2100} value={year} onChange={(v) => setYear(v)} />
            <Button
              icon={<PlusOutlined />}
              disabled={!orgId || !year}
              loading={busy}
              onClick={() => orgId && year && void change({ orgId, year })}
            >
              {t('asm.leader.add')}
            </Button>
          </Space>
        )}
        <Table<Row>
          rowKey={(r) => `${r.orgId}:${r.year}`}
          size="small"
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: t('asm.leader.none') }}
          columns={[
            { title: t('asm.org'), dataIndex: 'orgName' },
            { title: t('asm.leader.year'), dataIndex: 'year', width: 100 },
            ...(canManage
              ? [
                  {
                    title: '',
                    key: 'remove',
                    width: 80,
                    render: (_: unknown, r: Row) => (
                      <Popconfirm
                        title={t('asm.leader.removeConfirm', { org: r.orgName, year: r.year })}
                        onConfirm={() => void change({ orgId: r.orgId, year: r.year, remove: true })}
                        okText={t('common.ok')}
                        cancelText={t('common.cancel')}
                      >
                        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('asm.leader.remove')} />
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Space>
    </Card>
  );
}
