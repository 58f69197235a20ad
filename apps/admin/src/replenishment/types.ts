/** Shapes of the replenishment API (see /admin/replenishment/* in the OpenAPI document). */
export type SuggestionStatus = 'order_now' | 'order_at_review' | 'sufficient';
export type ForecastMethod = 'holt_winters' | 'simple_smoothing' | 'mean' | 'none';
export type SettingSource = 'sku' | 'supplier' | 'platform';
export const SUGGESTION_STATUSES: readonly SuggestionStatus[] = ['order_now', 'order_at_review', 'sufficient'];

export interface Suggestion {
  skuId: string;
  skuCode: string;
  productId: string;
  title: string;
  specs: string;
  supplierId: string;
  supplierName: string;
  onHand: number;
  onOrder: number;
  inventoryPosition: number;
  leadTimeDays: number;
  reviewPeriodDays: number;
  serviceLevelBps: number;
  method: ForecastMethod;
  historyDays: number;
  averageDailyDemand: number;
  leadTimeDemand: number;
  coverDemand: number;
  safetyStock: number;
  reorderPoint: number;
  targetStock: number;
  suggestedQuantity: number;
  status: SuggestionStatus;
  reasoning: string[];
  computedAt: string | null;
}

export interface ForecastErrors {
  mapePercent: number | null;
  smapePercent: number | null;
  wapePercent: number | null;
  points: number;
  nonZeroPoints: number;
}

export interface SettingsSources {
  leadTimeDays: SettingSource;
  reviewPeriodDays: SettingSource;
  serviceLevelBps: SettingSource;
}

export interface ForecastDetail {
  sku: { skuId: string; skuCode: string; title: string; specs: string; supplierId: string; supplierName: string; onHand: number; onOrder: number };
  model: { method: ForecastMethod; alpha: number | null; beta: number | null; gamma: number | null; historyDays: number; sigmaDaily: number; historyEnd: string };
  history: { day: string; quantity: number; fitted: number | null }[];
  forecast: { day: string; quantity: number; lower80: number; upper80: number; lower95: number; upper95: number }[];
  settings: { leadTimeDays: number; reviewPeriodDays: number; serviceLevelBps: number; onOrderQuantity: number; sources: SettingsSources };
  suggestion: {
    leadTimeDemand: number;
    coverDemand: number;
    safetyFactor: number;
    safetyStock: number;
    reorderPoint: number;
    targetStock: number;
    inventoryPosition: number;
    suggestedQuantity: number;
    status: SuggestionStatus;
    reasoning: string[];
  };
  backtest: { origins: number; holtWinters: ForecastErrors; seasonalNaive: ForecastErrors } | null;
}

export interface SupplierSettings {
  supplierId: string;
  supplierName: string;
  leadTimeDays: number;
  reviewPeriodDays: number;
  serviceLevelBps: number;
  source: 'supplier' | 'platform';
  updatedAt: string | null;
}
