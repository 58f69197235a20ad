import { err, type RequestContext, type Result } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import type { StorefrontService } from '@linkmall/storefront';
import type { CheckoutCatalog } from './checkout.ts';

export interface StorefrontDeps {
  readonly db: Db;
  readonly catalog: CheckoutCatalog;
  readonly storefront: StorefrontService;
}

/** Picking a supply SKU into a storefront needs the catalog's band: a flow across catalog and storefront. */
export function createStorefrontFlow(deps: StorefrontDeps) {
  return {
    async pick(ctx: RequestContext, skuId: string, input: { retailPriceFen: bigint; featured?: boolean }): Promise<Result<unknown, string>> {
      const [sku] = await deps.catalog.skusForCheckout(deps.db, [skuId]);
      if (!sku) return err('sku_not_available', { skuId });
      return deps.storefront.pick(ctx, { skuId, productId: sku.productId, minRetailPriceFen: sku.minRetailPriceFen, maxRetailPriceFen: sku.maxRetailPriceFen }, input);
    },

    /** A storefront for shoppers: the merchant's items that are still on sale, at the merchant's prices. */
    async view(merchantId: string) {
      const storefront = await deps.storefront.view(merchantId);
      const skus = await deps.catalog.skusForCheckout(deps.db, storefront.items.map((item) => item.skuId));
      const onSale = new Map(skus.map((sku) => [sku.skuId, sku]));
      return {
        merchantId,
        name: storefront.name,
        logoUrl: storefront.logoUrl,
        bannerUrl: storefront.bannerUrl,
        categories: storefront.categories,
        items: storefront.items
          .filter((item) => onSale.has(item.skuId))
          .map((item) => ({ ...item, title: onSale.get(item.skuId)!.title, specs: onSale.get(item.skuId)!.specs })),
      };
    },
  };
}
export type StorefrontFlow = ReturnType<typeof createStorefrontFlow>;
