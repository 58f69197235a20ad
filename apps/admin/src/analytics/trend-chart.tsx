import { LineChart as EChartsLine } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useEChart } from '../components/use-echart';

echarts.use([EChartsLine, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface TrendSeries {
  name: string;
  values: (number | null)[];
  /** The previous period is drawn dashed and grey, behind the current one. */
  previous?: boolean;
}

/** A line chart of one measure per day, with the previous period overlaid day by day. */
export function TrendChart({
  labels,
  series,
  formatValue,
  formatAxis,
  height = 320,
  testId,
}: {
  labels: string[];
  series: TrendSeries[];
  formatValue?: (value: number) => string;
  /** Axis ticks may be rounder than the tooltip's exact value (whole yuan, say). */
  formatAxis?: (value: number) => string;
  height?: number;
  testId?: string;
}) {
  const option = useMemo(
    () => ({
      grid: { left: 64, right: 24, top: 40, bottom: 32 },
      legend: { top: 0, data: series.map((line) => line.name) },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value: number | null) => (value === null || value === undefined ? '—' : formatValue ? formatValue(value) : value.toLocaleString()),
      },
      xAxis: { type: 'category', data: labels, boundaryGap: false },
      yAxis: { type: 'value', axisLabel: formatAxis ? { formatter: formatAxis } : undefined },
      series: series.map((line) => ({
        name: line.name,
        type: 'line',
        smooth: true,
        showSymbol: labels.length <= 31,
        data: line.values,
        z: line.previous ? 1 : 2,
        lineStyle: line.previous ? { type: 'dashed', color: '#a0a0a0', width: 1.5 } : { width: 2.5, color: '#1668dc' },
        itemStyle: { color: line.previous ? '#a0a0a0' : '#1668dc' },
        areaStyle: line.previous ? undefined : { color: 'rgba(22,104,220,0.08)' },
      })),
    }),
    [labels, series, formatValue, formatAxis],
  );
  const containerRef = useEChart(option);
  return <div ref={containerRef} style={{ width: '100%', height }} data-testid={testId} />;
}
