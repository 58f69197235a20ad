import { err, ok, type Result } from '@linkmall/kernel';
import { pageWindow, type Db } from '@linkmall/db';
import type { CatalogErrorCode } from './catalog-errors.ts';
import type { CategoryService } from './category-service.ts';
import { indexPendingProducts } from './search-index.ts';
import { queryGroups } from './search-tokenizer.ts';
import { shopProductStore, type ShopListRow } from './shop-product-store.ts';

export interface ShopProductQuery {
  readonly page: number;
  readonly pageSize: number;
  /** Words to search for; without them, the newest products first. */
  readonly q?: string | undefined;
  /** A leaf, or a root meaning all its leaves. */
  readonly categoryId?: string | undefined;
  /** Only these products (a storefront's); the caller prices them. */
  readonly productIds?: readonly string[] | undefined;
}

/** A product in a shop list: the "from" price is the lowest of its SKUs (a fixed price where the platform set one). */
export interface ShopListItem {
  id: string;
  title: string;
  subtitle: string;
  category: string;
  categoryId: string | null;
  imageUrl: string | null;
  origin: string | null;
  /** 爆品专享: listed for everyone, sold only to members whose level grants hot-product access. */
  hotProduct: boolean;
  retailPriceFen: number;
}

const toItem = (row: ShopListRow): ShopListItem => ({
  id: row.id,
  title: row.title,
  subtitle: row.subtitle,
  category: row.category,
  categoryId: row.category_id,
  imageUrl: row.image_url,
  origin: row.origin,
  hotProduct: row.hot_product,
  retailPriceFen: Number(row.price_fen ?? 0),
});

/** What shoppers browse and search: on-sale products only, never supply prices. */
export function createShopCatalogService(db: Db, categories: CategoryService) {
  return {
    async products(query: ShopProductQuery): Promise<Result<{ items: ShopListItem[]; total: number }, CatalogErrorCode>> {
      let categoryIds: string[] | undefined;
      if (query.categoryId !== undefined) {
        const leaves = await categories.leafIdsUnder(query.categoryId);
        if (!leaves) return err('category_not_found');
        categoryIds = leaves;
      }
      const text = query.q?.trim();
      const groups = text ? queryGroups(text) : undefined;
      // Words that are all punctuation find nothing, rather than everything.
      if (text && groups!.length === 0) return ok({ items: [], total: 0 });
      if (groups) await indexPendingProducts(db);
      const { rows, total } = await shopProductStore.list(
        db,
        { ...(groups ? { groups } : {}), ...(categoryIds ? { categoryIds } : {}), ...(query.productIds ? { productIds: query.productIds } : {}) },
        pageWindow(query),
      );
      return ok({ items: rows.map(toItem), total });
    },

    /** These products where on sale, by id (a storefront's featured products and shelves). */
    async byIds(productIds: readonly string[]): Promise<Map<string, ShopListItem>> {
      const ids = [...new Set(productIds)];
      if (ids.length === 0) return new Map();
      const { rows } = await shopProductStore.list(db, { productIds: ids }, { limit: ids.length, offset: 0 });
      return new Map(rows.map((row) => [row.id, toItem(row)]));
    },
  };
}
export type ShopCatalogService = ReturnType<typeof createShopCatalogService>;
