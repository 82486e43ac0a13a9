import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Popconfirm, Row, Space, Table, Tabs, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import type { ResultUse, SchemeResults, TOrgResult } from '../../api/types';
import { useAuth } from '../../app/auth';
import { useApiError } from '../../app/useApiError';
import { useApiGet } from '../../app/useApiGet';
import { ListToolbar } from '../../app/components/ListToolbar';
import { useColumnSettings } from '../../app/components/useColumnSettings';
import { tableLoading } from '../../app/components/tableLoading';
import { useLocale, useT } from '../../i18n';
import { ResultDrawer } from './ResultDrawer';
import { SchemePicker } from './SchemePicker';
import { WhatIfPanel } from './WhatIfPanel';
import { fmt, GradeTag, pct, zoneLabel } from './labels';
import { useSchemeChoice } from './useAssessment';

const VISIBLE_COLOR = '#3f6fb5';
const LATENT_COLOR = '#722ed1';

/** 显绩 / 潜绩 points with a small bar: the purple part is the latent share. */
function VisibleLatent({ r }: { r: TOrgResult }) {
  const t = useT();
  const share = Math.max(0, Math.min(1, r.latentShare));
  return (
    <Tooltip title={t('asm.rank.latentShareHint', { visible: fmt(r.visibleScore), latent: fmt(r.latentScore) })}>
      <div style={{ minWidth: 150 }}>
        <Space size={4}>
          <Typography.Text style={{ color: VISIBLE_COLOR }}>{fmt(r.visibleScore)}</Typography.Text>
          <Typography.Text type="secondary">/</Typography.Text>
          <Typography.Text style={{ color: LATENT_COLOR }}>{fmt(r.latentScore)}</Typography.Text>
        </Space>
        <div
          style={{ display: 'flex', height: 6, borderRadius: 3, overflow: 'hidden', background: '#f0f0f0', margin: '2px 0' }}
          aria-label={t('asm.rank.latentShare', { share: pct(share) })}
        >
          <div style={{ width: `${(1 - share) * 100}%`, background: VISIBLE_COLOR, opacity: 0.35 }} />
          <div style={{ width: `${share * 100}%`, background: LATENT_COLOR }} />
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('asm.rank.latentShare', { share: pct(share) })}
        </Typography.Text>
      </div>
    </Tooltip>
  );
}

/** 结果运用: 优先使用 and 约谈 lists of a year, with their reasons. */
function ResultUsePanel({ year }: { year: number }) {
  const t = useT();
  const { locale } = useLocale();
  // locale: the reasons are written by the server in the caller's language.
  const { data, loading } = useApiGet<ResultUse>('/api/assessment/result-use', { year }, locale);
  type Entry = ResultUse['priorityUse'][number];
  const columns: ColumnsType<Entry> = [
    { title: t('asm.org'), dataIndex: 'name', width: 160 },
    { title: t('asm.zone'), dataIndex: 'zone', width: 110, render: (z: string) => zoneLabel(t, z) },
    { title: t('asm.use.reason'), dataIndex: ['reason', 'text'] },
  ];
  const list = (title: string, rows: Entry[] | undefined, type: 'success' | 'danger') => (
    <Card
      size="small"
      title={<Typography.Text type={type}>{t('asm.fmt.paren', { text: title, inner: rows?.length ?? 0 })}</Typography.Text>}
    >
      <Table<Entry>
        rowKey="orgId"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={rows ?? []}
        pagination={false}
        locale={{ emptyText: t('asm.use.none') }}
      />
    </Card>
  );
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('asm.use.intro', { year })} />
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          {list(t('asm.use.priority'), data?.priorityUse, 'success')}
        </Col>
        <Col xs={24} xl={12}>
          {list(t('asm.use.admonition'), data?.admonition, 'danger')}
        </Col>
      </Row>
    </Space>
  );
}

