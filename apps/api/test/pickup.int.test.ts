import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness.ts';

let t: TestPlatform;
let buyer: string;
let storeId: string;

beforeAll(async () => {
  t = await startTestPlatform();
  buyer = await t.login('13500000001', 'shop');
  storeId = (await t.json('GET', '/shop/stores/nearby?latitude=31.2304&longitude=121.4737')).body.items[0].id; // 悦享生活 南京东路店 (merchant A)
});
afterAll(() => t?.close());

async function pickupOrder(pay: boolean) {
  const supplier = await t.login('13900000002');
  const skuId = (await t.json('PUT', '/admin/catalog/skus/MF-005-1/stock', { token: supplier, body: { stock: 20 } })).body.skuId;
  const order = (await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId, quantity: 1 }], deliveryMethod: 'pickup', pickupStoreId: storeId } })).body;
  if (pay) {
    const payment = (await t.json('POST', `/shop/orders/${order.id}/pay`, { token: buyer })).body;
    await t.json('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } });
  }
  return (await t.json('GET', `/shop/orders/${order.id}`, { token: buyer })).body;
}

describe('store pickup codes', () => {
  it('gives a paid pickup order a 6-digit code, and none before payment', async () => {
    expect((await pickupOrder(false)).pickupCode).toBeNull();
    expect((await pickupOrder(true)).pickupCode).toMatch(/^\d{6}$/);
  });

  it('lets the store’s own staff hand the order over against the code, once', async () => {
    const order = await pickupOrder(true);
    const guide = await t.login('13600000001');
    const otherMerchant = await t.login('13700000002');
    const foreign = await t.json('POST', '/admin/pickups/verify', { token: otherMerchant, body: { storeId, code: order.pickupCode } });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('store_not_found');
    const wrongCode = order.pickupCode === '000000' ? '000001' : '000000';
    // Staff first look at what the code hands over; looking changes nothing and is scoped like the hand-over.
    const lookup = await t.json('GET', `/admin/pickups/lookup?storeId=${storeId}&code=${order.pickupCode}`, { token: guide });
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({ orderId: order.id, payableFen: order.payableFen, lines: [{ title: order.subOrders[0].lines[0].title, quantity: 1 }] });
    expect((await t.json('GET', `/admin/pickups/lookup?storeId=${storeId}&code=${order.pickupCode}`, { token: otherMerchant })).body.error.code).toBe('store_not_found');
    expect((await t.json('GET', `/admin/pickups/lookup?storeId=${storeId}&code=${wrongCode}`, { token: guide })).body.error.code).toBe('pickup_code_invalid');
    expect((await t.json('POST', '/admin/pickups/verify', { token: guide, body: { storeId, code: wrongCode } })).body.error.code).toBe('pickup_code_invalid');
    const collected = await t.json('POST', '/admin/pickups/verify', { token: guide, body: { storeId, code: order.pickupCode } });
    expect(collected.status).toBe(200);
    expect(collected.body).toEqual({ orderId: order.id, collected: 1 });
    const after = (await t.json('GET', `/shop/orders/${order.id}`, { token: buyer })).body;
    expect(after.subOrders[0].status).toBe('received');
    expect(after.collectedAt).not.toBeNull();
    expect((await t.json('POST', '/admin/pickups/verify', { token: guide, body: { storeId, code: order.pickupCode } })).status).toBe(404);
  });

  it('does not hand over an unpaid order', async () => {
    const guide = await t.login('13600000001');
    const unpaid = await pickupOrder(false);
    const { rows } = await t.database.executeSql('select pickup_code from orders where id = $1', [unpaid.id]);
    expect((rows[0] as { pickup_code: string | null }).pickup_code).toBeNull();
    expect((await t.json('POST', '/admin/pickups/verify', { token: guide, body: { storeId, code: '123456' } })).status).toBe(404);
  });
});
