import { inTransaction, type Db } from '@linkmall/db';
import { categoryStore } from './category-store.ts';
import { categoryIndex, type CategoryIndex } from './domain/category-tree.ts';
import type { SpecValue } from './domain/sku-set.ts';
import { productStore } from './product-store.ts';
import { documentTokens } from './search-tokenizer.ts';

export interface SearchColumns {
  search_title_tokens: string;
  search_tokens: string;
}

/** What a product is found by: its title (ranked highest), then subtitle, category names, origin and SKU spec values. */
export function searchColumns(
  product: { readonly title: string; readonly subtitle: string; readonly category: string; readonly origin: string | null },
  categoryNames: readonly string[],
  specs: readonly (readonly SpecValue[])[],
): SearchColumns {
  return {
    search_title_tokens: documentTokens([product.title]),
    search_tokens: documentTokens([product.subtitle, product.category, ...categoryNames, product.origin, ...specs.flatMap((list) => list.map((spec) => spec.value))]),
  };
}

export async function loadCategoryIndex(db: Db): Promise<CategoryIndex> {
  const rows = await categoryStore.all(db);
  return categoryIndex(rows.map((row) => ({ id: row.id, parentId: row.parent_id, nameZh: row.name_zh, nameEn: row.name_en, sortOrder: row.sort_order, iconUrl: row.icon_url })));
}

/** Re-tokenises these products from what is stored: after a category rename or move, or for rows written before search existed. */
export async function refreshSearchTokens(tx: Db, productIds: readonly string[], categories?: CategoryIndex): Promise<void> {
  if (productIds.length === 0) return;
  const index = categories ?? (await loadCategoryIndex(tx));
  const skus = await productStore.skusOf(tx, productIds);
  const specsByProduct = new Map<string, SpecValue[][]>();
  for (const sku of skus) specsByProduct.set(sku.product_id, [...(specsByProduct.get(sku.product_id) ?? []), sku.specs]);
  for (const product of await productStore.findMany(tx, productIds)) {
    const columns = searchColumns(product, index.searchNames(product.category_id), specsByProduct.get(product.id) ?? []);
    await productStore.setSearchTokens(tx, product.id, columns);
  }
}

/**
 * Tokenises rows nobody has tokenised yet: products from before this feature, or inserted by a path
 * outside the catalog (fixtures, SQL repairs). jieba runs in Node, so the migration cannot do it; the
 * search path calls this first, and it costs one index probe when nothing is pending.
 */
export async function indexPendingProducts(db: Db, limit = 500): Promise<number> {
  const pending = await productStore.pendingSearchIds(db, limit);
  if (pending.length === 0) return 0;
  await inTransaction(db, (tx) => refreshSearchTokens(tx, pending));
  return pending.length;
}
