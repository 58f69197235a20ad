import type { ProductStatus } from './domain/product-status.ts';
import type { ExistingSku, ProductContent } from './domain/product-change.ts';
import type { SpecValue } from './domain/sku-set.ts';
import type { ProductListRow, ProductRow, SkuRow } from './product-store.ts';

export interface ProductView {
  id: string;
  supplierId: string;
  spuCode: string;
  title: string;
  subtitle: string;
  category: string;
  /** The leaf category, or null when the category text names none. */
  categoryId: string | null;
  imageUrl: string | null;
  /** The lowest supply price of the product's SKUs. */
  supplyPriceFen: number;
  /** The lowest suggested retail price of the product's SKUs: the "from" price shoppers see. */
  retailPriceFen: number;
  status: ProductStatus;
  skuCount: number;
  totalStock: number;
  /** Whether the platform fixed the retail price of any SKU: merchants then sell those SKUs at that price. */
  hasFixedPrice: boolean;
  /** 爆品专享: only members whose level grants hot-product access may buy it. */
  hotProduct: boolean;
  updatedAt: string;
}

export interface SkuView {
  id: string;
  skuCode: string;
  specs: SpecValue[];
  supplyPriceFen: number;
  minRetailPriceFen: number;
  suggestedRetailPriceFen: number;
  maxRetailPriceFen: number;
  /** The retail price the platform fixed, or null: while set, storefronts sell the SKU at exactly this. */
  fixedRetailPriceFen: number | null;
  stock: number;
  weightGrams: number;
}

export interface ProductDetail extends ProductView {
  description: string;
  imageUrls: string[];
  shippingTemplateId: string | null;
  quality: { batchNumber: string | null; origin: string | null; inspectionReportUrl: string | null };
  rejectionReason: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  createdAt: string;
  skus: SkuView[];
}

/** Fen leave the module as JSON-safe integers; the bigint columns cap far above any real price. */
export const toSkuView = (row: SkuRow): SkuView => ({
  id: row.id,
  skuCode: row.sku_code,
  specs: row.specs.map((spec) => ({ name: spec.name, value: spec.value })),
  supplyPriceFen: Number(row.supply_price_fen),
  minRetailPriceFen: Number(row.min_retail_price_fen),
  suggestedRetailPriceFen: Number(row.suggested_retail_price_fen),
  maxRetailPriceFen: Number(row.max_retail_price_fen),
  fixedRetailPriceFen: row.fixed_retail_price_fen === null ? null : Number(row.fixed_retail_price_fen),
  stock: row.stock,
  weightGrams: row.weight_grams,
});

export function toProductView(row: ProductRow, skuCount: number, totalStock: number, hasFixedPrice: boolean): ProductView {
  return {
    id: row.id,
    supplierId: row.supplier_id,
    spuCode: row.spu_code,
    title: row.title,
    subtitle: row.subtitle,
    category: row.category,
    categoryId: row.category_id,
    imageUrl: row.image_url,
    supplyPriceFen: Number(row.supply_price_fen),
    retailPriceFen: Number(row.retail_price_fen),
    status: row.status,
    skuCount,
    totalStock,
    hasFixedPrice,
    hotProduct: row.hot_product,
    updatedAt: row.updated_at.toISOString(),
  };
}

export const toListedProductView = (row: ProductListRow): ProductView => toProductView(row, row.sku_count, row.total_stock, row.has_fixed_price);

export function toProductDetail(row: ProductRow, skus: readonly SkuRow[]): ProductDetail {
  return {
    ...toProductView(row, skus.length, skus.reduce((sum, sku) => sum + sku.stock, 0), skus.some((sku) => sku.fixed_retail_price_fen !== null)),
    description: row.description_html,
    imageUrls: [...row.image_urls],
    shippingTemplateId: row.shipping_template_id,
    quality: { batchNumber: row.batch_number, origin: row.origin, inspectionReportUrl: row.inspection_report_url },
    rejectionReason: row.rejection_reason,
    submittedAt: row.submitted_at?.toISOString() ?? null,
    reviewedAt: row.reviewed_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    skus: skus.map(toSkuView),
  };
}

/** What the audit log keeps of a product: everything reviewed, its status and its stock; no timestamps. */
export function productAuditSnapshot(row: ProductRow, skus: readonly SkuRow[]) {
  const { id: _id, createdAt: _created, updatedAt: _updated, submittedAt: _submitted, reviewedAt: _reviewed, ...rest } = toProductDetail(row, skus);
  return { ...rest, skus: rest.skus.map(({ id: _skuId, ...sku }) => sku) };
}

export function contentOf(row: ProductRow): ProductContent {
  return {
    title: row.title,
    subtitle: row.subtitle,
    category: row.category,
    descriptionHtml: row.description_html,
    imageUrls: [...row.image_urls],
    shippingTemplateId: row.shipping_template_id,
    batchNumber: row.batch_number,
    origin: row.origin,
    inspectionReportUrl: row.inspection_report_url,
  };
}

export function existingSkuOf(row: SkuRow): ExistingSku {
  return {
    id: row.id,
    skuCode: row.sku_code,
    specs: row.specs.map((spec) => ({ name: spec.name, value: spec.value })),
    supplyPriceFen: row.supply_price_fen,
    minRetailPriceFen: row.min_retail_price_fen,
    suggestedRetailPriceFen: row.suggested_retail_price_fen,
    maxRetailPriceFen: row.max_retail_price_fen,
    stock: row.stock,
    weightGrams: row.weight_grams,
  };
}
