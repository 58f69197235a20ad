import type { ForecastMethod } from './domain/forecaster.ts';

export interface ReplenishmentSupplierSettingsTable {
  supplier_id: string;
  lead_time_days: number;
  review_period_days: number;
  service_level_bps: number;
  updated_by: string | null;
  updated_at: Date;
}

export interface ReplenishmentSkuSettingsTable {
  sku_id: string;
  supplier_id: string;
  lead_time_days: number | null;
  review_period_days: number | null;
  service_level_bps: number | null;
  on_order_quantity: number;
  updated_by: string | null;
  updated_at: Date;
}

export interface ReplenishmentForecastTable {
  sku_id: string;
  supplier_id: string;
  /** `date` columns travel as YYYY-MM-DD text (the store casts them). */
  history_end: string;
  method: ForecastMethod;
  alpha: number | null;
  beta: number | null;
  gamma: number | null;
  history_days: number;
  sigma_daily: number;
  forecast_daily: number[];
  lead_time_days: number;
  review_period_days: number;
  service_level_bps: number;
  lead_time_demand: number;
  cover_demand: number;
  safety_factor: number;
  safety_stock: number;
  reorder_point: number;
  target_stock: number;
  computed_at: Date;
}

/** Read-only view over the catalog (skus, products, organizations). */
export interface ReplenishmentSkuFactsView {
  sku_id: string;
  supplier_id: string;
  product_id: string;
  sku_code: string;
  specs: unknown;
  stock: number;
  title: string;
  product_status: string;
  supplier_name: string;
}

/** Read-only view over identity's organizations: the suppliers. */
export interface ReplenishmentSuppliersView {
  supplier_id: string;
  supplier_name: string;
}

/** Read-only view over orders: net units per SKU and Beijing day of payment. */
export interface ReplenishmentDailyDemandView {
  sku_id: string;
  day: string;
  quantity: number;
}

export interface ReplenishmentTables {
  replenishment_supplier_settings: ReplenishmentSupplierSettingsTable;
  replenishment_sku_settings: ReplenishmentSkuSettingsTable;
  replenishment_forecasts: ReplenishmentForecastTable;
  replenishment_sku_facts: ReplenishmentSkuFactsView;
  replenishment_daily_demand: ReplenishmentDailyDemandView;
  replenishment_suppliers: ReplenishmentSuppliersView;
}
