import { countRows, pageWindow, sql, type Db, type PageRequest } from '@linkmall/db';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { SuggestionStatus } from './domain/suggestion.ts';
import type { ReplenishmentForecastTable, ReplenishmentSkuSettingsTable, ReplenishmentSupplierSettingsTable, ReplenishmentTables } from './replenishment-tables.ts';

const t = (db: Db) => db as Kysely<ReplenishmentTables>;

/** Whose SKUs an actor may see: all (platform staff), one supplier's, or none. */
export type Visibility = { readonly kind: 'all' } | { readonly kind: 'supplier'; readonly supplierId: string } | { readonly kind: 'none' };

export type ForecastRow = Selectable<ReplenishmentForecastTable>;
export type SupplierSettingsRow = Selectable<ReplenishmentSupplierSettingsTable>;
export type SkuSettingsRow = Selectable<ReplenishmentSkuSettingsTable>;

export interface SuggestionFilter {
  readonly supplierId?: string | undefined;
  readonly status?: SuggestionStatus | undefined;
  readonly q?: string | undefined;
}

/** Stock that counts for an order: on hand plus already on order. */
const position = sql<number>`(k.stock + coalesce(ss.on_order_quantity, 0))`;
const suggested = sql<number>`greatest(0, coalesce(f.target_stock, 0) - ${position})`;
/** The same rule as `orderSuggestion` in the domain, so the list can filter and sort on it. */
const statusRank = sql<number>`case when ${suggested} = 0 then 2 when ${position} <= f.reorder_point then 0 else 1 end`;
const STATUS_RANK: Record<SuggestionStatus, number> = { order_now: 0, order_at_review: 1, sufficient: 2 };

function onSale(db: Db, visibility: Visibility) {
  let query = t(db).selectFrom('replenishment_sku_facts as k').where('k.product_status', '=', 'on_sale');
  if (visibility.kind === 'supplier') query = query.where('k.supplier_id', '=', visibility.supplierId);
  if (visibility.kind === 'none') query = query.where(sql<boolean>`false`);
  return query;
}

function suggestionRows(db: Db, visibility: Visibility, filter: SuggestionFilter) {
  let query = onSale(db, visibility)
    .leftJoin('replenishment_forecasts as f', 'f.sku_id', 'k.sku_id')
    .leftJoin('replenishment_sku_settings as ss', 'ss.sku_id', 'k.sku_id');
  if (filter.supplierId) query = query.where('k.supplier_id', '=', filter.supplierId);
  if (filter.status) query = query.where(statusRank, '=', STATUS_RANK[filter.status]);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    query = query.where((eb) => eb.or([eb('k.title', 'ilike', like), eb('k.sku_code', 'ilike', like)]));
  }
  return query;
}

const SUGGESTION_COLUMNS = [
  'k.sku_id',
  'k.supplier_id',
  'k.supplier_name',
  'k.product_id',
  'k.sku_code',
  'k.specs',
  'k.title',
  'k.stock',
  'f.method',
  'f.alpha',
  'f.beta',
  'f.gamma',
  'f.history_days',
  'f.sigma_daily',
  'f.lead_time_days',
  'f.review_period_days',
  'f.service_level_bps',
  'f.lead_time_demand',
  'f.cover_demand',
  'f.safety_factor',
  'f.safety_stock',
  'f.reorder_point',
  'f.target_stock',
  'f.computed_at',
] as const;

/** Every forecast column but `history_end`, which is read as text (a `date` would become a local-midnight Date). */
const FORECAST_COLUMNS = [
  'sku_id',
  'supplier_id',
  'method',
  'alpha',
  'beta',
  'gamma',
  'history_days',
  'sigma_daily',
  'forecast_daily',
  'lead_time_days',
  'review_period_days',
  'service_level_bps',
  'lead_time_demand',
  'cover_demand',
  'safety_factor',
  'safety_stock',
  'reorder_point',
  'target_stock',
  'computed_at',
] as const;

