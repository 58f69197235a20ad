import { err, formatYuan, ok, type DataScope, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import type { Kysely, Selectable } from 'kysely';
import type { StorefrontErrorCode } from './storefront-errors.ts';
import type { StorefrontItemTable, StorefrontTables } from './storefront-tables.ts';

/** The only code that touches the storefront tables. */
const t = (db: Db) => db as Kysely<StorefrontTables>;

export interface PriceBand {
  readonly skuId: string;
  readonly productId: string;
  readonly minRetailPriceFen: bigint;
  readonly maxRetailPriceFen: bigint;
}

export interface StorefrontItemView {
  skuId: string;
  productId: string;
  retailPriceFen: number;
  featured: boolean;
  position: number;
}

export interface StorefrontProfile {
  name: string;
  logoUrl?: string | null;
  bannerUrl?: string | null;
  categories?: string[];
}

const toItemView = (row: Selectable<StorefrontItemTable>): StorefrontItemView => ({
  skuId: row.sku_id,
  productId: row.product_id,
  retailPriceFen: Number(row.retail_price_fen),
  featured: row.featured,
  position: row.position,
});

/** Only a merchant's own staff manage its storefront. */
function merchantOf(scope: DataScope): string | null {
  return scope.kind === 'merchant' ? scope.merchantId : null;
}

export function createStorefrontService(db: Db) {
  return {
    async saveProfile(ctx: RequestContext, profile: StorefrontProfile): Promise<Result<{ merchantId: string; name: string }, StorefrontErrorCode>> {
      const merchantId = merchantOf(ctx.actor!.scope);
      if (!merchantId) return err('merchant_required');
      const now = ctx.clock.now();
      return inTransaction(db, async (tx) => {
        const before = await t(tx).selectFrom('storefronts').selectAll().where('merchant_id', '=', merchantId).forUpdate().executeTakeFirst();
        const row = {
          merchant_id: merchantId,
          name: profile.name,
          logo_url: profile.logoUrl ?? null,
          banner_url: profile.bannerUrl ?? null,
          categories: profile.categories ?? [],
          created_at: before?.created_at ?? now,
          updated_at: now,
        };
        await t(tx)
          .insertInto('storefronts')
          .values(row)
          .onConflict((oc) => oc.column('merchant_id').doUpdateSet({ name: row.name, logo_url: row.logo_url, banner_url: row.banner_url, categories: row.categories, updated_at: now }))
          .execute();
        await recordAudit(tx, ctx, { action: 'storefront.saved', entityType: 'storefront', entityId: merchantId, organizationId: merchantId, before: before ?? null, after: row });
        return ok({ merchantId, name: row.name });
      });
    },

    /**
     * Picks a SKU into the merchant's storefront at its own price, which must lie in the supplier's
     * band (the caller passes the band from the catalog). Re-picking updates the price. Audited.
     */
    async pick(ctx: RequestContext, band: PriceBand, input: { retailPriceFen: bigint; featured?: boolean }): Promise<Result<StorefrontItemView, StorefrontErrorCode>> {
      const merchantId = merchantOf(ctx.actor!.scope);
      if (!merchantId) return err('merchant_required');
      if (input.retailPriceFen < band.minRetailPriceFen || input.retailPriceFen > band.maxRetailPriceFen) {
        return err('price_outside_band', {
          minRetailPriceFen: Number(band.minRetailPriceFen),
          maxRetailPriceFen: Number(band.maxRetailPriceFen),
          minRetailPrice: formatYuan(band.minRetailPriceFen),
          maxRetailPrice: formatYuan(band.maxRetailPriceFen),
        });
      }
      const now = ctx.clock.now();
      return inTransaction(db, async (tx) => {
        const before = await t(tx).selectFrom('storefront_items').selectAll().where('merchant_id', '=', merchantId).where('sku_id', '=', band.skuId).forUpdate().executeTakeFirst();
        const row = {
          merchant_id: merchantId,
          sku_id: band.skuId,
          product_id: band.productId,
          retail_price_fen: input.retailPriceFen,
          featured: input.featured ?? before?.featured ?? false,
          position: before?.position ?? 0,
          created_at: before?.created_at ?? now,
          updated_at: now,
        };
        await t(tx)
          .insertInto('storefront_items')
          .values(row)
          .onConflict((oc) => oc.columns(['merchant_id', 'sku_id']).doUpdateSet({ retail_price_fen: row.retail_price_fen, featured: row.featured, updated_at: now }))
          .execute();
        await recordAudit(tx, ctx, {
          action: before ? 'storefront.item_repriced' : 'storefront.item_picked',
          entityType: 'storefront_item',
          entityId: `${merchantId}:${band.skuId}`,
          organizationId: merchantId,
          before: before ? toItemView(before) : null,
          after: toItemView(row),
        });
        return ok(toItemView(row));
      });
    },

    async remove(ctx: RequestContext, skuId: string): Promise<Result<{ removed: true }, StorefrontErrorCode>> {
      const merchantId = merchantOf(ctx.actor!.scope);
      if (!merchantId) return err('merchant_required');
      return inTransaction(db, async (tx) => {
        const before = await t(tx).selectFrom('storefront_items').selectAll().where('merchant_id', '=', merchantId).where('sku_id', '=', skuId).forUpdate().executeTakeFirst();
        if (!before) return err('storefront_item_not_found');
        await t(tx).deleteFrom('storefront_items').where('merchant_id', '=', merchantId).where('sku_id', '=', skuId).execute();
        await recordAudit(tx, ctx, { action: 'storefront.item_removed', entityType: 'storefront_item', entityId: `${merchantId}:${skuId}`, organizationId: merchantId, before: toItemView(before), after: null });
        return ok({ removed: true as const });
      });
    },

    /** A storefront as shoppers see it: its profile and items (empty when the merchant has none). */
    async view(merchantId: string): Promise<{ name: string | null; logoUrl: string | null; bannerUrl: string | null; categories: string[]; items: StorefrontItemView[] }> {
      const [profile, items] = await Promise.all([
        t(db).selectFrom('storefronts').selectAll().where('merchant_id', '=', merchantId).executeTakeFirst(),
        t(db).selectFrom('storefront_items').selectAll().where('merchant_id', '=', merchantId).orderBy('featured', 'desc').orderBy('position').orderBy('created_at').execute(),
      ]);
      return { name: profile?.name ?? null, logoUrl: profile?.logo_url ?? null, bannerUrl: profile?.banner_url ?? null, categories: profile?.categories ?? [], items: items.map(toItemView) };
    },

    /** The merchant's prices for these SKUs; a SKU it does not sell is absent. */
    async prices(db_: Db, merchantId: string, skuIds: readonly string[]): Promise<Map<string, bigint>> {
      if (skuIds.length === 0) return new Map();
      const rows = await t(db_).selectFrom('storefront_items').select(['sku_id', 'retail_price_fen']).where('merchant_id', '=', merchantId).where('sku_id', 'in', [...skuIds]).execute();
      return new Map(rows.map((row) => [row.sku_id, row.retail_price_fen]));
    },
  };
}
export type StorefrontService = ReturnType<typeof createStorefrontService>;
