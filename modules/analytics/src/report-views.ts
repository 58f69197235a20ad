import type { Localized } from '@linkmall/kernel';
import { funnelSteps, type FunnelStepView, type StepCounts } from './domain/funnel.ts';
import { computeKpis, KPI_TEXTS, type KpiKey, type KpiTotals, type KpiUnit } from './domain/kpis.ts';
import { previousPeriod } from './domain/period.ts';
import type { AnalyticsFilter, ScopeKind } from './domain/scope.ts';

/** A period's totals: the KPI inputs plus the funnel's tracking counts. */
export interface PeriodTotals extends KpiTotals {
  readonly interactions: bigint;
  readonly shares: bigint;
}

interface ReportHead {
  readonly scope: ScopeKind;
  readonly scopeId: string | null;
  readonly from: string;
  readonly to: string;
  readonly previousFrom: string;
  readonly previousTo: string;
}

export interface FunnelView extends ReportHead {
  readonly steps: FunnelStepView[];
}

export interface KpiEntry {
  readonly key: KpiKey;
  readonly label: Localized;
  readonly value: number | null;
  readonly previousValue: number | null;
  readonly unit: KpiUnit;
  readonly definition: Localized;
}

export interface KpiView extends ReportHead {
  readonly kpis: KpiEntry[];
}

export function reportHead(filter: AnalyticsFilter): ReportHead {
  const previous = previousPeriod(filter);
  return { scope: filter.scope.kind, scopeId: filter.scope.kind === 'platform' ? null : filter.scope.id, from: filter.from, to: filter.to, previousFrom: previous.from, previousTo: previous.to };
}

export function stepCounts(totals: Pick<PeriodTotals, 'views' | 'interactions' | 'shares' | 'referrals' | 'orders' | 'repeatOrders'>): StepCounts {
  return {
    exposure: Number(totals.views),
    interaction: Number(totals.interactions),
    fission: Number(totals.shares + totals.referrals),
    conversion: Number(totals.orders),
    repurchase: Number(totals.repeatOrders),
  };
}

export function funnelView(filter: AnalyticsFilter, current: StepCounts, previous: StepCounts): FunnelView {
  return { ...reportHead(filter), steps: funnelSteps(current, previous) };
}

export function kpiView(filter: AnalyticsFilter, current: KpiTotals, previous: KpiTotals): KpiView {
  const before = new Map(computeKpis(previous).map((kpi) => [kpi.key, kpi.value]));
  return {
    ...reportHead(filter),
    kpis: computeKpis(current).map((kpi) => ({ key: kpi.key, label: KPI_TEXTS[kpi.key].label, value: kpi.value, previousValue: before.get(kpi.key) ?? null, unit: kpi.unit, definition: KPI_TEXTS[kpi.key].definition })),
  };
}