/** The only file touching the replenishment tables and views. */
export const replenishmentStore = {
  /** On-sale SKUs in view whose forecast is missing or was made from a shorter history than `historyEnd`. */
  async staleSkus(db: Db, visibility: Visibility, historyEnd: string, skuId?: string): Promise<{ skuId: string; supplierId: string }[]> {
    let query = onSale(db, visibility)
      .leftJoin('replenishment_forecasts as f', 'f.sku_id', 'k.sku_id')
      .where((eb) => eb.or([eb('f.sku_id', 'is', null), eb('f.history_end', '<', historyEnd)]));
    if (skuId) query = query.where('k.sku_id', '=', skuId);
    return query.select(['k.sku_id as skuId', 'k.supplier_id as supplierId']).orderBy('k.sku_id').execute();
  },

  /** Net units per day of the SKUs between two Beijing days (inclusive). */
  async demand(db: Db, skuIds: readonly string[], from: string, to: string): Promise<{ skuId: string; day: string; quantity: number }[]> {
    if (skuIds.length === 0) return [];
    return t(db)
      .selectFrom('replenishment_daily_demand')
      .select(['sku_id as skuId', sql<string>`day::text`.as('day'), 'quantity'])
      .where('sku_id', 'in', [...skuIds])
      .where('day', '>=', from)
      .where('day', '<=', to)
      .orderBy('sku_id')
      .orderBy('day')
      .execute();
  },

  async supplierSettings(db: Db, supplierIds: readonly string[]): Promise<SupplierSettingsRow[]> {
    if (supplierIds.length === 0) return [];
    return t(db).selectFrom('replenishment_supplier_settings').selectAll().where('supplier_id', 'in', [...supplierIds]).execute();
  },

  async skuSettings(db: Db, skuIds: readonly string[]): Promise<SkuSettingsRow[]> {
    if (skuIds.length === 0) return [];
    return t(db).selectFrom('replenishment_sku_settings').selectAll().where('sku_id', 'in', [...skuIds]).execute();
  },

  async upsertForecasts(tx: Db, rows: readonly Insertable<ReplenishmentForecastTable>[]): Promise<void> {
    if (rows.length === 0) return;
    await t(tx)
      .insertInto('replenishment_forecasts')
      .values([...rows])
      .onConflict((oc) =>
        oc.column('sku_id').doUpdateSet((eb) => {
          const columns = Object.keys(rows[0]!).filter((column) => column !== 'sku_id') as (keyof ReplenishmentForecastTable)[];
          return Object.fromEntries(columns.map((column) => [column, eb.ref(`excluded.${column}`)]));
        }),
      )
      .execute();
  },

  async forecastsOf(db: Db, skuIds: readonly string[], options: { forUpdate?: boolean } = {}): Promise<ForecastRow[]> {
    if (skuIds.length === 0) return [];
    const query = t(db)
      .selectFrom('replenishment_forecasts')
      .select(FORECAST_COLUMNS)
      .select(sql<string>`history_end::text`.as('history_end'))
      .where('sku_id', 'in', [...skuIds])
      .orderBy('sku_id');
    return (options.forUpdate ? query.forUpdate() : query).execute();
  },

  async forecastSkusOfSupplier(db: Db, supplierId: string): Promise<string[]> {
    const rows = await t(db).selectFrom('replenishment_forecasts').select('sku_id').where('supplier_id', '=', supplierId).orderBy('sku_id').execute();
    return rows.map((row) => row.sku_id);
  },

  async sku(db: Db, visibility: Visibility, skuId: string) {
    return t(db)
      .selectFrom('replenishment_sku_facts as k')
      .selectAll()
      .where('k.sku_id', '=', skuId)
      .where((eb) => (visibility.kind === 'supplier' ? eb('k.supplier_id', '=', visibility.supplierId) : eb.val(visibility.kind === 'all')))
      .executeTakeFirst();
  },

  async supplier(db: Db, visibility: Visibility, supplierId: string): Promise<{ supplierId: string; supplierName: string } | undefined> {
    if (visibility.kind === 'none' || (visibility.kind === 'supplier' && visibility.supplierId !== supplierId)) return undefined;
    return t(db).selectFrom('replenishment_suppliers').select(['supplier_id as supplierId', 'supplier_name as supplierName']).where('supplier_id', '=', supplierId).executeTakeFirst();
  },

  /**
   * Serialises everything that plans a supplier's SKUs (settings writes, forecast refreshes) for the
   * transaction, so a refresh can never store a plan made from settings that a concurrent write just
   * replaced. Several suppliers are always locked in id order, so two lockers cannot deadlock.
   */
  async lockSuppliers(tx: Db, supplierIds: readonly string[]): Promise<void> {
    for (const supplierId of [...new Set(supplierIds)].sort()) {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`replenishment:${supplierId}`}, 0))`.execute(tx);
    }
  },

  async supplierSettingsRow(tx: Db, supplierId: string): Promise<SupplierSettingsRow | undefined> {
    return t(tx).selectFrom('replenishment_supplier_settings').selectAll().where('supplier_id', '=', supplierId).executeTakeFirst();
  },

  async saveSupplierSettings(tx: Db, row: Insertable<ReplenishmentSupplierSettingsTable>): Promise<SupplierSettingsRow> {
    const { supplier_id: _key, ...changes } = row;
    return t(tx).insertInto('replenishment_supplier_settings').values(row).onConflict((oc) => oc.column('supplier_id').doUpdateSet(changes)).returningAll().executeTakeFirstOrThrow();
  },

  async skuSettingsRow(tx: Db, skuId: string): Promise<SkuSettingsRow | undefined> {
    return t(tx).selectFrom('replenishment_sku_settings').selectAll().where('sku_id', '=', skuId).executeTakeFirst();
  },

  async saveSkuSettings(tx: Db, row: Insertable<ReplenishmentSkuSettingsTable>): Promise<SkuSettingsRow> {
    const { sku_id: _key, ...changes } = row;
    return t(tx).insertInto('replenishment_sku_settings').values(row).onConflict((oc) => oc.column('sku_id').doUpdateSet(changes)).returningAll().executeTakeFirstOrThrow();
  },

  /** Suggestions first by urgency (order now, at review, sufficient), then by quantity, then by code. */
  async listSuggestions(db: Db, visibility: Visibility, filter: SuggestionFilter, page: PageRequest) {
    const query = suggestionRows(db, visibility, filter);
    const { limit, offset } = pageWindow(page);
    const [rows, total] = await Promise.all([
      query
        .select([...SUGGESTION_COLUMNS, sql<number>`coalesce(ss.on_order_quantity, 0)`.as('on_order_quantity')])
        .orderBy(statusRank)
        .orderBy(suggested, 'desc')
        .orderBy('k.sku_code')
        .orderBy('k.sku_id')
        .limit(limit)
        .offset(offset)
        .execute(),
      countRows(query.select('k.sku_id')),
    ]);
    return { rows, total };
  },
};

export type SuggestionRow = Awaited<ReturnType<typeof replenishmentStore.listSuggestions>>['rows'][number];
