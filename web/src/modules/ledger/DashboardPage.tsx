import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { Button, Card, Col, Empty, Result, Row, Segmented, Skeleton, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { BarChartOutlined, QuestionCircleOutlined, ReloadOutlined, TableOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { ItemCategory, ItemSource, LedgerStats as TLedgerStats } from '../../api/types';
import { useT, type MessageKey, type TFunction } from '../../i18n';
import { useApiGet } from '../../app/useApiGet';
import { OrgTreeSelect } from '../org/OrgTreeSelect';
import { useOrgs } from '../org/orgs.store';
import { EChart, type EChartClick, type EChartOption } from '../../app/components/EChart';
import { categoryLabel, sourceLabel, statusLabel } from './labels';

type Count = TLedgerStats['byStatus'][number];
type Month = TLedgerStats['monthly'][number];

/** One row of a count chart and its table: the code, the shown name, the number and the share of the whole. */
interface Row {
  key: string;
  name: string;
  n: number;
  share: number | null;
}

const TOP = 15;
const CHART_HEIGHT = 340;
const BLUE = '#3f6fb5';
const RED = '#cf1322';
const GREEN = '#389e0d';
const ORANGE = '#d48806';
const GREY = '#8c8c8c';
/** 整改到位 green, 部分整改 amber, 无法整改 grey. */
const OUTCOME_COLORS: Record<string, string> = { rectified: GREEN, partly_rectified: ORANGE, not_rectifiable: GREY };
const PIE_COLORS = ['#8c8c8c', '#1677ff', '#13c2c2', '#2f54eb', '#722ed1', '#52c41a', '#fa8c16', '#bfbfbf', '#eb2f96', '#d9d9d9'];

const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** Rows of a count chart; `whole` is the share's denominator when the server sent only the top of the list. */
function toRows(counts: readonly Count[], name: (c: Count) => string, sortDesc: boolean, limit?: number, whole?: number): Row[] {
  const total = whole ?? counts.reduce((s, c) => s + c.n, 0);
  const rows = counts.map((c) => ({ key: c.key, name: name(c), n: c.n, share: total > 0 ? c.n / total : null }));
  if (sortDesc) rows.sort((a, b) => b.n - a.n);
  return limit === undefined ? rows : rows.slice(0, limit);
}

/** A small ring without legend or labels (the figures stand beside it). */
function miniPieOption(rows: readonly Row[], colors: readonly string[]): EChartOption {
  return {
    color: [...colors],
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    series: [{ type: 'pie', radius: ['45%', '85%'], label: { show: false }, data: rows.map((r) => ({ name: r.name, value: r.n })) }],
  };
}

/**
 * The 按状态 ring. Names and counts sit outside the slices with room to the left and right (the ring is centred and
 * the legend, with counts, is underneath), so no label is cut; on a narrow chart (under 420 px) the labels give way
 * to the legend alone.
 */
function pieOption(rows: readonly Row[]): EChartOption {
  const counts = new Map(rows.map((r) => [r.name, r.n]));
  return {
    baseOption: {
      color: PIE_COLORS,
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
      legend: {
        type: 'plain',
        orient: 'horizontal',
        bottom: 0,
        left: 'center',
        itemWidth: 12,
        itemHeight: 10,
        formatter: (name: string) => `${name} ${counts.get(name) ?? ''}`,
      },
      series: [
        {
          type: 'pie',
          radius: ['32%', '56%'],
          center: ['50%', '45%'],
          avoidLabelOverlap: true,
          minShowLabelAngle: 3,
          label: { show: true, formatter: '{b}\n{c}', overflow: 'none', lineHeight: 15 },
          labelLine: { show: true, length: 8, length2: 10 },
          labelLayout: { hideOverlap: true },
          data: rows.map((r) => ({ name: r.name, value: r.n })),
        },
      ],
    },
    media: [
      {
        query: { maxWidth: 420 },
        option: {
          series: [{ radius: ['38%', '66%'], center: ['50%', '42%'], label: { show: false }, labelLine: { show: false } }],
        },
      },
    ],
  };
}

/** Horizontal bars, biggest on top; long names are cut to fit. */
function hBarOption(rows: readonly Row[], color: string): EChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 36, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.name),
      axisTick: { show: false },
      axisLabel: { interval: 0, width: 120, overflow: 'truncate' },
    },
    series: [{ type: 'bar', data: rows.map((r) => r.n), itemStyle: { color }, barMaxWidth: 18, label: { show: true, position: 'right' } }],
  };
}

