import { recordAudit } from '@linkmall/audit';
import { inTransaction, type Db } from '@linkmall/db';
import { err, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { effectiveSettings, PLATFORM_DEFAULT_SETTINGS, type EffectiveSettings } from './domain/suggestion.ts';
import { replanForecasts } from './forecast-refresh.ts';
import type { ReplenishmentErrorCode } from './replenishment-errors.ts';
import { replenishmentStore as store, type SkuSettingsRow, type SupplierSettingsRow, type Visibility } from './replenishment-store.ts';

export interface SupplierSettingsInput {
  readonly leadTimeDays: number;
  readonly reviewPeriodDays: number;
  readonly serviceLevelBps: number;
}

/** A SKU's own values; null (or left out) inherits the supplier's default. */
export interface SkuSettingsInput {
  readonly leadTimeDays?: number | null | undefined;
  readonly reviewPeriodDays?: number | null | undefined;
  readonly serviceLevelBps?: number | null | undefined;
  readonly onOrderQuantity: number;
}

export interface SupplierSettingsView {
  supplierId: string;
  supplierName: string;
  leadTimeDays: number;
  reviewPeriodDays: number;
  serviceLevelBps: number;
  /** `platform` while the supplier has set nothing and the platform defaults apply. */
  source: 'supplier' | 'platform';
  updatedAt: string | null;
}

export interface SkuSettingsView {
  skuId: string;
  supplierId: string;
  leadTimeDays: number | null;
  reviewPeriodDays: number | null;
  serviceLevelBps: number | null;
  onOrderQuantity: number;
  effective: EffectiveSettings;
  updatedAt: string | null;
}

type Outcome<T> = Promise<Result<T, ReplenishmentErrorCode>>;

function supplierView(supplier: { supplierId: string; supplierName: string }, row: SupplierSettingsRow | undefined): SupplierSettingsView {
  if (!row) return { ...supplier, ...PLATFORM_DEFAULT_SETTINGS, source: 'platform', updatedAt: null };
  return { ...supplier, leadTimeDays: row.lead_time_days, reviewPeriodDays: row.review_period_days, serviceLevelBps: row.service_level_bps, source: 'supplier', updatedAt: row.updated_at.toISOString() };
}

function skuView(skuId: string, supplierId: string, own: SkuSettingsRow | undefined, supplier: SupplierSettingsRow | undefined): SkuSettingsView {
  const values = { leadTimeDays: own?.lead_time_days ?? null, reviewPeriodDays: own?.review_period_days ?? null, serviceLevelBps: own?.service_level_bps ?? null };
  const inherited = supplier ? { leadTimeDays: supplier.lead_time_days, reviewPeriodDays: supplier.review_period_days, serviceLevelBps: supplier.service_level_bps } : null;
  return { skuId, supplierId, ...values, onOrderQuantity: own?.on_order_quantity ?? 0, effective: effectiveSettings(inherited, values), updatedAt: own ? own.updated_at.toISOString() : null };
}

/**
 * Lead time, review period, service level and stock on order: a supplier's admins set them for their
 * own SKUs, the platform for any. Each change is audited and re-plans the stored suggestions at once.
 */
export function createSettingsService(db: Db) {
  return {
    async supplierSettings(visibility: Visibility, supplierId: string): Outcome<SupplierSettingsView> {
      const supplier = await store.supplier(db, visibility, supplierId);
      if (!supplier) return err('replenishment_supplier_not_found');
      const [row] = await store.supplierSettings(db, [supplierId]);
      return ok(supplierView(supplier, row));
    },

    async updateSupplierSettings(ctx: RequestContext, visibility: Visibility, supplierId: string, input: SupplierSettingsInput): Outcome<SupplierSettingsView> {
      const supplier = await store.supplier(db, visibility, supplierId);
      if (!supplier) return err('replenishment_supplier_not_found');
      const now = ctx.clock.now();
      return inTransaction(db, async (tx) => {
        await store.lockSuppliers(tx, [supplierId]);
        const before = await store.supplierSettingsRow(tx, supplierId);
        const after = await store.saveSupplierSettings(tx, {
          supplier_id: supplierId,
          lead_time_days: input.leadTimeDays,
          review_period_days: input.reviewPeriodDays,
          service_level_bps: input.serviceLevelBps,
          updated_by: ctx.actor?.userId ?? null,
          updated_at: now,
        });
        await replanForecasts(tx, await store.forecastSkusOfSupplier(tx, supplierId), now);
        const view = supplierView(supplier, after);
        await recordAudit(tx, ctx, { action: 'replenishment_settings.supplier_updated', entityType: 'replenishment_supplier_settings', entityId: supplierId, organizationId: supplierId, before: before ? supplierView(supplier, before) : null, after: view });
        return ok(view);
      });
    },

    async updateSkuSettings(ctx: RequestContext, visibility: Visibility, skuId: string, input: SkuSettingsInput): Outcome<SkuSettingsView> {
      const sku = await store.sku(db, visibility, skuId);
      if (!sku) return err('replenishment_sku_not_found');
      const now = ctx.clock.now();
      return inTransaction(db, async (tx) => {
        await store.lockSuppliers(tx, [sku.supplier_id]);
        const before = await store.skuSettingsRow(tx, skuId);
        const [supplier] = await store.supplierSettings(tx, [sku.supplier_id]);
        const after = await store.saveSkuSettings(tx, {
          sku_id: skuId,
          supplier_id: sku.supplier_id,
          lead_time_days: input.leadTimeDays ?? null,
          review_period_days: input.reviewPeriodDays ?? null,
          service_level_bps: input.serviceLevelBps ?? null,
          on_order_quantity: input.onOrderQuantity,
          updated_by: ctx.actor?.userId ?? null,
          updated_at: now,
        });
        await replanForecasts(tx, [skuId], now);
        const view = skuView(skuId, sku.supplier_id, after, supplier);
        await recordAudit(tx, ctx, { action: 'replenishment_settings.sku_updated', entityType: 'replenishment_sku_settings', entityId: skuId, organizationId: sku.supplier_id, before: before ? skuView(skuId, sku.supplier_id, before, supplier) : null, after: view });
        return ok(view);
      });
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
