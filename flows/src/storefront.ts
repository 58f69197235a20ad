import { err, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import type { CatalogService, FixedPriceChange, ProductDetail, ShopListItem, ShopProductQuery } from '@linkmall/catalog';
import type { StorefrontDecorationInput, StorefrontService } from '@linkmall/storefront';

export interface StorefrontDeps {
  readonly db: Db;
  readonly catalog: CatalogService;
  readonly storefront: StorefrontService;
}

export interface StorefrontProductsQuery extends Omit<ShopProductQuery, 'productIds'> {
  /** Only what this merchant's storefront sells, at its prices. */
  readonly merchantId?: string | undefined;
}

class Rollback extends Error {
  constructor(readonly result: Result<never, string>) {
    super('rolled back');
  }
}

/** Picking, pricing and showing storefront products needs the catalog and the storefront together: flows across both. */
export function createStorefrontFlow(deps: StorefrontDeps) {
  /** Shop list items at the storefront's prices (the lowest of its SKUs), or the catalog's without a storefront. */
  const priced = (items: readonly ShopListItem[], prices: ReadonlyMap<string, bigint> | null) =>
    items.map((item) => (prices?.has(item.id) ? { ...item, retailPriceFen: Number(prices.get(item.id)) } : item));

  return {
    async pick(ctx: RequestContext, skuId: string, input: { retailPriceFen?: bigint | undefined; featured?: boolean | undefined }): Promise<Result<unknown, string>> {
      const [sku] = await deps.catalog.skusForCheckout(deps.db, [skuId]);
      if (!sku) return err('sku_not_available', { skuId });
      return deps.storefront.pick(
        ctx,
        {
          skuId,
          productId: sku.productId,
          minRetailPriceFen: sku.minRetailPriceFen,
          maxRetailPriceFen: sku.maxRetailPriceFen,
          suggestedRetailPriceFen: sku.suggestedRetailPriceFen,
          fixedRetailPriceFen: sku.fixedRetailPriceFen,
        },
        input,
      );
    },

    /**
     * The platform fixes (or releases) SKU prices; every storefront selling a newly fixed SKU moves to
     * that price in the same transaction, so no shopper can be charged another price after the commit.
     */
    async fixPrices(ctx: RequestContext, productId: string, changes: readonly FixedPriceChange[]): Promise<Result<ProductDetail & { storefrontItemsRepriced: number }, string>> {
      try {
        return await inTransaction(deps.db, async (tx) => {
          const fixed = await deps.catalog.fixedPrices.fixPrices(tx, ctx, productId, changes);
          if (!fixed.ok) throw new Rollback(fixed);
          const repriced = await deps.storefront.followFixedPrices(tx, ctx, fixed.value.fixed);
          return ok({ ...fixed.value.product, storefrontItemsRepriced: repriced });
        });
      } catch (error) {
        if (error instanceof Rollback) return error.result;
        throw error;
      }
    },

    /** Saves the merchant's decoration; featured and grouped products are checked against what it sells. */
    saveDecoration: (ctx: RequestContext, input: StorefrontDecorationInput) => deps.storefront.saveDecoration(ctx, input),

    /**
     * Browse (by category) or search, optionally inside one storefront: then only products it sells,
     * at its prices. A storefront that sells nothing finds nothing.
     */
    async products(query: StorefrontProductsQuery) {
      const { merchantId, ...rest } = query;
      const prices = merchantId ? await deps.storefront.soldProducts(merchantId) : null;
      const result = await deps.catalog.shop.products({ ...rest, ...(prices ? { productIds: [...prices.keys()] } : {}) });
      if (!result.ok) return result;
      return ok({ items: priced(result.value.items, prices), total: result.value.total });
    },

    /**
     * A storefront for shoppers: its decoration, featured products and own categories with their
     * products, and its SKUs, all limited to what is still on sale, at the merchant's prices.
     */
    async view(merchantId: string) {
      const [decoration, items, prices] = await Promise.all([
        deps.storefront.decoration(merchantId),
        deps.storefront.items(merchantId),
        deps.storefront.soldProducts(merchantId),
      ]);
      const skus = await deps.catalog.skusForCheckout(deps.db, items.map((item) => item.skuId));
      const onSale = new Map(skus.map((sku) => [sku.skuId, sku]));
      const named = [...(decoration?.featuredProductIds ?? []), ...(decoration?.categories ?? []).flatMap((category) => category.productIds)];
      const products = await deps.catalog.shop.byIds(named.filter((id) => prices.has(id)));
      const listed = (ids: readonly string[]) => priced(ids.flatMap((id) => (products.has(id) ? [products.get(id)!] : [])), prices);
      return {
        merchantId,
        name: decoration?.name ?? null,
        logoUrl: decoration?.logoUrl ?? null,
        bannerUrl: decoration?.bannerUrls[0] ?? null,
        bannerUrls: decoration?.bannerUrls ?? [],
        intro: decoration?.intro ?? '',
        featured: listed(decoration?.featuredProductIds ?? []),
        categories: (decoration?.categories ?? []).map((category) => ({ id: category.id, name: category.name, products: listed(category.productIds) })),
        items: items
          .filter((item) => onSale.has(item.skuId))
          .map((item) => ({ ...item, title: onSale.get(item.skuId)!.title, specs: onSale.get(item.skuId)!.specs })),
      };
    },
  };
}
export type StorefrontFlow = ReturnType<typeof createStorefrontFlow>;
