import { Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useI18n } from '../i18n';
import { formatBpsPercent } from './analytics-format';
import { filterQuery } from './analytics-filter';
import { ExportButtons } from './export-buttons';
import type { AnalyticsFilter, CohortResponse } from './types';
import { useAnalyticsQuery } from './use-analytics-query';

type CohortRow = CohortResponse['rows'][number];

/** Shades a retention cell by its rate, so the table reads as a heat map. */
function cellStyle(bps: number): React.CSSProperties {
  const alpha = 0.06 + (Math.min(bps, 10_000) / 10_000) * 0.74;
  return { background: `rgba(22, 104, 220, ${alpha.toFixed(3)})`, color: alpha > 0.45 ? '#fff' : undefined, textAlign: 'center', borderRadius: 4, padding: '2px 4px' };
}

/** Buyers grouped by the month of their first paid order, and the share who paid again k months later. */
export function CohortSection({ filter }: { filter: AnalyticsFilter }) {
  const { t } = useI18n();
  const { data, loading, error } = useAnalyticsQuery<CohortResponse>('/admin/analytics/cohorts', filterQuery(filter));
  const width = Math.max(0, ...(data?.rows ?? []).map((row) => row.retained.length));

  const columns: TableColumnsType<CohortRow> = [
    { title: t('analytics.cohort.cohort'), dataIndex: 'cohort', width: 100, fixed: 'left' },
    { title: t('analytics.cohort.buyers'), dataIndex: 'buyers', width: 90, align: 'right' },
    ...Array.from({ length: width }, (_, month) => ({
      title: t('analytics.cohort.month', { month }),
      key: `m${month}`,
      width: 96,
      render: (_: unknown, row: CohortRow) =>
        month < row.retained.length ? (
          <div style={cellStyle(row.retainedBps[month] ?? 0)} title={t('analytics.cohort.cell', { count: row.retained[month] ?? 0 })}>
            {formatBpsPercent(row.retainedBps[month])}
            <div style={{ fontSize: 11, opacity: 0.8 }}>{row.retained[month]}</div>
          </div>
        ) : null,
    })),
  ];

  return (
    <Card title={t('analytics.cohort.title')} extra={<ExportButtons report="cohorts" filter={filter} testId="analytics-cohorts-export" />}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('analytics.cohort.note')}
      </Typography.Paragraph>
      <ApiErrorAlert error={error} />
      <Table<CohortRow>
        rowKey="cohort"
        size="small"
        columns={columns}
        dataSource={data?.rows ?? []}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="analytics-cohorts-table"
      />
    </Card>
  );
}
