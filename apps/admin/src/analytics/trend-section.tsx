import { Card, Empty, Flex, Segmented, Skeleton, Typography } from 'antd';
import { useMemo } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert';
import { formatFen } from '../format';
import { useI18n } from '../i18n';
import { formatBpsPercent, formatCount } from './analytics-format';
import { filterQuery } from './analytics-filter';
import { ExportButtons } from './export-buttons';
import { TrendChart } from './trend-chart';
import { TREND_METRICS, type AnalyticsFilter, type TrendMetric, type TrendResponse } from './types';
import { useAnalyticsQuery } from './use-analytics-query';

const formatYuanAxis = (fen: number) => `¥${Math.round(fen / 100).toLocaleString('en-US')}`;

export interface TrendView {
  metric: TrendMetric;
  granularity: 'day' | 'week';
}

export const DEFAULT_TREND_VIEW: TrendView = { metric: 'gmv', granularity: 'day' };

/** One measure per day or week with the previous period drawn behind it, bucket by bucket. */
export function TrendSection({ filter, view, onViewChange }: { filter: AnalyticsFilter; view: TrendView; onViewChange: (view: TrendView) => void }) {
  const { t } = useI18n();
  const { metric, granularity } = view;
  const setMetric = (next: TrendMetric) => onViewChange({ ...view, metric: next });
  const setGranularity = (next: 'day' | 'week') => onViewChange({ ...view, granularity: next });
  const params = { metric, granularity };
  const { data, loading, error } = useAnalyticsQuery<TrendResponse>('/admin/analytics/trend', { ...filterQuery(filter), ...params });

  const chart = useMemo(() => {
    if (!data) return null;
    const format = data.unit === 'fen' ? (value: number) => formatFen(value) : data.unit === 'bps' ? formatBpsPercent : formatCount;
    const axis = data.unit === 'fen' ? formatYuanAxis : data.unit === 'bps' ? (value: number) => `${value / 100}%` : undefined;
    return {
      labels: data.current.map((bucket) => bucket.period.slice(5)),
      series: [
        { name: t('analytics.trend.previous', { from: data.previousFrom, to: data.previousTo }), values: data.previous.map((bucket) => bucket.value), previous: true },
        { name: t('analytics.trend.current', { from: data.from, to: data.to }), values: data.current.map((bucket) => bucket.value) },
      ],
      format,
      axis,
    };
  }, [data, t]);

  return (
    <Card title={t('analytics.trend.title')} extra={<ExportButtons report="trend" filter={filter} params={params} testId="analytics-trend-export" />}>
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <Segmented<TrendMetric>
          value={metric}
          onChange={setMetric}
          options={TREND_METRICS.map((value) => ({ value, label: t(`analytics.metric.${value}`) }))}
          data-testid="analytics-trend-metric"
        />
        <Segmented<'day' | 'week'>
          value={granularity}
          onChange={setGranularity}
          options={[
            { value: 'day', label: t('analytics.granularity.day') },
            { value: 'week', label: t('analytics.granularity.week') },
          ]}
        />
        <Typography.Text type="secondary" style={{ alignSelf: 'center', fontSize: 12 }}>
          {t('analytics.trend.note')}
        </Typography.Text>
      </Flex>
      <ApiErrorAlert error={error} />
      {loading && !data ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : chart ? (
        <TrendChart labels={chart.labels} series={chart.series} formatValue={chart.format} formatAxis={chart.axis} testId="analytics-trend-chart" />
      ) : (
        <Empty />
      )}
    </Card>
  );
}
