import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, InputNumber, Popconfirm, Row, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  CheckCircleFilled,
  DownloadOutlined,
  PaperClipOutlined,
  SaveOutlined,
  UndoOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, ApiError } from '../../api/client';
import type { ValuesImportResult, InputKind, PutInputsRequest, PutValuesRequest, SavedCount, TValueGrid, ValueCell } from '../../api/types';
import { useAuth } from '../../app/auth';
import { useApiError } from '../../app/useApiError';
import { useT } from '../../i18n';
import { SchemePicker } from './SchemePicker';
import { FigureCard } from './FigureCard';
import { TrendCard } from './TrendCard';
import { ImportModal } from '../../app/components/ImportModal';
import { fmt, VisibilityTag } from './labels';
import { useSchemeChoice } from './useAssessment';

type GridOrg = TValueGrid['orgs'][number];

const INPUT_KINDS: readonly InputKind[] = ['third_party', 'satisfaction'];
const CHANGED_BG = '#e6f4ff';
const DISPUTED_BG = '#fff7e6';
const ERROR_BG = '#fff1f0';

const valueKey = (orgId: number, indicatorId: number) => `v:${orgId}:${indicatorId}`;
const inputKey = (kind: InputKind, orgId: number) => `i:${kind}:${orgId}`;

/** One editable cell: highlighted when changed, orange when disputed, red when the server refused it. */
function GridCell({
  value,
  original,
  changed,
  disputed,
  error,
  info,
  marks,
  editable,
  label,
  min,
  max,
  onChange,
  onFocus,
}: {
  /** Small signs inside the cell: 已核实, 有佐证. */
  marks?: React.ReactNode;
  value: number | null;
  original: number | null;
  changed: boolean;
  disputed: boolean;
  error: string | null;
  info: string | null;
  editable: boolean;
  label: string;
  min?: number;
  max?: number;
  onChange: (v: number | null) => void;
  onFocus?: () => void;
}) {
  const t = useT();
  const tips = [
    error,
    disputed ? t('asm.values.disputed') : null,
    changed ? t('asm.fmt.paren', { text: t('asm.values.changed'), inner: `${fmt(original, 6)} → ${fmt(value, 6)}` }) : null,
    info,
  ].filter(Boolean);
  const background = error ? ERROR_BG : changed ? CHANGED_BG : disputed ? DISPUTED_BG : undefined;
  const content = editable ? (
    <InputNumber<number>
      size="small"
      value={value}
      min={min}
      max={max}
      aria-label={label}
      status={error ? 'error' : disputed && !changed ? 'warning' : undefined}
      style={{ width: '100%', background, fontWeight: changed ? 600 : undefined }}
      onChange={(v) => onChange(v ?? null)}
      onFocus={onFocus}
      data-changed={changed ? 'true' : undefined}
      suffix={marks}
    />
  ) : (
    <div
      style={{ textAlign: 'right', padding: '1px 6px', background, border: disputed ? '1px solid #fa8c16' : undefined, borderRadius: 4 }}
      onClick={onFocus}
    >
      {fmt(value, 6)}
      {marks && <span style={{ marginLeft: 4 }}>{marks}</span>}
    </div>
  );
  return tips.length ? (
    <Tooltip
      title={tips.map((s, i) => (
        <div key={i}>{s}</div>
      ))}
    >
      {content}
    </Tooltip>
  ) : (
    content
  );
}

