import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineWechatAuth } from '@linkmall/identity';
import { newMerchant, startFakeWechatPay, type FakeWechatPay } from '../../../providers/payment-wechatpay/test/fake-wechatpay-server.ts';
import { startTestPlatform, type TestPlatform } from './harness.ts';

/**
 * The whole WeChat Pay path through the API, against a local server that speaks the v3 protocol:
 * a buyer signed in through WeChat pays with their openid, the signed TRANSACTION.SUCCESS marks the
 * order paid, and a refund that WeChat answers PROCESSING completes only when REFUND.SUCCESS arrives.
 */
const merchant = newMerchant();
let wechatPay: FakeWechatPay;
let t: TestPlatform;
let supplier: string;

beforeAll(async () => {
  wechatPay = await startFakeWechatPay(merchant);
  t = await startTestPlatform({
    wechatAuth: createOfflineWechatAuth(merchant.appId),
    payment: { provider: 'wechatpay', wechatPay: { ...merchant, baseUrl: wechatPay.baseUrl } },
  });
  supplier = await t.login('13900000001');
});
afterAll(async () => {
  await t?.close();
  await wechatPay?.close();
});

const address = { recipientName: '林小雨', phone: '13512345678', province: '上海市', city: '上海市', district: '黄浦区', detail: '南京东路 300 号' };

async function notify(request: { headers: Record<string, string>; body: string }) {
  return t.request('POST', '/open/payments/wechatpay/notify', { rawBody: request.body, headers: request.headers });
}

async function stockOf(skuCode: string): Promise<number> {
  const { rows } = await t.database.executeSql('select stock from skus where sku_code = $1', [skuCode]);
  return (rows[0] as { stock: number }).stock;
}

async function notificationOutcomes(): Promise<string[]> {
  const { rows } = await t.database.executeSql('select outcome from payment_notifications order by received_at, id', []);
  return (rows as { outcome: string }[]).map((row) => row.outcome);
}

describe('WeChat Pay end to end', () => {
  it('refuses to start a JSAPI payment for a buyer who never signed in through WeChat', async () => {
    const buyer = await t.login('13500000003', 'shop');
    const skuId = (await t.json('PUT', '/admin/catalog/skus/LY-002-1/stock', { token: supplier, body: { stock: 5 } })).body.skuId;
    const order = await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address } });
    const started = await t.json('POST', `/shop/orders/${order.body.id}/pay`, { token: buyer, headers: { 'accept-language': 'zh-CN' } });
    expect(started.status).toBe(422);
    expect(started.body.error.code).toBe('payment_payer_required');
    expect(wechatPay.trades.size).toBe(0);
  });

  it('pays with the openid, applies the signed notification once, and completes a processing refund on REFUND.SUCCESS', async () => {
    const login = await t.json('POST', '/shop/auth/wechat', { body: { code: 'wechat-buyer-1' } });
    expect(login.status).toBe(200);
    const buyer = login.body.token as string;
    const skuId = (await t.json('PUT', '/admin/catalog/skus/LY-001-1/stock', { token: supplier, body: { stock: 5 } })).body.skuId;
    const order = (await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId, quantity: 2 }], deliveryMethod: 'delivery', shippingAddress: address } })).body;
    expect(await stockOf('LY-001-1')).toBe(3);

    const started = await t.json('POST', `/shop/orders/${order.id}/pay`, { token: buyer });
    expect(started.status).toBe(200);
    expect(started.body.clientParams.package).toMatch(/^prepay_id=/);
    const trade = wechatPay.trades.get(started.body.paymentId)!;
    expect(trade.total).toBe(Number(order.payableFen));

    const paidNotice = wechatPay.pay(started.body.paymentId);
    expect((await notify(paidNotice)).status).toBeLessThan(300);
    expect((await notify(paidNotice)).status).toBeLessThan(300);
    expect((await t.json('GET', `/shop/orders/${order.id}`, { token: buyer })).body.subOrders[0].status).toBe('paid');
    expect(await notificationOutcomes()).toEqual(['applied', 'duplicate']);

    const line = order.subOrders[0].lines[0];
    const opened = await t.json('POST', `/shop/orders/${order.id}/after-sales`, {
      token: buyer,
      body: { subOrderId: order.subOrders[0].id, kind: 'refund_only', reason: '不想要了', lines: [{ orderLineId: line.id, quantity: 1 }] },
    });
    expect(opened.status).toBe(201);
    const approved = await t.json('POST', `/admin/after-sales/${opened.body.id}/approve`, { token: supplier });
    expect(approved.status).toBe(200);
    // The fake answers PROCESSING, as WeChat does for most refunds: nothing moves yet.
    expect(approved.body.refundStatus).toBe('processing');
    expect(await stockOf('LY-001-1')).toBe(3);

    const { rows } = await t.database.executeSql('select id, amount_fen from refunds where case_id = $1', [opened.body.id]);
    const refund = rows[0] as { id: string; amount_fen: bigint };
    const refundNotice = wechatPay.completeRefund(refund.id);
    expect((await notify(refundNotice)).status).toBeLessThan(300);
    expect((await notify(refundNotice)).status).toBeLessThan(300);

    const afterRefund = (await t.json('GET', `/shop/orders/${order.id}`, { token: buyer })).body;
    expect(afterRefund.subOrders[0].status).toBe('paid');
    const refunded = (await t.database.executeSql('select refunded_quantity, refunded_fen from order_lines where id = $1', [line.id])).rows[0] as { refunded_quantity: number; refunded_fen: bigint };
    expect(refunded).toEqual({ refunded_quantity: 1, refunded_fen: refund.amount_fen });
    expect((await t.json('GET', `/admin/after-sales?status=refunded`, { token: supplier })).body.items.map((item: { id: string }) => item.id)).toContain(opened.body.id);
    // The unshipped unit comes back to stock exactly once, despite the replayed notification.
    expect(await stockOf('LY-001-1')).toBe(4);
    const status = (await t.database.executeSql('select status from refunds where id = $1', [refund.id])).rows[0] as { status: string };
    expect(status.status).toBe('succeeded');
    expect(await notificationOutcomes()).toEqual(['applied', 'duplicate', 'applied', 'duplicate']);
  });

  it('rejects a correctly signed refund notification whose amount is not the refund we asked for', async () => {
    const { rows } = await t.database.executeSql('select r.id, p.id as payment_id from refunds r join payments p on p.id = r.payment_id limit 1', []);
    const refund = rows[0] as { id: string; payment_id: string };
    const forged = wechatPay.notification('REFUND.SUCCESS', 'refund', {
      mchid: merchant.merchantId,
      out_trade_no: refund.payment_id,
      transaction_id: '4200000000000000000000000001',
      out_refund_no: refund.id,
      refund_id: '50300000000000000000000000001',
      refund_status: 'SUCCESS',
      success_time: '2026-11-22T10:00:00+08:00',
      amount: { total: 100000, refund: 99999, payer_total: 100000, payer_refund: 99999 },
    });
    const before = await stockOf('LY-001-1');
    expect((await notify(forged)).status).toBeLessThan(300);
    expect((await notificationOutcomes()).at(-1)).toBe('rejected');
    expect(await stockOf('LY-001-1')).toBe(before);
  });
});
