import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useEChart } from '../components/use-echart';
import { useI18n } from '../i18n';
import type { ForecastDetail } from './types';

// Only what this chart draws, so the ECharts chunk stays small.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

const BAND_95 = 'rgba(22, 104, 220, 0.10)';
const BAND_80 = 'rgba(22, 104, 220, 0.22)';

/**
 * Daily units sold (bars), the model's one-step fit (dashed), and the forecast with its 80 % and 95 %
 * intervals drawn as stacked bands: an invisible series at the lower bound and the band's width on top.
 */
export function ForecastChart({ detail, height = 340 }: { detail: ForecastDetail; height?: number }) {
  const { t } = useI18n();

  const option = useMemo(() => {
    const days = [...detail.history.map((entry) => entry.day), ...detail.forecast.map((entry) => entry.day)];
    const gap = detail.forecast.map(() => null);
    const before = detail.history.map(() => null);
    const band = (lower: (entry: ForecastDetail['forecast'][number]) => number, upper: (entry: ForecastDetail['forecast'][number]) => number) => ({
      base: [...before, ...detail.forecast.map(lower)],
      width: [...before, ...detail.forecast.map((entry) => Math.max(0, upper(entry) - lower(entry)))],
    });
    const band95 = band((entry) => entry.lower95, (entry) => entry.upper95);
    const band80 = band((entry) => entry.lower80, (entry) => entry.upper80);
    const names = { actual: t('replenishment.chart.actual'), fitted: t('replenishment.chart.fitted'), forecast: t('replenishment.chart.forecast'), band80: t('replenishment.chart.band80'), band95: t('replenishment.chart.band95') };
    const invisible = { type: 'line', symbol: 'none', lineStyle: { opacity: 0 }, silent: true, tooltip: { show: false } };
    return {
      animation: false,
      grid: { left: 44, right: 16, top: 40, bottom: 40 },
      legend: { top: 0, data: [names.actual, names.fitted, names.forecast, names.band80, names.band95] },
      tooltip: {
        trigger: 'axis',
        formatter: (params: { dataIndex: number }[]) => {
          const index = params[0]?.dataIndex ?? 0;
          const history = detail.history[index];
          if (history) return `${history.day}<br/>${names.actual}: ${history.quantity}${history.fitted === null ? '' : `<br/>${names.fitted}: ${history.fitted}`}`;
          const entry = detail.forecast[index - detail.history.length]!;
          return `${entry.day}<br/>${names.forecast}: ${entry.quantity}<br/>${names.band80}: ${entry.lower80} – ${entry.upper80}<br/>${names.band95}: ${entry.lower95} – ${entry.upper95}`;
        },
      },
      xAxis: { type: 'category', data: days, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', min: 0, minInterval: 1 },
      series: [
        { ...invisible, name: 'band95-base', stack: 'band95', data: band95.base },
        { ...invisible, name: names.band95, stack: 'band95', data: band95.width, areaStyle: { color: BAND_95 }, itemStyle: { color: BAND_95 } },
        { ...invisible, name: 'band80-base', stack: 'band80', data: band80.base },
        { ...invisible, name: names.band80, stack: 'band80', data: band80.width, areaStyle: { color: BAND_80 }, itemStyle: { color: BAND_80 } },
        { type: 'bar', name: names.actual, data: [...detail.history.map((entry) => entry.quantity), ...gap], itemStyle: { color: '#8c8c8c' }, barMaxWidth: 8 },
        { type: 'line', name: names.fitted, data: [...detail.history.map((entry) => entry.fitted), ...gap], symbol: 'none', lineStyle: { type: 'dashed', width: 1.5, color: '#fa8c16' }, itemStyle: { color: '#fa8c16' } },
        {
          type: 'line',
          name: names.forecast,
          data: [...before, ...detail.forecast.map((entry) => entry.quantity)],
          symbol: 'circle',
          symbolSize: 4,
          lineStyle: { width: 2, color: '#1668dc' },
          itemStyle: { color: '#1668dc' },
          markLine: detail.forecast.length > 0 ? { symbol: 'none', silent: true, label: { formatter: detail.forecast[0]!.day }, lineStyle: { color: '#1668dc', type: 'dotted' }, data: [{ xAxis: detail.forecast[0]!.day }] } : undefined,
        },
      ],
    };
  }, [detail, t]);

  const containerRef = useEChart(option);
  return <div ref={containerRef} style={{ width: '100%', height }} data-testid="replenishment-chart" />;
}
