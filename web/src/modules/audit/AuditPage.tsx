import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Input, Select, Table, Tag, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import type { AuditRow, AuditVerify } from '../../api/types';
import { isMessageKey, useT, type MessageKey } from '../../i18n';
import { useApiError } from '../../app/useApiError';
import { useDebounced } from '../../app/useDebounced';
import { usePagedQuery } from '../../app/usePagedQuery';
import { ListToolbar } from '../../app/components/ListToolbar';
import { useColumnSettings } from '../../app/components/useColumnSettings';
import { tableLoading } from '../../app/components/tableLoading';

type Outcome = 'success' | 'failure' | 'denied';

interface AuditFilters {
  actor: string;
  action: string;
  targetType: string;
  outcome?: Outcome | undefined;
  range?: [Dayjs | null, Dayjs | null] | null | undefined;
}

const OUTCOME_COLORS: Record<Outcome, string> = { success: 'green', failure: 'orange', denied: 'red' };

/** A coloured tag for an audit outcome (成功 / 失败 / 拒绝). */
export function OutcomeTag({ outcome }: { outcome: string }) {
  const t = useT();
  if (outcome === 'success' || outcome === 'failure' || outcome === 'denied') {
    return <Tag color={OUTCOME_COLORS[outcome]}>{t(`audit.outcome.${outcome}` as MessageKey)}</Tag>;
  }
  return <Tag>{outcome}</Tag>;
}

/** 审计日志: filterable audit log with the hash-chain check. */
export default function AuditPage() {
  const t = useT();
  const showError = useApiError();
  const [filters, setFilters] = useState<AuditFilters>({ actor: '', action: '', targetType: '' });
  const debounced = useDebounced(filters, 350);
  const [verify, setVerify] = useState<AuditVerify | null>(null);
  const [verifying, setVerifying] = useState(false);

  const [from, to] = debounced.range ?? [null, null];
  const list = usePagedQuery<AuditRow>(
    '/api/audit',
    {
      actor: debounced.actor.trim(),
      action: debounced.action.trim(),
      targetType: debounced.targetType.trim(),
      outcome: debounced.outcome,
      from: from ? from.format() : undefined,
      to: to ? to.format() : undefined,
    },
    { initialPageSize: 50 },
  );
  const { data, reload, pagination } = list;

  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerify(await api.get<AuditVerify>('/api/audit/verify'));
    } catch (error) {
      showError(error);
    } finally {
      setVerifying(false);
    }
  };

  const patch = (p: Partial<AuditFilters>) => setFilters((f) => ({ ...f, ...p }));

  const columns: ColumnsType<AuditRow> = [
    { title: t('audit.seq'), dataIndex: 'seq', key: 'seq', width: 80 },
    { title: t('audit.time'), dataIndex: 'at', key: 'at', width: 170, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
    { title: t('audit.actor'), dataIndex: 'actorName', key: 'actorName', width: 120 },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      width: 180,
      render: (v: string) => {
        const key = `audit.act.${v}`;
        return isMessageKey(key) ? <span title={v}>{t(key)}</span> : <Typography.Text code>{v}</Typography.Text>;
      },
    },
    {
      title: t('audit.target'),
      key: 'target',
      ellipsis: true,
      render: (_: unknown, r) => (r.targetType ? `${r.targetType}${r.targetId ? ` #${r.targetId}` : ''}` : '—'),
    },
    { title: t('audit.ip'), dataIndex: 'ip', key: 'ip', width: 140, render: (v: string | null) => v ?? '—' },
    { title: t('audit.outcome'), dataIndex: 'outcome', key: 'outcome', width: 90, render: (v: string) => <OutcomeTag outcome={v} /> },
  ];

  const settings = useColumnSettings('audit', columns, 'small');

  return (
    <Card
      title={t('menu.audit')}
      extra={
        <Button type="primary" icon={<SafetyOutlined />} loading={verifying} onClick={() => void runVerify()}>
          {t('audit.verify')}
        </Button>
      }
    >
      {verify && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          closable={{ onClose: () => setVerify(null) }}
          type={verify.ok ? 'success' : 'error'}
          title={verify.ok ? t('audit.verifyOk') : t('audit.verifyBroken', { n: verify.brokenAt ?? '?' })}
          description={
            verify.ok
              ? t('audit.verifyOkDesc', { rows: verify.rows, algorithm: verify.algorithm })
              : t('audit.verifyBrokenDesc', { rows: verify.rows, algorithm: verify.algorithm, reason: verify.reason ?? '' })
          }
        />
      )}
      <ListToolbar onReset={() => setFilters({ actor: '', action: '', targetType: '' })} onReload={() => void reload()} settings={settings}>
        <Input
          allowClear
          placeholder={t('audit.actor')}
          value={filters.actor}
          onChange={(e) => patch({ actor: e.target.value })}
          style={{ width: 140 }}
        />
        <Input
          allowClear
          placeholder={t('audit.action')}
          value={filters.action}
          onChange={(e) => patch({ action: e.target.value })}
          style={{ width: 180 }}
        />
        <Input
          allowClear
          placeholder={t('audit.targetType')}
          value={filters.targetType}
          onChange={(e) => patch({ targetType: e.target.value })}
          style={{ width: 140 }}
        />
        <Select<Outcome>
          allowClear
          placeholder={t('audit.outcome')}
          value={filters.outcome}
          onChange={(v) => patch({ outcome: v ?? undefined })}
          style={{ width: 120 }}
          options={(['success', 'failure', 'denied'] as const).map((o) => ({ value: o, label: t(`audit.outcome.${o}`) }))}
        />
        <DatePicker.RangePicker
          showTime
          value={filters.range ?? null}
          onChange={(v) => patch({ range: v })}
          placeholder={[t('audit.timeRange'), t('audit.timeRange')]}
        />
      </ListToolbar>
      <Table<AuditRow>
        rowKey="seq"
        size={settings.density}
        columns={settings.columns}
        dataSource={data.items}
        {...tableLoading(list, t('common.empty'))}
        scroll={{ x: Math.max(settings.scrollX, 900) }}
        expandable={{
          expandedRowRender: (r) => (
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'detail',
                  label: t('audit.detail'),
                  children: (
                    <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>
                      {JSON.stringify(r.detail, null, 2)}
                    </pre>
                  ),
                },
                {
                  key: 'hash',
                  label: t('audit.hash'),
                  children: (
                    <Typography.Text code copyable style={{ fontSize: 12 }}>
                      {r.hash}
                    </Typography.Text>
                  ),
                },
              ]}
            />
          ),
        }}
        pagination={{ ...pagination, pageSizeOptions: [20, 50, 100, 200] }}
      />
    </Card>
  );
}
