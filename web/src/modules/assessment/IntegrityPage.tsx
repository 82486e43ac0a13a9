import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Collapse,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { FileAddOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import {
  FLAG_STATUSES,
  INTEGRITY_CHECKS,
  type FlagPage,
  type FlagStatus,
  type IntegrityCheck,
  type IntegrityRun,
  type SchemeList,
  type TFlag,
  type ToLedgerResult,
} from '../../api/types';
import { useApiError } from '../../app/useApiError';
import { useFormSubmit } from '../../app/useFormSubmit';
import { isMessageKey, useLocale, useT, type MessageKey, type TFunction } from '../../i18n';
import { OrgTreeSelect } from '../org/OrgTreeSelect';
import { useOrgs } from '../org/orgs.store';
import { ListToolbar } from '../../app/components/ListToolbar';
import { useColumnSettings } from '../../app/components/useColumnSettings';
import { tableLoading } from '../../app/components/tableLoading';
import { DigitsCard } from './DigitsCard';
import { LeaderChangesCard } from './LeaderChangesCard';
import { ToLedgerModal } from './ToLedgerModal';
import { checkLabel, flagStatusLabel, fmt, pct, statLabel, zoneLabel } from './labels';

const STATUS_COLORS: Record<FlagStatus, string> = { open: 'orange', referred: 'blue', dismissed: 'default' };

interface Condition {
  name: string;
  value: number;
  op: string;
  threshold: number;
}

/** Inputs and conditions that are fractions and read best as percentages (growth 0.123 → 12.3%). */
const PERCENT_KEYS = new Set([
  'growth',
  'reportedGrowth',
  'hardMean',
  'hardGrowths',
  'gap',
  'peerMedianGap',
  'share',
  'expectedShare',
  'sampleMedian',
  'sampleMad',
  'growths',
  'otherGrowths',
  'maxRelativeLevelDifference',
  'growth_deviation',
  'excess_over_peers',
  'max_relative_difference',
  'max_growth_difference',
  'relative_difference',
]);

/** A key of a flag's inputs as a person reads it; unknown keys show as sent. */
const inputLabel = (t: TFunction, key: string): string =>
  isMessageKey(`asm.int.input.${key}`) ? t(`asm.int.input.${key}` as MessageKey) : statLabel(t, key);

/** A value of a flag's inputs as a person reads it (fractions as percentages, lists joined, zones and families named). */
function showValue(t: TFunction, key: string, v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return PERCENT_KEYS.has(key) ? pct(v, 2) : fmt(v, 4);
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v === 'string') {
    if (key === 'zone') return zoneLabel(t, v);
    if (key === 'side' && isMessageKey(`asm.int.side.${v}`)) return t(`asm.int.side.${v}` as MessageKey);
    if (key === 'test' && isMessageKey(`asm.digits.test.${v}`)) return t(`asm.digits.test.${v}` as MessageKey);
    return v;
  }
  if (Array.isArray(v)) {
    const nested = v.some((x) => typeof x === 'object' && x !== null);
    return v.map((x) => showValue(t, key, x)).join(nested ? t('asm.fmt.groupSep') : ', ');
  }
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(
        ([k, x]) =>
          `${isMessageKey(`asm.int.family.${k}`) ? t(`asm.int.family.${k}` as MessageKey) : k}: ${showValue(t, PERCENT_KEYS.has(key) ? key : k, x)}`,
      )
      .join(t('asm.fmt.sep'));
  return JSON.stringify(v);
}

const isCondition = (c: unknown): c is Condition =>
  typeof c === 'object' && c !== null && 'name' in c && 'value' in c && 'op' in c && 'threshold' in c;

function conditionText(t: TFunction, c: Condition): string {
  const show = (x: number) => (PERCENT_KEYS.has(c.name) ? pct(x, 2) : fmt(x, 4));
  const value = c.op === 'abs>' ? `|${show(c.value)}|` : show(c.value);
  const op = c.op === 'abs>' ? '>' : c.op;
  return t('asm.fmt.labelValue', { label: statLabel(t, c.name), value: `${value} ${op} ${show(c.threshold)}` });
}

