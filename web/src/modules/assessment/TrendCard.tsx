import { useMemo } from 'react';
import { Card, Empty, Select, Space, Spin, Typography } from 'antd';
import type { TIndicator, TValueGrid, Trend } from '../../api/types';
import { useApiGet } from '../../app/useApiGet';
import { useT } from '../../i18n';
import { EChart, type EChartOption } from '../../app/components/EChart';
import { fmt } from './labels';

type GridOrg = TValueGrid['orgs'][number];
/** The trend of one unit × indicator over the years beside its zone median. */
export function TrendCard({
  orgs,
  indicators,
  orgId,
  indicatorId,
  reloadKey,
  onPick,
}: {
  orgs: GridOrg[];
  indicators: TIndicator[];
  orgId: number | undefined;
  indicatorId: number | undefined;
  /** Changes when the figures were saved, so the chart reads them again. */
  reloadKey: unknown;
  onPick: (orgId: number | undefined, indicatorId: number | undefined) => void;
}) {
  const t = useT();
  const picked = orgId !== undefined && indicatorId !== undefined;
  const { data: trend, loading } = useApiGet<Trend>(picked ? '/api/assessment/trend' : null, { orgId, indicatorId }, reloadKey);

  const orgName = orgs.find((o) => o.id === orgId)?.name ?? t('asm.values.trendOrg');
  const option = useMemo<EChartOption | null>(() => {
    if (!trend || trend.points.length === 0) return null;
    const unit = trend.indicator.unit;
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${fmt(v, 4)}${unit ? ` ${unit}` : ''}` : '—') },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', boundaryGap: false, data: trend.points.map((p) => String(p.year)) },
      yAxis: { type: 'value', name: unit || undefined, scale: true },
      series: [
        {
          type: 'line',
          name: orgName,
          data: trend.points.map((p) => p.value),
          itemStyle: { color: '#b71c1c' },
          symbolSize: 7,
          connectNulls: true,
        },
        {
          type: 'line',
          name: t('asm.values.trendMedian'),
          data: trend.points.map((p) => p.zoneMedian),
          itemStyle: { color: '#3f6fb5' },
          lineStyle: { type: 'dashed' },
          symbolSize: 5,
          connectNulls: true,
        },
      ],
    };
  }, [trend, orgName, t]);

  return (
    <Card
      size="small"
      title={t('asm.values.trend')}
      extra={
        <Space wrap>
          <Select<number>
            style={{ width: 180 }}
            placeholder={t('asm.org')}
            value={orgId}
            showSearch={{ optionFilterProp: 'label' }}
            options={orgs.map((o) => ({ value: o.id, label: o.name }))}
            onChange={(v) => onPick(v, indicatorId)}
            aria-label={`${t('asm.values.trend')} ${t('asm.org')}`}
          />
          <Select<number>
            style={{ width: 240 }}
            placeholder={t('asm.indicator')}
            value={indicatorId}
            showSearch={{ optionFilterProp: 'label' }}
            options={indicators.map((i) => ({ value: i.id, label: i.name }))}
            onChange={(v) => onPick(orgId, v)}
            aria-label={`${t('asm.values.trend')} ${t('asm.indicator')}`}
          />
        </Space>
      }
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('asm.values.trendHint')}
      </Typography.Text>
      {loading ? (
        <div style={{ height: 300, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <Spin />
        </div>
      ) : option ? (
        <EChart option={option} height={300} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('asm.values.trendEmpty')} />
      )}
    </Card>
  );
}
