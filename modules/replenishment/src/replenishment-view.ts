import type { Locale } from '@linkmall/kernel';
import type { ForecastMethod } from './domain/forecaster.ts';
import { explainSuggestion } from './domain/reasoning.ts';
import { orderSuggestion, PLATFORM_DEFAULT_SETTINGS, type SuggestionStatus } from './domain/suggestion.ts';
import type { SuggestionRow } from './replenishment-store.ts';

export interface SuggestionView {
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

/** Statistics travel with two decimals: enough to check the arithmetic, no float noise on screen. */
export const twoDecimals = (value: number) => Math.round(value * 100) / 100;

/** `[{"name":"规格","value":"250g"}]` → `250g`; several specs joined with " / ". */
export function specsLabel(specs: unknown): string {
  if (!Array.isArray(specs)) return '';
  return specs.map((spec) => (spec && typeof spec === 'object' && 'value' in spec ? String(spec.value) : '')).filter(Boolean).join(' / ');
}

/** A suggestion row as the console shows it, with the reasoning in the reader's language. */
export function toSuggestionView(row: SuggestionRow, locale: Locale): SuggestionView {
  // A SKU put on sale after this request's refresh has no forecast yet: it shows as nothing to order.
  const method = row.method ?? 'none';
  const settings = {
    leadTimeDays: row.lead_time_days ?? PLATFORM_DEFAULT_SETTINGS.leadTimeDays,
    reviewPeriodDays: row.review_period_days ?? PLATFORM_DEFAULT_SETTINGS.reviewPeriodDays,
    serviceLevelBps: row.service_level_bps ?? PLATFORM_DEFAULT_SETTINGS.serviceLevelBps,
  };
  const plan = {
    leadTimeDemand: row.lead_time_demand ?? 0,
    coverDemand: row.cover_demand ?? 0,
    safetyFactor: row.safety_factor ?? 0,
    safetyStock: row.safety_stock ?? 0,
    reorderPoint: row.reorder_point ?? 0,
    targetStock: row.target_stock ?? 0,
  };
  const onOrder = Number(row.on_order_quantity);
  const order = orderSuggestion(plan, row.stock, onOrder);
  const averageDailyDemand = plan.leadTimeDemand / settings.leadTimeDays;
  const model = { method, alpha: row.alpha, beta: row.beta, gamma: row.gamma, historyDays: row.history_days ?? 0, sigmaDaily: row.sigma_daily ?? 0, dailyLevel: averageDailyDemand };
  return {
    skuId: row.sku_id,
    skuCode: row.sku_code,
    productId: row.product_id,
    title: row.title,
    specs: specsLabel(row.specs),
    supplierId: row.supplier_id,
    supplierName: row.supplier_name,
    onHand: row.stock,
    onOrder,
    inventoryPosition: order.inventoryPosition,
    ...settings,
    method,
    historyDays: model.historyDays,
    averageDailyDemand: twoDecimals(averageDailyDemand),
    leadTimeDemand: twoDecimals(plan.leadTimeDemand),
    coverDemand: twoDecimals(plan.coverDemand),
    safetyStock: twoDecimals(plan.safetyStock),
    reorderPoint: plan.reorderPoint,
    targetStock: plan.targetStock,
    suggestedQuantity: order.suggestedQuantity,
    status: order.status,
    reasoning: explainSuggestion({ model, settings, plan, order, onHand: row.stock, onOrder }, locale),
    computedAt: row.computed_at ? row.computed_at.toISOString() : null,
  };
}
