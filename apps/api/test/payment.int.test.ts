import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSandboxNotification, SANDBOX_DEFAULT_MERCHANT_ID } from '@linkmall/provider-sandbox-payment';
import { startTestPlatform, type TestPlatform } from './harness.ts';

const sandboxSecret = 'sandbox-secret-for-tests-0123456789abcdef';
let t: TestPlatform;
let buyer: string;
let supplier: string;
const address = { recipientName: '何明', phone: '13587654321', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 90 号' };

beforeAll(async () => {
  t = await startTestPlatform({ sandboxSecret });
  buyer = await t.login('13500000002', 'shop');
  supplier = await t.login('13900000001');
});
afterAll(() => t?.close());

async function newOrder(quantity = 1) {
  const skuId = (await t.json('PUT', '/admin/catalog/skus/LY-004-1/stock', { token: supplier, body: { stock: 100 } })).body.skuId;
  const order = await t.json('POST', '/shop/orders', { token: buyer, body: { items: [{ skuId, quantity }], deliveryMethod: 'delivery', shippingAddress: address } });
  expect(order.status).toBe(201);
  return order.body;
}

async function startPayment(orderId: string) {
  const started = await t.json('POST', `/shop/orders/${orderId}/pay`, { token: buyer });
  expect(started.status).toBe(200);
  return started.body;
}

function signed(paymentId: string, amountFen: bigint, overrides: { succeeded?: boolean; secret?: string } = {}) {
  return signSandboxNotification({
    secret: overrides.secret ?? sandboxSecret,
    now: new Date(),
    notification: { kind: 'payment', paymentId, providerTransactionId: 'tx-1', amountFen, merchantId: SANDBOX_DEFAULT_MERCHANT_ID, succeeded: overrides.succeeded ?? true, paidAt: new Date() },
  });
}

const notify = (request: { headers: Record<string, string>; body: string }) =>
  t.request('POST', '/open/payments/sandbox/notify', { rawBody: request.body, headers: request.headers });

async function eventsOf(orderId: string, type: string) {
  const { rows } = await t.database.executeSql('select count(*)::int as n from outbox_events where aggregate_id = $1 and type = $2', [orderId, type]);
  return (rows[0] as { n: number }).n;
}
async function notificationOutcomes(paymentId: string) {
  const { rows } = await t.database.executeSql('select outcome, error_code from payment_notifications where payment_id = $1 order by received_at', [paymentId]);
  return rows as Array<{ outcome: string; error_code: string | null }>;
}

describe('paying an order', () => {
  it('pays through the sandbox page, which signs a notification like a real provider', async () => {
    const order = await newOrder(2);
    const payment = await startPayment(order.id);
    expect(payment).toMatchObject({ provider: 'sandbox', amountFen: order.payableFen });
    expect(payment.clientParams.payUrl).toContain(`/shop/pay/sandbox/${payment.paymentId}`);
    // A retried "pay" reuses the pending payment.
    expect((await startPayment(order.id)).paymentId).toBe(payment.paymentId);

    const page = await t.request('GET', `/shop/pay/sandbox/${payment.paymentId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`¥${(order.payableFen / 100).toFixed(2)}`);
    const completed = await t.json('POST', `/shop/pay/sandbox/${payment.paymentId}/complete`, { body: { succeeded: true } });
    expect(completed.body).toEqual({ outcome: 'applied', errorCode: null });

    const paid = (await t.json('GET', `/shop/orders/${order.id}`, { token: buyer })).body;
    expect(paid.paymentStatus).toBe('paid');
    expect(paid.paidAt).not.toBeNull();
    expect(paid.subOrders.every((subOrder: any) => subOrder.status === 'paid')).toBe(true);
    expect(await eventsOf(order.id, 'order.paid')).toBe(1);
    expect((await t.json('POST', `/shop/orders/${order.id}/pay`, { token: buyer })).status).toBe(409);
  });

  it('gives concurrent "pay" taps on one order the same pending payment', async () => {
    const order = await newOrder();
    const taps = await Promise.all(Array.from({ length: 5 }, () => t.json('POST', `/shop/orders/${order.id}/pay`, { token: buyer })));
    expect(taps.every((tap) => tap.status === 200)).toBe(true);
    expect(new Set(taps.map((tap) => tap.body.paymentId)).size).toBe(1);
    const { rows } = await t.database.executeSql('select count(*)::int as n from payments where order_id = $1', [order.id]);
    expect((rows[0] as { n: number }).n).toBe(1);
  });

  it('applies 10 concurrent duplicate notifications once and emits order.paid once', async () => {
    const order = await newOrder();
    const payment = await startPayment(order.id);
    const request = signed(payment.paymentId, BigInt(order.payableFen));
    const responses = await Promise.all(Array.from({ length: 10 }, () => notify(request)));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    const outcomes = await notificationOutcomes(payment.paymentId);
    expect(outcomes.filter((entry) => entry.outcome === 'applied')).toHaveLength(1);
    expect(outcomes.filter((entry) => entry.outcome === 'duplicate')).toHaveLength(9);
    expect(await eventsOf(order.id, 'order.paid')).toBe(1);
    expect((await t.json('GET', `/shop/orders/${order.id}`, { token: buyer })).body.paymentStatus).toBe('paid');
  });

  it('rejects and logs a notification with a bad signature, leaving the order unpaid', async () => {
    const order = await newOrder();
    const payment = await startPayment(order.id);
    const forged = signed(payment.paymentId, BigInt(order.payableFen), { secret: 'an-attacker-secret-0123456789abcdef' });
    expect((await notify(forged)).status).toBe(200);
    const tampered = signed(payment.paymentId, BigInt(order.payableFen));
    expect((await notify({ headers: tampered.headers, body: tampered.body.replace('"tx-1"', '"tx-2"') })).status).toBe(200);
    const { rows } = await t.database.executeSql("select count(*)::int as n from payment_notifications where outcome = 'rejected' and error_code = 'notification_signature_invalid'", []);
    expect((rows[0] as { n: number }).n).toBeGreaterThanOrEqual(2);
    expect((await t.json('GET', `/shop/orders/${order.id}`, { token: buyer })).body.paymentStatus).toBe('unpaid');
    expect(await eventsOf(order.id, 'order.paid')).toBe(0);
  });

  it('rejects a correctly signed notification for the wrong amount', async () => {
    const order = await newOrder();
    const payment = await startPayment(order.id);
    expect((await notify(signed(payment.paymentId, BigInt(order.payableFen) - 1n))).status).toBe(200);
    expect(await notificationOutcomes(payment.paymentId)).toEqual([{ outcome: 'rejected', error_code: 'payment_amount_mismatch' }]);
    expect((await t.json('GET', `/shop/orders/${order.id}`, { token: buyer })).body.paymentStatus).toBe('unpaid');
  });

  it('records a failed payment and lets the buyer pay again', async () => {
    const order = await newOrder();
    const first = await startPayment(order.id);
    expect((await t.json('POST', `/shop/pay/sandbox/${first.paymentId}/complete`, { body: { succeeded: false } })).body.outcome).toBe('failed_payment');
    expect((await t.json('GET', `/shop/orders/${order.id}`, { token: buyer })).body.paymentStatus).toBe('unpaid');
    const second = await startPayment(order.id);
    expect(second.paymentId).not.toBe(first.paymentId);
    expect((await t.json('POST', `/shop/pay/sandbox/${second.paymentId}/complete`, { body: { succeeded: true } })).body.outcome).toBe('applied');
    expect((await t.json('GET', `/shop/orders/${order.id}`, { token: buyer })).body.paymentStatus).toBe('paid');
  });

  it('refuses to pay someone else’s order or a cancelled one', async () => {
    const order = await newOrder();
    const stranger = await t.login('13500000003', 'shop');
    expect((await t.json('POST', `/shop/orders/${order.id}/pay`, { token: stranger })).status).toBe(404);
    await t.json('POST', `/shop/orders/${order.id}/cancel`, { token: buyer });
    const response = await t.json('POST', `/shop/orders/${order.id}/pay`, { token: buyer });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('invalid_order_transition');
  });
});
