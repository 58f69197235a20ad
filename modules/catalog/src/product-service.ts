import { err, ok, type Err, type RequestContext, type Result } from '@linkmall/kernel';
import { isUniqueViolation, pageWindow, type Db } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import type { CatalogErrorCode } from './catalog-errors.ts';
import { catalogEvent } from './catalog-events.ts';
import { transact } from './catalog-transaction.ts';
import { actingSupplier, productVisibility } from './domain/catalog-scope.ts';
import { planProductChange, type ProductContent } from './domain/product-change.ts';
import { transitionProduct, type ProductStatus } from './domain/product-status.ts';
import { sanitizeRichText } from './domain/rich-text.ts';
import { skuSetProblems, type SkuDraft, type SkuProblem, type SpecValue } from './domain/sku-set.ts';
import { productStore } from './product-store.ts';
import { contentOf, existingSkuOf, productAuditSnapshot, toListedProductView, toProductDetail, type ProductDetail, type ProductView } from './product-view.ts';
import { insertProducts, writeProductPlan } from './product-writes.ts';
import { supplierStore } from './supplier-store.ts';
import type { CategoryIndex } from './domain/category-tree.ts';
import { loadCategoryIndex } from './search-index.ts';

export interface SkuInput {
  readonly skuCode: string;
  readonly specs?: readonly SpecValue[];
  readonly supplyPriceFen: bigint;
  readonly minRetailPriceFen: bigint;
  readonly suggestedRetailPriceFen: bigint;
  readonly maxRetailPriceFen: bigint;
  readonly stock: number;
  readonly weightGrams?: number;
}

export interface ProductContentInput {
  readonly title: string;
  readonly subtitle?: string;
  /** Free text; when it is a leaf category's name (Chinese or English) the product is filed under that leaf. */
  readonly category?: string;
  /** A leaf category; wins over `category`. */
  readonly categoryId?: string;
  /** HTML; sanitised before it is stored. */
  readonly description?: string;
  readonly imageUrls?: readonly string[];
  readonly shippingTemplateId?: string | null;
  readonly quality?: { readonly batchNumber?: string | null; readonly origin?: string | null; readonly inspectionReportUrl?: string | null };
}

export interface NewProduct extends ProductContentInput {
  /** Required for platform staff; a supplier always creates its own products. */
  readonly supplierId?: string;
  readonly spuCode?: string;
  readonly skus: readonly SkuInput[];
}

export interface ProductPatch extends Partial<ProductContentInput> {
  /** When given, the whole SKU set: SKUs matched by code are updated, missing ones removed, new ones added. */
  readonly skus?: readonly SkuInput[];
}

export interface ProductQuery {
  readonly page: number;
  readonly pageSize: number;
  readonly status?: ProductStatus;
  readonly supplierId?: string;
  readonly q?: string;
}

export const toSkuDraft = (input: SkuInput): SkuDraft => ({
  skuCode: input.skuCode,
  specs: (input.specs ?? []).map((spec) => ({ name: spec.name, value: spec.value })),
  supplyPriceFen: input.supplyPriceFen,
  minRetailPriceFen: input.minRetailPriceFen,
  suggestedRetailPriceFen: input.suggestedRetailPriceFen,
  maxRetailPriceFen: input.maxRetailPriceFen,
  stock: input.stock,
  weightGrams: input.weightGrams ?? 0,
});

/**
 * The category text a product is stored with: the leaf's Chinese name when the input names a leaf
 * (by id, or by its Chinese or English name), else the text as given. Resolving before the change is
 * planned means "Green tea" and "绿茶" are the same category, not an edit that needs review.
 */
export function resolveCategory(categories: CategoryIndex, input: { readonly category?: string | undefined; readonly categoryId?: string | undefined }): Result<string | undefined, CatalogErrorCode> {
  if (input.categoryId !== undefined) {
    const node = categories.byId(input.categoryId);
    if (!node) return err('category_not_found');
    if (node.parentId === null) return err('category_not_leaf', { name: node.nameZh });
    return ok(node.nameZh);
  }
  return ok(input.category === undefined ? undefined : categoryText(categories, input.category));
}

export const categoryText = (categories: CategoryIndex, text: string): string => categories.leafNamed(text)?.nameZh ?? text;

