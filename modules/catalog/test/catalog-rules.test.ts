import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, creditCodeProblem, normalizeCreditCode } from '../src/domain/credit-code.ts';
import { fromPrices, priceBandProblem } from '../src/domain/price-band.ts';
import { PRODUCT_STATUSES, PRODUCT_TRANSITIONS, transitionProduct } from '../src/domain/product-status.ts';
import { maskAccountNumber, SUPPLIER_TRANSITIONS, supplierUpdateEvent, transitionSupplier } from '../src/domain/supplier-status.ts';
import { allowedEvents } from '../src/domain/transition.ts';
import { formatSpecs, parseSpecsText, skuSetProblems, type SkuDraft } from '../src/domain/sku-set.ts';
import { planProductChange, type ProductContent } from '../src/domain/product-change.ts';

const band = (supply: number, min: number, suggested: number, max: number) => ({
  supplyPriceFen: BigInt(supply),
  minRetailPriceFen: BigInt(min),
  suggestedRetailPriceFen: BigInt(suggested),
  maxRetailPriceFen: BigInt(max),
});

const sku = (skuCode: string, specs: [string, string][], overrides: Partial<SkuDraft> = {}): SkuDraft => ({
  skuCode,
  specs: specs.map(([name, value]) => ({ name, value })),
  ...band(1000, 1500, 1990, 2500),
  stock: 10,
  weightGrams: 250,
  ...overrides,
});

describe('product review lifecycle', () => {
  it('walks draft → pending_review → approved → on_sale ⇄ off_sale', () => {
    expect(transitionProduct('draft', 'submit')).toEqual({ ok: true, value: 'pending_review' });
    expect(transitionProduct('pending_review', 'approve')).toEqual({ ok: true, value: 'approved' });
    expect(transitionProduct('approved', 'put_on_sale')).toEqual({ ok: true, value: 'on_sale' });
    expect(transitionProduct('on_sale', 'take_off_sale')).toEqual({ ok: true, value: 'off_sale' });
    expect(transitionProduct('off_sale', 'put_on_sale')).toEqual({ ok: true, value: 'on_sale' });
  });
  it('rejects, and lets a rejected product be fixed and resubmitted', () => {
    expect(transitionProduct('pending_review', 'reject')).toEqual({ ok: true, value: 'rejected' });
    expect(transitionProduct('rejected', 'edit')).toEqual({ ok: true, value: 'rejected' });
    expect(transitionProduct('rejected', 'submit')).toEqual({ ok: true, value: 'pending_review' });
  });
  it('never sells what was not reviewed', () => {
    for (const from of ['draft', 'pending_review', 'rejected'] as const) expect(transitionProduct(from, 'put_on_sale').ok).toBe(false);
    // Editing reviewed content sends it back to draft; on sale or under review it cannot be edited at all.
    expect(transitionProduct('approved', 'edit')).toEqual({ ok: true, value: 'draft' });
    expect(transitionProduct('off_sale', 'edit')).toEqual({ ok: true, value: 'draft' });
    expect(transitionProduct('on_sale', 'edit')).toMatchObject({ ok: false, code: 'transition_not_allowed' });
    expect(transitionProduct('pending_review', 'edit').ok).toBe(false);
    expect(transitionProduct('draft', 'approve').ok).toBe(false);
  });
  it('has an entry for every status and only known targets', () => {
    expect(Object.keys(PRODUCT_TRANSITIONS).sort()).toEqual([...PRODUCT_STATUSES].sort());
    for (const from of PRODUCT_STATUSES) for (const event of allowedEvents(PRODUCT_TRANSITIONS, from)) expect(PRODUCT_STATUSES).toContain(PRODUCT_TRANSITIONS[from][event]);
  });
});

describe('supplier review lifecycle', () => {
  const fields = { companyName: '杭州绿源', creditCode: '91350100M000100Y43', contactName: '陈静', contactPhone: '13900000001', bankName: '工商银行', bankAccountName: '杭州绿源', bankAccountNumber: '6222021234567890123' };
  it('reviews a submitted profile', () => {
    expect(transitionSupplier('pending_review', 'approve')).toEqual({ ok: true, value: 'approved' });
    expect(transitionSupplier('pending_review', 'reject')).toEqual({ ok: true, value: 'rejected' });
    expect(transitionSupplier('rejected', 'submit')).toEqual({ ok: true, value: 'pending_review' });
    expect(transitionSupplier('approved', 'approve').ok).toBe(false);
    expect(transitionSupplier('rejected', 'approve').ok).toBe(false);
    expect(Object.keys(SUPPLIER_TRANSITIONS).sort()).toEqual(['approved', 'pending_review', 'rejected']);
  });
  it('re-reviews an approved supplier only when company or settlement data change', () => {
    expect(supplierUpdateEvent('approved', fields, { ...fields, contactPhone: '13900000009' })).toBe('edit_contact');
    expect(transitionSupplier('approved', 'edit_contact')).toEqual({ ok: true, value: 'approved' });
    expect(supplierUpdateEvent('approved', fields, { ...fields, bankAccountNumber: '6222020000000000000' })).toBe('submit');
    expect(supplierUpdateEvent('rejected', fields, { ...fields, contactName: '陈晨' })).toBe('submit');
  });
  it('shows only the last four digits of an account', () => {
    expect(maskAccountNumber('6222021234567890123')).toBe('****0123');
  });
});

describe('unified social credit code', () => {
  it('accepts real codes and computes their check character', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('91110000802100433B')).toBeNull();
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });
  it('rejects a wrong check character and a bad format', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check_character');
    expect(creditCodeProblem('91350100M000100Y4')).toBe('format');
    expect(creditCodeProblem('9135010OM000100Y43')).toBe('format'); // letter O is not in the alphabet
    expect(creditCodeProblem('91A50100M000100Y43')).toBe('format'); // positions 3–8 are digits
  });
  it('normalises case and spaces', () => {
    expect(normalizeCreditCode(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
  });
});

