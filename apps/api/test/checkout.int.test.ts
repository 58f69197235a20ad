import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, systemContext } from '@linkmall/kernel';
import { startTestPlatform, type TestPlatform } from './harness.ts';

const clock = fixedClock(new Date('2026-11-22T10:00:00+08:00'));
let t: TestPlatform;
let supplierA: string;
let supplierB: string;
let buyer: string;
let otherBuyer: string;
const address = { recipientName: '林小雨', phone: '13512345678', province: '上海市', city: '上海市', district: '黄浦区', detail: '南京东路 300 号 5 楼' };

/** Sets a SKU's stock as its supplier and returns the SKU id. */
async function stockUp(token: string, skuCode: string, stock: number): Promise<string> {
  const response = await t.json('PUT', `/admin/catalog/skus/${skuCode}/stock`, { token, body: { stock } });
  expect(response.status).toBe(200);
  return response.body.skuId;
}
async function stockOf(skuId: string): Promise<number> {
  const { rows } = await t.database.executeSql('select stock from skus where id = $1', [skuId]);
  return Number((rows[0] as { stock: number }).stock);
}
const checkout = (token: string, items: Array<{ skuId: string; quantity: number }>) =>
  t.json('POST', '/shop/orders', { token, body: { items, deliveryMethod: 'delivery', shippingAddress: address } });

beforeAll(async () => {
  t = await startTestPlatform({ clock });
  supplierA = await t.login('13900000001');
  supplierB = await t.login('13900000002');
  buyer = await t.login('13500000001', 'shop');
  otherBuyer = await t.login('13500000002', 'shop');
});
afterAll(() => t?.close());

