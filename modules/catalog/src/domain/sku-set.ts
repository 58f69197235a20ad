import { priceBandProblem, type PriceField, type SkuPrices } from './price-band.ts';

/** One spec attribute of a SKU, such as 颜色: 红色. A SKU's specs are ordered (颜色 before 尺码). */
export interface SpecValue {
  readonly name: string;
  readonly value: string;
}

export interface SkuDraft extends SkuPrices {
  readonly skuCode: string;
  readonly specs: readonly SpecValue[];
  readonly stock: number;
  readonly weightGrams: number;
}

export type SkuProblem =
  | { readonly code: 'price_band_invalid'; readonly skuCode: string; readonly field: PriceField }
  | { readonly code: 'sku_code_duplicate'; readonly skuCode: string }
  | { readonly code: 'spec_name_repeated'; readonly skuCode: string; readonly name: string }
  | { readonly code: 'spec_names_differ'; readonly skuCode: string; readonly expected: string }
  | { readonly code: 'spec_combination_duplicate'; readonly skuCode: string; readonly sameAs: string };

export const SKU_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const MAX_SPECS_PER_SKU = 5;

const specKey = (specs: readonly SpecValue[]) => JSON.stringify(specs.map((spec) => [spec.name, spec.value]));
const specNames = (specs: readonly SpecValue[]) => specs.map((spec) => spec.name).join(' / ');

/**
 * What makes a product's SKU set valid: every price band holds, codes are unique, every SKU names the
 * same spec attributes in the same order (颜色 / 尺码), and no two SKUs are the same combination.
 */
export function skuSetProblems(skus: readonly SkuDraft[]): SkuProblem[] {
  const problems: SkuProblem[] = [];
  const codes = new Set<string>();
  const combinations = new Map<string, string>();
  const expected = skus[0] ? specNames(skus[0].specs) : '';
  for (const sku of skus) {
    const field = priceBandProblem(sku);
    if (field) problems.push({ code: 'price_band_invalid', skuCode: sku.skuCode, field });
    if (codes.has(sku.skuCode)) problems.push({ code: 'sku_code_duplicate', skuCode: sku.skuCode });
    codes.add(sku.skuCode);
    const names = sku.specs.map((spec) => spec.name);
    const repeated = names.find((name, index) => names.indexOf(name) !== index);
    if (repeated !== undefined) problems.push({ code: 'spec_name_repeated', skuCode: sku.skuCode, name: repeated });
    else if (specNames(sku.specs) !== expected) problems.push({ code: 'spec_names_differ', skuCode: sku.skuCode, expected });
    else {
      const key = specKey(sku.specs);
      const sameAs = combinations.get(key);
      if (sameAs !== undefined) problems.push({ code: 'spec_combination_duplicate', skuCode: sku.skuCode, sameAs });
      else combinations.set(key, sku.skuCode);
    }
  }
  return problems;
}

/**
 * Specs written as text in a spreadsheet cell: `颜色:红色;尺码:M`. Full-width ：and ；work too, as
 * Chinese input methods type them. Empty text is no specs; null when a pair has no name or value.
 */
export function parseSpecsText(text: string): SpecValue[] | null {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const specs: SpecValue[] = [];
  for (const pair of trimmed.split(/[;；]/)) {
    if (pair.trim() === '') continue;
    const match = /^([^:：]+)[:：](.+)$/.exec(pair.trim());
    if (!match) return null;
    const name = match[1]!.trim();
    const value = match[2]!.trim();
    if (name === '' || value === '') return null;
    specs.push({ name, value });
  }
  return specs;
}

/** The inverse of `parseSpecsText`, for exports and messages. */
export function formatSpecs(specs: readonly SpecValue[]): string {
  return specs.map((spec) => `${spec.name}:${spec.value}`).join(';');
}