function lineOption(t: TFunction, months: readonly Month[]): EChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', boundaryGap: false, data: months.map((m) => m.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'line', name: t('dashboard.created'), data: months.map((m) => m.created), itemStyle: { color: BLUE }, symbolSize: 6 },
      { type: 'line', name: t('dashboard.closedMonthly'), data: months.map((m) => m.closed), itemStyle: { color: GREEN }, symbolSize: 6 },
    ],
  };
}

/** A chart card with a 图表 / 表格 switch in its header: the same numbers as a chart or as a plain table. */
function ChartCard({ title, chart, table, empty }: { title: string; chart: ReactNode; table: ReactNode; empty?: ReactNode }) {
  const t = useT();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <Card
      size="small"
      title={title}
      style={{ height: '100%' }}
      extra={
        !empty && (
          <Segmented<'chart' | 'table'>
            size="small"
            value={view}
            onChange={setView}
            options={[
              { value: 'chart', icon: <BarChartOutlined />, label: t('dashboard.view.chart') },
              { value: 'table', icon: <TableOutlined />, label: t('dashboard.view.table') },
            ]}
          />
        )
      }
    >
      {empty ?? (view === 'chart' ? chart : table)}
    </Card>
  );
}

/** The figures of a count chart as a table; a row opens the filtered list like the chart does. */
function CountTable({ rows, onOpen }: { rows: readonly Row[]; onOpen?: (row: Row) => void }) {
  const t = useT();
  const columns: ColumnsType<Row> = [
    { title: t('dashboard.col.name'), dataIndex: 'name', key: 'name', ellipsis: true },
    { title: t('dashboard.col.count'), dataIndex: 'n', key: 'n', width: 90, align: 'right' },
    { title: t('dashboard.col.share'), dataIndex: 'share', key: 'share', width: 90, align: 'right', render: (v: number | null) => pct(v) },
  ];
  return (
    <Table<Row>
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={[...rows]}
      pagination={false}
      scroll={{ y: CHART_HEIGHT - 40 }}
      locale={{ emptyText: t('common.empty') }}
      onRow={(r) => (onOpen ? { onClick: () => onOpen(r), style: { cursor: 'pointer' } } : {})}
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>{t('dashboard.col.sum')}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <Typography.Text strong>{rows.reduce((s, r) => s + r.n, 0)}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <Typography.Text strong>
                {pct(rows.some((r) => r.share !== null) ? rows.reduce((s, r) => s + (r.share ?? 0), 0) : null)}
              </Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}

function MonthlyTable({ months }: { months: readonly Month[] }) {
  const t = useT();
  const columns: ColumnsType<Month> = [
    { title: t('dashboard.col.month'), dataIndex: 'month', key: 'month' },
    { title: t('dashboard.created'), dataIndex: 'created', key: 'created', width: 100, align: 'right' },
    { title: t('dashboard.closedMonthly'), dataIndex: 'closed', key: 'closed', width: 100, align: 'right' },
  ];
  return (
    <Table<Month>
      rowKey="month"
      size="small"
      columns={columns}
      dataSource={[...months]}
      pagination={false}
      scroll={{ y: CHART_HEIGHT - 40 }}
      locale={{ emptyText: t('common.empty') }}
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>{t('dashboard.col.sum')}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <Typography.Text strong>{months.reduce((s, m) => s + m.created, 0)}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <Typography.Text strong>{months.reduce((s, m) => s + m.closed, 0)}</Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}

function Headline({ label, value, color, hint }: { label: MessageKey; value: number | string; color?: string; hint?: MessageKey }) {
  const t = useT();
  return (
    <Col flex="1 1 150px">
      <Card size="small" style={{ height: '100%' }}>
        <Statistic
          title={
            <Space size={4}>
              {t(label)}
              {hint && (
                <Tooltip title={t(hint)}>
                  <QuestionCircleOutlined />
                </Tooltip>
              )}
            </Space>
          }
          value={value}
          styles={color ? { content: { color } } : undefined}
        />
      </Card>
    </Col>
  );
}

/** 销号结论: how the closed items were closed (整改到位 / 部分整改 / 无法整改), a small pie beside the figures. */
function OutcomeCard({ rows, option }: { rows: readonly Row[]; option: EChartOption }) {
  const t = useT();
  const closed = rows.reduce((s, r) => s + r.n, 0);
  return (
    <Card size="small" title={t('dashboard.byOutcome')} style={{ height: '100%' }} styles={{ body: { padding: '4px 12px' } }}>
      {closed === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noClosed')} style={{ margin: '8px 0' }} />
      ) : (
        <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
          <div style={{ flex: '0 0 150px' }}>
            <EChart option={option} height={130} />
          </div>
          <Space orientation="vertical" size={2} style={{ flex: 1 }}>
            {rows.map((r) => (
              <Space key={r.key} size={8}>
                <span
                  style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2, background: OUTCOME_COLORS[r.key] ?? GREY }}
                />
                <span>{r.name}</span>
                <Typography.Text strong>{r.n}</Typography.Text>
                <Typography.Text type="secondary">{pct(r.share)}</Typography.Text>
              </Space>
            ))}
          </Space>
        </div>
      )}
    </Card>
  );
}

