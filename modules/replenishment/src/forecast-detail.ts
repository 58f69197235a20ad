import type { Db } from '@linkmall/db';
import { err, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { errorsOf, holtWintersForecaster, rollingOriginBacktest, seasonalNaiveForecaster, type ForecastErrors } from './domain/backtest.ts';
import { addDays, daysBetween, denseSeries } from './domain/calendar.ts';
import { fitForecastModel, pointForecast, predictionIntervals, type ForecastMethod } from './domain/forecaster.ts';
import { explainSuggestion } from './domain/reasoning.ts';
import { demandPlan, orderSuggestion, type SettingSource, type SuggestionStatus } from './domain/suggestion.ts';
import { demandBySku, historyWindow, seriesOf, settingsFor } from './forecast-refresh.ts';
import type { ReplenishmentErrorCode } from './replenishment-errors.ts';
import { replenishmentStore as store, type Visibility } from './replenishment-store.ts';
import { specsLabel, twoDecimals } from './replenishment-view.ts';

export interface ForecastDetailQuery {
  /** Days of history to return for the chart (the model always learns from the whole window). */
  readonly historyDays: number;
  readonly horizonDays: number;
}

export interface ForecastDetail {
  sku: { skuId: string; skuCode: string; title: string; specs: string; supplierId: string; supplierName: string; onHand: number; onOrder: number };
  model: { method: ForecastMethod; alpha: number | null; beta: number | null; gamma: number | null; historyDays: number; sigmaDaily: number; historyEnd: string };
  history: { day: string; quantity: number; fitted: number | null }[];
  forecast: { day: string; quantity: number; lower80: number; upper80: number; lower95: number; upper95: number }[];
  settings: { leadTimeDays: number; reviewPeriodDays: number; serviceLevelBps: number; onOrderQuantity: number; sources: Record<'leadTimeDays' | 'reviewPeriodDays' | 'serviceLevelBps', SettingSource> };
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
  /** Rolling-origin errors of this SKU (14-day horizon), or null under six weeks of history. */
  backtest: { origins: number; holtWinters: ForecastErrors; seasonalNaive: ForecastErrors } | null;
}

const Z_80 = 1.2815515655446004;
const Z_95 = 1.959963984540054;

/**
 * One SKU's demand, fitted model, forecast with 80 % and 95 % intervals, suggestion and backtest,
 * computed fresh from the same window the stored forecast uses (one SKU is cheap to fit).
 */
export async function forecastDetail(db: Db, ctx: RequestContext, visibility: Visibility, skuId: string, query: ForecastDetailQuery): Promise<Result<ForecastDetail, ReplenishmentErrorCode>> {
  const sku = await store.sku(db, visibility, skuId);
  if (!sku) return err('replenishment_sku_not_found');
  const window = historyWindow(ctx.clock.now());
  const [demand, settingsBySku] = await Promise.all([demandBySku(db, [skuId], window), settingsFor(db, [{ skuId, supplierId: sku.supplier_id }])]);
  const points = demand.get(skuId) ?? [];
  const { start, series } = seriesOf(points, window.historyEnd);
  const model = fitForecastModel(series);
  const settings = settingsBySku.get(skuId)!;
  const coverDays = settings.leadTimeDays + settings.reviewPeriodDays;
  const horizon = Math.max(query.horizonDays, coverDays);
  const points80 = predictionIntervals(model, horizon, Z_80);
  const points95 = predictionIntervals(model, horizon, Z_95);
  const forecast = pointForecast(model, horizon);
  const plan = demandPlan(forecast, model.sigmaDaily, settings);
  const order = orderSuggestion(plan, sku.stock, settings.onOrderQuantity);

  const shownFrom = addDays(window.historyEnd, -(query.historyDays - 1));
  const shown = denseSeries(points, shownFrom, window.historyEnd);
  const fittedAt = (day: string) => (start === null ? null : (model.fitted[daysBetween(start, day)] ?? null));
  const backtest = rollingOriginBacktest(series, { holtWinters: holtWintersForecaster, seasonalNaive: seasonalNaiveForecaster }, { horizonDays: 14, origins: 4 });
  const reasoningModel = { ...model, dailyLevel: forecast[0] ?? 0 };

  return ok({
    sku: { skuId, skuCode: sku.sku_code, title: sku.title, specs: specsLabel(sku.specs), supplierId: sku.supplier_id, supplierName: sku.supplier_name, onHand: sku.stock, onOrder: settings.onOrderQuantity },
    model: { method: model.method, alpha: model.alpha, beta: model.beta, gamma: model.gamma, historyDays: model.historyDays, sigmaDaily: twoDecimals(model.sigmaDaily), historyEnd: window.historyEnd },
    history: shown.map((quantity, index) => {
      const day = addDays(shownFrom, index);
      const fitted = fittedAt(day);
      return { day, quantity, fitted: fitted === null ? null : twoDecimals(Math.max(0, fitted)) };
    }),
    forecast: forecast.slice(0, query.horizonDays).map((quantity, index) => ({
      day: addDays(window.historyEnd, index + 1),
      quantity: twoDecimals(quantity),
      lower80: twoDecimals(points80[index]!.lower),
      upper80: twoDecimals(points80[index]!.upper),
      lower95: twoDecimals(points95[index]!.lower),
      upper95: twoDecimals(points95[index]!.upper),
    })),
    settings: { leadTimeDays: settings.leadTimeDays, reviewPeriodDays: settings.reviewPeriodDays, serviceLevelBps: settings.serviceLevelBps, onOrderQuantity: settings.onOrderQuantity, sources: settings.sources },
    suggestion: {
      leadTimeDemand: twoDecimals(plan.leadTimeDemand),
      coverDemand: twoDecimals(plan.coverDemand),
      safetyFactor: twoDecimals(plan.safetyFactor),
      safetyStock: twoDecimals(plan.safetyStock),
      reorderPoint: plan.reorderPoint,
      targetStock: plan.targetStock,
      inventoryPosition: order.inventoryPosition,
      suggestedQuantity: order.suggestedQuantity,
      status: order.status,
      reasoning: explainSuggestion({ model: reasoningModel, settings, plan, order, onHand: sku.stock, onOrder: settings.onOrderQuantity }, ctx.locale),
    },
    backtest: backtest ? { origins: backtest.origins, holtWinters: roundErrors(errorsOf(backtest.tallies.holtWinters)), seasonalNaive: roundErrors(errorsOf(backtest.tallies.seasonalNaive)) } : null,
  });
}

const roundOrNull = (value: number | null) => (value === null ? null : twoDecimals(value));
function roundErrors(errors: ForecastErrors): ForecastErrors {
  return { ...errors, mapePercent: roundOrNull(errors.mapePercent), smapePercent: roundOrNull(errors.smapePercent), wapePercent: roundOrNull(errors.wapePercent) };
}