describe('checkout', () => {
  it('splits a cart into one sub-order per supplier, snapshots prices and reserves stock', async () => {
    const tea = await stockUp(supplierA, 'LY-001-1', 10);
    const mask = await stockUp(supplierB, 'MF-001-1', 10);
    const { status, body } = await checkout(buyer, [
      { skuId: tea, quantity: 2 },
      { skuId: mask, quantity: 1 },
    ]);
    expect(status).toBe(201);
    expect(body.paymentStatus).toBe('unpaid');
    expect(body.subOrders).toHaveLength(2);
    expect(body.subOrders.every((subOrder: any) => subOrder.status === 'created')).toBe(true);
    const teaLine = body.subOrders.flatMap((subOrder: any) => subOrder.lines).find((line: any) => line.skuId === tea);
    expect(teaLine).toMatchObject({ quantity: 2, unitPriceFen: 19800, payableFen: 39600 });
    expect(body.payableFen).toBe(body.subOrders.reduce((sum: number, subOrder: any) => sum + subOrder.payableFen, 0));
    expect(body.shippingAddress).toEqual({ recipientName: '林小雨', phoneMasked: '135****5678', province: '上海市', city: '上海市', district: '黄浦区', detail: '南京东路 300 号 5 楼' });
    expect(await stockOf(tea)).toBe(8);
    expect(await stockOf(mask)).toBe(9);
    const events = (await t.database.executeSql("select type from outbox_events where aggregate_id = $1", [body.id])).rows as { type: string }[];
    expect(events.map((event) => event.type)).toEqual(['order.created']);
    // The recipient's phone is stored encrypted, shown nowhere in clear.
    const stored = (await t.database.executeSql('select shipping_address::text as a from orders where id = $1', [body.id])).rows[0] as { a: string };
    expect(stored.a).not.toContain('13512345678');
    expect(stored.a).toContain('135****5678');
  });

  it('sells exactly the stock to concurrent buyers, never below zero', async () => {
    const stock = 7;
    const buyers = 25;
    const sku = await stockUp(supplierA, 'LY-002-1', stock);
    const results = await Promise.all(Array.from({ length: buyers }, (_, i) => checkout(i % 2 ? buyer : otherBuyer, [{ skuId: sku, quantity: 1 }])));
    const created = results.filter((result) => result.status === 201);
    const refused = results.filter((result) => result.status === 409);
    expect(created).toHaveLength(stock);
    expect(refused).toHaveLength(buyers - stock);
    expect(refused.every((result) => result.body.error.code === 'out_of_stock')).toBe(true);
    expect(await stockOf(sku)).toBe(0);
    const { rows } = await t.database.executeSql('select coalesce(sum(quantity), 0)::int as sold from order_lines where sku_id = $1', [sku]);
    expect((rows[0] as { sold: number }).sold).toBe(stock);
  });

  it('takes nothing when one line of a cart is short', async () => {
    const plenty = await stockUp(supplierA, 'LY-003-1', 50);
    const short = await stockUp(supplierB, 'MF-002-1', 1);
    const response = await checkout(buyer, [
      { skuId: plenty, quantity: 3 },
      { skuId: short, quantity: 2 },
    ]);
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'out_of_stock', details: { skuId: short } });
    expect(await stockOf(plenty)).toBe(50);
    expect(await stockOf(short)).toBe(1);
  });

  it('refuses SKUs that are not on sale, repeated lines, and a closed pickup store', async () => {
    const tea = await stockUp(supplierA, 'LY-001-2', 5);
    expect((await checkout(buyer, [{ skuId: 'sku_missing', quantity: 1 }])).body.error.code).toBe('sku_not_available');
    expect((await checkout(buyer, [{ skuId: tea, quantity: 1 }, { skuId: tea, quantity: 1 }])).body.error.code).toBe('duplicate_cart_line');
    const pickup = await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId: tea, quantity: 1 }], deliveryMethod: 'pickup', pickupStoreId: 'sto_00000000000000000000000000' } });
    expect(pickup.status).toBe(422);
    expect(pickup.body.error.code).toBe('pickup_store_not_found');
    const noAddress = await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId: tea, quantity: 1 }], deliveryMethod: 'delivery' } });
    expect(noAddress.status).toBe(400);
    expect(await stockOf(tea)).toBe(5);
  });

  it('orders for pickup at a nearby store', async () => {
    const tea = await stockUp(supplierA, 'LY-001-2', 5);
    const store = (await t.json('GET', '/shop/stores/nearby?latitude=31.2304&longitude=121.4737')).body.items[0];
    const response = await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId: tea, quantity: 1 }], deliveryMethod: 'pickup', pickupStoreId: store.id } });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ deliveryMethod: 'pickup', pickupStoreId: store.id });
  });

  it('lets the buyer cancel an unpaid order, which returns its stock, once', async () => {
    const sku = await stockUp(supplierA, 'LY-003-2', 4);
    const order = (await checkout(buyer, [{ skuId: sku, quantity: 3 }])).body;
    expect(await stockOf(sku)).toBe(1);
    expect((await t.json('POST', `/shop/orders/${order.id}/cancel`, { token: otherBuyer })).status).toBe(404);
    const cancelled = await t.json('POST', `/shop/orders/${order.id}/cancel`, { token: buyer });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.paymentStatus).toBe('closed');
    expect(cancelled.body.subOrders[0].status).toBe('cancelled');
    expect(await stockOf(sku)).toBe(4);
    const again = await t.json('POST', `/shop/orders/${order.id}/cancel`, { token: buyer });
    expect(again.status).toBe(409);
    expect(await stockOf(sku)).toBe(4);
  });

  it('closes unpaid orders after the timeout and returns their stock', async () => {
    const sku = await stockUp(supplierB, 'MF-003-1', 6);
    const order = (await checkout(otherBuyer, [{ skuId: sku, quantity: 2 }])).body;
    expect(await stockOf(sku)).toBe(4);
    expect(await t.platform.checkout.closeExpired(systemContext(clock))).toBe(0);
    clock.advance(31 * 60_000);
    expect(await t.platform.checkout.closeExpired(systemContext(clock))).toBeGreaterThanOrEqual(1);
    expect(await stockOf(sku)).toBe(6);
    const closed = (await t.json('GET', `/shop/orders/${order.id}`, { token: otherBuyer })).body;
    expect(closed.paymentStatus).toBe('closed');
    expect(closed.subOrders[0].status).toBe('closed');
    expect(await t.platform.checkout.closeExpired(systemContext(clock))).toBe(0);
  });

  it('shows buyers only their own orders', async () => {
    const mine = (await t.json('GET', '/shop/orders?pageSize=100', { token: buyer })).body;
    expect(mine.total).toBeGreaterThan(0);
    const theirs = (await t.json('GET', '/shop/orders?pageSize=100', { token: otherBuyer })).body;
    const theirIds = new Set(theirs.items.map((order: any) => order.id));
    expect(mine.items.some((order: any) => theirIds.has(order.id))).toBe(false);
    expect((await t.json('GET', `/shop/orders/${mine.items[0].id}`, { token: otherBuyer })).status).toBe(404);
  });
});
