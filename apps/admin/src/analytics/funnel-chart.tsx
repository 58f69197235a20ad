import { FunnelChart as EChartsFunnel } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useEChart } from '../components/use-echart';

echarts.use([EChartsFunnel, TooltipComponent, CanvasRenderer]);

export interface FunnelDatum {
  key: string;
  label: string;
  value: number;
  /** The line under the label: step conversion and change, already formatted. */
  detail: string;
}

const COLORS = ['#1668dc', '#3c89e8', '#13a8a8', '#52c41a', '#faad14'];

/**
 * The marketing funnel drawn by ECharts. Widths follow the step's rank, not its count: a real
 * funnel loses orders of magnitude per step, which would make the last steps unreadable slivers.
 */
export function FunnelChart({ data, onStepClick, height = 360 }: { data: FunnelDatum[]; onStepClick: (key: string) => void; height?: number }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item', formatter: (params: { dataIndex: number }) => tooltipOf(data[params.dataIndex]) },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '12%',
          right: '12%',
          top: 8,
          bottom: 8,
          // The narrowest band must still hold its detail line (the English one is the longest).
          minSize: '42%',
          maxSize: '100%',
          gap: 4,
          cursor: 'pointer',
          label: {
            show: true,
            position: 'inside',
            color: '#fff',
            fontSize: 12,
            lineHeight: 17,
            formatter: (params: { dataIndex: number }) => {
              const datum = data[params.dataIndex];
              return datum ? `{name|${datum.label}  ${datum.value.toLocaleString()}}\n${datum.detail}` : '';
            },
            rich: { name: { fontWeight: 600, fontSize: 14, color: '#fff' } },
          },
          data: data.map((datum, index) => ({
            name: datum.key,
            value: data.length - index,
            itemStyle: { color: COLORS[index % COLORS.length] },
          })),
        },
      ],
    }),
    [data],
  );
  const containerRef = useEChart(option, (params) => {
    const datum = data[params.dataIndex];
    if (datum) onStepClick(datum.key);
  });
  return <div ref={containerRef} style={{ width: '100%', height }} data-testid="analytics-funnel-chart" />;
}

function tooltipOf(datum: FunnelDatum | undefined): string {
  if (!datum) return '';
  const escape = (text: string) => text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);
  return `<b>${escape(datum.label)}</b>: ${datum.value.toLocaleString()}<br/>${escape(datum.detail)}`;
}
