import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { downloadFile, type QueryValue } from '../api';
import { useI18n } from '../i18n';
import type { AnalyticsFilter, ExportReport } from './types';
import { filterQuery } from './analytics-filter';

/**
 * CSV and Excel downloads of one report through the export endpoint, with the same filter and
 * report parameters as the table on screen, so the file holds what the operator is looking at.
 */
export function ExportButtons({
  report,
  filter,
  params = {},
  testId,
}: {
  report: ExportReport;
  filter: (Pick<AnalyticsFilter, 'from' | 'to'> & Partial<AnalyticsFilter>) | null;
  params?: Record<string, QueryValue>;
  testId: string;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);

  async function download(format: 'csv' | 'xlsx') {
    if (!filter) return;
    setBusy(format);
    try {
      const name = await downloadFile(
        '/admin/analytics/export',
        { ...filterQuery(filter), ...params, report, format },
        `analytics-${report}-${filter.from}-${filter.to}.${format}`,
      );
      message.success(t('analytics.export.done', { name }));
    } catch {
      // The API client already showed the server's message.
    } finally {
      setBusy(null);
    }
  }

  return (
    <Space.Compact size="small">
      <Button icon={<DownloadOutlined />} loading={busy === 'csv'} disabled={!filter} onClick={() => void download('csv')} data-testid={`${testId}-csv`}>
        {t('analytics.export.csv')}
      </Button>
      <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} disabled={!filter} onClick={() => void download('xlsx')} data-testid={`${testId}-xlsx`}>
        {t('analytics.export.xlsx')}
      </Button>
    </Space.Compact>
  );
}
