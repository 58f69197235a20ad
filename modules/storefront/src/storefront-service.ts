import { err, formatYuan, ok, type DataScope, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import type { Kysely, Selectable } from 'kysely';
import { decorationStore, type Decoration } from './decoration-store.ts';
import type { StorefrontErrorCode } from './storefront-errors.ts';
import type { StorefrontItemTable, StorefrontTables } from './storefront-tables.ts';

/** With decoration-store.ts, the only code that touches the storefront tables. */
const t = (db: Db) => db as Kysely<StorefrontTables>;

export interface PriceBand {
  readonly skuId: string;
  readonly productId: string;
  readonly minRetailPriceFen: bigint;
  readonly maxRetailPriceFen: bigint;
  readonly suggestedRetailPriceFen: bigint;
  /** A price the platform fixed: the only price a storefront may sell the SKU at. */
  readonly fixedRetailPriceFen: bigint | null;
}

export interface StorefrontItemView {
  skuId: string;
  productId: string;
  retailPriceFen: number;
  featured: boolean;
  position: number;
}

/** A storefront's decoration as the merchant saves it: everything is replaced on each save. */
export interface StorefrontDecorationInput {
  readonly name: string;
  readonly logoUrl?: string | null | undefined;
  readonly bannerUrls?: readonly string[] | undefined;
  readonly intro?: string | undefined;
  readonly featuredProductIds?: readonly string[] | undefined;
  readonly categories?: readonly { readonly name: string; readonly productIds: readonly string[] }[] | undefined;
}

export type StorefrontDecoration = Decoration;

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

/** Products named by the decoration that the storefront does not sell, in the order first named. */
function unsold(input: StorefrontDecorationInput, sold: ReadonlySet<string>): string[] {
  const named = [...(input.featuredProductIds ?? []), ...(input.categories ?? []).flatMap((category) => category.productIds)];
  return [...new Set(named.filter((id) => !sold.has(id)))];
}

export function createStorefrontService(db: Db) {
  return {
    /**
     * Saves name, logo, banners, intro, featured products and the merchant's own categories in one
     * transaction. Featured and grouped products must be ones the storefront sells; the whole save is
     * refused (nothing changes) otherwise. Audited with the decoration before and after.
     */
    async saveDecoration(ctx: RequestContext, input: StorefrontDecorationInput): Promise<Result<StorefrontDecoration, StorefrontErrorCode>> {
      const merchantId = merchantOf(ctx.actor!.scope);
      if (!merchantId) return err('merchant_required');
      const names = new Set<string>();
      for (const category of input.categories ?? []) {
        const key = category.name.trim().toLowerCase();
        if (names.has(key)) return err('storefront_category_name_duplicate', { name: category.name });
        names.add(key);
      }
      const now = ctx.clock.now();
      return inTransaction(db, async (tx) => {
        await decorationStore.lock(tx, merchantId);
        const sold = new Set(await decorationStore.soldProductIds(tx, merchantId));
        const missing = unsold(input, sold);
        if (missing.length > 0) return err('storefront_products_not_sold', { productIds: missing.join(', '), missing });
        const before = await decorationStore.read(tx, merchantId);
        await decorationStore.write(tx, merchantId, input, now);
        const after = (await decorationStore.read(tx, merchantId))!;
        await recordAudit(tx, ctx, { action: 'storefront.saved', entityType: 'storefront', entityId: merchantId, organizationId: merchantId, before: before ?? null, after });
        return ok(after);
      });
    },

    /** The merchant's own storefront decoration, for the console editor; null before the first save. */
    async ownDecoration(ctx: RequestContext): Promise<Result<StorefrontDecoration | null, StorefrontErrorCode>> {
      const merchantId = merchantOf(ctx.actor!.scope);
      if (!merchantId) return err('merchant_required');
      return ok(await decorationStore.read(db, merchantId));
    },

    /** A storefront's decoration as saved (the flow drops products no longer on sale). */
    async decoration(merchantId: string): Promise<StorefrontDecoration | null> {
      return decorationStore.read(db, merchantId);
    },

    /**
     * Picks a SKU into the merchant's storefront at its own price, which must lie in the supplier's
     * band (the caller passes the band from the catalog) and must be the platform's price when the
     * platform fixed one. Without a price: the fixed price, else the suggested one. Re-picking
     * updates the price. Audited.
     */
    async pick(ctx: RequestContext, band: PriceBand, input: { retailPriceFen?: bigint | undefined; featured?: boolean | undefined }): Promise<Result<StorefrontItemView, StorefrontErrorCode>> {
      const merchantId = merchantOf(ctx.actor!.scope);
      if (!merchantId) return err('merchant_required');
      const price = input.retailPriceFen ?? band.fixedRetailPriceFen ?? band.suggestedRetailPriceFen;
      if (band.fixedRetailPriceFen !== null && price !== band.fixedRetailPriceFen) {
        return err('price_fixed_by_platform', { fixedRetailPriceFen: Number(band.fixedRetailPriceFen), fixedRetailPrice: formatYuan(band.fixedRetailPriceFen) });
      }
      if (price < band.minRetailPriceFen || price > band.maxRetailPriceFen) {
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
          retail_price_fen: price,
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

    /** Removes a SKU; a product with no SKU left in the storefront leaves its featured list and categories too. */
    async remove(ctx: RequestContext, skuId: string): Promise<Result<{ removed: true }, StorefrontErrorCode>> {
      const merchantId = merchantOf(ctx.actor!.scope);
      if (!merchantId) return err('merchant_required');
      return inTransaction(db, async (tx) => {
        const before = await t(tx).selectFrom('storefront_items').selectAll().where('merchant_id', '=', merchantId).where('sku_id', '=', skuId).forUpdate().executeTakeFirst();
        if (!before) return err('storefront_item_not_found');
        await t(tx).deleteFrom('storefront_items').where('merchant_id', '=', merchantId).where('sku_id', '=', skuId).execute();
        await decorationStore.dropUnsold(tx, merchantId, before.product_id);
        await recordAudit(tx, ctx, { action: 'storefront.item_removed', entityType: 'storefront_item', entityId: `${merchantId}:${skuId}`, organizationId: merchantId, before: toItemView(before), after: null });
        return ok({ removed: true as const });
      });
    },

    /**
     * Every storefront that sells these SKUs now sells them at the platform's fixed price, in the
     * caller's transaction (the flow that fixed the price). Audited per storefront item changed.
     */
    async followFixedPrices(tx: Db, ctx: RequestContext, fixed: readonly { skuId: string; priceFen: bigint }[]): Promise<number> {
      let changed = 0;
      for (const { skuId, priceFen } of fixed) {
        const rows = await t(tx)
          .updateTable('storefront_items as item')
          .from('storefront_items as before')
          .set({ retail_price_fen: priceFen, updated_at: ctx.clock.now() })
          .whereRef('before.merchant_id', '=', 'item.merchant_id')
          .whereRef('before.sku_id', '=', 'item.sku_id')
          .where('item.sku_id', '=', skuId)
          .where('item.retail_price_fen', '<>', priceFen)
          .returning(['item.merchant_id', 'before.retail_price_fen as previous_price_fen'])
          .execute();
        for (const row of rows) {
          await recordAudit(tx, ctx, {
            action: 'storefront.item_repriced',
            entityType: 'storefront_item',
            entityId: `${row.merchant_id}:${skuId}`,
            organizationId: row.merchant_id,
            before: { skuId, retailPriceFen: Number(row.previous_price_fen) },
            after: { skuId, retailPriceFen: Number(priceFen), reason: 'platform_fixed_price' },
          });
        }
        changed += rows.length;
      }
      return changed;
    },

    /** A storefront's SKUs for shoppers (empty when the merchant has none). */
    async items(merchantId: string): Promise<StorefrontItemView[]> {
      const items = await t(db).selectFrom('storefront_items').selectAll().where('merchant_id', '=', merchantId).orderBy('featured', 'desc').orderBy('position').orderBy('created_at').execute();
      return items.map(toItemView);
    },

    /** The products a storefront sells, each at its lowest SKU price there. */
    async soldProducts(merchantId: string): Promise<Map<string, bigint>> {
      return decorationStore.productPrices(db, merchantId);
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
