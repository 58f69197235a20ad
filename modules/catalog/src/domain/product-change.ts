import type { SkuDraft } from './sku-set.ts';

/** What the platform reviews about a product, apart from its SKUs. */
export interface ProductContent {
  readonly title: string;
  readonly subtitle: string;
  readonly category: string;
  /** Sanitised HTML (see `sanitizeRichText`). */
  readonly descriptionHtml: string;
  readonly imageUrls: readonly string[];
  readonly shippingTemplateId: string | null;
  readonly batchNumber: string | null;
  readonly origin: string | null;
  readonly inspectionReportUrl: string | null;
}

export const CONTENT_FIELDS = [
  'title', 'subtitle', 'category', 'descriptionHtml', 'imageUrls', 'shippingTemplateId', 'batchNumber', 'origin', 'inspectionReportUrl',
] as const satisfies readonly (keyof ProductContent)[];

export interface ExistingSku extends SkuDraft {
  readonly id: string;
}

export interface PlannedSku {
  readonly draft: SkuDraft;
  /** The row to update, or null for a new SKU. */
  readonly existingId: string | null;
  readonly position: number;
}

export interface StockChange {
  readonly skuId: string;
  readonly skuCode: string;
  readonly previousStock: number;
  readonly stock: number;
}

export interface ProductChangePlan {
  readonly content: ProductContent;
  readonly skus: readonly PlannedSku[];
  readonly removedSkuIds: readonly string[];
  /** True when anything the platform reviewed changed: content, SKU set, specs, prices or weights. */
  readonly contentChanged: boolean;
  readonly stockChanges: readonly StockChange[];
  /** True when anything at all changed (a stock-only change included). */
  readonly changed: boolean;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a, bigintJson) === JSON.stringify(b, bigintJson);
const bigintJson = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);
/** A SKU as the platform reviews it: everything but stock. */
const reviewedSku = ({ stock: _stock, ...rest }: SkuDraft) => rest;

/**
 * Works out what an edit does to a product. `replace` makes the given SKUs the whole set (the console
 * form); `merge` updates and adds the given SKUs and keeps the others (a spreadsheet upsert). SKUs
 * are matched by code; stock is compared separately, because stock changes need no review.
 */
export function planProductChange(
  current: { readonly content: ProductContent; readonly skus: readonly ExistingSku[] },
  change: { readonly content?: Partial<ProductContent>; readonly skus?: readonly SkuDraft[]; readonly skuMode: 'replace' | 'merge' },
): ProductChangePlan {
  const content: ProductContent = { ...current.content, ...stripUndefined(change.content ?? {}) };
  const existingByCode = new Map(current.skus.map((sku) => [sku.skuCode, sku]));
  let drafts: SkuDraft[];
  if (!change.skus) drafts = [...current.skus];
  else if (change.skuMode === 'replace') drafts = [...change.skus];
  else {
    const given = new Map(change.skus.map((sku) => [sku.skuCode, sku]));
    drafts = current.skus.map((sku) => given.get(sku.skuCode) ?? sku);
    for (const sku of change.skus) if (!existingByCode.has(sku.skuCode)) drafts.push(sku);
  }
  const kept = new Set(drafts.map((sku) => sku.skuCode));
  const removedSkuIds = current.skus.filter((sku) => !kept.has(sku.skuCode)).map((sku) => sku.id);
  const skus = drafts.map((draft, position) => ({ draft: withoutId(draft), existingId: existingByCode.get(draft.skuCode)?.id ?? null, position }));
  const stockChanges: StockChange[] = [];
  for (const { draft, existingId } of skus) {
    const before = existingByCode.get(draft.skuCode);
    if (existingId && before && before.stock !== draft.stock) {
      stockChanges.push({ skuId: existingId, skuCode: draft.skuCode, previousStock: before.stock, stock: draft.stock });
    }
  }
  const contentChanged =
    CONTENT_FIELDS.some((field) => !sameValue(current.content[field], content[field])) ||
    !sameValue(current.skus.map((sku) => reviewedSku(withoutId(sku))), skus.map(({ draft }) => reviewedSku(draft)));
  return { content, skus, removedSkuIds, contentChanged, stockChanges, changed: contentChanged || stockChanges.length > 0 };
}

function withoutId(sku: SkuDraft & { id?: string }): SkuDraft {
  const { id: _id, ...draft } = sku;
  return {
    skuCode: draft.skuCode,
    specs: draft.specs.map((spec) => ({ name: spec.name, value: spec.value })),
    supplyPriceFen: draft.supplyPriceFen,
    minRetailPriceFen: draft.minRetailPriceFen,
    suggestedRetailPriceFen: draft.suggestedRetailPriceFen,
    maxRetailPriceFen: draft.maxRetailPriceFen,
    stock: draft.stock,
    weightGrams: draft.weightGrams,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
