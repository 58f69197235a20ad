import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, systemContext } from '@linkmall/kernel';
import { createOfflineLogisticsTracker } from '@linkmall/order';
import { startTestPlatform, type TestPlatform } from './harness.ts';

const DAY_MS = 24 * 3_600_000;
const clock = fixedClock(new Date('2026-11-22T10:00:00+08:00'));
let t: TestPlatform;
let buyer: string;
let supplierA: string;
let supplierB: string;
let operations: string;
let trackingSequence = 0;
const address = { recipientName: '高雪', phone: '13500000333', province: '四川省', city: '成都市', district: '锦江区', detail: '春熙路 18 号' };

beforeAll(async () => {
  t = await startTestPlatform({ clock });
});
// The clock moves by days, past console sessions' 12 hours: sign in afresh each time.
beforeEach(async () => {
  buyer = await t.login('13500000003', 'shop');
  supplierA = await t.login('13900000001');
  supplierB = await t.login('13900000002');
  operations = await t.login('13800000002');
});
afterAll(() => t?.close());

async function paidOrder() {
  const tea = (await t.json('PUT', '/admin/catalog/skus/LY-005-1/stock', { token: supplierA, body: { stock: 50 } })).body.skuId;
  const mask = (await t.json('PUT', '/admin/catalog/skus/MF-004-1/stock', { token: supplierB, body: { stock: 50 } })).body.skuId;
  const order = (await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId: tea, quantity: 1 }, { skuId: mask, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address } })).body;
  const payment = (await t.json('POST', `/shop/orders/${order.id}/pay`, { token: buyer })).body;
  expect((await t.json('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } })).body.outcome).toBe('applied');
  const bySupplier = Object.fromEntries(order.subOrders.map((subOrder: any) => [subOrder.lines[0].skuId === tea ? 'A' : 'B', subOrder.id]));
  return { orderId: order.id as string, subOrderA: bySupplier.A as string, subOrderB: bySupplier.B as string };
}
const nextTrackingNumber = (prefix: string) => `${prefix}${String(5_000_000_000 + ++trackingSequence)}`;

describe('logistics tracking (offline: our own records)', () => {
  it('shows the buyer each shipped parcel with what our system recorded, newest first, in their language', async () => {
    const { orderId, subOrderA } = await paidOrder();
    const notYet = await t.json('GET', `/shop/orders/${orderId}/logistics`, { token: buyer });
    expect(notYet.status).toBe(404);
    expect(notYet.body.error.code).toBe('logistics_not_shipped');

    const trackingNumber = nextTrackingNumber('SF');
    expect((await t.json('POST', `/admin/sub-orders/${subOrderA}/ship`, { token: supplierA, body: { carrier: '顺丰速运', trackingNumber } })).status).toBe(200);
    const shipped = await t.json('GET', `/shop/orders/${orderId}/logistics`, { token: buyer });
    expect(shipped.status).toBe(200);
    expect(shipped.body.parcels).toHaveLength(1);
    expect(shipped.body.parcels[0]).toMatchObject({ subOrderId: subOrderA, carrierCode: 'shunfeng', carrierName: '顺丰速运', trackingNumber, status: 'shipped', source: 'offline' });
    expect(shipped.body.parcels[0]).not.toHaveProperty('lastError');
    expect(shipped.body.parcels[0].checkpoints).toEqual([
      { time: clock.now().toISOString(), location: null, status: 'shipped', description: `供应商已发货，交由顺丰速运承运，运单号 ${trackingNumber}` },
    ]);

    clock.advance(2 * DAY_MS);
    expect((await t.json('POST', `/shop/orders/${orderId}/confirm-receipt`, { token: buyer })).status).toBe(200);
    const english = await t.json('GET', `/shop/orders/${orderId}/logistics`, { token: buyer, headers: { 'accept-language': 'en' } });
    const parcel = english.body.parcels[0];
    expect(parcel).toMatchObject({ carrierName: 'SF Express', status: 'delivered' });
    expect(parcel.checkpoints.map((checkpoint: any) => [checkpoint.status, checkpoint.description])).toEqual([
      ['delivered', 'The buyer confirmed receipt'],
      ['shipped', `Shipped by the supplier with 顺丰速运, tracking number ${trackingNumber}`],
    ]);
    expect(Date.parse(parcel.checkpoints[0].time)).toBeGreaterThan(Date.parse(parcel.checkpoints[1].time));

    const stranger = await t.json('GET', `/shop/orders/${orderId}/logistics`, { token: await t.login('13500000001', 'shop') });
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe('order_not_found');
    expect((await t.json('GET', `/shop/orders/${orderId}/logistics`)).status).toBe(401);
  });

  it('says when receipt was confirmed automatically', async () => {
    const { orderId, subOrderB } = await paidOrder();
    await t.json('POST', `/admin/sub-orders/${subOrderB}/ship`, { token: supplierB, body: { carrier: '中通快递', carrierCode: 'zhongtong', trackingNumber: nextTrackingNumber('ZT') } });
    clock.advance(10 * DAY_MS + 1);
    await t.platform.fulfilment.autoConfirmDue(systemContext(clock));
    buyer = await t.login('13500000003', 'shop');
    const parcel = (await t.json('GET', `/shop/orders/${orderId}/logistics`, { token: buyer })).body.parcels[0];
    expect(parcel).toMatchObject({ carrierCode: 'zhongtong', status: 'delivered' });
    expect(parcel.checkpoints[0].description).toBe('发货后超时未确认，系统已自动确认收货');
  });

  it('shows staff the parcel within their data scope only', async () => {
    const { subOrderA, subOrderB } = await paidOrder();
    await t.json('POST', `/admin/sub-orders/${subOrderA}/ship`, { token: supplierA, body: { carrier: '圆通速递', trackingNumber: nextTrackingNumber('YT') } });
    const own = await t.json('GET', `/admin/sub-orders/${subOrderA}/logistics`, { token: supplierA });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ subOrderId: subOrderA, carrierCode: 'yuantong', lastError: null });
    expect((await t.json('GET', `/admin/sub-orders/${subOrderA}/logistics`, { token: supplierB })).status).toBe(404);
    expect((await t.json('GET', `/admin/sub-orders/${subOrderA}/logistics`, { token: await t.login('13700000001') })).status).toBe(404);
    expect((await t.json('GET', `/admin/sub-orders/${subOrderA}/logistics`, { token: operations })).status).toBe(200);
    const unshipped = await t.json('GET', `/admin/sub-orders/${subOrderB}/logistics`, { token: operations });
    expect(unshipped.body.error.code).toBe('logistics_not_shipped');
  });

  it('lists the carriers for the ship form, and refuses an unknown carrier code without shipping', async () => {
    const carriers = await t.json('GET', '/admin/logistics/carriers', { token: supplierA });
    expect(carriers.body.items).toContainEqual({ code: 'shunfeng', name: '顺丰速运', names: { 'zh-CN': '顺丰速运', en: 'SF Express' } });
    expect((await t.json('GET', '/admin/logistics/carriers', { token: supplierA, headers: { 'accept-language': 'en' } })).body.items[0].name).toBe('SF Express');
    expect((await t.json('GET', '/admin/logistics/carriers')).status).toBe(401);

    const { orderId, subOrderA } = await paidOrder();
    const unknown = await t.json('POST', `/admin/sub-orders/${subOrderA}/ship`, { token: supplierA, body: { carrier: '火星快递', carrierCode: 'mars', trackingNumber: nextTrackingNumber('MX') } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'carrier_unknown', message: '不支持的快递公司编码：mars' });
    expect((await t.json('GET', `/shop/orders/${orderId}`, { token: buyer })).body.subOrders.map((subOrder: any) => subOrder.status)).toEqual(['paid', 'paid']);

    // A carrier typed by hand that is not in the list still ships; tracking shows our own records.
    await t.json('POST', `/admin/sub-orders/${subOrderA}/ship`, { token: supplierA, body: { carrier: '同城跑腿', trackingNumber: nextTrackingNumber('LOCAL') } });
    const parcel = (await t.json('GET', `/shop/orders/${orderId}/logistics`, { token: buyer })).body.parcels[0];
    expect(parcel).toMatchObject({ carrierCode: null, carrierName: '同城跑腿', status: 'shipped' });
    expect(parcel.checkpoints).toHaveLength(1);
  });

  it('has an offline tracker that answers from recorded events for the carrier, number and phone', async () => {
    const { subOrderA } = await paidOrder();
    const trackingNumber = nextTrackingNumber('JD');
    await t.json('POST', `/admin/sub-orders/${subOrderA}/ship`, { token: supplierA, body: { carrier: '京东快递', trackingNumber } });
    const tracker = createOfflineLogisticsTracker(t.platform.db);
    const result = await tracker.query('jd', trackingNumber, '0333');
    expect(result.ok && result.value.status).toBe('shipped');
    expect(result.ok && result.value.checkpoints).toHaveLength(1);
    expect(await tracker.query('shunfeng', trackingNumber)).toMatchObject({ ok: false, code: 'logistics_no_result' });
    expect(await tracker.query('jd', trackingNumber, '9999')).toMatchObject({ ok: false, code: 'logistics_no_result' });
    expect(await tracker.query('jd', 'JD0000000000')).toMatchObject({ ok: false, code: 'logistics_no_result' });
  });

  it('refreshes the cached checkpoints of parcels in transit from the scheduled job, once per interval', async () => {
    const { subOrderB } = await paidOrder();
    await t.json('POST', `/admin/sub-orders/${subOrderB}/ship`, { token: supplierB, body: { carrier: '韵达快递', trackingNumber: nextTrackingNumber('YD') } });
    const asked = await t.platform.logistics.refreshDue(systemContext(clock));
    expect(asked).toBeGreaterThanOrEqual(1);
    const { rows } = await t.database.executeSql('select status, refreshed_at, jsonb_array_length(checkpoints) as n from logistics_tracks where sub_order_id = $1', [subOrderB]);
    expect(rows[0]).toMatchObject({ status: 'shipped', n: 1 });
    expect((rows[0] as { refreshed_at: Date }).refreshed_at).not.toBeNull();
    expect(await t.platform.logistics.refreshDue(systemContext(clock))).toBe(0);
    clock.advance(2 * 3_600_000 + 1);
    expect(await t.platform.logistics.refreshDue(systemContext(clock))).toBeGreaterThanOrEqual(1);
  });
});
