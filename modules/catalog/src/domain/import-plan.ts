import type { ImportColumn } from './import-columns.ts';
import type { ImportIssue } from './import-issues.ts';
import type { ImportRow } from './import-rows.ts';
import type { ProductContent } from './product-change.ts';
import type { SkuDraft, SkuProblem } from './sku-set.ts';

/** The rows of one SPU in a file, gathered into a product and its SKUs. */
export interface ImportProduct {
  readonly spuCode: string;
  readonly firstRow: number;
  readonly content: ProductContent;
  /** Product fields some row of the SPU has; an update leaves the others as they are. */
  readonly contentPresent: ReadonlySet<keyof ProductContent>;
  readonly skus: readonly ImportSku[];
}

export interface ImportSku {
  readonly row: number;
  readonly sku: SkuDraft;
  /** Whether the row has the specs and weightGrams columns; an update of an existing SKU keeps them otherwise. */
  readonly hasSpecs: boolean;
  readonly hasWeight: boolean;
}

const CONTENT_COLUMN: Readonly<Record<keyof ProductContent, ImportColumn>> = {
  title: 'title',
  subtitle: 'subtitle',
  category: 'category',
  descriptionHtml: 'description',
  imageUrls: 'imageUrls',
  shippingTemplateId: 'shippingTemplateId',
  batchNumber: 'batchNumber',
  origin: 'origin',
  inspectionReportUrl: 'inspectionReportUrl',
};

/**
 * Groups valid rows by SPU in file order. Product columns must agree on every row of one SPU (the
 * first row wins and later rows that differ are reported), and a SKU code may appear once per file.
 */
export function groupImportRows(rows: readonly ImportRow[]): { products: ImportProduct[]; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  type Group = { spuCode: string; firstRow: number; content: Record<string, unknown>; contentPresent: Set<keyof ProductContent>; skus: ImportSku[] };
  const products = new Map<string, Group>();
  const skuRows = new Map<string, number>();
  const fields = Object.keys(CONTENT_COLUMN) as (keyof ProductContent)[];
  for (const row of rows) {
    const firstSkuRow = skuRows.get(row.sku.skuCode);
    if (firstSkuRow !== undefined) {
      issues.push({ row: row.row, column: 'skuCode', code: 'duplicate_sku_code', params: { firstRow: firstSkuRow } });
      continue;
    }
    skuRows.set(row.sku.skuCode, row.row);
    const entry: ImportSku = { row: row.row, sku: row.sku, hasSpecs: row.present.has('specs'), hasWeight: row.present.has('weightGrams') };
    const product = products.get(row.spuCode);
    if (!product) {
      const contentPresent = new Set(fields.filter((field) => row.present.has(CONTENT_COLUMN[field])));
      products.set(row.spuCode, { spuCode: row.spuCode, firstRow: row.row, content: { ...row.content }, contentPresent, skus: [entry] });
      continue;
    }
    let conflicts = false;
    for (const field of fields) {
      if (!row.present.has(CONTENT_COLUMN[field])) continue;
      if (!product.contentPresent.has(field)) {
        product.contentPresent.add(field);
        product.content[field] = row.content[field];
      } else if (JSON.stringify(product.content[field]) !== JSON.stringify(row.content[field])) {
        issues.push({ row: row.row, column: CONTENT_COLUMN[field], code: 'conflicting_value', params: { firstRow: product.firstRow } });
        conflicts = true;
      }
    }
    if (!conflicts) product.skus.push(entry);
  }
  return { products: [...products.values()] as unknown as ImportProduct[], issues };
}

/** The product fields a file sets, for an update that must leave the others alone. */
export function presentContent(product: ImportProduct): Partial<ProductContent> {
  return Object.fromEntries([...product.contentPresent].map((field) => [field, product.content[field]])) as Partial<ProductContent>;
}

/** Points the problems of a product's SKU set at the rows that introduced them. */
export function skuProblemIssues(problems: readonly SkuProblem[], rowOfSku: ReadonlyMap<string, number>, fallbackRow: number): ImportIssue[] {
  return problems.map((problem): ImportIssue => {
    const row = rowOfSku.get(problem.skuCode) ?? fallbackRow;
    switch (problem.code) {
      case 'price_band_invalid':
        return { row, column: problem.field, code: 'price_band_invalid' };
      case 'sku_code_duplicate':
        return { row, column: 'skuCode', code: 'duplicate_sku_code', params: { firstRow: row } };
      case 'spec_name_repeated':
        return { row, column: 'specs', code: 'spec_name_repeated', params: { name: problem.name } };
      case 'spec_names_differ':
        return { row, column: 'specs', code: 'spec_names_differ', params: { expected: problem.expected || '—' } };
      case 'spec_combination_duplicate':
        return { row, column: 'specs', code: 'spec_combination_duplicate', params: { sameAs: problem.sameAs } };
    }
  });
}

/**
 * Where an upsert first changes something reviewed, for the message that the product cannot be edited
 * now: a product column on the SPU's first row, or the SKU row and column that changed.
 */
export function firstReviewedChange(
  current: { readonly content: ProductContent; readonly skus: readonly SkuDraft[] },
  next: { readonly content: ProductContent; readonly skus: readonly SkuDraft[] },
  rowOfSku: ReadonlyMap<string, number>,
  firstRow: number,
): { row: number; column: ImportColumn | null } {
  for (const field of Object.keys(CONTENT_COLUMN) as (keyof ProductContent)[]) {
    if (JSON.stringify(current.content[field]) !== JSON.stringify(next.content[field])) return { row: firstRow, column: CONTENT_COLUMN[field] };
  }
  const before = new Map(current.skus.map((sku) => [sku.skuCode, sku]));
  for (const sku of next.skus) {
    const row = rowOfSku.get(sku.skuCode) ?? firstRow;
    const old = before.get(sku.skuCode);
    if (!old) return { row, column: 'skuCode' };
    if (JSON.stringify(old.specs) !== JSON.stringify(sku.specs)) return { row, column: 'specs' };
    for (const field of ['supplyPriceFen', 'minRetailPriceFen', 'suggestedRetailPriceFen', 'maxRetailPriceFen'] as const) {
      if (old[field] !== sku[field]) return { row, column: field };
    }
    if (old.weightGrams !== sku.weightGrams) return { row, column: 'weightGrams' };
  }
  return { row: firstRow, column: null };
}
