import { BarChart as EChartsBar } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { formatFen } from '../format';
import { useEChart } from '../components/use-echart';

echarts.use([EChartsBar, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Current spend beside the suggested budget for each ranked row. */
export function BudgetChart({ labels, current, suggested, names }: { labels: string[]; current: number[]; suggested: number[]; names: [string, string] }) {
  const option = useMemo(
    () => ({
      grid: { left: 72, right: 16, top: 36, bottom: 40 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value: number) => formatFen(value) },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: 'value', axisLabel: { formatter: (fen: number) => `¥${Math.round(fen / 100).toLocaleString('en-US')}` } },
      series: [
        { name: names[0], type: 'bar', data: current, barMaxWidth: 28, itemStyle: { color: '#a0a0a0', borderRadius: [3, 3, 0, 0] } },
        { name: names[1], type: 'bar', data: suggested, barMaxWidth: 28, itemStyle: { color: '#1668dc', borderRadius: [3, 3, 0, 0] } },
      ],
    }),
    [labels, current, suggested, names],
  );
  const containerRef = useEChart(option);
  return <div ref={containerRef} style={{ width: '100%', height: 280 }} data-testid="budget-chart" />;
}
