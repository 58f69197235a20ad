import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '@linkmall/kernel';
import { startTestPlatform, type TestPlatform } from './harness.ts';

const clock = fixedClock(new Date('2026-11-22T10:00:00+08:00'));
let t: TestPlatform;
let buyer: string;
let supplierA: string;
let supplierB: string;
const address = { recipientName: '罗斌', phone: '13500000444', province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道 1 号' };

beforeAll(async () => {
  t = await startTestPlatform({ clock });
});
beforeEach(async () => {
  buyer = await t.login('13500000004', 'shop');
  supplierA = await t.login('13900000001');
  supplierB = await t.login('13900000002');
});
afterAll(() => t?.close());

async function stockOf(code: string) {
  const { rows } = await t.database.executeSql('select stock from skus where sku_code = $1', [code]);
  return Number((rows[0] as { stock: number }).stock);
}

/** A paid order of `quantity` units of one of supplier A's SKUs. */
async function paidOrder(code: string, quantity: number) {
  const skuId = (await t.json('PUT', `/admin/catalog/skus/${code}/stock`, { token: supplierA, body: { stock: 10 } })).body.skuId;
  const order = (await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId, quantity }], deliveryMethod: 'delivery', shippingAddress: address } })).body;
  const payment = (await t.json('POST', `/shop/orders/${order.id}/pay`, { token: buyer })).body;
  await t.json('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } });
  const subOrder = order.subOrders[0];
  return { orderId: order.id as string, subOrderId: subOrder.id as string, line: subOrder.lines[0] as { id: string; payableFen: number } };
}
const ask = (orderId: string, body: object) => t.json('POST', `/shop/orders/${orderId}/after-sales`, { token: buyer, body });
const subOrderStatus = async (orderId: string) => (await t.json('GET', `/shop/orders/${orderId}`, { token: buyer })).body.subOrders[0].status;
async function refundedOf(lineId: string) {
  const { rows } = await t.database.executeSql('select refunded_quantity, refunded_fen::int as fen from order_lines where id = $1', [lineId]);
  return rows[0] as { refunded_quantity: number; fen: number };
}

describe('after-sales and refunds', () => {
  it('refunds part of a line before shipping, restores that stock, and then the rest', async () => {
    const { orderId, subOrderId, line } = await paidOrder('LY-006-1', 3);
    expect(await stockOf('LY-006-1')).toBe(7);
    const first = await ask(orderId, { subOrderId, kind: 'refund_only', reason: '不想要了', lines: [{ orderLineId: line.id, quantity: 1 }] });
    expect(first.status).toBe(201);
    expect(first.body.refundFen).toBe(Math.floor(line.payableFen / 3));
    expect(await subOrderStatus(orderId)).toBe('refunding');
    const approved = await t.json('POST', `/admin/after-sales/${first.body.id}/approve`, { token: supplierA });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'refunded', refundStatus: 'succeeded' });
    expect(await refundedOf(line.id)).toEqual({ refunded_quantity: 1, fen: Math.floor(line.payableFen / 3) });
    expect(await stockOf('LY-006-1')).toBe(8);
    expect(await subOrderStatus(orderId)).toBe('paid');

    const rest = await ask(orderId, { subOrderId, kind: 'refund_only', reason: '全部退', lines: [{ orderLineId: line.id, quantity: 2 }] });
    expect(rest.body.refundFen).toBe(line.payableFen - Math.floor(line.payableFen / 3));
    await t.json('POST', `/admin/after-sales/${rest.body.id}/approve`, { token: supplierA });
    expect(await refundedOf(line.id)).toEqual({ refunded_quantity: 3, fen: line.payableFen });
    expect(await stockOf('LY-006-1')).toBe(10);
    expect(await subOrderStatus(orderId)).toBe('refunded');
    const { rows } = await t.database.executeSql("select count(*)::int as n from outbox_events where aggregate_id = $1 and type = 'order.refunded'", [orderId]);
    expect((rows[0] as { n: number }).n).toBe(2);
  });

  it('keeps the stock when goods already shipped are refunded without a return', async () => {
    const { orderId, subOrderId, line } = await paidOrder('LY-006-2', 1);
    await t.json('POST', `/admin/sub-orders/${subOrderId}/ship`, { token: supplierA, body: { carrier: '顺丰速运', trackingNumber: 'SF5550000001' } });
    const stockBefore = await stockOf('LY-006-2');
    const refundOnly = await ask(orderId, { subOrderId, kind: 'refund_only', reason: '破损', lines: [{ orderLineId: line.id, quantity: 1 }] });
    await t.json('POST', `/admin/after-sales/${refundOnly.body.id}/approve`, { token: supplierA });
    expect(await stockOf('LY-006-2')).toBe(stockBefore);
    expect(await subOrderStatus(orderId)).toBe('refunded');
  });

  it('returns the order to where it was when the case is rejected', async () => {
    const { orderId, subOrderId, line } = await paidOrder('LY-005-2', 1);
    await t.json('POST', `/admin/sub-orders/${subOrderId}/ship`, { token: supplierA, body: { carrier: '顺丰速运', trackingNumber: 'SF5550000002' } });
    const opened = await ask(orderId, { subOrderId, kind: 'return_and_refund', reason: '尺码不合适', lines: [{ orderLineId: line.id, quantity: 1 }] });
    expect((await t.json('POST', `/admin/after-sales/${opened.body.id}/reject`, { token: supplierB, body: { note: '不是我的' } })).status).toBe(404);
    const rejected = await t.json('POST', `/admin/after-sales/${opened.body.id}/reject`, { token: supplierA, body: { note: '已超过退换条件' } });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: '已超过退换条件' });
    expect(await subOrderStatus(orderId)).toBe('shipped');
    expect((await t.json('POST', `/admin/after-sales/${opened.body.id}/approve`, { token: supplierA })).status).toBe(409);
  });

  it('refuses impossible requests and writes nothing', async () => {
    const { orderId, subOrderId, line } = await paidOrder('LY-004-2', 2);
    const tooMany = await ask(orderId, { subOrderId, kind: 'refund_only', reason: 'x', lines: [{ orderLineId: line.id, quantity: 3 }] });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.code).toBe('after_sales_quantity_invalid');
    const stranger = await t.login('13500000001', 'shop');
    expect((await t.json('POST', `/shop/orders/${orderId}/after-sales`, { token: stranger, body: { subOrderId, kind: 'refund_only', reason: 'x', lines: [{ orderLineId: line.id, quantity: 1 }] } })).status).toBe(404);
    expect((await ask(orderId, { subOrderId, kind: 'refund_only', reason: 'a', lines: [{ orderLineId: line.id, quantity: 1 }] })).status).toBe(201);
    const second = await ask(orderId, { subOrderId, kind: 'refund_only', reason: 'b', lines: [{ orderLineId: line.id, quantity: 1 }] });
    expect(second.status).toBe(409);
  });

  it('closes the after-sales window after the configured days', async () => {
    const { orderId, subOrderId, line } = await paidOrder('LY-003-2', 1);
    await t.json('POST', `/admin/sub-orders/${subOrderId}/ship`, { token: supplierA, body: { carrier: '顺丰速运', trackingNumber: 'SF5550000003' } });
    await t.json('POST', `/shop/orders/${orderId}/confirm-receipt`, { token: buyer });
    clock.advance(8 * 24 * 3_600_000);
    buyer = await t.login('13500000004', 'shop');
    const late = await ask(orderId, { subOrderId, kind: 'refund_only', reason: '晚了', lines: [{ orderLineId: line.id, quantity: 1 }] });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('after_sales_window_closed');
  });
});
