import { normalQuantile } from './normal-quantile.ts';

/**
 * The purchase suggestion of a periodic-review, order-up-to policy:
 *   lead-time demand   D_L   = Σ forecast over the lead time L
 *   cover demand       D_LR  = Σ forecast over L + the review period R (until the next order arrives)
 *   safety stock       SS    = z(service level) × σ × √L
 *   reorder point      ROP   = ⌈D_L + SS⌉
 *   target stock       S     = ⌈D_LR + SS⌉
 *   suggested quantity Q     = max(0, S − on hand − on order)
 * σ is the standard deviation of the one-day forecast error; √L scales it to the lead time on the
 * usual assumption that daily errors are independent. Units are whole items, so ROP and S round up.
 */
export interface ReplenishmentSettings {
  readonly leadTimeDays: number;
  readonly reviewPeriodDays: number;
  /** Cycle service level (chance of no stock-out while an order is under way), in basis points. */
  readonly serviceLevelBps: number;
}

export const SETTING_LIMITS = {
  leadTimeDays: { min: 1, max: 120 },
  reviewPeriodDays: { min: 1, max: 60 },
  serviceLevelBps: { min: 5000, max: 9990 },
} as const;

/** What a SKU uses when neither it nor its supplier set anything. */
export const PLATFORM_DEFAULT_SETTINGS: ReplenishmentSettings = { leadTimeDays: 7, reviewPeriodDays: 7, serviceLevelBps: 9500 };

/** The longest cover any setting allows, so one stored forecast serves every setting. */
export const FORECAST_HORIZON_DAYS = SETTING_LIMITS.leadTimeDays.max + SETTING_LIMITS.reviewPeriodDays.max;

export type SettingSource = 'sku' | 'supplier' | 'platform';

export interface EffectiveSettings extends ReplenishmentSettings {
  readonly sources: { readonly [K in keyof ReplenishmentSettings]: SettingSource };
}

type PartialSettings = { readonly [K in keyof ReplenishmentSettings]?: number | null };

/** Each setting from the SKU if it sets one, else the supplier's default, else the platform's. */
export function effectiveSettings(supplier: PartialSettings | null, sku: PartialSettings | null): EffectiveSettings {
  const pick = (key: keyof ReplenishmentSettings): [number, SettingSource] => {
    const own = sku?.[key];
    if (own !== null && own !== undefined) return [own, 'sku'];
    const inherited = supplier?.[key];
    if (inherited !== null && inherited !== undefined) return [inherited, 'supplier'];
    return [PLATFORM_DEFAULT_SETTINGS[key], 'platform'];
  };
  const [leadTimeDays, leadSource] = pick('leadTimeDays');
  const [reviewPeriodDays, reviewSource] = pick('reviewPeriodDays');
  const [serviceLevelBps, serviceSource] = pick('serviceLevelBps');
  return { leadTimeDays, reviewPeriodDays, serviceLevelBps, sources: { leadTimeDays: leadSource, reviewPeriodDays: reviewSource, serviceLevelBps: serviceSource } };
}

export interface DemandPlan {
  readonly leadTimeDemand: number;
  readonly coverDemand: number;
  readonly safetyFactor: number;
  readonly safetyStock: number;
  readonly reorderPoint: number;
  readonly targetStock: number;
}

/** Float sums such as 0.1 × 30 land a hair above a whole number; that hair must not cost an extra item. */
const roundUp = (value: number) => Math.max(0, Math.ceil(value - 1e-9));

/** The stock levels a forecast asks for; `forecast[0]` is today's expected demand. */
export function demandPlan(forecast: readonly number[], sigmaDaily: number, settings: ReplenishmentSettings): DemandPlan {
  const cover = settings.leadTimeDays + settings.reviewPeriodDays;
  if (forecast.length < cover) throw new Error(`the forecast covers ${forecast.length} days, the plan needs ${cover}`);
  const leadTimeDemand = forecast.slice(0, settings.leadTimeDays).reduce((total, value) => total + value, 0);
  const coverDemand = forecast.slice(0, cover).reduce((total, value) => total + value, 0);
  const safetyFactor = normalQuantile(settings.serviceLevelBps / 10_000);
  const safetyStock = Math.max(0, safetyFactor * sigmaDaily * Math.sqrt(settings.leadTimeDays));
  return { leadTimeDemand, coverDemand, safetyFactor, safetyStock, reorderPoint: roundUp(leadTimeDemand + safetyStock), targetStock: roundUp(coverDemand + safetyStock) };
}

export type SuggestionStatus = 'order_now' | 'order_at_review' | 'sufficient';
export const SUGGESTION_STATUSES: readonly SuggestionStatus[] = ['order_now', 'order_at_review', 'sufficient'];

export interface OrderSuggestion {
  readonly inventoryPosition: number;
  readonly suggestedQuantity: number;
  /** Order now when stock on hand and on order has fallen to the reorder point; else at the next review. */
  readonly status: SuggestionStatus;
}

export function orderSuggestion(plan: Pick<DemandPlan, 'reorderPoint' | 'targetStock'>, onHand: number, onOrder: number): OrderSuggestion {
  const inventoryPosition = onHand + onOrder;
  const suggestedQuantity = Math.max(0, plan.targetStock - inventoryPosition);
  const status: SuggestionStatus = suggestedQuantity === 0 ? 'sufficient' : inventoryPosition <= plan.reorderPoint ? 'order_now' : 'order_at_review';
  return { inventoryPosition, suggestedQuantity, status };
}
