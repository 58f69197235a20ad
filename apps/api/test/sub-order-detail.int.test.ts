import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness.ts';

let t: TestPlatform;
let order: any;

beforeAll(async () => {
  t = await startTestPlatform();
  const buyer = await t.login('13500000003', 'shop');
  const supplier = await t.login('13900000001');
  const skuId = (await t.json('PUT', '/admin/catalog/skus/LY-002-1/stock', { token: supplier, body: { stock: 9 } })).body.skuId;
  const address = { recipientName: '王小明', phone: '13512340000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
  order = (await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId, quantity: 2 }], deliveryMethod: 'delivery', shippingAddress: address } })).body;
  const payment = (await t.json('POST', `/shop/orders/${order.id}/pay`, { token: buyer })).body;
  await t.json('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } });
});
afterAll(() => t?.close());

describe('a sub-order for staff', () => {
  it('shows the supplier who ships it the lines, the history and the recipient’s phone in clear', async () => {
    const supplier = await t.login('13900000001');
    const subOrderId = order.subOrders[0].id;
    const detail = await t.json('GET', `/admin/sub-orders/${subOrderId}`, { token: supplier });
    expect(detail.status).toBe(200);
    expect(detail.body.shippingAddress).toMatchObject({ recipientName: '王小明', phone: '13512340000', phoneMasked: '135****0000', district: '西湖区' });
    expect(detail.body.lines).toEqual([expect.objectContaining({ skuId: order.subOrders[0].lines[0].skuId, quantity: 2, refundedQuantity: 0 })]);
    expect(detail.body.history.map((entry: { to: string }) => entry.to)).toEqual(['created', 'paid']);
  });

  it('masks the phone for readers who do not ship, and hides other organisations’ sub-orders', async () => {
    const subOrderId = order.subOrders[0].id;
    const finance = await t.login('13800000003');
    const read = await t.json('GET', `/admin/sub-orders/${subOrderId}`, { token: finance });
    expect(read.status).toBe(200);
    expect(read.body.shippingAddress.phone).toBeNull();
    expect(read.body.shippingAddress.phoneMasked).toBe('135****0000');
    const otherSupplier = await t.login('13900000002');
    expect((await t.json('GET', `/admin/sub-orders/${subOrderId}`, { token: otherSupplier })).status).toBe(404);
  });
});