function contentPatch(input: Partial<ProductContentInput>, category: string | undefined): Partial<ProductContent> {
  const patch: { -readonly [K in keyof ProductContent]?: ProductContent[K] } = {};
  if (input.title !== undefined) patch.title = input.title;
  if (input.subtitle !== undefined) patch.subtitle = input.subtitle;
  if (category !== undefined) patch.category = category;
  if (input.description !== undefined) patch.descriptionHtml = sanitizeRichText(input.description);
  if (input.imageUrls !== undefined) patch.imageUrls = [...input.imageUrls];
  if (input.shippingTemplateId !== undefined) patch.shippingTemplateId = input.shippingTemplateId;
  if (input.quality?.batchNumber !== undefined) patch.batchNumber = input.quality.batchNumber;
  if (input.quality?.origin !== undefined) patch.origin = input.quality.origin;
  if (input.quality?.inspectionReportUrl !== undefined) patch.inspectionReportUrl = input.quality.inspectionReportUrl;
  return patch;
}

const EMPTY_CONTENT: ProductContent = {
  title: '', subtitle: '', category: '', descriptionHtml: '', imageUrls: [], shippingTemplateId: null, batchNumber: null, origin: null, inspectionReportUrl: null,
};

export function skuProblemError(problem: SkuProblem): Err<CatalogErrorCode> {
  if (problem.code === 'price_band_invalid') return err('price_band_invalid', { skuCode: problem.skuCode, field: problem.field });
  if (problem.code === 'sku_code_duplicate') return err('sku_code_duplicate', { skuCode: problem.skuCode });
  return err('sku_specs_invalid', { skuCode: problem.skuCode, reason: problem.code });
}

/** SKU codes among `codes` that another product of the supplier already uses. */
async function codesTakenElsewhere(tx: Db, supplierId: string, codes: readonly string[], productId: string | null): Promise<string[]> {
  const rows = await productStore.findSkusByCodes(tx, supplierId, codes);
  return rows.filter((row) => row.product_id !== productId).map((row) => row.sku_code);
}

function uniqueViolationError(error: unknown, spuCode: string | undefined): Err<CatalogErrorCode> | null {
  if (isUniqueViolation(error, 'products_supplier_spu_code_key')) return err('spu_code_taken', { spuCode: spuCode ?? '' });
  if (isUniqueViolation(error, 'skus_supplier_sku_code_key')) return err('sku_code_taken', { skuCodes: [] });
  return null;
}

export interface ShopProduct {
  id: string;
  title: string;
  subtitle: string;
  category: string;
  categoryId: string | null;
  description: string;
  imageUrls: string[];
  origin: string | null;
  /** 爆品专享: shown to everyone, sold only to members whose level grants hot-product access. */
  hotProduct: boolean;
  skus: Array<{ id: string; specs: Array<{ name: string; value: string }>; priceFen: number; stock: number }>;
}

