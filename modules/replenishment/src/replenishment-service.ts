import type { Db, PageRequest } from '@linkmall/db';
import type { RequestContext } from '@linkmall/kernel';
import { forecastDetail, type ForecastDetailQuery } from './forecast-detail.ts';
import { demandBySku, historyWindow, refreshForecasts, seriesOf } from './forecast-refresh.ts';
import { replenishmentStore as store, type SuggestionFilter, type Visibility } from './replenishment-store.ts';
import { toSuggestionView, type SuggestionView } from './replenishment-view.ts';
import { createSettingsService } from './settings-service.ts';

/** The most rows one export holds; a larger catalogue is exported per supplier or status. */
export const MAX_EXPORT_ROWS = 10_000;

/** Platform staff see every supplier's SKUs, a supplier's staff their own, anyone else none. */
export function visibilityOf(ctx: RequestContext): Visibility {
  const scope = ctx.actor?.scope;
  if (scope?.kind === 'all') return { kind: 'all' };
  if (scope?.kind === 'supplier') return { kind: 'supplier', supplierId: scope.supplierId };
  return { kind: 'none' };
}

export interface DemandHistory {
  readonly skuId: string;
  readonly skuCode: string;
  readonly title: string;
  readonly specs: unknown;
  /** Daily net units from the SKU's first sale in the window to yesterday. */
  readonly series: number[];
}

/** Supplier replenishment: demand forecasts, purchase suggestions and their settings. */
export function createReplenishmentModule(options: { readonly db: Db }) {
  const { db } = options;
  const settings = createSettingsService(db);
  const scoped = (ctx: RequestContext) => visibilityOf(ctx);

  async function listAll(ctx: RequestContext, filter: SuggestionFilter, page: PageRequest): Promise<{ items: SuggestionView[]; total: number }> {
    const visibility = scoped(ctx);
    // Forecasts are refreshed once a day by the job; this catches SKUs it has not reached yet.
    await refreshForecasts(db, ctx.clock.now(), visibility);
    const { rows, total } = await store.listSuggestions(db, visibility, filter, page);
    return { items: rows.map((row) => toSuggestionView(row, ctx.locale)), total };
  }

  return {
    /** Fits every stale SKU in the actor's view (the job runs it as the system, over all SKUs). */
    refresh: (ctx: RequestContext, visibility: Visibility = { kind: 'all' }) => refreshForecasts(db, ctx.clock.now(), visibility),

    suggestions: (ctx: RequestContext, filter: SuggestionFilter, page: PageRequest) => listAll(ctx, filter, page),

    /** Every suggestion the filter selects, for a CSV or XLSX download. */
    async exportSuggestions(ctx: RequestContext, filter: SuggestionFilter): Promise<SuggestionView[]> {
      return (await listAll(ctx, filter, { page: 1, pageSize: MAX_EXPORT_ROWS })).items;
    },

    forecast: (ctx: RequestContext, skuId: string, query: ForecastDetailQuery) => forecastDetail(db, ctx, scoped(ctx), skuId, query),

    supplierSettings: (ctx: RequestContext, supplierId: string) => settings.supplierSettings(scoped(ctx), supplierId),
    updateSupplierSettings: (ctx: RequestContext, supplierId: string, input: Parameters<typeof settings.updateSupplierSettings>[3]) => settings.updateSupplierSettings(ctx, scoped(ctx), supplierId, input),
    updateSkuSettings: (ctx: RequestContext, skuId: string, input: Parameters<typeof settings.updateSkuSettings>[3]) => settings.updateSkuSettings(ctx, scoped(ctx), skuId, input),

    /** Each on-sale SKU's demand history, for the backtest command. */
    async demandHistories(now: Date): Promise<DemandHistory[]> {
      const window = historyWindow(now);
      const histories: DemandHistory[] = [];
      for (let page = 1; ; page++) {
        const { rows } = await store.listSuggestions(db, { kind: 'all' }, {}, { page, pageSize: 500 });
        const demand = await demandBySku(db, rows.map((row) => row.sku_id), window);
        for (const row of rows) histories.push({ skuId: row.sku_id, skuCode: row.sku_code, title: row.title, specs: row.specs, series: seriesOf(demand.get(row.sku_id) ?? [], window.historyEnd).series });
        if (rows.length < 500) return histories;
      }
    },
  };
}
export type ReplenishmentModule = ReturnType<typeof createReplenishmentModule>;