describe('price band', () => {
  it('holds when supply ≤ min ≤ suggested ≤ max, equalities included', () => {
    expect(priceBandProblem(band(1000, 1500, 1990, 2500))).toBeNull();
    expect(priceBandProblem(band(1000, 1000, 1000, 1000))).toBeNull();
  });
  it('names the first field that breaks it', () => {
    expect(priceBandProblem(band(1600, 1500, 1990, 2500))).toBe('minRetailPriceFen');
    expect(priceBandProblem(band(1000, 2000, 1990, 2500))).toBe('suggestedRetailPriceFen');
    expect(priceBandProblem(band(1000, 1500, 2600, 2500))).toBe('maxRetailPriceFen');
  });
  it('takes the lowest prices of the SKUs as the product’s "from" prices', () => {
    expect(fromPrices([band(1000, 1500, 1990, 2500), band(800, 900, 2990, 3500)])).toEqual({ supplyPriceFen: 800n, retailPriceFen: 1990n });
  });
});

describe('SKU sets', () => {
  it('accepts SKUs that share spec names in order and differ in values', () => {
    expect(skuSetProblems([sku('T-250', [['规格', '250g']]), sku('T-500', [['规格', '500g']])])).toEqual([]);
    expect(skuSetProblems([sku('ONE', [])])).toEqual([]);
  });
  it('finds duplicate codes, repeated names, differing names and duplicate combinations', () => {
    const problems = skuSetProblems([
      sku('A', [['颜色', '红'], ['尺码', 'M']]),
      sku('A', [['颜色', '蓝'], ['尺码', 'M']]),
      sku('B', [['尺码', 'M'], ['颜色', '红']]),
      sku('C', [['颜色', '红'], ['尺码', 'M']]),
      sku('D', [['颜色', '红'], ['颜色', '蓝']]),
      sku('E', [['颜色', '白'], ['尺码', 'L']], band(3000, 1500, 1990, 2500) as never),
    ]);
    expect(problems.map((problem) => [problem.code, problem.skuCode])).toEqual([
      ['sku_code_duplicate', 'A'],
      ['spec_names_differ', 'B'],
      ['spec_combination_duplicate', 'C'],
      ['spec_name_repeated', 'D'],
      ['price_band_invalid', 'E'],
    ]);
  });
  it('reads and writes specs as text, full-width punctuation included', () => {
    expect(parseSpecsText('颜色:红色;尺码:XL')).toEqual([{ name: '颜色', value: '红色' }, { name: '尺码', value: 'XL' }]);
    expect(parseSpecsText(' 颜色：红色； 尺码：XL ；')).toEqual([{ name: '颜色', value: '红色' }, { name: '尺码', value: 'XL' }]);
    expect(parseSpecsText('')).toEqual([]);
    expect(parseSpecsText('颜色')).toBeNull();
    expect(parseSpecsText(':红')).toBeNull();
    expect(formatSpecs([{ name: '规格', value: '250g' }])).toBe('规格:250g');
  });
});

describe('planning a product change', () => {
  const content: ProductContent = {
    title: '龙井', subtitle: '', category: '茶叶', descriptionHtml: '', imageUrls: [], shippingTemplateId: null, batchNumber: null, origin: null, inspectionReportUrl: null,
  };
  const current = { content, skus: [{ id: 'sku_1', ...sku('T-250', [['规格', '250g']]) }, { id: 'sku_2', ...sku('T-500', [['规格', '500g']]) }] };

  it('treats a stock-only change as no edit', () => {
    const plan = planProductChange(current, { skus: [sku('T-250', [['规格', '250g']], { stock: 99 })], skuMode: 'merge' });
    expect(plan.contentChanged).toBe(false);
    expect(plan.changed).toBe(true);
    expect(plan.stockChanges).toEqual([{ skuId: 'sku_1', skuCode: 'T-250', previousStock: 10, stock: 99 }]);
    expect(plan.removedSkuIds).toEqual([]);
    expect(plan.skus.map((planned) => planned.existingId)).toEqual(['sku_1', 'sku_2']);
  });
  it('sees content, price and SKU-set changes as edits', () => {
    expect(planProductChange(current, { content: { title: '西湖龙井' }, skuMode: 'merge' }).contentChanged).toBe(true);
    expect(planProductChange(current, { skus: [sku('T-250', [['规格', '250g']], { weightGrams: 260 })], skuMode: 'merge' }).contentChanged).toBe(true);
    const added = planProductChange(current, { skus: [sku('T-1000', [['规格', '1kg']])], skuMode: 'merge' });
    expect(added.skus.map((planned) => [planned.draft.skuCode, planned.existingId, planned.position])).toEqual([['T-250', 'sku_1', 0], ['T-500', 'sku_2', 1], ['T-1000', null, 2]]);
    expect(added.contentChanged).toBe(true);
  });
  it('replaces the SKU set in replace mode and lists the removed SKUs', () => {
    const plan = planProductChange(current, { skus: [sku('T-500', [['规格', '500g']])], skuMode: 'replace' });
    expect(plan.removedSkuIds).toEqual(['sku_1']);
    expect(plan.contentChanged).toBe(true);
  });
  it('finds nothing to do when nothing changed', () => {
    const plan = planProductChange(current, { content: { title: '龙井' }, skus: current.skus.map(({ id: _id, ...draft }) => draft), skuMode: 'replace' });
    expect(plan.changed).toBe(false);
  });
});
