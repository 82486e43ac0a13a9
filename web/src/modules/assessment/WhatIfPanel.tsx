import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Empty, InputNumber, Row, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowDownOutlined, ArrowRightOutlined, ArrowUpOutlined, CalculatorOutlined, MinusOutlined, UndoOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { SchemeLine, TScheme, WhatIfRequest, WhatIfResult } from '../../api/types';
import { useApiError } from '../../app/useApiError';
import { useT } from '../../i18n';
import { fmt, GradeTag, VisibilityTag, weightSum } from './labels';

type Move = WhatIfResult['moves'][number];

interface WeightRow {
  key: string;
  name: string;
  line: SchemeLine | null;
  current: number;
}

/** The weight-total statistic: red with the gap when it is not 100. */
export function WeightSumStatistic({ sum, title }: { sum: number; title: string }) {
  const t = useT();
  const gap = Math.round((100 - sum) * 100) / 100;
  const ok = gap === 0;
  return (
    <Statistic
      title={title}
      value={sum}
      precision={2}
      styles={{ content: { color: ok ? '#389e0d' : '#cf1322' } }}
      suffix={
        <Typography.Text type={ok ? 'success' : 'danger'} style={{ fontSize: 13 }} data-testid="weight-gap">
          {ok ? t('asm.weightOk') : gap > 0 ? t('asm.weightGapShort', { gap: fmt(gap) }) : t('asm.weightOverShort', { gap: fmt(-gap) })}
        </Typography.Text>
      }
    />
  );
}

