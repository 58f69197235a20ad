/** Shapes of the /admin/analytics answers (docs/analytics.md). Money is integer fen; rates are bps. */

export type Localized = { 'zh-CN': string; en: string };
export type Day = string;

export const SCOPE_KINDS = ['platform', 'merchant', 'team', 'guide', 'card'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export const FUNNEL_STEPS = ['exposure', 'interaction', 'fission', 'conversion', 'repurchase'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];
/** The steps whose people are visitors: their drill-down needs `visitor.read` too. */
export const VISITOR_STEPS: readonly FunnelStep[] = ['exposure', 'interaction', 'fission'];

/** The filter every analytics read takes; `scopeId` empty means "the caller's own" where allowed. */
export interface AnalyticsFilter {
  scope: ScopeKind;
  scopeId?: string;
  from: Day;
  to: Day;
}

interface Period {
  from: Day;
  to: Day;
  previousFrom: Day;
  previousTo: Day;
}

export interface FunnelStepRow {
  step: FunnelStep;
  label: Localized;
  definition: Localized;
  count: number;
  previousCount: number;
  conversionBps: number | null;
  previousConversionBps: number | null;
}

export interface FunnelResponse extends Period {
  scope: ScopeKind;
  scopeId: string | null;
  steps: FunnelStepRow[];
}

export interface Person {
  personId: string;
  kind: 'visitor' | 'member';
  maskedName: string;
  count: number;
  lastAt: string;
  orderCount: number;
  orders: { orderId: string; amountFen: number; paidAt: string }[];
}

export type KpiUnit = 'fen' | 'count' | 'bps' | 'hours' | 'days' | 'ratio';

export interface Kpi {
  key: string;
  label: Localized;
  value: number | null;
  previousValue: number | null;
  unit: KpiUnit;
  definition: Localized;
}

export interface KpiResponse extends Period {
  kpis: Kpi[];
}

export const BREAKDOWN_DIMENSIONS = ['region', 'team', 'channel', 'product'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];
export const BREAKDOWN_SORTS = ['gmv', 'orders', 'visitors', 'roi'] as const;
export type BreakdownSort = (typeof BREAKDOWN_SORTS)[number];

export interface BreakdownRow {
  key: string;
  label: string;
  gmvFen: number;
  orders: number;
  aovFen: number | null;
  visitors: number;
  conversionBps: number | null;
  spendFen: number | null;
  roiBps: number | null;
}

export const TREND_METRICS = ['gmv', 'orders', 'visitors', 'conversion'] as const;
export type TrendMetric = (typeof TREND_METRICS)[number];

export interface TrendResponse extends Period {
  metric: TrendMetric;
  granularity: 'day' | 'week';
  unit: 'fen' | 'count' | 'bps';
  current: { period: Day; value: number | null }[];
  previous: { period: Day; value: number | null }[];
}

export interface CohortResponse {
  months: string[];
  rows: { cohort: string; buyers: number; retained: number[]; retainedBps: number[] }[];
}

export const SPEND_CHANNELS = ['card', 'distribution', 'direct'] as const;
export type SpendChannel = (typeof SPEND_CHANNELS)[number];

export interface SpendEntry {
  id: string;
  kind: 'entry' | 'reversal';
  day: Day;
  channel: SpendChannel;
  amountFen: number;
  province: string | null;
  city: string | null;
  teamId: string | null;
  merchantId: string | null;
  campaign: string | null;
  note: string | null;
  reversesId: string | null;
  reversedById: string | null;
  createdBy: string;
  createdAt: string;
}

export const BUDGET_DIMENSIONS = ['region', 'team', 'channel'] as const;
export type BudgetDimension = (typeof BUDGET_DIMENSIONS)[number];

export interface BudgetRow {
  key: string;
  label: string;
  rank: number;
  spendFen: number;
  gmvFen: number;
  roiBps: number | null;
  fissionPer10kFen: number | null;
  score: number;
  suggestedFen: number;
  changeFen: number;
  reasoning: Localized;
}

export interface BudgetSuggestionResponse {
  dimension: BudgetDimension;
  from: Day;
  to: Day;
  totalFen: number;
  rows: BudgetRow[];
  summary: Localized;
}

export interface ScopeChoice {
  id: string;
  label: string;
}

export type ExportReport = 'kpis' | 'breakdown' | 'trend' | 'funnel-people' | 'cohorts' | 'budget';
