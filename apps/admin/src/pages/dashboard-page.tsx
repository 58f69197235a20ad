import { Alert, Card, Col, Empty, Row, Spin, Statistic } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, isAbortError } from '../api';
import { BarChart } from '../components/bar-chart';
import { PageHeader } from '../components/page-header';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n';
import type { DashboardCountKey, DashboardResponse } from '../types';

const COUNT_KEYS: readonly DashboardCountKey[] = [
  'organizations',
  'suppliers',
  'merchants',
  'stores',
  'staff',
  'consumers',
  'products',
  'auditEntries',
];

function labelKey(key: DashboardCountKey): MessageKey {
  return `dashboard.count.${key}`;
}

export function DashboardPage() {
  const { t, locale } = useI18n();
  const [counts, setCounts] = useState<DashboardResponse['counts'] | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    api
      .get<DashboardResponse>('/admin/dashboard', { signal: controller.signal })
      .then((response) => setCounts(response.counts ?? {}))
      .catch((error: unknown) => {
        if (!isAbortError(error)) setCounts({});
      });
    return () => controller.abort();
  }, [locale]);

  // Only keys the server returned are shown; an absent key means the actor may not see that count.
  const visible = useMemo(
    () =>
      COUNT_KEYS.flatMap((key) => {
        const value = counts?.[key];
        return typeof value === 'number' ? [{ key, value }] : [];
      }),
    [counts],
  );
  const chartData = useMemo(() => visible.map(({ key, value }) => ({ label: t(labelKey(key)), value })), [visible, t]);

  return (
    <>
      <PageHeader title={t('dashboard.title')} />
      <Alert type="info" showIcon title={t('dashboard.placeholderNote')} style={{ marginBottom: 16 }} data-testid="dashboard-note" />
      {counts === null ? (
        <Spin />
      ) : visible.length === 0 ? (
        <Card>
          <Empty description={t('dashboard.empty')} />
        </Card>
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {visible.map(({ key, value }) => (
              <Col key={key} xs={24} sm={12} md={8} xl={6}>
                <Card data-testid={`dashboard-stat-${key}`}>
                  <Statistic title={t(labelKey(key))} value={value} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card title={t('dashboard.chartTitle')} style={{ marginTop: 16 }}>
            <BarChart data={chartData} testId="dashboard-chart" />
          </Card>
        </>
      )}
    </>
  );
}
