import { newId } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import type { Insertable } from 'kysely';
import type { CatalogTables } from './catalog-tables.ts';
import type { CategoryIndex } from './domain/category-tree.ts';
import { fromPrices } from './domain/price-band.ts';
import type { ProductChangePlan, ProductContent } from './domain/product-change.ts';
import type { ProductStatus } from './domain/product-status.ts';
import type { SkuDraft } from './domain/sku-set.ts';
import { productStore, type ProductRow, type SkuRow } from './product-store.ts';
import { searchColumns } from './search-index.ts';

/** Writes shared by the console's product edits and bulk imports, so both keep the same invariants. */

export interface NewProductDraft {
  readonly supplierId: string;
  readonly spuCode?: string | undefined;
  readonly content: ProductContent;
  readonly skus: readonly SkuDraft[];
}

/**
 * The stored columns of a product's content, with its category link and search tokens: every write
 * goes through here, so the tokens always describe what is stored. A text that names a leaf links
 * to it and takes its Chinese name.
 */
function contentColumns(content: ProductContent, skus: readonly SkuDraft[], categories: CategoryIndex) {
  const leaf = categories.leafNamed(content.category);
  const category = leaf?.nameZh ?? content.category;
  return {
    ...contentOnlyColumns({ ...content, category }),
    category_id: leaf?.id ?? null,
    ...searchColumns({ ...content, category }, categories.searchNames(leaf?.id ?? null), skus.map((sku) => sku.specs)),
  };
}

const contentOnlyColumns = (content: ProductContent) => ({
  title: content.title,
  subtitle: content.subtitle,
  category: content.category,
  description_html: content.descriptionHtml,
  image_urls: [...content.imageUrls],
  image_url: content.imageUrls[0] ?? null,
  shipping_template_id: content.shippingTemplateId,
  batch_number: content.batchNumber,
  origin: content.origin,
  inspection_report_url: content.inspectionReportUrl,
});

const priceColumns = (skus: readonly SkuDraft[]) => {
  const prices = fromPrices(skus);
  return { supply_price_fen: prices.supplyPriceFen, retail_price_fen: prices.retailPriceFen };
};

/** A fixed price survives a SKU edit only while it still lies inside the SKU's (possibly new) band. */
const keptFixedPrice = (fixed: bigint | null, draft: SkuDraft) =>
  fixed !== null && fixed >= draft.minRetailPriceFen && fixed <= draft.maxRetailPriceFen ? fixed : null;

function skuRow(productId: string, supplierId: string, draft: SkuDraft, position: number, now: Date, id = newId('sku', now.getTime()), fixedRetailPriceFen: bigint | null = null): SkuRow {
  return {
    id,
    product_id: productId,
    supplier_id: supplierId,
    sku_code: draft.skuCode,
    position,
    specs: draft.specs.map((spec) => ({ name: spec.name, value: spec.value })),
    supply_price_fen: draft.supplyPriceFen,
    min_retail_price_fen: draft.minRetailPriceFen,
    suggested_retail_price_fen: draft.suggestedRetailPriceFen,
    max_retail_price_fen: draft.maxRetailPriceFen,
    stock: draft.stock,
    weight_grams: draft.weightGrams,
    fixed_retail_price_fen: keptFixedPrice(fixedRetailPriceFen, draft),
    created_at: now,
    updated_at: now,
  };
}

const insertableSku = (row: SkuRow): Insertable<CatalogTables['skus']> => ({ ...row, specs: JSON.stringify(row.specs) });

/** Inserts new draft products with their SKUs (in batches) and returns the rows as stored. */
export async function insertProducts(tx: Db, drafts: readonly NewProductDraft[], now: Date, categories: CategoryIndex): Promise<{ product: ProductRow; skus: SkuRow[] }[]> {
  const created = drafts.map((draft) => {
    const id = newId('prd', now.getTime());
    const product: ProductRow = {
      id,
      supplier_id: draft.supplierId,
      spu_code: draft.spuCode ?? id,
      ...contentColumns(draft.content, draft.skus, categories),
      ...priceColumns(draft.skus),
      status: 'draft',
      rejection_reason: null,
      hot_product: false,
      submitted_at: null,
      reviewed_at: null,
      created_at: now,
      updated_at: now,
    };
    return { product, skus: draft.skus.map((sku, position) => skuRow(id, draft.supplierId, sku, position, now)) };
  });
  await productStore.insertProducts(tx, created.map((entry) => entry.product));
  await productStore.insertSkus(tx, created.flatMap((entry) => entry.skus.map(insertableSku)));
  return created;
}

/** Applies a planned change: content, status, "from" prices and the SKU set (removed, updated, added). */
export async function writeProductPlan(
  tx: Db,
  product: ProductRow,
  currentSkus: readonly SkuRow[],
  plan: ProductChangePlan,
  status: ProductStatus,
  now: Date,
  categories: CategoryIndex,
): Promise<{ product: ProductRow; skus: SkuRow[] }> {
  const drafts = plan.skus.map((planned) => planned.draft);
  const next: ProductRow = { ...product, ...contentColumns(plan.content, drafts, categories), ...priceColumns(drafts), status, updated_at: now };
  const { id: _id, supplier_id: _supplier, spu_code: _spu, created_at: _created, ...patch } = next;
  await productStore.updateProduct(tx, product.id, patch);
  await productStore.deleteSkus(tx, plan.removedSkuIds);
  const byId = new Map(currentSkus.map((sku) => [sku.id, sku]));
  const skus: SkuRow[] = [];
  const added: SkuRow[] = [];
  for (const planned of plan.skus) {
    const before = planned.existingId ? byId.get(planned.existingId) : undefined;
    if (!before) {
      const row = skuRow(product.id, product.supplier_id, planned.draft, planned.position, now);
      added.push(row);
      skus.push(row);
      continue;
    }
    const row = skuRow(product.id, product.supplier_id, planned.draft, planned.position, before.created_at, before.id, before.fixed_retail_price_fen);
    if (JSON.stringify(skuComparable(row)) === JSON.stringify(skuComparable(before))) {
      skus.push(before);
      continue;
    }
    const updated = { ...row, updated_at: now };
    const { id, product_id: _product, supplier_id: _skuSupplier, sku_code: _code, created_at: _skuCreated, ...skuPatch } = insertableSku(updated);
    await productStore.updateSku(tx, id!, skuPatch);
    skus.push(updated);
  }
  await productStore.insertSkus(tx, added.map(insertableSku));
  return { product: next, skus };
}

const skuComparable = (row: SkuRow) => ({
  position: row.position,
  specs: row.specs.map((spec) => [spec.name, spec.value]),
  prices: [row.supply_price_fen, row.min_retail_price_fen, row.suggested_retail_price_fen, row.max_retail_price_fen].map(String),
  stock: row.stock,
  weightGrams: row.weight_grams,
  fixedRetailPriceFen: row.fixed_retail_price_fen === null ? null : String(row.fixed_retail_price_fen),
});
