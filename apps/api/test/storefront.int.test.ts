import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness.ts';

let t: TestPlatform;
let merchantA: string;
let merchantB: string;
let merchantAId: string;
let supplier: string;
let buyer: string;
let tea250: string; // band ¥? taken from the product detail

beforeAll(async () => {
  t = await startTestPlatform();
  merchantA = await t.login('13700000001');
  merchantB = await t.login('13700000002');
  merchantAId = (await t.json('GET', '/admin/me', { token: merchantA })).body.organizationId;
  supplier = await t.login('13900000001');
  buyer = await t.login('13500000001', 'shop');
  tea250 = (await t.json('PUT', '/admin/catalog/skus/LY-001-1/stock', { token: supplier, body: { stock: 20 } })).body.skuId;
});
afterAll(() => t?.close());

describe('merchant storefronts', () => {
  it('lets a merchant pick a SKU at its own price inside the supplier’s band, and refuses one outside', async () => {
    const { rows } = await t.database.executeSql('select min_retail_price_fen, max_retail_price_fen from skus where id = $1', [tea250]);
    const band = rows[0] as { min_retail_price_fen: bigint; max_retail_price_fen: bigint };
    const tooHigh = await t.json('PUT', `/admin/storefront/items/${tea250}`, { token: merchantA, body: { retailPriceFen: Number(band.max_retail_price_fen) + 1 } });
    expect(tooHigh.status).toBe(422);
    expect(tooHigh.body.error.code).toBe('price_outside_band');
    expect(tooHigh.body.error.message).toMatch(/^零售价须在 ¥\d+\.\d{2} 至 ¥\d+\.\d{2} 之间/);
    const picked = await t.json('PUT', `/admin/storefront/items/${tea250}`, { token: merchantA, body: { retailPriceFen: Number(band.min_retail_price_fen), featured: true } });
    expect(picked.status).toBe(200);
    expect(picked.body).toMatchObject({ skuId: tea250, retailPriceFen: Number(band.min_retail_price_fen), featured: true });
    const saved = await t.json('PUT', '/admin/storefront', { token: merchantA, body: { name: '悦享生活严选', categories: ['茶叶'] } });
    expect(saved.status).toBe(200);
  });

  it('shows shoppers the storefront at the merchant’s prices, and checkout charges that price', async () => {
    const view = (await t.json('GET', `/shop/storefronts/${merchantAId}`)).body;
    expect(view.name).toBe('悦享生活严选');
    expect(view.items).toHaveLength(1);
    const price = view.items[0].retailPriceFen;
    expect(view.items[0].title).toBe('西湖龙井明前茶');
    const order = await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId: tea250, quantity: 2 }], deliveryMethod: 'pickup', pickupStoreId: (await t.json('GET', '/shop/stores/nearby?latitude=31.2304&longitude=121.4737')).body.items[0].id, merchantId: merchantAId } });
    expect(order.status).toBe(201);
    expect(order.body.subOrders[0].lines[0].unitPriceFen).toBe(price);
    expect(order.body.goodsFen).toBe(price * 2);
  });

  it('does not sell through a storefront what the merchant has not picked', async () => {
    const merchantBId = (await t.json('GET', '/admin/me', { token: merchantB })).body.organizationId;
    const response = await t.json('POST', '/shop/orders', {
      token: buyer,
      body: { items: [{ skuId: tea250, quantity: 1 }], deliveryMethod: 'pickup', pickupStoreId: (await t.json('GET', '/shop/stores/nearby?latitude=31.2304&longitude=121.4737')).body.items[0].id, merchantId: merchantBId },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('sku_not_available');
    expect((await t.json('GET', `/shop/storefronts/${merchantBId}`)).body.items).toEqual([]);
  });

  it('keeps each merchant to its own storefront and records every change', async () => {
    expect((await t.json('DELETE', `/admin/storefront/items/${tea250}`, { token: merchantB })).status).toBe(404);
    const removed = await t.json('DELETE', `/admin/storefront/items/${tea250}`, { token: merchantA });
    expect(removed.status).toBe(200);
    const audit = (await t.json('GET', '/admin/audit-log?entityType=storefront_item', { token: merchantA })).body.items.map((entry: any) => entry.action);
    expect(audit).toEqual(['storefront.item_removed', 'storefront.item_picked']);
    expect((await t.json('GET', `/shop/storefronts/${merchantAId}`)).body.items).toEqual([]);
    const platformAdmin = await t.login('13800000001');
    expect((await t.json('PUT', `/admin/storefront/items/${tea250}`, { token: platformAdmin, body: { retailPriceFen: 19800 } })).status).toBe(403);
  });
});
