import { inTransaction, type Db } from '@linkmall/db';
import type { Insertable } from 'kysely';
import { addDays, beijingDay, denseSeries, type DailyQuantity } from './domain/calendar.ts';
import { fitForecastModel, pointForecast, type ForecastModel } from './domain/forecaster.ts';
import { demandPlan, effectiveSettings, FORECAST_HORIZON_DAYS, type EffectiveSettings } from './domain/suggestion.ts';
import { replenishmentStore as store, type ForecastRow, type Visibility } from './replenishment-store.ts';
import type { ReplenishmentForecastTable } from './replenishment-tables.ts';

/** A year of weeks: enough for the weekly season and recent trend, short enough to forget old regimes. */
export const HISTORY_DAYS = 364;
/** SKUs fitted per round trip, so a large catalogue never holds one huge result set in memory. */
const BATCH_SIZE = 200;

export interface HistoryWindow {
  /** The last full day: forecasts never learn from today's half-counted sales. */
  readonly historyEnd: string;
  readonly windowStart: string;
}

export function historyWindow(now: Date): HistoryWindow {
  const historyEnd = addDays(beijingDay(now), -1);
  return { historyEnd, windowStart: addDays(historyEnd, -(HISTORY_DAYS - 1)) };
}

/** A SKU's demand series: from its first sale in the window to the end of the window, quiet days as zeros. */
export function seriesOf(points: readonly DailyQuantity[], historyEnd: string): { start: string | null; series: number[] } {
  const first = points[0]?.day;
  return first ? { start: first, series: denseSeries(points, first, historyEnd) } : { start: null, series: [] };
}

/** Daily demand of each SKU within the window, grouped. */
export async function demandBySku(db: Db, skuIds: readonly string[], window: HistoryWindow): Promise<Map<string, DailyQuantity[]>> {
  const grouped = new Map<string, DailyQuantity[]>();
  for (const row of await store.demand(db, skuIds, window.windowStart, window.historyEnd)) {
    grouped.set(row.skuId, [...(grouped.get(row.skuId) ?? []), { day: row.day, quantity: row.quantity }]);
  }
  return grouped;
}

/** The settings in force for each SKU (its own, else its supplier's, else the platform's). */
export async function settingsFor(db: Db, skus: readonly { skuId: string; supplierId: string }[]): Promise<Map<string, EffectiveSettings & { onOrderQuantity: number }>> {
  const [suppliers, own] = await Promise.all([store.supplierSettings(db, [...new Set(skus.map((sku) => sku.supplierId))]), store.skuSettings(db, skus.map((sku) => sku.skuId))]);
  const supplierOf = new Map(suppliers.map((row) => [row.supplier_id, row]));
  const ownOf = new Map(own.map((row) => [row.sku_id, row]));
  return new Map(
    skus.map(({ skuId, supplierId }) => {
      const supplier = supplierOf.get(supplierId);
      const sku = ownOf.get(skuId);
      const settings = effectiveSettings(
        supplier ? { leadTimeDays: supplier.lead_time_days, reviewPeriodDays: supplier.review_period_days, serviceLevelBps: supplier.service_level_bps } : null,
        sku ? { leadTimeDays: sku.lead_time_days, reviewPeriodDays: sku.review_period_days, serviceLevelBps: sku.service_level_bps } : null,
      );
      return [skuId, { ...settings, onOrderQuantity: sku?.on_order_quantity ?? 0 }];
    }),
  );
}

type PlanColumns = Pick<
  ReplenishmentForecastTable,
  'lead_time_days' | 'review_period_days' | 'service_level_bps' | 'lead_time_demand' | 'cover_demand' | 'safety_factor' | 'safety_stock' | 'reorder_point' | 'target_stock'
>;

function planColumns(forecast: readonly number[], sigmaDaily: number, settings: EffectiveSettings): PlanColumns {
  const plan = demandPlan(forecast, sigmaDaily, settings);
  return {
    lead_time_days: settings.leadTimeDays,
    review_period_days: settings.reviewPeriodDays,
    service_level_bps: settings.serviceLevelBps,
    lead_time_demand: plan.leadTimeDemand,
    cover_demand: plan.coverDemand,
    safety_factor: plan.safetyFactor,
    safety_stock: plan.safetyStock,
    reorder_point: plan.reorderPoint,
    target_stock: plan.targetStock,
  };
}

function forecastRow(sku: { skuId: string; supplierId: string }, historyEnd: string, model: ForecastModel, settings: EffectiveSettings, now: Date): Insertable<ReplenishmentForecastTable> {
  const forecast = pointForecast(model, FORECAST_HORIZON_DAYS);
  return {
    sku_id: sku.skuId,
    supplier_id: sku.supplierId,
    history_end: historyEnd,
    method: model.method,
    alpha: model.alpha,
    beta: model.beta,
    gamma: model.gamma,
    history_days: model.historyDays,
    sigma_daily: model.sigmaDaily,
    forecast_daily: forecast,
    ...planColumns(forecast, model.sigmaDaily, settings),
    computed_at: now,
  };
}

/**
 * Fits every stale SKU in view (no forecast yet, or one from before yesterday's sales) and stores the
 * result. Safe to run from several places at once: each writes the same answer for the same day.
 */
export async function refreshForecasts(db: Db, now: Date, visibility: Visibility, skuId?: string): Promise<number> {
  const window = historyWindow(now);
  const stale = await store.staleSkus(db, visibility, window.historyEnd, skuId);
  for (let offset = 0; offset < stale.length; offset += BATCH_SIZE) {
    const batch = stale.slice(offset, offset + BATCH_SIZE);
    const demand = await demandBySku(db, batch.map((sku) => sku.skuId), window);
    // Fitting is the slow part and needs no settings, so it runs before any lock is taken.
    const models = batch.map((sku) => fitForecastModel(seriesOf(demand.get(sku.skuId) ?? [], window.historyEnd).series));
    await inTransaction(db, async (tx) => {
      await store.lockSuppliers(tx, batch.map((sku) => sku.supplierId));
      const settings = await settingsFor(tx, batch);
      await store.upsertForecasts(tx, batch.map((sku, index) => forecastRow(sku, window.historyEnd, models[index]!, settings.get(sku.skuId)!, now)));
    });
  }
  return stale.length;
}

/** Re-plans stored forecasts under the settings now in force (after a settings change), in the caller's transaction, which holds the supplier's lock. */
export async function replanForecasts(tx: Db, skuIds: readonly string[], now: Date): Promise<ForecastRow[]> {
  const forecasts = await store.forecastsOf(tx, skuIds, { forUpdate: true });
  if (forecasts.length === 0) return [];
  const settings = await settingsFor(tx, forecasts.map((row) => ({ skuId: row.sku_id, supplierId: row.supplier_id })));
  const rows = forecasts.map((row) => ({ ...row, ...planColumns(row.forecast_daily, row.sigma_daily, settings.get(row.sku_id)!), computed_at: now }));
  await store.upsertForecasts(tx, rows);
  return rows;
}
