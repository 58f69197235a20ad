import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, tableCounts, type TestPlatform } from './harness.ts';

let t: TestPlatform;
let buyer: string;
let teaSkuId: string;
let riceSkuId: string;

beforeAll(async () => {
  t = await startTestPlatform();
  buyer = await t.login('13500000004', 'shop');
  const supplier1 = await t.login('13900000001');
  const supplier2 = await t.login('13900000002');
  teaSkuId = (await t.json('PUT', '/admin/catalog/skus/LY-001-1/stock', { token: supplier1, body: { stock: 20 } })).body.skuId;
  riceSkuId = (await t.json('PUT', '/admin/catalog/skus/MF-002-1/stock', { token: supplier2, body: { stock: 20 } })).body.skuId;
});
afterAll(() => t?.close());

const address = { recipientName: '周杰', phone: '13500000444', province: '四川省', city: '成都市', district: '武侯区', detail: '锦里古街 1 号' };

async function claim(name: string): Promise<string> {
  const claimable = (await t.json('GET', '/shop/coupons/claimable', { token: buyer })).body.items as Array<{ id: string; name: string }>;
  const template = claimable.find((coupon) => coupon.name === name)!;
  return (await t.json('POST', `/shop/coupons/${template.id}/claim`, { token: buyer })).body.id as string;
}

describe('checkout quote', () => {
  it('prices a two-supplier cart with a coupon exactly as the order then charges, and writes nothing', async () => {
    const couponId = await claim('满199减20');
    const cart = { items: [{ skuId: teaSkuId, quantity: 1 }, { skuId: riceSkuId, quantity: 2 }], couponId };
    const before = await tableCounts(t);
    const quote = await t.json('POST', '/shop/checkout/quote', { token: buyer, body: cart });
    expect(quote.status).toBe(200);
    expect(await tableCounts(t)).toEqual(before);
    expect(quote.body.discountFen).toBe(2_000);
    expect(quote.body.subOrders).toHaveLength(2);
    expect(quote.body.payableFen).toBe(quote.body.goodsFen - 2_000 + quote.body.shippingFen);

    const order = await t.json('POST', '/shop/orders', { token: buyer, body: { ...cart, deliveryMethod: 'delivery', shippingAddress: address } });
    expect(order.status).toBe(201);
    expect({ goodsFen: order.body.goodsFen, discountFen: order.body.discountFen, payableFen: order.body.payableFen }).toEqual({
      goodsFen: quote.body.goodsFen,
      discountFen: quote.body.discountFen,
      payableFen: quote.body.payableFen,
    });
    const quotedLines = quote.body.subOrders.flatMap((subOrder: { lines: Array<{ skuId: string; payableFen: number }> }) => subOrder.lines).map((line: { skuId: string; payableFen: number }) => [line.skuId, line.payableFen]).sort();
    const orderedLines = order.body.subOrders.flatMap((subOrder: { lines: Array<{ skuId: string; payableFen: number }> }) => subOrder.lines).map((line: { skuId: string; payableFen: number }) => [line.skuId, line.payableFen]).sort();
    expect(orderedLines).toEqual(quotedLines);
  });

  it('answers a coupon that no longer applies, or a SKU not on sale, with the same clear error checkout would give', async () => {
    const used = (await t.json('GET', '/shop/coupons/mine', { token: buyer })).body.items.find((coupon: { status: string }) => coupon.status === 'used');
    const reused = await t.json('POST', '/shop/checkout/quote', { token: buyer, body: { items: [{ skuId: teaSkuId, quantity: 2 }], couponId: used.id }, headers: { 'accept-language': 'zh-CN' } });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('coupon_unavailable');
    expect(reused.body.error.message).toBe('该优惠券已使用或不可用');

    const missing = await t.json('POST', '/shop/checkout/quote', { token: buyer, body: { items: [{ skuId: 'sku_missing', quantity: 1 }] } });
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('sku_not_available');
    const twice = await t.json('POST', '/shop/checkout/quote', { token: buyer, body: { items: [{ skuId: teaSkuId, quantity: 1 }, { skuId: teaSkuId, quantity: 1 }] } });
    expect(twice.body.error.code).toBe('duplicate_cart_line');
  });

  it('needs a signed-in buyer', async () => {
    const anonymous = await t.json('POST', '/shop/checkout/quote', { body: { items: [{ skuId: teaSkuId, quantity: 1 }] } });
    expect(anonymous.status).toBe(401);
  });
});
