import { BarChart as EChartsBar } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useEChart } from './use-echart';

// Registering only what the chart uses keeps ECharts' share of the bundle small.
echarts.use([EChartsBar, GridComponent, TooltipComponent, CanvasRenderer]);

export interface BarDatum {
  label: string;
  value: number;
}

/** A plain bar chart drawn by ECharts into a div; the instance follows the container's size. */
export function BarChart({ data, height = 320, testId }: { data: BarDatum[]; height?: number; testId?: string }) {
  const option = useMemo(
    () => ({
      grid: { left: 48, right: 16, top: 16, bottom: 48 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'category',
        data: data.map((datum) => datum.label),
        axisLabel: { interval: 0, hideOverlap: true },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          data: data.map((datum) => datum.value),
          barMaxWidth: 40,
          itemStyle: { color: '#1668dc', borderRadius: [4, 4, 0, 0] },
          label: { show: true, position: 'top' },
        },
      ],
    }),
    [data],
  );
  const containerRef = useEChart(option);
  return <div ref={containerRef} style={{ width: '100%', height }} data-testid={testId} />;
}