export function createProductService(db: Db) {
  return {
    async list(ctx: RequestContext, query: ProductQuery): Promise<{ items: ProductView[]; total: number }> {
      const search = query.q?.trim();
      const { items, total } = await productStore.list(
        db,
        productVisibility(ctx.actor!.scope),
        { ...(query.status ? { status: query.status } : {}), ...(query.supplierId ? { supplierId: query.supplierId } : {}), ...(search ? { search } : {}) },
        pageWindow(query),
      );
      return { items: items.map(toListedProductView), total };
    },

    /** What consumers may buy: products on sale, newest first. */
    async listOnSale(limit: number): Promise<ProductView[]> {
      const { items } = await productStore.list(db, { kind: 'statuses', statuses: ['on_sale'] }, {}, { limit, offset: 0 });
      return items.map(toListedProductView);
    },

    /** A product as shoppers see it: only while on sale, and without the supply price. */
    async getOnSale(id: string): Promise<Result<ShopProduct, CatalogErrorCode>> {
      const row = await productStore.find(db, id, { kind: 'statuses', statuses: ['on_sale'] });
      if (!row) return err('product_not_found');
      const detail = toProductDetail(row, await productStore.skusOf(db, [id]));
      return ok({
        id: detail.id,
        title: detail.title,
        subtitle: detail.subtitle,
        category: detail.category,
        description: detail.description,
        imageUrls: detail.imageUrls,
        origin: detail.quality.origin,
        categoryId: detail.categoryId,
        hotProduct: detail.hotProduct,
        // A price the platform fixed is the price everywhere; otherwise the supplier's suggestion.
        skus: detail.skus.map((sku) => ({ id: sku.id, specs: sku.specs, priceFen: sku.fixedRetailPriceFen ?? sku.suggestedRetailPriceFen, stock: sku.stock })),
      });
    },

    async count(ctx: RequestContext): Promise<number> {
      return productStore.count(db, productVisibility(ctx.actor!.scope));
    },

    async get(ctx: RequestContext, id: string): Promise<Result<ProductDetail, CatalogErrorCode>> {
      const row = await productStore.find(db, id, productVisibility(ctx.actor!.scope));
      if (!row) return err('product_not_found');
      return ok(toProductDetail(row, await productStore.skusOf(db, [id])));
    },

    /** A new product starts as a draft; the supplier submits it for review when it is ready. */
    async create(ctx: RequestContext, input: NewProduct): Promise<Result<ProductDetail, CatalogErrorCode>> {
      const supplier = actingSupplier(ctx.actor!.scope, input.supplierId);
      if (!supplier.ok) return supplier;
      const skus = input.skus.map(toSkuDraft);
      const problem = skuSetProblems(skus)[0];
      if (problem) return skuProblemError(problem);
      const now = ctx.clock.now();
      try {
        return await transact(db, async (tx) => {
          const categories = await loadCategoryIndex(tx);
          const category = resolveCategory(categories, input);
          if (!category.ok) return category;
          if (category.value === undefined) return err('category_required');
          const content: ProductContent = { ...EMPTY_CONTENT, ...contentPatch(input, category.value) };
          if (!(await supplierStore.find(tx, supplier.value))) return err('supplier_not_onboarded');
          await productStore.lockSupplierCatalog(tx, supplier.value);
          if (input.spuCode !== undefined && (await productStore.findBySpuCodes(tx, supplier.value, [input.spuCode])).length > 0) {
            return err('spu_code_taken', { spuCode: input.spuCode });
          }
          const taken = await codesTakenElsewhere(tx, supplier.value, skus.map((sku) => sku.skuCode), null);
          if (taken.length > 0) return err('sku_code_taken', { skuCodes: taken });
          const [created] = await insertProducts(tx, [{ supplierId: supplier.value, spuCode: input.spuCode, content, skus }], now, categories);
          const { product, skus: skuRows } = created!;
          await recordAudit(tx, ctx, {
            action: 'product.created',
            entityType: 'product',
            entityId: product.id,
            organizationId: product.supplier_id,
            before: null,
            after: productAuditSnapshot(product, skuRows),
          });
          await publishEvent(tx, ctx, catalogEvent('product.created', product.id, { productId: product.id, supplierId: product.supplier_id }));
          return ok(toProductDetail(product, skuRows));
        });
      } catch (error) {
        const mapped = uniqueViolationError(error, input.spuCode);
        if (mapped) return mapped;
        throw error;
      }
    },

    /**
     * Edits a product. A change to anything reviewed sends an approved or off-sale product back to
     * draft; a product on sale or under review may only change its stock.
     */
    async update(ctx: RequestContext, id: string, patch: ProductPatch): Promise<Result<ProductDetail, CatalogErrorCode>> {
      const drafts = patch.skus?.map(toSkuDraft);
      const problem = drafts ? skuSetProblems(drafts)[0] : undefined;
      if (problem) return skuProblemError(problem);
      try {
        return await transact(db, async (tx) => {
          const product = await productStore.find(tx, id, productVisibility(ctx.actor!.scope), { forUpdate: true });
          if (!product) return err('product_not_found');
          const currentSkus = await productStore.skusOf(tx, [id]);
          const categories = await loadCategoryIndex(tx);
          const category = resolveCategory(categories, patch);
          if (!category.ok) return category;
          const plan = planProductChange(
            { content: contentOf(product), skus: currentSkus.map(existingSkuOf) },
            { content: contentPatch(patch, category.value), ...(drafts ? { skus: drafts } : {}), skuMode: 'replace' },
          );
          if (!plan.changed) return ok(toProductDetail(product, currentSkus));
          let status = product.status;
          if (plan.contentChanged) {
            const next = transitionProduct(product.status, 'edit');
            if (!next.ok) return err('product_not_editable', { status: product.status });
            status = next.value;
          }
          const added = plan.skus.filter((planned) => planned.existingId === null).map((planned) => planned.draft.skuCode);
          const taken = await codesTakenElsewhere(tx, product.supplier_id, added, product.id);
          if (taken.length > 0) return err('sku_code_taken', { skuCodes: taken });
          const now = ctx.clock.now();
          const after = await writeProductPlan(tx, product, currentSkus, plan, status, now, categories);
          await recordAudit(tx, ctx, {
            action: 'product.updated',
            entityType: 'product',
            entityId: id,
            organizationId: product.supplier_id,
            before: productAuditSnapshot(product, currentSkus),
            after: productAuditSnapshot(after.product, after.skus),
          });
          for (const change of plan.stockChanges) {
            await publishEvent(tx, ctx, catalogEvent('stock.updated', change.skuId, { ...change, productId: id, supplierId: product.supplier_id }));
          }
          return ok(toProductDetail(after.product, after.skus));
        });
      } catch (error) {
        const mapped = uniqueViolationError(error, undefined);
        if (mapped) return mapped;
        throw error;
      }
    },
  };
}
export type ProductService = ReturnType<typeof createProductService>;
