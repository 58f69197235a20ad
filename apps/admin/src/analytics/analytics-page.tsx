import { Card, Empty, Tabs } from 'antd';
import { useState } from 'react';
import { useAuth } from '../auth';
import { PageHeader } from '../components/page-header';
import { useI18n } from '../i18n';
import { AnalyticsFilterBar } from './analytics-filter-bar';
import { useAnalyticsFilter } from './analytics-filter';
import { BreakdownSection, DEFAULT_BREAKDOWN_VIEW, type BreakdownView } from './breakdown-section';
import { CohortSection } from './cohort-section';
import { FunnelSection } from './funnel-section';
import { KpiCards } from './kpi-cards';
import { DEFAULT_TREND_VIEW, TrendSection, type TrendView } from './trend-section';

type TabKey = 'funnel' | 'breakdown' | 'trend' | 'cohorts';

/**
 * 营销分析: the full funnel with its KPIs, the breakdowns, the trend and the retention cohorts of
 * one scope and date range. Each view loads only while its tab is open.
 */
export function AnalyticsPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const state = useAnalyticsFilter(user);
  const [tab, setTab] = useState<TabKey>('funnel');
  const [breakdownView, setBreakdownView] = useState<BreakdownView>(DEFAULT_BREAKDOWN_VIEW);
  const [trendView, setTrendView] = useState<TrendView>(DEFAULT_TREND_VIEW);
  const { filter } = state;

  const content = (view: TabKey) => {
    if (!filter) {
      return (
        <Card>
          <Empty description={t('analytics.scope.pickFirst')} data-testid="analytics-pick-scope" />
        </Card>
      );
    }
    switch (view) {
      case 'funnel':
        return (
          <>
            <FunnelSection filter={filter} />
            <KpiCards filter={filter} />
          </>
        );
      case 'breakdown':
        return <BreakdownSection filter={filter} view={breakdownView} onViewChange={setBreakdownView} />;
      case 'trend':
        return <TrendSection filter={filter} view={trendView} onViewChange={setTrendView} />;
      default:
        return <CohortSection filter={filter} />;
    }
  };

  return (
    <>
      <PageHeader title={t('analytics.title')} />
      <AnalyticsFilterBar state={state} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as TabKey)}
        destroyOnHidden
        items={(['funnel', 'breakdown', 'trend', 'cohorts'] as const).map((key) => ({
          key,
          label: <span data-testid={`analytics-tab-${key}`}>{t(`analytics.tab.${key}`)}</span>,
          children: content(key),
        }))}
        data-testid="analytics-tabs"
      />
    </>
  );
}