/** The expanded row: the statistic against its threshold, the conditions that also held, the inputs. */
function FlagDetail({ flag }: { flag: TFlag }) {
  const t = useT();
  const { orgs } = useOrgs();
  const d = flag.detail;
  const statistic = d.statistic as { name?: string; value?: number } | undefined;
  const threshold = d.threshold as { op?: string; value?: number } | undefined;
  const alsoHeld = Array.isArray(d.alsoHeld) ? d.alsoHeld.filter(isCondition) : [];
  const inputs = typeof d.inputs === 'object' && d.inputs !== null ? (d.inputs as Record<string, unknown>) : {};
  const main: Condition | null =
    statistic?.name !== undefined && typeof statistic.value === 'number' && typeof threshold?.value === 'number'
      ? { name: statistic.name, value: statistic.value, op: threshold.op ?? '>', threshold: threshold.value }
      : null;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%', padding: '4px 8px' }}>
      <Descriptions size="small" column={2} bordered>
        {typeof d.check === 'string' && <Descriptions.Item label={t('asm.int.subCheck')}>{d.check}</Descriptions.Item>}
        {main && (
          <Descriptions.Item label={`${t('asm.int.statistic')} / ${t('asm.int.threshold')}`}>
            <Typography.Text strong>{conditionText(t, main)}</Typography.Text>
          </Descriptions.Item>
        )}
        {alsoHeld.length > 0 && (
          <Descriptions.Item label={t('asm.int.alsoHeld')} span={2}>
            <Space orientation="vertical" size={0}>
              {alsoHeld.map((c, i) => (
                <span key={i}>{conditionText(t, c)}</span>
              ))}
            </Space>
          </Descriptions.Item>
        )}
        {typeof d.otherOrgId === 'number' && (
          <Descriptions.Item label={t('asm.int.otherOrg')}>
            {orgs.find((o) => o.id === d.otherOrgId)?.name ?? `#${d.otherOrgId}`}
          </Descriptions.Item>
        )}
        {flag.note && (
          <Descriptions.Item label={t('asm.int.note')} span={2}>
            {flag.note}
          </Descriptions.Item>
        )}
      </Descriptions>
      {Object.keys(inputs).length > 0 && (
        <Descriptions size="small" column={1} bordered title={<Typography.Text type="secondary">{t('asm.int.inputs')}</Typography.Text>}>
          {Object.entries(inputs).map(([k, v]) => (
            <Descriptions.Item key={k} label={inputLabel(t, k)}>
              <Typography.Text style={{ wordBreak: 'break-all' }}>{showValue(t, k, v)}</Typography.Text>
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </Space>
  );
}

/** 排除: a note is required. */
function DismissModal({ flag, onClose, onDone }: { flag: TFlag | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  useEffect(() => {
    if (flag) form.resetFields();
  }, [flag, form]);
  const { saving, submit } = useFormSubmit(form, async (v) => {
    if (!flag) return;
    await api.post<TFlag>(`/api/assessment/integrity/flags/${flag.id}/dismiss`, { note: v.note.trim() });
    void message.success(t('asm.int.dismissed'));
    onDone();
  });
  return (
    <Modal
      open={flag !== null}
      title={t('asm.int.dismissTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('asm.int.dismiss')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {flag && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={flag.reason.text} />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="note"
          label={t('asm.int.dismissNote')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('asm.int.dismissNote') }) }, { max: 2000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} placeholder={t('asm.int.dismissNoteHint')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface Filters {
  status?: FlagStatus | undefined;
  check?: IntegrityCheck | undefined;
  year?: number | undefined;
  orgId?: number | undefined;
  page: number;
  pageSize: number;
}

/** 数据核查: run the checks, work through the flags (refer to the ledger / dismiss with a note), and the digit analysis of a file. */
export default function IntegrityPage() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [runYear, setRunYear] = useState<number | null>(null);
  const [running, setRunning] = useState(false);
  const [summary, setSummary] = useState<IntegrityRun | null>(null);
  const [filters, setFilters] = useState<Filters>({ status: 'open', page: 1, pageSize: 20 });
  const [page, setPage] = useState<FlagPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [referring, setReferring] = useState<TFlag | null>(null);
  const [dismissing, setDismissing] = useState<TFlag | null>(null);
  const { locale } = useLocale();

  useEffect(() => {
    api
      .get<SchemeList>('/api/assessment/schemes')
      .then((list) => {
        // The newest year already assessed (its figures are in), else the newest year with a scheme.
        const computed = list.items.filter((s) => s.resultCount > 0).map((s) => s.year);
        const latest = Math.max(...(computed.length ? computed : list.items.map((s) => s.year)));
        setRunYear((y) => y ?? (Number.isFinite(latest) ? latest : dayjs().year() - 1));
      })
      .catch(() => setRunYear((y) => y ?? dayjs().year() - 1));
  }, []);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setPage(await api.get<FlagPage>('/api/assessment/integrity/flags', { ...filters }));
    } catch (error) {
      showError(error);
    } finally {
      setLoading(false);
    }
    // locale: the reasons are written by the server in the caller's language.
  }, [filters, locale, showError]);
  useEffect(() => {
    void load();
  }, [load]);

  const run = async () => {
    if (runYear === null) return;
    setRunning(true);
    try {
      const s = await api.post<IntegrityRun>('/api/assessment/integrity/run', { year: runYear });
      setSummary(s);
      void message.success(t('asm.int.runDone', { flags: s.flags, newFlags: s.newFlags }));
      void load();
    } catch (error) {
      showError(error);
    } finally {
      setRunning(false);
    }
  };

  const setFilter = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch, page: 1 }));

  const columns: ColumnsType<TFlag> = [
    {
      title: t('asm.int.check'),
      dataIndex: 'check',
      width: 140,
      render: (c: IntegrityCheck) => <Tag color="volcano">{checkLabel(t, c)}</Tag>,
    },
    { title: t('asm.org'), dataIndex: 'orgName', width: 140, render: (n: string | null) => n ?? '—' },
    { title: t('asm.indicator'), dataIndex: 'indicatorName', width: 160, render: (n: string | null) => n ?? '—' },
    { title: t('asm.year'), dataIndex: 'year', width: 70, render: (y: number | null) => y ?? '—' },
    { title: t('asm.int.reason'), dataIndex: ['reason', 'text'], render: (text: string) => <Typography.Text>{text}</Typography.Text> },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: FlagStatus, f) => {
        const tag = <Tag color={STATUS_COLORS[s]}>{flagStatusLabel(t, s)}</Tag>;
        if (s === 'dismissed' && f.note) return <Tooltip title={f.note}>{tag}</Tooltip>;
        return tag;
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      fixed: 'right',
      render: (_, f) => {
        if (f.status === 'referred' && f.ledgerItemId)
          return <Link to={`/ledger/${f.ledgerItemId}`}>{t('asm.openLedgerItem', { code: `#${f.ledgerItemId}` })}</Link>;
        if (f.status !== 'open') return null;
        return (
          <Space size={0}>
            <Button type="link" size="small" icon={<FileAddOutlined />} onClick={() => setReferring(f)}>
              {t('asm.int.refer')}
            </Button>
            <Button type="link" size="small" icon={<StopOutlined />} onClick={() => setDismissing(f)}>
              {t('asm.int.dismiss')}
            </Button>
          </Space>
        );
      },
    },
  ];
  const settings = useColumnSettings('integrity.flags', columns, 'small');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('asm.int.title')}
        extra={
          <Space>
            <InputNumber<number>
              min={2000}
              max={2100}
              precision={0}
              value={runYear}
              onChange={setRunYear}
              prefix={t('asm.year')}
              style={{ width: 140 }}
              aria-label={t('asm.year')}
            />
            <Button type="primary" icon={<PlayCircleOutlined />} loading={running} disabled={runYear === null} onClick={() => void run()}>
              {t('asm.int.run')}
            </Button>
          </Space>
        }
      >
        <Alert type="info" showIcon title={t('asm.int.runHint')} />
        {summary && (
          <div style={{ marginTop: 16 }} data-testid="integrity-summary">
            <Row gutter={16}>
              <Col xs={8} md={4}>
                <Statistic title={t('asm.int.checked')} value={summary.checked} />
              </Col>
              <Col xs={8} md={4}>
                <Statistic
                  title={t('asm.int.flags')}
                  value={summary.flags}
                  styles={{ content: summary.flags ? { color: '#d46b08' } : {} }}
                />
              </Col>
              <Col xs={8} md={4}>
                <Statistic title={t('asm.int.newFlags')} value={summary.newFlags} />
              </Col>
              <Col xs={24} md={12}>
                <Typography.Text type="secondary">{t('asm.int.byCheck')}</Typography.Text>
                <div style={{ marginTop: 8 }}>
                  <Space size={[4, 8]} wrap>
                    {Object.entries(summary.byCheck).map(([check, n]) => (
                      <Tag
                        key={check}
                        color="volcano"
                        style={{ cursor: 'pointer' }}
                        onClick={() => setFilter({ check: check as IntegrityCheck, year: summary.year })}
                      >
                        {checkLabel(t, check)} {n}
                      </Tag>
                    ))}
                    {Object.keys(summary.byCheck).length === 0 && <Typography.Text type="secondary">—</Typography.Text>}
                  </Space>
                </div>
              </Col>
            </Row>
            {summary.refused.length > 0 && (
              <Collapse
                size="small"
                style={{ marginTop: 16 }}
                items={[
                  {
                    key: 'refused',
                    label: t('asm.int.refused', { n: summary.refused.length }),
                    children: (
                      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                        {summary.refused.map((r, i) => (
                          <li key={i}>{r.text}</li>
                        ))}
                      </ul>
                    ),
                  },
                ]}
              />
            )}
          </div>
        )}
      </Card>

      <Card title={t('asm.int.flagList')} size="small">
        <ListToolbar
          onReset={() => setFilters({ status: 'open', page: 1, pageSize: filters.pageSize })}
          onReload={() => void load()}
          settings={settings}
        >
          <Select<FlagStatus>
            allowClear
            placeholder={t('common.status')}
            style={{ width: 120 }}
            value={filters.status}
            onChange={(v) => setFilter({ status: v })}
            options={FLAG_STATUSES.map((s) => ({ value: s, label: flagStatusLabel(t, s) }))}
          />
          <Select<IntegrityCheck>
            allowClear
            placeholder={t('asm.int.check')}
            style={{ width: 170 }}
            value={filters.check}
            onChange={(v) => setFilter({ check: v })}
            options={INTEGRITY_CHECKS.map((c) => ({ value: c, label: checkLabel(t, c) }))}
          />
          <InputNumber<number>
            placeholder={t('asm.year')}
            min={2000}
            max={2100}
            precision={0}
            style={{ width: 110 }}
            value={filters.year ?? null}
            onChange={(v) => setFilter({ year: v ?? undefined })}
            aria-label={`${t('asm.int.flagList')} ${t('asm.year')}`}
          />
          <OrgTreeSelect
            allowClear
            placeholder={t('asm.org')}
            style={{ width: 220 }}
            value={filters.orgId ?? null}
            onChange={(v) => setFilter({ orgId: v })}
          />
        </ListToolbar>
        <Table<TFlag>
          rowKey="id"
          size={settings.density}
          {...tableLoading({ loading, settled: !loading, firstLoadDone: page !== null }, t('common.empty'))}
          columns={settings.columns}
          dataSource={page?.items ?? []}
          expandable={{ expandedRowRender: (f) => <FlagDetail flag={f} /> }}
          scroll={{ x: Math.max(settings.scrollX, 900) }}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: page?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => setFilters((f) => ({ ...f, page: size !== f.pageSize ? 1 : p, pageSize: size })),
          }}
        />
      </Card>

      <LeaderChangesCard />
      <DigitsCard />

      {referring && (
        <ToLedgerModal
          open
          title={t('asm.int.referTitle')}
          intro={t('asm.int.referIntro')}
          okText={t('asm.int.refer')}
          send={(body) => api.post<ToLedgerResult>(`/api/assessment/integrity/flags/${referring.id}/refer`, body)}
          onClose={() => setReferring(null)}
          onDone={() => void load()}
        />
      )}
      <DismissModal
        flag={dismissing}
        onClose={() => setDismissing(null)}
        onDone={() => {
          setDismissing(null);
          void load();
        }}
      />
    </Space>
  );
}
