import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { RadarChart as EchartsRadar, type RadarSeriesOption } from 'echarts/charts';
import {
  LegendComponent,
  RadarComponent,
  TooltipComponent,
  type LegendComponentOption,
  type RadarComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { EChart, type EChartOption } from '../../app/components/EChart';

// The ledger's wrapper registers bar, line and pie only; the radar is added here, in the assessment chunk.
echarts.use([EchartsRadar, RadarComponent, LegendComponent, TooltipComponent]);

type RadarOption = echarts.ComposeOption<RadarSeriesOption | RadarComponentOption | LegendComponentOption | TooltipComponentOption>;

/** One axis of the radar: a name and a value per series (null when there is none). */
export interface RadarAxis {
  name: string;
  values: readonly (number | null)[];
}

/** Props of the radar: axes (0–100 sub-scores) and the series' names and colours. */
export interface RadarProps {
  axes: readonly RadarAxis[];
  series: readonly { name: string; color: string }[];
  height?: number;
}

/** A radar of sub-scores (0–100), drawn by the shared ECharts wrapper. */
export function Radar({ axes, series, height = 320 }: RadarProps) {
  const option = useMemo<RadarOption>(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      radar: {
        radius: '62%',
        center: ['50%', '48%'],
        indicator: axes.map((a) => ({ name: a.name.length > 10 ? `${a.name.slice(0, 10)}…` : a.name, max: 100, min: 0 })),
        axisName: { color: '#595959', fontSize: 12 },
      },
      series: [
        {
          type: 'radar',
          symbolSize: 4,
          data: series.map((s, i) => ({
            name: s.name,
            value: axes.map((a) => a.values[i] ?? 0),
            itemStyle: { color: s.color },
            lineStyle: { color: s.color, width: 2, type: i === 0 ? 'solid' : 'dashed' },
            areaStyle: i === 0 ? { color: s.color, opacity: 0.15 } : { opacity: 0 },
          })),
        },
      ],
    }),
    [axes, series],
  );
  // The wrapper hands its option to setOption as is; its type names only the series it registers itself.
  return <EChart option={option as EChartOption} height={height} />;
}