/** 考核排名: a scheme's ranking with the breakdown of every unit, what-if weights and 结果运用. */
export default function RankingPage() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const { can } = useAuth();
  const canManage = can('assessment.manage');
  const choice = useSchemeChoice({ preferComputed: true });
  const { scheme } = choice;
  const schemeId = scheme?.id;
  const [data, setData] = useState<SchemeResults | null>(null);
  const [loading, setLoading] = useState(false);
  const [computing, setComputing] = useState(false);
  const [detail, setDetail] = useState<TOrgResult | null>(null);
  const [tab, setTab] = useState('ranking');
  const { locale } = useLocale();

  const load = useCallback(async () => {
    if (schemeId === undefined) {
      setData(null);
      return;
    }
    setLoading(true);
    try {
      setData(await api.get<SchemeResults>(`/api/assessment/schemes/${schemeId}/results`));
    } catch (error) {
      setData(null);
      showError(error);
    } finally {
      setLoading(false);
    }
    // locale: the explanations are written by the server in the caller's language.
  }, [schemeId, locale, showError]);
  useEffect(() => {
    void load();
  }, [load]);

  const compute = async () => {
    if (schemeId === undefined) return;
    setComputing(true);
    try {
      const result = await api.post<SchemeResults>(`/api/assessment/schemes/${schemeId}/compute`);
      setData(result);
      void message.success(t('asm.rank.computed', { n: result.results.length }));
      void choice.reload();
    } catch (error) {
      showError(error);
    } finally {
      setComputing(false);
    }
  };

  const results = data && data.scheme.id === schemeId ? [...data.results].sort((a, b) => a.rank - b.rank) : [];
  const isCurrent = scheme?.status === 'current';
  const computeButton = canManage && isCurrent && (
    <Popconfirm
      title={t('asm.rank.computeConfirm')}
      onConfirm={() => void compute()}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
    >
      <Button type={results.length ? 'default' : 'primary'} icon={<ReloadOutlined />} loading={computing}>
        {results.length ? t('asm.rank.compute') : t('asm.rank.computeFirst')}
      </Button>
    </Popconfirm>
  );

  const columns: ColumnsType<TOrgResult> = [
    {
      title: t('asm.rank.rank'),
      dataIndex: 'rank',
      width: 80,
      align: 'center',
      render: (rank: number) => (
        <Typography.Text strong style={{ fontSize: 16, color: rank <= 3 ? '#b71c1c' : undefined }}>
          {rank}
        </Typography.Text>
      ),
    },
    { title: t('asm.org'), dataIndex: 'name', render: (name: string) => <Typography.Link>{name}</Typography.Link> },
    {
      title: t('asm.rank.total'),
      dataIndex: 'total',
      align: 'right',
      width: 110,
      render: (v: number) => <Typography.Text strong>{fmt(v)}</Typography.Text>,
    },
    {
      title: t('asm.rank.grade'),
      dataIndex: 'grade',
      align: 'center',
      width: 90,
      render: (g: TOrgResult['grade']) => <GradeTag grade={g} />,
    },
    { title: t('asm.rank.visibleLatent'), key: 'vl', width: 200, render: (_, r) => <VisibleLatent r={r} /> },
    {
      title: t('asm.rank.deductions'),
      dataIndex: 'deductionTotal',
      align: 'right',
      width: 90,
      render: (v: number) =>
        v > 0 ? <Typography.Text type="danger">-{fmt(v)}</Typography.Text> : <Typography.Text type="secondary">0</Typography.Text>,
    },
    {
      title: t('asm.rank.previousGrade'),
      dataIndex: 'previousGrade',
      align: 'center',
      width: 100,
      render: (g: TOrgResult['previousGrade']) => <GradeTag grade={g} />,
    },
  ];

  const settings = useColumnSettings('ranking', columns);

  const rankingTab = (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {scheme?.status === 'superseded' && <Alert type="warning" showIcon title={t('asm.rank.supersededHint')} />}
      <Row justify="space-between" align="middle">
        <Col>
          <Space size="large">
            {data?.computedAt && (
              <Typography.Text type="secondary">
                {t('asm.rank.computedAt', { time: dayjs(data.computedAt).format('YYYY-MM-DD HH:mm') })}
              </Typography.Text>
            )}
            {results.length > 0 && <Typography.Text type="secondary">{t('asm.rank.count', { n: results.length })}</Typography.Text>}
            {results.length > 0 && <Typography.Text type="secondary">{t('asm.rank.rowHint')}</Typography.Text>}
          </Space>
        </Col>
        <Col>
          <Space wrap>
            {computeButton}
            <ListToolbar onReload={() => void load()} settings={settings} />
          </Space>
        </Col>
      </Row>
      {!loading && scheme && results.length === 0 ? (
        <Empty description={t('asm.rank.notComputed')} />
      ) : (
        <Table<TOrgResult>
          rowKey="orgId"
          size={settings.density}
          {...tableLoading({ loading, settled: !loading, firstLoadDone: !loading || results.length > 0 }, t('common.empty'))}
          columns={settings.columns}
          dataSource={results}
          pagination={false}
          scroll={{ x: Math.max(settings.scrollX, 760) }}
          onRow={(r) => ({ onClick: () => setDetail(r), style: { cursor: 'pointer' } })}
        />
      )}
    </Space>
  );

  return (
    <Card title={t('asm.rank.title')} extra={<SchemePicker choice={choice} />}>
      {!choice.loading && !scheme ? (
        <Empty description={t('asm.noSchemes')} />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'ranking', label: t('asm.rank.tab'), children: rankingTab },
            {
              key: 'whatIf',
              label: t('asm.rank.whatIfTab'),
              children: scheme ? <WhatIfPanel scheme={scheme} hasResults={scheme.resultCount > 0 || results.length > 0} /> : null,
            },
            { key: 'use', label: t('asm.rank.useTab'), children: choice.year !== undefined ? <ResultUsePanel year={choice.year} /> : null },
          ]}
        />
      )}
      {schemeId !== undefined && <ResultDrawer schemeId={schemeId} result={detail} canManage={canManage} onClose={() => setDetail(null)} />}
    </Card>
  );
}
