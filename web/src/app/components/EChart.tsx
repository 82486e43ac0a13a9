import { useEffect, useRef, type CSSProperties } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart, type BarSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the dashboard draws, so the chunk stays small.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The chart options the wrapper accepts (bar, line, pie with grid, legend and tooltip). */
export type EChartOption = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** What a click on a bar, slice or point reports. */
export interface EChartClick {
  dataIndex: number;
  seriesIndex: number;
  name: string;
}

/** Props of the ECharts wrapper. */
export interface EChartProps {
  option: EChartOption;
  height?: number;
  onClick?: (event: EChartClick) => void;
  style?: CSSProperties;
}

/** A minimal ECharts wrapper: inits on its div, re-applies `option` when it changes, follows size changes, disposes on unmount. */
export function EChart({ option, height = 320, onClick, style }: EChartProps) {
  const divRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);

  useEffect(() => {
    clickRef.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const el = divRef.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (p) => {
      clickRef.current?.({ dataIndex: p.dataIndex, seriesIndex: p.seriesIndex ?? 0, name: p.name });
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    // The side menu collapsing changes the width without a window resize.
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(resize);
    observer?.observe(el);
    return () => {
      window.removeEventListener('resize', resize);
      observer?.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={divRef} style={{ width: '100%', height, ...style }} />;
}