/** 模拟调整权重: other weights per indicator (and third party / satisfaction), ranks before → after; nothing is saved. */
export function WhatIfPanel({ scheme, hasResults }: { scheme: TScheme; hasResults: boolean }) {
  const t = useT();
  const showError = useApiError();
  const initial = useMemo(() => {
    const w: Record<string, number | null> = {};
    for (const l of scheme.indicators) w[String(l.indicatorId)] = l.weight;
    w.thirdParty = scheme.thirdPartyWeight;
    w.satisfaction = scheme.satisfactionWeight;
    return w;
  }, [scheme]);
  const [weights, setWeights] = useState<Record<string, number | null>>(initial);
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const [running, setRunning] = useState(false);
  useEffect(() => {
    setWeights(initial);
    setResult(null);
  }, [initial]);

  const rows: WeightRow[] = [
    ...scheme.indicators.map((l) => ({ key: String(l.indicatorId), name: l.name, line: l, current: l.weight })),
    { key: 'thirdParty', name: t('asm.thirdParty'), line: null, current: scheme.thirdPartyWeight },
    { key: 'satisfaction', name: t('asm.satisfaction'), line: null, current: scheme.satisfactionWeight },
  ];
  const sum = weightSum(Object.values(weights));
  const changed = rows.some((r) => (weights[r.key] ?? 0) !== r.current);

  const run = async () => {
    const indicatorWeights: Record<string, number> = {};
    for (const l of scheme.indicators) indicatorWeights[String(l.indicatorId)] = weights[String(l.indicatorId)] ?? 0;
    const body: WhatIfRequest = {
      indicatorWeights,
      thirdPartyWeight: weights.thirdParty ?? 0,
      satisfactionWeight: weights.satisfaction ?? 0,
    };
    setRunning(true);
    try {
      setResult(await api.post<WhatIfResult>(`/api/assessment/schemes/${scheme.id}/what-if`, body));
    } catch (error) {
      showError(error);
    } finally {
      setRunning(false);
    }
  };

  const weightColumns: ColumnsType<WeightRow> = [
    {
      title: t('asm.indicator'),
      dataIndex: 'name',
      render: (name: string, r) => (
        <Space size={4} wrap>
          <span>{name}</span>
          {r.line && <VisibilityTag visibility={r.line.visibility} />}
        </Space>
      ),
    },
    { title: t('asm.whatIf.current'), dataIndex: 'current', align: 'right', width: 90, render: (v: number) => fmt(v) },
    {
      title: t('asm.whatIf.trial'),
      key: 'trial',
      width: 130,
      render: (_, r) => {
        const v = weights[r.key] ?? null;
        return (
          <InputNumber<number>
            size="small"
            min={0}
            max={100}
            step={1}
            precision={2}
            value={v}
            aria-label={`${t('asm.whatIf.trial')} ${r.name}`}
            style={{ width: 110, background: v !== r.current ? '#fffbe6' : undefined }}
            onChange={(n) => setWeights((w) => ({ ...w, [r.key]: n }))}
          />
        );
      },
    },
  ];

  const moveColumns: ColumnsType<Move> = [
    { title: t('asm.org'), dataIndex: 'name' },
    {
      title: `${t('asm.whatIf.rankBefore')} → ${t('asm.whatIf.rankAfter')}`,
      key: 'rank',
      width: 150,
      render: (_, m) => (
        <Space>
          <span>{m.rankBefore}</span>
          <ArrowRightOutlined style={{ color: '#bfbfbf' }} />
          <Typography.Text strong>{m.rankAfter}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('asm.whatIf.change'),
      key: 'change',
      width: 110,
      render: (_, m) => {
        const up = m.rankBefore - m.rankAfter;
        if (up > 0)
          return (
            <Typography.Text type="success">
              <ArrowUpOutlined /> {t('asm.whatIf.up', { n: up })}
            </Typography.Text>
          );
        if (up < 0)
          return (
            <Typography.Text type="danger">
              <ArrowDownOutlined /> {t('asm.whatIf.down', { n: -up })}
            </Typography.Text>
          );
        return (
          <Typography.Text type="secondary">
            <MinusOutlined /> {t('asm.whatIf.same')}
          </Typography.Text>
        );
      },
    },
    {
      title: `${t('asm.whatIf.totalBefore')} → ${t('asm.whatIf.totalAfter')}`,
      key: 'total',
      width: 170,
      render: (_, m) => (
        <Space>
          <span>{fmt(m.totalBefore)}</span>
          <ArrowRightOutlined style={{ color: '#bfbfbf' }} />
          <Typography.Text strong>{fmt(m.totalAfter)}</Typography.Text>
        </Space>
      ),
    },
    {
      title: `${t('asm.whatIf.gradeBefore')} → ${t('asm.whatIf.gradeAfter')}`,
      key: 'grade',
      width: 170,
      render: (_, m) => (
        <Space>
          <GradeTag grade={m.gradeBefore} />
          <ArrowRightOutlined style={{ color: '#bfbfbf' }} />
          <GradeTag grade={m.gradeAfter} />
        </Space>
      ),
    },
  ];

  if (!hasResults) return <Empty description={t('asm.whatIf.noResults')} />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('asm.whatIf.intro')} />
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card
            size="small"
            title={t('asm.whatIf.trial')}
            extra={
              <Space>
                <Button icon={<UndoOutlined />} disabled={!changed} onClick={() => setWeights(initial)}>
                  {t('asm.whatIf.reset')}
                </Button>
                <Button type="primary" icon={<CalculatorOutlined />} loading={running} onClick={() => void run()}>
                  {t('asm.whatIf.run')}
                </Button>
              </Space>
            }
          >
            <WeightSumStatistic sum={sum} title={t('asm.weightSum')} />
            <Table<WeightRow>
              rowKey="key"
              size="small"
              columns={weightColumns}
              dataSource={rows}
              pagination={false}
              style={{ marginTop: 12 }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('asm.whatIf.resultTitle')}>
            {result ? (
              <>
                {!result.isWeightSumValid && (
                  <Alert
                    type="warning"
                    showIcon
                    style={{ marginBottom: 12 }}
                    title={t('asm.whatIf.invalidSum', { sum: fmt(result.weightSum) })}
                  />
                )}
                <Table<Move>
                  rowKey="orgId"
                  size="small"
                  columns={moveColumns}
                  dataSource={[...result.moves].sort((a, b) => a.rankAfter - b.rankAfter)}
                  pagination={false}
                  scroll={{ x: 700 }}
                />
              </>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
