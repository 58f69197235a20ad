import type { Db } from '@linkmall/db';
import { inStockSkus, type CatalogService, type ShopListItem } from '@linkmall/catalog';
import type { Clock } from '@linkmall/kernel';
import { purchaseFacts, type PurchaseFact as OrderPurchaseFact } from '@linkmall/order';
import { productInterestsAfter } from '@linkmall/radar';
import type { ProductRecommender } from '@linkmall/assistant';
import { createRecommendationModule, type ProductCategories, type ProductShelf, type RecommendationModule, type PurchaseFact, type PurchaseSource, type ShowableProduct } from '@linkmall/recommendation';
import { storeRegions } from '@linkmall/store';
import type { StorefrontService } from '@linkmall/storefront';

export interface RecommendationWiring {
  readonly db: Db;
  readonly clock: Clock;
  readonly catalog: CatalogService;
  readonly storefront: StorefrontService;
}

/** Orders as the recommender's facts: the buyer is the person; a pickup order's region is its store's. */
function purchaseSource(): PurchaseSource {
  async function facts(db: Db, orders: readonly OrderPurchaseFact[]): Promise<PurchaseFact[]> {
    const stores = await storeRegions(db, orders.flatMap((order) => (order.shippingRegion || !order.pickupStoreId ? [] : [order.pickupStoreId])));
    return orders.map((order) => ({
      orderId: order.orderId,
      personKey: order.buyerUserId,
      paidAt: order.paidAt,
      productIds: order.productIds,
      region: order.shippingRegion ?? (order.pickupStoreId ? (stores.get(order.pickupStoreId) ?? null) : null),
    }));
  }
  return {
    ofOrders: async (db, orderIds) => facts(db, await purchaseFacts.ofOrders(db, orderIds)),
    after: async (db, afterOrderId, limit) => facts(db, await purchaseFacts.after(db, afterOrderId, limit)),
  };
}

const showable = (item: ShopListItem, priceFen: bigint): ShowableProduct => ({
  productId: item.id,
  title: item.title,
  subtitle: item.subtitle,
  category: item.category,
  imageUrl: item.imageUrl,
  retailPriceFen: priceFen,
  hotProduct: item.hotProduct,
});

/**
 * What a viewer may buy now: on sale with stock, and in a storefront only the products it sells with
 * a SKU in stock, at the storefront's lowest price among those SKUs.
 */
export function productShelf(db: Db, catalog: CatalogService, storefront: StorefrontService): ProductShelf {
  async function inScope(merchantId: string | null, productIds: readonly string[]): Promise<Map<string, ShowableProduct>> {
    const [stocked, listed, items] = await Promise.all([
      inStockSkus(db, productIds),
      catalog.shop.byIds(productIds),
      merchantId ? storefront.items(merchantId) : Promise.resolve(null),
    ]);
    const result = new Map<string, ShowableProduct>();
    for (const productId of productIds) {
      const item = listed.get(productId);
      const skus = stocked.get(productId);
      if (!item || !skus) continue;
      if (!items) {
        result.set(productId, showable(item, BigInt(item.retailPriceFen)));
        continue;
      }
      const prices = items.filter((sold) => sold.productId === productId && skus.includes(sold.skuId)).map((sold) => BigInt(sold.retailPriceFen));
      if (prices.length > 0) result.set(productId, showable(item, prices.reduce((low, price) => (price < low ? price : low))));
    }
    return result;
  }
  return {
    showable: (scope, productIds) => inScope(scope.merchantId, productIds),
    async more(scope, limit) {
      const candidates = scope.merchantId
        ? [...new Set((await storefront.items(scope.merchantId)).map((item) => item.productId))]
        : await catalog.shop.products({ page: 1, pageSize: Math.min(limit * 2, 100) }).then((result) => (result.ok ? result.value.items.map((item) => item.id) : []));
      const found = await inScope(scope.merchantId, candidates);
      return candidates.flatMap((productId) => (found.has(productId) ? [found.get(productId)!] : [])).slice(0, limit);
    },
  };
}

/**
 * Category affinity's input: each product's leaf category in the catalog, or its category text for a
 * product filed without one. Read through the shop catalog, so only products on sale have one: a
 * person's products taken off sale no longer shape their category mix.
 */
export function productCategories(catalog: CatalogService): ProductCategories {
  return async (productIds) => {
    const items = await catalog.shop.byIds(productIds);
    const categories = new Map<string, string>();
    for (const [productId, item] of items) {
      const category = item.categoryId ?? (item.category ? `text:${item.category}` : null);
      if (category) categories.set(productId, category);
    }
    return categories;
  };
}

/** The recommender over its ports: paid orders (order), card product clicks (radar), the shelf (catalog + storefront). */
export function wireRecommendations(wiring: RecommendationWiring) {
  return createRecommendationModule({
    db: wiring.db,
    clock: wiring.clock,
    purchases: purchaseSource(),
    cardBehaviour: { after: productInterestsAfter },
    shelf: productShelf(wiring.db, wiring.catalog, wiring.storefront),
    productCategories: productCategories(wiring.catalog),
    storeRegions: async (storeId) => (await storeRegions(wiring.db, [storeId])).get(storeId) ?? null,
  });
}

/** The recommender as the card assistant's port: the card's products in stock, in the model's order for the visitor. */
export function assistantRecommender(recommendations: RecommendationModule, db: Db): ProductRecommender {
  return {
    async rank(visitor, candidateProductIds) {
      const stocked = await inStockSkus(db, candidateProductIds);
      const ranked = await recommendations.rankCandidates(visitor, candidateProductIds.filter((productId) => stocked.has(productId)));
      return ranked.map((item) => item.productId);
    },
  };
}