/** 数据填报: units × indicators of a scheme's year, edited in place and saved at once; 第三方评估 and 群众满意度 beside; a trend chart below. */
export default function ValuesPage() {
  const t = useT();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const { can } = useAuth();
  const canEnter = can('assessment.enter');
  const canManage = can('assessment.manage');
  const choice = useSchemeChoice();
  const { scheme } = choice;
  const schemeId = scheme?.id;
  const year = scheme?.year;
  const [importOpen, setImportOpen] = useState(false);
  const [grid, setGrid] = useState<TValueGrid | null>(null);
  const [loading, setLoading] = useState(false);
  const [saving, setSaving] = useState(false);
  const [edits, setEdits] = useState<Map<string, number | null>>(new Map());
  const [cellError, setCellError] = useState<{ key: string; message: string } | null>(null);
  const [trendPick, setTrendPick] = useState<{ orgId: number | undefined; indicatorId: number | undefined }>({
    orgId: undefined,
    indicatorId: undefined,
  });

  const load = useCallback(async () => {
    if (schemeId === undefined || year === undefined) {
      setGrid(null);
      return;
    }
    setLoading(true);
    try {
      const g = await api.get<TValueGrid>('/api/assessment/values', { year, schemeId });
      setGrid(g);
      setTrendPick((p) => ({
        orgId: p.orgId !== undefined && g.orgs.some((o) => o.id === p.orgId) ? p.orgId : g.orgs[0]?.id,
        indicatorId: p.indicatorId !== undefined && g.indicators.some((i) => i.id === p.indicatorId) ? p.indicatorId : g.indicators[0]?.id,
      }));
    } catch (error) {
      setGrid(null);
      showError(error);
    } finally {
      setLoading(false);
    }
  }, [schemeId, year, showError]);
  useEffect(() => {
    setEdits(new Map());
    setCellError(null);
    void load();
  }, [load]);

  const cells = useMemo(() => new Map((grid?.cells ?? []).map((c) => [valueKey(c.orgId, c.indicatorId), c])), [grid]);
  const inputs = useMemo(() => new Map((grid?.inputs ?? []).map((i) => [inputKey(i.kind, i.orgId), i.score])), [grid]);
  const originalOf = useCallback(
    (key: string): number | null => (key.startsWith('v:') ? (cells.get(key)?.value ?? null) : (inputs.get(key) ?? null)),
    [cells, inputs],
  );

  const setCell = (key: string, v: number | null) => {
    setEdits((prev) => {
      const next = new Map(prev);
      if (v === originalOf(key)) next.delete(key);
      else next.set(key, v);
      return next;
    });
    if (cellError?.key === key) setCellError(null);
  };
  const valueOf = (key: string) => (edits.has(key) ? (edits.get(key) ?? null) : originalOf(key));

  const confirmLeave = (go: () => void) => {
    if (edits.size === 0) return go();
    modal.confirm({
      title: t('common.confirmTitle'),
      content: t('asm.values.leaveConfirm', { n: edits.size }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: go,
    });
  };

  /** Marks the cell a refused save names (values.3.orgId → the fourth cell sent). */
  const markRefused = (error: unknown, sentKeys: string[], prefix: 'values' | 'scores') => {
    if (!(error instanceof ApiError) || !error.field) return;
    const m = new RegExp(`^${prefix}\\.(\\d+)`).exec(error.field);
    const key = m ? sentKeys[Number(m[1])] : undefined;
    if (key) setCellError({ key, message: error.message });
  };

  const save = async () => {
    if (!grid || year === undefined) return;
    if (edits.size === 0) {
      void message.info(t('asm.values.noChanges'));
      return;
    }
    setSaving(true);
    setCellError(null);
    let saved = 0;
    let cleared = 0;
    const done: string[] = [];
    try {
      const valueKeys = [...edits.keys()].filter((k) => k.startsWith('v:'));
      if (valueKeys.length) {
        const body: PutValuesRequest = {
          year,
          values: valueKeys.map((k) => {
            const [, orgId, indicatorId] = k.split(':');
            return { orgId: Number(orgId), indicatorId: Number(indicatorId), value: edits.get(k) ?? null };
          }),
        };
        try {
          const r = await api.put<SavedCount>('/api/assessment/values', body);
          saved += r.saved;
          cleared += r.cleared;
          done.push(...valueKeys);
        } catch (error) {
          markRefused(error, valueKeys, 'values');
          throw error;
        }
      }
      for (const kind of INPUT_KINDS) {
        const keys = [...edits.keys()].filter((k) => k.startsWith(`i:${kind}:`));
        if (!keys.length) continue;
        const body: PutInputsRequest = {
          year,
          kind,
          scores: keys.map((k) => ({ orgId: Number(k.split(':')[2]), score: edits.get(k) ?? null })),
        };
        try {
          const r = await api.put<SavedCount>('/api/assessment/inputs', body);
          saved += r.saved;
          cleared += r.cleared;
          done.push(...keys);
        } catch (error) {
          markRefused(error, keys, 'scores');
          throw error;
        }
      }
      void message.success(t('asm.values.saved', { saved, cleared }));
    } catch (error) {
      showError(error);
    } finally {
      // What the server took is no longer an edit; the rest stays for another try.
      if (done.length) {
        setEdits((prev) => {
          const next = new Map(prev);
          for (const k of done) next.delete(k);
          return next;
        });
        await load();
      }
      setSaving(false);
    }
  };

  const cellInfo = (c: ValueCell | undefined) =>
    c
      ? t('asm.values.cellInfo', {
          source: c.source || t('asm.values.unknown'),
          by: c.enteredByName ?? t('asm.values.unknown'),
          time: dayjs(c.updatedAt).format('YYYY-MM-DD HH:mm'),
        }) +
        (c.verification === 'verified' ? `${t('asm.fmt.groupSep')}${t('asm.values.verified')}` : '') +
        (c.evidence ? `${t('asm.fmt.groupSep')}${t('asm.values.hasEvidence', { name: c.evidence.fileName })}` : '')
      : null;
  const cellMarks = (c: ValueCell | undefined) =>
    c && (c.verification === 'verified' || c.evidence) ? (
      <span style={{ fontSize: 11, whiteSpace: 'nowrap' }}>
        {c.verification === 'verified' && <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={t('asm.values.legendVerified')} />}
        {c.evidence && <PaperClipOutlined style={{ color: '#595959', marginLeft: 2 }} aria-label={t('asm.values.legendEvidence')} />}
      </span>
    ) : undefined;
  /** A figure saved from the detail card replaces its cell, without reading the grid again. */
  const replaceCell = (cell: ValueCell) =>
    setGrid((g) =>
      g ? { ...g, cells: g.cells.map((c) => (c.orgId === cell.orgId && c.indicatorId === cell.indicatorId ? cell : c)) } : g,
    );

  const columns: ColumnsType<GridOrg> = [
    {
      title: t('asm.org'),
      dataIndex: 'name',
      fixed: 'left',
      width: 140,
      render: (name: string, o) => (
        <Typography.Link onClick={() => setTrendPick((p) => ({ ...p, orgId: o.id }))} style={{ whiteSpace: 'nowrap' }}>
          {name}
        </Typography.Link>
      ),
    },
    ...(grid?.indicators ?? []).map((ind) => ({
      key: `ind-${ind.id}`,
      width: 140,
      title: (
        <div style={{ lineHeight: 1.3 }}>
          <Tooltip title={`${ind.code}${ind.dataSource ? ` · ${ind.dataSource}` : ''}`}>
            <div style={{ whiteSpace: 'normal' }}>{ind.name}</div>
          </Tooltip>
          <div style={{ marginTop: 4, whiteSpace: 'nowrap', fontWeight: 400 }}>
            <VisibilityTag visibility={ind.visibility} lagYears={ind.lagYears} />
            <Tooltip
              title={t('asm.fmt.labelValue', {
                label: t(`asm.direction.${ind.direction}`),
                value: t(`asm.directionHint.${ind.direction}`),
              })}
            >
              {ind.direction === 'higher_better' ? (
                <ArrowUpOutlined style={{ color: '#389e0d', margin: '0 4px' }} />
              ) : (
                <ArrowDownOutlined style={{ color: '#d46b08', margin: '0 4px' }} />
              )}
            </Tooltip>
            {ind.unit && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {ind.unit}
              </Typography.Text>
            )}
          </div>
        </div>
      ),
      render: (_: unknown, o: GridOrg) => {
        const key = valueKey(o.id, ind.id);
        const c = cells.get(key);
        return (
          <GridCell
            value={valueOf(key)}
            original={originalOf(key)}
            changed={edits.has(key)}
            disputed={c?.verification === 'disputed'}
            error={cellError?.key === key ? cellError.message : null}
            info={cellInfo(c)}
            marks={cellMarks(c)}
            editable={canEnter}
            label={`${o.name} ${ind.name}`}
            onChange={(v) => setCell(key, v)}
            onFocus={() => setTrendPick({ orgId: o.id, indicatorId: ind.id })}
          />
        );
      },
    })),
    ...INPUT_KINDS.map((kind) => ({
      key: `input-${kind}`,
      width: 120,
      title: (
        <Tooltip title={canManage ? t('asm.values.scoreRange') : t('asm.values.inputsManageOnly')}>
          <div style={{ whiteSpace: 'normal', color: '#531dab' }}>
            {kind === 'third_party' ? t('asm.thirdParty') : t('asm.satisfaction')}
          </div>
        </Tooltip>
      ),
      render: (_: unknown, o: GridOrg) => {
        const key = inputKey(kind, o.id);
        return (
          <GridCell
            value={valueOf(key)}
            original={originalOf(key)}
            changed={edits.has(key)}
            disputed={false}
            error={cellError?.key === key ? cellError.message : null}
            info={null}
            editable={canManage}
            min={0}
            max={100}
            label={`${o.name} ${kind === 'third_party' ? t('asm.thirdParty') : t('asm.satisfaction')}`}
            onChange={(v) => setCell(key, v)}
          />
        );
      },
    })),
  ];

  const legend = (
    <Space size="middle" wrap style={{ fontSize: 12 }}>
      <Space size={4}>
        <span style={{ display: 'inline-block', width: 12, height: 12, background: CHANGED_BG, border: '1px solid #1677ff' }} />
        {t('asm.values.legendChanged')}
      </Space>
      <Space size={4}>
        <span style={{ display: 'inline-block', width: 12, height: 12, background: DISPUTED_BG, border: '1px solid #fa8c16' }} />
        {t('asm.values.legendDisputed')}
      </Space>
      <Space size={4}>
        <span style={{ display: 'inline-block', width: 12, height: 12, background: ERROR_BG, border: '1px solid #ff4d4f' }} />
        {t('asm.values.legendError')}
      </Space>
      <Space size={4}>
        <CheckCircleFilled style={{ color: '#389e0d' }} />
        {t('asm.values.legendVerified')}
      </Space>
      <Space size={4}>
        <PaperClipOutlined />
        {t('asm.values.legendEvidence')}
      </Space>
    </Space>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('asm.values.title')} extra={<SchemePicker choice={choice} onBeforeChange={confirmLeave} />}>
        {!choice.loading && !scheme ? (
          <Empty description={t('asm.noSchemes')} />
        ) : (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {!canEnter && <Alert type="info" showIcon title={t('asm.values.readOnly')} />}
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 8 }}>
              {legend}
              {canEnter && (
                <Space wrap>
                  {scheme && (
                    <a href={`/api/assessment/values/template.xlsx?year=${scheme.year}&schemeId=${scheme.id}`} download>
                      <Button icon={<DownloadOutlined />}>{t('asm.values.template')}</Button>
                    </a>
                  )}
                  <Button icon={<UploadOutlined />} disabled={!scheme} onClick={() => setImportOpen(true)}>
                    {t('asm.values.import')}
                  </Button>
                  <Popconfirm
                    title={t('asm.values.discardConfirm', { n: edits.size })}
                    onConfirm={() => setEdits(new Map())}
                    disabled={edits.size === 0}
                    okText={t('common.ok')}
                    cancelText={t('common.cancel')}
                  >
                    <Button icon={<UndoOutlined />} disabled={edits.size === 0}>
                      {t('asm.values.discard')}
                    </Button>
                  </Popconfirm>
                  <Button type="primary" icon={<SaveOutlined />} loading={saving} disabled={edits.size === 0} onClick={() => void save()}>
                    {edits.size ? t('asm.values.saveN', { n: edits.size }) : t('asm.values.save')}
                  </Button>
                </Space>
              )}
            </div>
            <Table<GridOrg>
              rowKey="id"
              size="small"
              bordered
              loading={loading}
              columns={columns}
              dataSource={grid?.orgs ?? []}
              pagination={false}
              locale={grid && grid.orgs.length === 0 ? { emptyText: t('asm.values.noOrgs') } : undefined}
              scroll={{ x: 'max-content', y: 560 }}
            />
          </Space>
        )}
      </Card>
      {grid && grid.orgs.length > 0 && year !== undefined && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <TrendCard
              orgs={grid.orgs}
              indicators={grid.indicators}
              orgId={trendPick.orgId}
              indicatorId={trendPick.indicatorId}
              reloadKey={grid}
              onPick={(orgId, indicatorId) => setTrendPick({ orgId, indicatorId })}
            />
          </Col>
          <Col xs={24} xl={10}>
            <FigureCard
              year={year}
              orgName={grid.orgs.find((o) => o.id === trendPick.orgId)?.name}
              indicator={grid.indicators.find((i) => i.id === trendPick.indicatorId)}
              cell={
                trendPick.orgId !== undefined && trendPick.indicatorId !== undefined
                  ? cells.get(valueKey(trendPick.orgId, trendPick.indicatorId))
                  : undefined
              }
              canEnter={canEnter}
              canManage={canManage}
              onChanged={replaceCell}
            />
          </Col>
        </Row>
      )}
      {scheme && (
        <ImportModal<ValuesImportResult>
          open={importOpen}
          onClose={() => setImportOpen(false)}
          onImported={() => void load()}
          importUrl={`/api/assessment/values/import?year=${scheme.year}&schemeId=${scheme.id}`}
          templateUrl={`/api/assessment/values/template.xlsx?year=${scheme.year}&schemeId=${scheme.id}`}
          title={t('asm.values.importTitle', { year: scheme.year })}
          describe={(r) => ({ title: t('asm.values.imported', { rows: r.rows, values: r.values }) })}
        />
      )}
    </Space>
  );
}
