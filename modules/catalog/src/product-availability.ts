import type { Db, Kysely } from '@linkmall/db';
import type { CatalogTables } from './catalog-tables.ts';

const t = (db: Db) => db as Kysely<CatalogTables>;

/**
 * Of these products, the ones on sale with stock, and which of their SKUs have stock: what a
 * recommendation may show (a storefront intersects the SKUs with the ones it sells).
 */
export async function inStockSkus(db: Db, productIds: readonly string[]): Promise<Map<string, string[]>> {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return new Map();
  const rows = await t(db)
    .selectFrom('skus')
    .innerJoin('products', 'products.id', 'skus.product_id')
    .select(['skus.product_id', 'skus.id'])
    .where('skus.product_id', 'in', ids)
    .where('products.status', '=', 'on_sale')
    .where('skus.stock', '>', 0)
    .orderBy('skus.product_id')
    .orderBy('skus.position')
    .execute();
  const byProduct = new Map<string, string[]>();
  for (const row of rows) byProduct.set(row.product_id, [...(byProduct.get(row.product_id) ?? []), row.id]);
  return byProduct;
}
