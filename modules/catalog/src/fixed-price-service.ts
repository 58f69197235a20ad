import { err, formatYuan, ok, type RequestContext, type Result } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import type { CatalogErrorCode } from './catalog-errors.ts';
import { catalogEvent } from './catalog-events.ts';
import { productStore, type SkuRow } from './product-store.ts';
import { toProductDetail, type ProductDetail } from './product-view.ts';

export interface FixedPriceChange {
  readonly skuId: string;
  /** The price to fix, or null to let merchants price the SKU inside its band again. */
  readonly fixedRetailPriceFen: bigint | null;
}

export interface FixedPrices {
  readonly product: ProductDetail;
  /** The SKUs the request fixes, with their price: storefronts must follow them. */
  readonly fixed: readonly { readonly skuId: string; readonly priceFen: bigint }[];
}

const snapshot = (skus: readonly SkuRow[]) =>
  Object.fromEntries(skus.map((sku) => [sku.sku_code, sku.fixed_retail_price_fen === null ? null : Number(sku.fixed_retail_price_fen)]));

/**
 * Platform-fixed retail prices. Runs in the caller's transaction, because a flow makes every
 * storefront follow the new price in the same commit. Validates everything before it writes.
 */
export function createFixedPriceService() {
  return {
    async fixPrices(tx: Db, ctx: RequestContext, productId: string, changes: readonly FixedPriceChange[]): Promise<Result<FixedPrices, CatalogErrorCode>> {
      // Fixing prices overrides every merchant, so it is the platform's call whatever a role is later given.
      if (ctx.actor?.scope.kind !== 'all') return err('platform_only');
      const product = await productStore.find(tx, productId, { kind: 'all' }, { forUpdate: true });
      if (!product) return err('product_not_found');
      const skus = await productStore.skusOf(tx, [productId]);
      const byId = new Map(skus.map((sku) => [sku.id, sku]));
      for (const change of changes) {
        const sku = byId.get(change.skuId);
        if (!sku) return err('fixed_price_sku_not_in_product', { skuId: change.skuId });
        const price = change.fixedRetailPriceFen;
        if (price !== null && (price < sku.min_retail_price_fen || price > sku.max_retail_price_fen)) {
          return err('fixed_price_outside_band', {
            skuCode: sku.sku_code,
            minRetailPriceFen: Number(sku.min_retail_price_fen),
            maxRetailPriceFen: Number(sku.max_retail_price_fen),
            minRetailPrice: formatYuan(sku.min_retail_price_fen),
            maxRetailPrice: formatYuan(sku.max_retail_price_fen),
          });
        }
      }
      const wanted = new Map(changes.map((change) => [change.skuId, change.fixedRetailPriceFen]));
      const changed = [...wanted].filter(([skuId, price]) => byId.get(skuId)!.fixed_retail_price_fen !== price);
      const after = skus.map((sku) => (wanted.has(sku.id) ? { ...sku, fixed_retail_price_fen: wanted.get(sku.id)! } : sku));
      if (changed.length > 0) {
        await productStore.setFixedPrices(tx, changed.map(([id, fixedRetailPriceFen]) => ({ id, fixedRetailPriceFen })));
        await recordAudit(tx, ctx, {
          action: 'product.prices_fixed',
          entityType: 'product',
          entityId: productId,
          organizationId: product.supplier_id,
          before: { fixedRetailPrices: snapshot(skus) },
          after: { fixedRetailPrices: snapshot(after) },
        });
        await publishEvent(
          tx,
          ctx,
          catalogEvent('product.prices_fixed', productId, {
            productId,
            supplierId: product.supplier_id,
            skus: changed.map(([skuId, price]) => ({ skuId, fixedRetailPriceFen: price === null ? null : Number(price) })),
          }),
        );
      }
      return ok({
        product: toProductDetail(product, after),
        // Every fixed SKU of the request, changed or not: re-saving a fix also repairs a storefront that drifted.
        fixed: [...wanted].filter(([, price]) => price !== null).map(([skuId, price]) => ({ skuId, priceFen: price! })),
      });
    },
  };
}
