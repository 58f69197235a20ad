import * as echarts from 'echarts/core';
import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';

/**
 * One ECharts instance bound to a div for the component's life; it follows the container's size,
 * and `option` is applied in full (not merged) so series that disappear are really removed.
 */
export function useEChart(option: echarts.EChartsCoreOption, onClick?: (params: echarts.ECElementEvent) => void): RefObject<HTMLDivElement> {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  // The latest handler without re-binding the listener on every render.
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = echarts.init(container);
    chartRef.current = chart;
    chart.on('click', (params) => clickRef.current?.(params as echarts.ECElementEvent));
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(container);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return containerRef;
}
