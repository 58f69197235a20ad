import { ArrowDownOutlined, ArrowUpOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { Card, Col, Flex, Popover, Row, Skeleton, Typography } from 'antd';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useI18n } from '../i18n';
import { changeColor, changeOf, formatKpiValue, localized } from './analytics-format';
import { ExportButtons } from './export-buttons';
import { filterQuery } from './analytics-filter';
import type { AnalyticsFilter, Kpi, KpiResponse } from './types';
import { useAnalyticsQuery } from './use-analytics-query';

function KpiCard({ kpi }: { kpi: Kpi }) {
  const { t, locale } = useI18n();
  const change = changeOf(kpi.value, kpi.previousValue, kpi.unit, t);
  const color = change ? changeColor(kpi.key, change.direction) : undefined;
  const label = localized(kpi.label, locale);
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={`analytics-kpi-${kpi.key}`}>
      <Flex align="center" gap={6}>
        <Typography.Text type="secondary" ellipsis style={{ flex: 'none', maxWidth: 'calc(100% - 20px)' }}>
          {label}
        </Typography.Text>
        <Popover
          title={label}
          content={<div style={{ maxWidth: 280 }} data-testid="analytics-kpi-definition">{localized(kpi.definition, locale)}</div>}
          trigger={['hover', 'click']}
        >
          <InfoCircleOutlined style={{ color: '#8c8c8c', cursor: 'help' }} aria-label={t('analytics.kpi.definition')} data-testid={`analytics-kpi-info-${kpi.key}`} />
        </Popover>
      </Flex>
      <div style={{ fontSize: 22, fontWeight: 600, margin: '4px 0', whiteSpace: 'nowrap' }} data-testid="analytics-kpi-value">
        {formatKpiValue(kpi.value, kpi.unit, t)}
      </div>
      <Flex gap={6} wrap style={{ fontSize: 12 }}>
        {change && (
          <span style={{ color: color ?? '#8c8c8c' }} data-testid="analytics-kpi-change">
            {change.direction === 'up' && <ArrowUpOutlined />}
            {change.direction === 'down' && <ArrowDownOutlined />} {change.text}
          </span>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('analytics.kpi.previous', { value: formatKpiValue(kpi.previousValue, kpi.unit, t) })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

/** Every KPI of the scope and range as a card with its definition and its change on the previous period. */
export function KpiCards({ filter }: { filter: AnalyticsFilter }) {
  const { t } = useI18n();
  const { data, loading, error } = useAnalyticsQuery<KpiResponse>('/admin/analytics/kpis', filterQuery(filter));
  return (
    <Card title={t('analytics.kpi.title')} extra={<ExportButtons report="kpis" filter={filter} testId="analytics-kpis-export" />} style={{ marginTop: 16 }}>
      <ApiErrorAlert error={error} />
      {loading && !data ? (
        <Skeleton active />
      ) : (
        <Row gutter={[12, 12]} data-testid="analytics-kpis">
          {(data?.kpis ?? []).map((kpi) => (
            <Col key={kpi.key} xs={24} sm={12} md={8} xl={6} xxl={4}>
              <KpiCard kpi={kpi} />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
