import { Alert, Card, DatePicker, Flex, Input, Progress, Segmented, Skeleton, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageHeader } from '../components/page-header';
import { formatFen } from '../format';
import { useI18n } from '../i18n';
import { parseYuanToFen } from '../money';
import { formatBpsPercent, localized } from './analytics-format';
import { RANGE_PRESETS, presetRange, type RangePreset } from './analytics-filter';
import { BudgetChart } from './budget-chart';
import { BUDGET_DIMENSIONS, type BudgetDimension, type BudgetRow, type BudgetSuggestionResponse } from './types';
import { useAnalyticsQuery } from './use-analytics-query';
import { ExportButtons } from './export-buttons';

/**
 * 预算建议: regions, teams or channels ranked by return on spend and fission per yuan, with a
 * proposed reallocation of the budget and the reasoning for each row.
 */
export function BudgetPage() {
  const { t, locale } = useI18n();
  const [dimension, setDimension] = useState<BudgetDimension>('channel');
  const [preset, setPreset] = useState<RangePreset>(30);
  const [range, setRange] = useState<[string, string]>(() => presetRange(30));
  const [totalText, setTotalText] = useState('');
  const totalFen = totalText.trim() ? parseYuanToFen(totalText) : null;
  const totalInvalid = totalText.trim() !== '' && (totalFen === null || totalFen < 1);
  const query = totalInvalid ? null : { dimension, from: range[0], to: range[1], totalFen: totalFen ?? undefined };
  const { data, loading, error } = useAnalyticsQuery<BudgetSuggestionResponse>('/admin/analytics/budget-suggestions', query);
  const chart = useMemo(
    () =>
      data && {
        labels: data.rows.map((row) => row.label),
        current: data.rows.map((row) => row.spendFen),
        suggested: data.rows.map((row) => row.suggestedFen),
        names: [t('budget.spend'), t('budget.suggested')] as [string, string],
      },
    [data, t],
  );

  const columns: TableColumnsType<BudgetRow> = [
    { title: t('budget.rank'), dataIndex: 'rank', width: 64, align: 'center', render: (rank: number) => <Tag color={rank === 1 ? 'gold' : rank <= 3 ? 'blue' : 'default'}>{rank}</Tag> },
    { title: t(`analytics.dimension.${dimension}`), dataIndex: 'label', render: (value: string) => <Typography.Text strong>{value}</Typography.Text> },
    { title: t('budget.spend'), dataIndex: 'spendFen', width: 120, align: 'right', render: (value: number) => formatFen(value) },
    { title: t('analytics.col.gmv'), dataIndex: 'gmvFen', width: 130, align: 'right', render: (value: number) => formatFen(value) },
    { title: t('analytics.col.roi'), dataIndex: 'roiBps', width: 110, align: 'right', render: formatBpsPercent },
    { title: t('budget.fission'), dataIndex: 'fissionPer10kFen', width: 110, align: 'right', render: (value: number | null) => (value === null ? '—' : value.toFixed(2)) },
    { title: t('budget.score'), dataIndex: 'score', width: 120, render: (value: number) => <Progress percent={Math.round(value * 100)} size="small" format={() => value.toFixed(2)} /> },
    { title: t('budget.suggested'), dataIndex: 'suggestedFen', width: 130, align: 'right', render: (value: number) => <Typography.Text strong>{formatFen(value)}</Typography.Text> },
    {
      title: t('budget.change'),
      dataIndex: 'changeFen',
      width: 130,
      align: 'right',
      render: (value: number) => (
        <span style={{ color: value > 0 ? '#389e0d' : value < 0 ? '#cf1322' : undefined }} data-testid="budget-change">
          {value > 0 ? '+' : ''}
          {formatFen(value)}
        </span>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('budget.title')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <Segmented<BudgetDimension>
            value={dimension}
            onChange={setDimension}
            options={BUDGET_DIMENSIONS.map((value) => ({ value, label: t(`analytics.dimension.${value}`) }))}
            data-testid="budget-dimension"
          />
          <Segmented<RangePreset>
            value={preset}
            onChange={(next) => {
              setPreset(next);
              if (next !== 'custom') setRange(presetRange(next));
            }}
            options={[...RANGE_PRESETS.map((value) => ({ value, label: t('analytics.range.lastDays', { days: value }) })), { value: 'custom' as const, label: t('analytics.range.custom') }]}
          />
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(range[0]), dayjs(range[1])]}
            disabledDate={(day) => day.isAfter(dayjs(), 'day')}
            onChange={(values) => {
              if (!values?.[0] || !values[1]) return;
              setPreset('custom');
              setRange([values[0].format('YYYY-MM-DD'), values[1].format('YYYY-MM-DD')]);
            }}
            style={{ width: 250 }}
          />
          <Input
            prefix="¥"
            allowClear
            value={totalText}
            onChange={(event) => setTotalText(event.target.value)}
            placeholder={t('budget.totalPlaceholder')}
            status={totalInvalid ? 'error' : undefined}
            style={{ width: 220 }}
            data-testid="budget-total"
          />
        </Flex>
      </Card>
      <ApiErrorAlert error={error} />
      {loading && !data ? (
        <Skeleton active />
      ) : data ? (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('budget.total', { total: formatFen(data.totalFen), from: data.from, to: data.to })}
            description={<span data-testid="budget-summary">{localized(data.summary, locale)}</span>}
          />
          {chart && data.rows.length > 0 && (
            <Card title={t('budget.chart')} style={{ marginBottom: 16 }}>
              <BudgetChart labels={chart.labels} current={chart.current} suggested={chart.suggested} names={chart.names} />
            </Card>
          )}
          <Card title={t('budget.table')} extra={query && <ExportButtons report="budget" filter={{ from: query.from, to: query.to }} params={{ dimension: query.dimension, totalFen: query.totalFen }} testId="budget-export" />}>
            <Table<BudgetRow>
              rowKey="key"
              columns={columns}
              dataSource={data.rows}
              pagination={false}
              loading={loading}
              // The reasoning is a sentence or two: a full-width line under its row reads better than a narrow column.
              expandable={{
                showExpandColumn: false,
                expandedRowKeys: data.rows.map((row) => row.key),
                expandedRowRender: (row) => (
                  <Typography.Text type="secondary" data-testid="budget-reasoning">
                    {t('budget.reasoning')}：{localized(row.reasoning, locale)}
                  </Typography.Text>
                ),
              }}
              data-testid="budget-table"
            />
          </Card>
        </>
      ) : null}
    </>
  );
}
