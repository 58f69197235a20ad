import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, systemContext } from '@linkmall/kernel';
import { startTestPlatform, type TestPlatform } from './harness.ts';

const DAY_MS = 24 * 3_600_000;
const clock = fixedClock(new Date('2026-11-22T10:00:00+08:00'));
let t: TestPlatform;
let buyer: string;
let supplierA: string;
let supplierB: string;
let operations: string;
const address = { recipientName: '高雪', phone: '13500000333', province: '四川省', city: '成都市', district: '锦江区', detail: '春熙路 18 号' };

beforeAll(async () => {
  t = await startTestPlatform({ clock });
});
// The tests move the clock by days, past console sessions' 12 hours: sign in afresh each time.
beforeEach(async () => {
  buyer = await t.login('13500000003', 'shop');
  supplierA = await t.login('13900000001');
  supplierB = await t.login('13900000002');
  operations = await t.login('13800000002');
});
afterAll(() => t?.close());

/** A paid order with one sub-order per supplier (tea from A, a mask from B). */
async function paidOrder() {
  const tea = (await t.json('PUT', '/admin/catalog/skus/LY-005-1/stock', { token: supplierA, body: { stock: 50 } })).body.skuId;
  const mask = (await t.json('PUT', '/admin/catalog/skus/MF-004-1/stock', { token: supplierB, body: { stock: 50 } })).body.skuId;
  const order = (await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId: tea, quantity: 1 }, { skuId: mask, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address } })).body;
  const payment = (await t.json('POST', `/shop/orders/${order.id}/pay`, { token: buyer })).body;
  expect((await t.json('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } })).body.outcome).toBe('applied');
  const mine = (await t.json('GET', `/admin/orders?status=paid&pageSize=100`, { token: supplierA })).body.items.find((subOrder: any) => subOrder.orderId === order.id);
  const theirs = (await t.json('GET', `/admin/orders?status=paid&pageSize=100`, { token: supplierB })).body.items.find((subOrder: any) => subOrder.orderId === order.id);
  return { order, subOrderA: mine.id as string, subOrderB: theirs.id as string };
}
const statusOf = async (orderId: string) =>
  Object.fromEntries((await t.json('GET', `/shop/orders/${orderId}`, { token: buyer })).body.subOrders.map((subOrder: any) => [subOrder.supplierId, subOrder.status]));
async function eventCount(orderId: string, type: string) {
  const { rows } = await t.database.executeSql('select count(*)::int as n from outbox_events where aggregate_id = $1 and type = $2', [orderId, type]);
  return (rows[0] as { n: number }).n;
}

describe('fulfilment', () => {
  it('lets each supplier see and ship only its own sub-order, audited', async () => {
    const { order, subOrderA, subOrderB } = await paidOrder();
    const foreign = await t.json('POST', `/admin/sub-orders/${subOrderB}/ship`, { token: supplierA, body: { carrier: '顺丰速运', trackingNumber: 'SF1000000001' } });
    expect(foreign.status).toBe(404);
    const shipped = await t.json('POST', `/admin/sub-orders/${subOrderA}/ship`, { token: supplierA, body: { carrier: '顺丰速运', trackingNumber: 'SF1000000001' } });
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({ status: 'shipped', carrier: '顺丰速运', trackingNumber: 'SF1000000001' });
    const again = await t.json('POST', `/admin/sub-orders/${subOrderA}/ship`, { token: supplierA, body: { carrier: '顺丰速运', trackingNumber: 'SF1000000002' } });
    expect(again.status).toBe(409);
    expect(Object.values(await statusOf(order.id)).sort()).toEqual(['paid', 'shipped']);
    const audit = (await t.json('GET', `/admin/audit-log?entityId=${subOrderA}`, { token: supplierA })).body.items;
    expect(audit[0]).toMatchObject({ action: 'sub_order.shipped', before: { status: 'paid' }, after: { status: 'shipped', trackingNumber: 'SF1000000001' } });
    expect(await eventCount(order.id, 'order.shipped')).toBe(1);
  });

  it('refuses to ship an unpaid sub-order', async () => {
    const sku = (await t.json('PUT', '/admin/catalog/skus/LY-005-2/stock', { token: supplierA, body: { stock: 5 } })).body.skuId;
    const order = (await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId: sku, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address } })).body;
    const subOrderId = order.subOrders[0].id;
    const response = await t.json('POST', `/admin/sub-orders/${subOrderId}/ship`, { token: operations, body: { carrier: '中通快递', trackingNumber: 'ZT0000000001' } });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('invalid_order_transition');
  });

  it('takes the buyer’s receipt, then completes when the after-sales window closes and emits order.completed', async () => {
    const { order, subOrderA, subOrderB } = await paidOrder();
    await t.json('POST', `/admin/sub-orders/${subOrderA}/ship`, { token: supplierA, body: { carrier: '顺丰速运', trackingNumber: 'SF2000000001' } });
    await t.json('POST', `/admin/sub-orders/${subOrderB}/ship`, { token: supplierB, body: { carrier: '圆通速递', trackingNumber: 'YT2000000001' } });
    expect((await t.json('POST', `/shop/orders/${order.id}/confirm-receipt`, { token: await t.login('13500000001', 'shop') })).status).toBe(404);
    const confirmed = await t.json('POST', `/shop/orders/${order.id}/confirm-receipt`, { token: buyer });
    expect(confirmed.body).toEqual({ received: 2 });
    expect((await t.json('POST', `/shop/orders/${order.id}/confirm-receipt`, { token: buyer })).status).toBe(409);
    expect(await t.platform.fulfilment.completeDue(systemContext(clock))).toBe(0);
    clock.advance(7 * DAY_MS + 1);
    expect(await t.platform.fulfilment.completeDue(systemContext(clock))).toBeGreaterThanOrEqual(2);
    expect(Object.values(await statusOf(order.id))).toEqual(['completed', 'completed']);
    expect(await eventCount(order.id, 'order.completed')).toBe(2);
  });

  it('confirms receipt automatically when the buyer never does', async () => {
    const { order, subOrderA } = await paidOrder();
    await t.json('POST', `/admin/sub-orders/${subOrderA}/ship`, { token: supplierA, body: { carrier: '顺丰速运', trackingNumber: 'SF3000000001' } });
    clock.advance(9 * DAY_MS);
    await t.platform.fulfilment.autoConfirmDue(systemContext(clock));
    buyer = await t.login('13500000003', 'shop');
    expect(Object.values(await statusOf(order.id)).sort()).toEqual(['paid', 'shipped']);
    clock.advance(DAY_MS + 1);
    expect(await t.platform.fulfilment.autoConfirmDue(systemContext(clock))).toBeGreaterThanOrEqual(1);
    expect(Object.values(await statusOf(order.id)).sort()).toEqual(['paid', 'received']);
    expect(await eventCount(order.id, 'order.received')).toBe(1);
  });

  it('shows a merchant nothing of orders not sold through its storefront', async () => {
    const merchant = await t.login('13700000001');
    expect((await t.json('GET', '/admin/orders', { token: merchant })).body.total).toBe(0);
    expect((await t.json('GET', '/admin/orders', { token: operations })).body.total).toBeGreaterThan(0);
  });
});
