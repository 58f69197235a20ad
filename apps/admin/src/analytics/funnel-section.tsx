import { InfoCircleOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Popover, Row, Skeleton, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useI18n } from '../i18n';
import { changeColor, changeOf, formatBpsPercent, formatCount, localized } from './analytics-format';
import { filterQuery } from './analytics-filter';
import { FunnelChart } from './funnel-chart';
import { PeopleDrawer } from './people-drawer';
import type { AnalyticsFilter, FunnelResponse, FunnelStep, FunnelStepRow } from './types';
import { useAnalyticsQuery } from './use-analytics-query';

function StepRow({ row, onOpen }: { row: FunnelStepRow; onOpen: () => void }) {
  const { t, locale } = useI18n();
  const countChange = changeOf(row.count, row.previousCount, 'count', t);
  const conversionChange = changeOf(row.conversionBps, row.previousConversionBps, 'bps', t);
  const label = localized(row.label, locale);
  const colored = (change: ReturnType<typeof changeOf>) =>
    change ? <span style={{ color: changeColor(row.step, change.direction) }}>{change.text}</span> : '—';
  return (
    <Flex vertical gap={2} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }} data-testid={`analytics-step-${row.step}`}>
      <Flex justify="space-between" align="center">
        <Flex gap={6} align="center">
          <Typography.Text strong>{label}</Typography.Text>
          <Popover title={label} content={<div style={{ maxWidth: 300 }}>{localized(row.definition, locale)}</div>}>
            <InfoCircleOutlined style={{ color: '#8c8c8c', cursor: 'help' }} />
          </Popover>
          <Typography.Text style={{ fontSize: 16, fontWeight: 600, marginInlineStart: 8 }} data-testid="analytics-step-count">
            {formatCount(row.count)}
          </Typography.Text>
        </Flex>
        <Button type="link" size="small" onClick={onOpen} data-testid={`analytics-step-open-${row.step}`}>
          {t('analytics.funnel.drill')}
        </Button>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('analytics.funnel.previousCount', { value: formatCount(row.previousCount) })} · {t('analytics.funnel.change')} {colored(countChange)}
        {row.step !== 'exposure' && (
          <>
            {' · '}
            {t('analytics.funnel.conversion', { value: formatBpsPercent(row.conversionBps) })} ({t('analytics.funnel.change')} {colored(conversionChange)})
          </>
        )}
      </Typography.Text>
    </Flex>
  );
}

/** 曝光 → 互动 → 裂变 → 转化 → 复购 for the scope and range; a step opens the people behind it. */
export function FunnelSection({ filter }: { filter: AnalyticsFilter }) {
  const { t, locale } = useI18n();
  const { data, loading, error } = useAnalyticsQuery<FunnelResponse>('/admin/analytics/funnel', filterQuery(filter));
  const [openStep, setOpenStep] = useState<FunnelStep | null>(null);

  const chartData = useMemo(
    () =>
      (data?.steps ?? []).map((row) => {
        const change = changeOf(row.count, row.previousCount, 'count', t);
        const parts = [
          row.step === 'exposure' ? null : t('analytics.funnel.conversion', { value: formatBpsPercent(row.conversionBps) }),
          `${t('analytics.funnel.change')} ${change ? change.text : '—'}`,
        ].filter(Boolean);
        return { key: row.step, label: localized(row.label, locale), value: row.count, detail: parts.join(' · ') };
      }),
    [data, t, locale],
  );
  const openRow = data?.steps.find((row) => row.step === openStep) ?? null;

  return (
    <Card title={t('analytics.funnel.title')} extra={<Typography.Text type="secondary">{t('analytics.funnel.hint')}</Typography.Text>}>
      <ApiErrorAlert error={error} />
      {loading && !data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : !data ? (
        <Empty />
      ) : (
        <Row gutter={24} align="middle">
          <Col xs={24} lg={13}>
            <FunnelChart data={chartData} onStepClick={(key) => setOpenStep(key as FunnelStep)} />
          </Col>
          <Col xs={24} lg={11} data-testid="analytics-funnel-steps">
            {data.steps.map((row) => (
              <StepRow key={row.step} row={row} onOpen={() => setOpenStep(row.step)} />
            ))}
          </Col>
        </Row>
      )}
      <PeopleDrawer filter={filter} step={openStep} stepLabel={openRow ? localized(openRow.label, locale) : ''} definition={openRow ? localized(openRow.definition, locale) : ''} onClose={() => setOpenStep(null)} />
    </Card>
  );
}
