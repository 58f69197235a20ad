import { Card, Flex, Progress, Segmented, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert';
import { formatFen } from '../format';
import { useI18n } from '../i18n';
import type { Paged } from '../types';
import { formatBpsPercent, formatCount } from './analytics-format';
import { filterQuery } from './analytics-filter';
import { ExportButtons } from './export-buttons';
import { BREAKDOWN_DIMENSIONS, BREAKDOWN_SORTS, type AnalyticsFilter, type BreakdownDimension, type BreakdownRow, type BreakdownSort } from './types';
import { useAnalyticsQuery } from './use-analytics-query';

export interface BreakdownView {
  dimension: BreakdownDimension;
  regionLevel: 'province' | 'city';
  sort: BreakdownSort;
}

export const DEFAULT_BREAKDOWN_VIEW: BreakdownView = { dimension: 'region', regionLevel: 'province', sort: 'gmv' };

/**
 * GMV, orders, conversion and return on spend by region, team, channel or product, ranked. The
 * view's choices live with the page, so they survive a change of scope or tab.
 */
export function BreakdownSection({ filter, view, onViewChange }: { filter: AnalyticsFilter; view: BreakdownView; onViewChange: (view: BreakdownView) => void }) {
  const { t } = useI18n();
  const { dimension, regionLevel, sort } = view;
  const setDimension = (next: BreakdownDimension) => onViewChange({ ...view, dimension: next });
  const setRegionLevel = (next: 'province' | 'city') => onViewChange({ ...view, regionLevel: next });
  const setSort = (next: BreakdownSort) => onViewChange({ ...view, sort: next });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const params = { dimension, sort, ...(dimension === 'region' ? { regionLevel } : {}) };
  const paramsKey = JSON.stringify([params, filter]);
  useEffect(() => setPaging((current) => ({ ...current, page: 1 })), [paramsKey]);
  const { data, loading, error } = useAnalyticsQuery<Paged<BreakdownRow>>('/admin/analytics/breakdown', { ...filterQuery(filter), ...params, ...paging });
  const topGmv = Math.max(1, ...(data?.items ?? []).map((row) => row.gmvFen));
  const rankBase = (paging.page - 1) * paging.pageSize;

  const columns: TableColumnsType<BreakdownRow> = [
    { title: '#', key: 'rank', width: 48, render: (_, _row, index) => rankBase + index + 1 },
    { title: t(`analytics.dimension.${dimension}`), dataIndex: 'label', ellipsis: true, render: (value: string) => <span data-testid="analytics-breakdown-label">{value}</span> },
    {
      title: t('analytics.col.gmv'),
      dataIndex: 'gmvFen',
      width: 200,
      render: (value: number) => (
        <Flex vertical gap={0}>
          <span>{formatFen(value)}</span>
          <Progress percent={Math.round((value / topGmv) * 100)} showInfo={false} size="small" strokeColor="#1668dc" />
        </Flex>
      ),
    },
    { title: t('analytics.col.orders'), dataIndex: 'orders', width: 80, align: 'right', render: formatCount },
    { title: t('analytics.col.aov'), dataIndex: 'aovFen', width: 110, align: 'right', render: (value: number | null) => formatFen(value) },
    { title: t('analytics.col.visitors'), dataIndex: 'visitors', width: 90, align: 'right', render: formatCount },
    { title: t('analytics.col.conversion'), dataIndex: 'conversionBps', width: 90, align: 'right', render: formatBpsPercent },
    ...(dimension === 'product'
      ? []
      : [
          { title: t('analytics.col.spend'), dataIndex: 'spendFen', width: 120, align: 'right' as const, render: (value: number | null) => formatFen(value) },
          { title: t('analytics.col.roi'), dataIndex: 'roiBps', width: 100, align: 'right' as const, render: formatBpsPercent },
        ]),
  ];

  return (
    <Card
      title={t('analytics.breakdown.title')}
      extra={<ExportButtons report="breakdown" filter={filter} params={params} testId="analytics-breakdown-export" />}
    >
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Segmented<BreakdownDimension>
          value={dimension}
          onChange={setDimension}
          options={BREAKDOWN_DIMENSIONS.map((value) => ({ value, label: t(`analytics.dimension.${value}`) }))}
          data-testid="analytics-breakdown-dimension"
        />
        {dimension === 'region' && (
          <Segmented<'province' | 'city'>
            value={regionLevel}
            onChange={setRegionLevel}
            options={[
              { value: 'province', label: t('analytics.region.province') },
              { value: 'city', label: t('analytics.region.city') },
            ]}
          />
        )}
        <Typography.Text type="secondary">{t('analytics.sortBy')}</Typography.Text>
        <Select<BreakdownSort>
          value={sort}
          onChange={setSort}
          style={{ width: 140 }}
          options={BREAKDOWN_SORTS.map((value) => ({ value, label: t(`analytics.sort.${value}`) }))}
        />
      </Flex>
      {dimension === 'region' && <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('analytics.breakdown.regionNote')}</Typography.Paragraph>}
      <ApiErrorAlert error={error} />
      <Table<BreakdownRow>
        rowKey="key"
        size="middle"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        data-testid="analytics-breakdown-table"
      />
    </Card>
  );
}