/** The dashboard's shape while its first figures load: headline cards and chart cards. */
function DashboardSkeleton() {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="page-skeleton">
      <Row gutter={[12, 12]}>
        {[0, 1, 2, 3, 4, 5, 6].map((i) => (
          <Col key={i} flex="1 1 150px">
            <Card size="small">
              <Skeleton active title={false} paragraph={{ rows: 2 }} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        {[0, 1].map((i) => (
          <Col key={i} xs={24} xl={12}>
            <Card size="small">
              <Skeleton.Node active style={{ width: '100%', height: CHART_HEIGHT - 60 }} />
            </Card>
          </Col>
        ))}
      </Row>
    </Space>
  );
}

/** 台账统计: headline figures and charts of the items in scope, narrowed to an org subtree; a bar or slice opens the matching list. */
export default function DashboardPage() {
  const t = useT();
  const navigate = useNavigate();
  const { orgs } = useOrgs();
  const [searchParams, setSearchParams] = useSearchParams();
  const orgParam = Number(searchParams.get('orgId'));
  const orgId = Number.isInteger(orgParam) && orgParam > 0 ? orgParam : undefined;
  const { data: stats, loading, failed, reload: load } = useApiGet<TLedgerStats>('/api/ledger/stats', { orgId });

  const setOrgId = (id: number | undefined) => {
    setSearchParams(id ? { orgId: String(id) } : {}, { replace: true });
  };

  /** Opens the ledger list with these filters, within the dashboard's org unless the filter names its own. */
  const openList = useCallback(
    (filters: Record<string, string>) => {
      const params = new URLSearchParams(filters);
      if (orgId && !params.has('orgId')) params.set('orgId', String(orgId));
      void navigate(`/ledger?${params.toString()}`);
    },
    [navigate, orgId],
  );

  const rows = useMemo(() => {
    if (!stats) return null;
    return {
      status: toRows(stats.byStatus, (c) => statusLabel(t, c.key), false),
      category: toRows(stats.byCategory, (c) => categoryLabel(t, c.key as ItemCategory), true),
      source: toRows(stats.bySource, (c) => sourceLabel(t, c.key as ItemSource), true),
      org: toRows(stats.byOrg, (c) => c.label, true, TOP),
      // redByOrg holds only the server's top 20, so shares are of all red items.
      red: toRows(stats.redByOrg, (c) => c.label, true, TOP, stats.red),
      outcome: toRows(stats.byOutcome, (c) => t(`dashboard.outcome.${c.key}` as MessageKey), false),
    };
  }, [stats, t]);

  const options = useMemo(() => {
    if (!rows || !stats) return null;
    return {
      status: pieOption(rows.status),
      category: hBarOption(rows.category, BLUE),
      source: hBarOption(rows.source, BLUE),
      org: hBarOption(rows.org, BLUE),
      red: hBarOption(rows.red, RED),
      outcome: miniPieOption(
        rows.outcome,
        rows.outcome.map((r) => OUTCOME_COLORS[r.key] ?? GREY),
      ),
      monthly: lineOption(t, stats.monthly),
    };
  }, [rows, stats, t]);

  const orgName = orgId ? orgs.find((o) => o.id === orgId)?.name : undefined;

  const header = (
    <Space wrap>
      <OrgTreeSelect
        allowClear
        value={orgId}
        onChange={setOrgId}
        placeholder={t('dashboard.orgFilter')}
        onlyActive={false}
        style={{ width: 260 }}
      />
      <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading && stats !== null}>
        {t('common.refresh')}
      </Button>
    </Space>
  );

  if (!stats || !rows || !options) {
    return (
      <Card title={t('dashboard.title')} extra={header}>
        {failed ? <Result status="warning" subTitle={t('dashboard.loadFailed')} /> : <DashboardSkeleton />}
      </Card>
    );
  }

  const open =
    (rowsOf: readonly Row[], param: 'status' | 'category' | 'source' | 'orgId', extra?: Record<string, string>) => (e: EChartClick) => {
      const row = rowsOf[e.dataIndex];
      if (row) openList({ ...extra, [param]: row.key });
    };
  const chartCard = (
    title: MessageKey,
    rowsOf: readonly Row[],
    option: EChartOption,
    param: 'status' | 'category' | 'source' | 'orgId',
    extra?: Record<string, string>,
    emptyText?: MessageKey,
  ) => (
    <ChartCard
      title={t(title)}
      empty={
        rowsOf.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t(emptyText ?? 'common.empty')}
            style={{ height: CHART_HEIGHT - 40, paddingTop: 80 }}
          />
        ) : undefined
      }
      chart={<EChart option={option} height={CHART_HEIGHT} onClick={open(rowsOf, param, extra)} />}
      table={<CountTable rows={rowsOf} onOpen={(r) => openList({ ...extra, [param]: r.key })} />}
    />
  );

  return (
    <Card title={t('dashboard.title')} extra={header}>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {orgName ? t('dashboard.scopeHint', { org: orgName }) : t('dashboard.scopeAll')} · {t('dashboard.clickHint')}
        </Typography.Text>
        <Row gutter={[12, 12]}>
          <Headline label="dashboard.total" value={stats.total} />
          <Headline label="dashboard.open" value={stats.open} />
          <Headline label="dashboard.closed" value={stats.closed} color={GREEN} />
          <Headline label="dashboard.red" value={stats.red} color={RED} />
          <Headline label="dashboard.closureRate" value={pct(stats.closureRate)} hint="dashboard.closureRateHint" />
          <Headline label="dashboard.onTimeClosureRate" value={pct(stats.onTimeClosureRate)} hint="dashboard.onTimeClosureRateHint" />
          <Headline label="dashboard.reboundRate" value={pct(stats.reboundRate)} hint="dashboard.reboundRateHint" />
        </Row>
        <Row gutter={[12, 12]}>
          <Headline label="dashboard.rectifiedRate" value={pct(stats.rectifiedRate)} color={GREEN} hint="dashboard.rectifiedRateHint" />
          <Headline label="dashboard.urgeTotal" value={stats.urgeTotal} hint="dashboard.urgeTotalHint" />
          <Headline
            label="dashboard.urgedItems"
            value={stats.urgedItems}
            color={stats.urgedItems > 0 ? ORANGE : undefined}
            hint="dashboard.urgedItemsHint"
          />
          <Col flex="3 1 450px">
            <OutcomeCard rows={rows.outcome} option={options.outcome} />
          </Col>
        </Row>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            {chartCard('dashboard.byStatus', rows.status, options.status, 'status')}
          </Col>
          <Col xs={24} xl={12}>
            <ChartCard
              title={t('dashboard.monthly')}
              empty={
                stats.monthly.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} /> : undefined
              }
              chart={<EChart option={options.monthly} height={CHART_HEIGHT} />}
              table={<MonthlyTable months={stats.monthly} />}
            />
          </Col>
          <Col xs={24} xl={12}>
            {chartCard('dashboard.byCategory', rows.category, options.category, 'category')}
          </Col>
          <Col xs={24} xl={12}>
            {chartCard('dashboard.bySource', rows.source, options.source, 'source')}
          </Col>
          <Col xs={24} xl={12}>
            {chartCard('dashboard.byOrg', rows.org, options.org, 'orgId')}
          </Col>
          <Col xs={24} xl={12}>
            {chartCard('dashboard.redByOrg', rows.red, options.red, 'orgId', { light: 'red' }, 'dashboard.noRed')}
          </Col>
        </Row>
      </Space>
    </Card>
  );
}
