import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.close());

describe('product page for shoppers', () => {
  it('shows an on-sale product with SKUs at retail prices and never the supply price', async () => {
    const listed = (await t.json('GET', '/shop/home')).body.products.find((product: any) => product.title === '西湖龙井明前茶');
    const { status, body } = await t.json('GET', `/shop/products/${listed.id}`);
    expect(status).toBe(200);
    expect(body.title).toBe('西湖龙井明前茶');
    expect(body.skus.map((sku: any) => [sku.specs[0].value, sku.priceFen])).toEqual([
      ['250g', 19800],
      ['500g', 36800],
    ]);
    expect(JSON.stringify(body)).not.toMatch(/supply/i);
  });

  it('answers 404 for a product that is not on sale', async () => {
    const supplier = await t.login('13900000001');
    const draft = await t.json('POST', '/admin/products', {
      token: supplier,
      body: { title: '未上架', category: '茶叶', skus: [{ skuCode: 'HIDDEN-1', supplyPriceFen: 100, minRetailPriceFen: 200, suggestedRetailPriceFen: 300, maxRetailPriceFen: 400, stock: 1 }] },
    });
    expect(draft.status).toBe(201);
    const response = await t.json('GET', `/shop/products/${draft.body.id}`);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('product_not_found');
  });
});
