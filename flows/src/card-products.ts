import type { CatalogService } from '@linkmall/catalog';
import type { StorefrontService } from '@linkmall/storefront';
import type { CardProducts, FeaturedProduct } from '@linkmall/card';

/**
 * What a card may feature, at the prices its visitors pay: a merchant's card features what its
 * storefront sells (at the storefront's lowest SKU price); platform staff feature the catalog's
 * products on sale. Two reads, in parallel.
 */
export function createCardProductsFlow(deps: { readonly catalog: CatalogService; readonly storefront: StorefrontService }): CardProducts {
  return {
    async onSale(merchantId, productIds) {
      const [prices, products] = await Promise.all([merchantId ? deps.storefront.soldProducts(merchantId) : Promise.resolve(null), deps.catalog.shop.byIds(productIds)]);
      const found = new Map<string, FeaturedProduct>();
      for (const id of productIds) {
        const product = products.get(id);
        if (!product || (prices && !prices.has(id))) continue;
        found.set(id, { productId: id, title: product.title, imageUrl: product.imageUrl, priceFen: prices?.get(id) ?? BigInt(product.retailPriceFen) });
      }
      return found;
    },
  };
}
