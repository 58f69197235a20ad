import { err, newId, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { isUniqueViolation, type Db } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import type { CatalogErrorCode } from './catalog-errors.ts';
import { catalogEvent } from './catalog-events.ts';
import { transact } from './catalog-transaction.ts';
import { actingSupplier } from './domain/catalog-scope.ts';
import { IMPORT_COLUMNS } from './domain/import-columns.ts';
import { describeImportIssue, sortIssues, type ImportIssue } from './domain/import-issues.ts';
import { firstReviewedChange, groupImportRows, presentContent, skuProblemIssues, type ImportProduct } from './domain/import-plan.ts';
import { decodeImport, parseImportRow, type ImportRow } from './domain/import-rows.ts';
import { planProductChange, type ProductChangePlan } from './domain/product-change.ts';
import { transitionProduct, type ProductStatus } from './domain/product-status.ts';
import { skuSetProblems } from './domain/sku-set.ts';
import { productStore, type ProductRow, type SkuRow } from './product-store.ts';
import { contentOf, existingSkuOf, productAuditSnapshot } from './product-view.ts';
import { insertProducts, writeProductPlan } from './product-writes.ts';
import { supplierStore } from './supplier-store.ts';
import type { CategoryIndex } from './domain/category-tree.ts';
import { categoryText } from './product-service.ts';
import { loadCategoryIndex } from './search-index.ts';

export const MAX_IMPORT_ROWS = 5_000;
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
/** The most row errors one answer lists; `errorCount` always has the total. */
export const MAX_REPORTED_ISSUES = 1_000;

export interface ImportInput {
  readonly format: 'csv' | 'json';
  readonly content: string;
  /** `create` only adds products; `upsert` also updates products whose SPU code exists (SKUs not in the file are kept). */
  readonly mode: 'create' | 'upsert';
  /** Required for platform staff; a supplier always imports into its own catalog. */
  readonly supplierId?: string;
}

export interface ImportReport {
  importId: string;
  format: 'csv' | 'json';
  mode: 'create' | 'upsert';
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
  products: { productId: string; spuCode: string; action: 'created' | 'updated' | 'unchanged' }[];
}

interface PlannedUpdate {
  readonly product: ProductRow;
  readonly skus: readonly SkuRow[];
  readonly plan: ProductChangePlan;
  readonly status: ProductStatus;
}

const rowsOf = (product: ImportProduct) => new Map(product.skus.map((entry) => [entry.sku.skuCode, entry.row]));

/**
 * Bulk create or update from CSV or JSON. Every row is checked (cells, agreement between the rows of
 * one SPU, codes already in use, review state) before anything is written; any problem answers with
 * all of them and writes nothing, and a clean file is applied in one transaction.
 */
export function createImportService(db: Db) {
  /** Checks the file's products against the catalog; returns what to write, or adds to `issues`. */
  async function plan(tx: Db, supplierId: string, mode: ImportInput['mode'], fileProducts: readonly ImportProduct[], issues: ImportIssue[], categories: CategoryIndex) {
    // A category cell that names a platform category (in either language) files the product under it.
    const products = fileProducts.map((product) => ({ ...product, content: { ...product.content, category: categoryText(categories, product.content.category) } }));
    const existing = new Map((await productStore.findBySpuCodes(tx, supplierId, products.map((product) => product.spuCode))).map((row) => [row.spu_code, row]));
    const existingSkus = await productStore.skusOf(tx, [...existing.values()].map((row) => row.id));
    const skusByProduct = new Map<string, SkuRow[]>();
    for (const sku of existingSkus) skusByProduct.set(sku.product_id, [...(skusByProduct.get(sku.product_id) ?? []), sku]);
    const codeOwner = new Map(
      (await productStore.findSkusByCodes(tx, supplierId, products.flatMap((product) => product.skus.map((entry) => entry.sku.skuCode)))).map((sku) => [sku.sku_code, sku.product_id]),
    );
    const creations: ImportProduct[] = [];
    const updates: PlannedUpdate[] = [];
    const unchanged: ProductRow[] = [];
    for (const product of products) {
      const current = existing.get(product.spuCode);
      if (current && mode === 'create') {
        issues.push({ row: product.firstRow, column: 'spuCode', code: 'spu_code_taken' });
        continue;
      }
      for (const { row, sku } of product.skus) {
        const owner = codeOwner.get(sku.skuCode);
        if (owner !== undefined && owner !== current?.id) issues.push({ row, column: 'skuCode', code: 'sku_code_taken' });
      }
      const drafts = product.skus.map((entry) => entry.sku);
      if (!current) {
        issues.push(...skuProblemIssues(skuSetProblems(drafts), rowsOf(product), product.firstRow));
        creations.push(product);
        continue;
      }
      const skus = skusByProduct.get(current.id) ?? [];
      const before = { content: contentOf(current), skus: skus.map(existingSkuOf) };
      const existingByCode = new Map(before.skus.map((sku) => [sku.skuCode, sku]));
      // Columns the file leaves out keep the SKU's values, so a stock-only sheet touches only stock.
      const merged = product.skus.map(({ sku, hasSpecs, hasWeight }) => {
        const old = existingByCode.get(sku.skuCode);
        return old ? { ...sku, specs: hasSpecs ? sku.specs : old.specs, weightGrams: hasWeight ? sku.weightGrams : old.weightGrams } : sku;
      });
      const change = planProductChange(before, { content: presentContent(product), skus: merged, skuMode: 'merge' });
      issues.push(...skuProblemIssues(skuSetProblems(change.skus.map((planned) => planned.draft)), rowsOf(product), product.firstRow));
      if (!change.changed) {
        unchanged.push(current);
        continue;
      }
      let status = current.status;
      if (change.contentChanged) {
        const next = transitionProduct(current.status, 'edit');
        if (!next.ok) {
          const where = firstReviewedChange(before, { content: change.content, skus: change.skus.map((planned) => planned.draft) }, rowsOf(product), product.firstRow);
          issues.push({ ...where, code: 'product_locked', params: { status: current.status } });
          continue;
        }
        status = next.value;
      }
      updates.push({ product: current, skus, plan: change, status });
    }
    return { creations, updates, unchanged };
  }

  return {
    async run(ctx: RequestContext, input: ImportInput): Promise<Result<ImportReport, CatalogErrorCode>> {
      const supplier = actingSupplier(ctx.actor!.scope, input.supplierId);
      if (!supplier.ok) return supplier;
      const tooLarge = () => err('import_too_large', { maxRows: MAX_IMPORT_ROWS, maxMegabytes: MAX_IMPORT_BYTES / 1024 / 1024 });
      if (Buffer.byteLength(input.content, 'utf8') > MAX_IMPORT_BYTES) return tooLarge();
      const decoded = decodeImport(input.format, input.content);
      if (decoded.rows.length > MAX_IMPORT_ROWS) return tooLarge();
      const issues: ImportIssue[] = [...decoded.issues];
      if (decoded.rows.length === 0 && issues.length === 0) issues.push({ row: 0, column: null, code: 'no_rows' });
      const rows: ImportRow[] = [];
      for (const raw of decoded.rows) {
        const parsed = parseImportRow(raw);
        issues.push(...parsed.issues);
        if (parsed.row) rows.push(parsed.row);
      }
      const grouped = groupImportRows(rows);
      issues.push(...grouped.issues);
      try {
        return await transact(db, async (tx) => {
          if (!(await supplierStore.find(tx, supplier.value))) return err('supplier_not_onboarded');
          await productStore.lockSupplierCatalog(tx, supplier.value);
          const categories = await loadCategoryIndex(tx);
          const planned = await plan(tx, supplier.value, input.mode, grouped.products, issues, categories);
          if (issues.length > 0) {
            const sorted = sortIssues(issues, IMPORT_COLUMNS);
            return err('import_invalid', {
              errorCount: sorted.length,
              errors: sorted.slice(0, MAX_REPORTED_ISSUES).map((issue) => describeImportIssue(issue, ctx.locale)),
            });
          }
          return ok(await write(tx, ctx, supplier.value, input, decoded.rows.length, planned, categories));
        });
      } catch (error) {
        // Another import or edit of this supplier took a code between our check and our write.
        if (isUniqueViolation(error, 'products_supplier_spu_code_key')) return err('spu_code_taken', { spuCode: '' });
        if (isUniqueViolation(error, 'skus_supplier_sku_code_key')) return err('sku_code_taken', { skuCodes: [] });
        throw error;
      }
    },
  };
}

async function write(
  tx: Db,
  ctx: RequestContext,
  supplierId: string,
  input: ImportInput,
  rowCount: number,
  planned: { creations: ImportProduct[]; updates: PlannedUpdate[]; unchanged: ProductRow[] },
  categories: CategoryIndex,
): Promise<ImportReport> {
  const now = ctx.clock.now();
  const importId = newId('imp', now.getTime());
  const created = await insertProducts(
    tx,
    planned.creations.map((product) => ({ supplierId, spuCode: product.spuCode, content: product.content, skus: product.skus.map((entry) => entry.sku) })),
    now,
    categories,
  );
  const report: ImportReport['products'] = [];
  for (const { product, skus } of created) {
    await recordAudit(tx, ctx, { action: 'product.created', entityType: 'product', entityId: product.id, organizationId: supplierId, before: null, after: productAuditSnapshot(product, skus) });
    await publishEvent(tx, ctx, catalogEvent('product.created', product.id, { productId: product.id, supplierId }));
    report.push({ productId: product.id, spuCode: product.spu_code, action: 'created' });
  }
  for (const update of planned.updates) {
    const after = await writeProductPlan(tx, update.product, update.skus, update.plan, update.status, now, categories);
    await recordAudit(tx, ctx, {
      action: 'product.updated',
      entityType: 'product',
      entityId: update.product.id,
      organizationId: supplierId,
      before: productAuditSnapshot(update.product, update.skus),
      after: productAuditSnapshot(after.product, after.skus),
    });
    for (const change of update.plan.stockChanges) {
      await publishEvent(tx, ctx, catalogEvent('stock.updated', change.skuId, { ...change, productId: update.product.id, supplierId }));
    }
    report.push({ productId: update.product.id, spuCode: update.product.spu_code, action: 'updated' });
  }
  for (const product of planned.unchanged) report.push({ productId: product.id, spuCode: product.spu_code, action: 'unchanged' });
  const summary = {
    importId,
    format: input.format,
    mode: input.mode,
    rowCount,
    created: created.length,
    updated: planned.updates.length,
    unchanged: planned.unchanged.length,
  };
  await recordAudit(tx, ctx, {
    action: 'catalog.imported',
    entityType: 'catalog_import',
    entityId: importId,
    organizationId: supplierId,
    before: null,
    after: { ...summary, productIds: report.filter((entry) => entry.action !== 'unchanged').map((entry) => entry.productId) },
  });
  return { ...summary, products: report };
}
