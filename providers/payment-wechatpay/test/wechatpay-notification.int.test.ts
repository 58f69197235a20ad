import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { NotificationRequest, PaymentProvider } from '@linkmall/payment';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWechatPayProvider } from '../src/index.ts';
import { newMerchant, startFakeWechatPay, type FakeWechatPay } from './fake-wechatpay-server.ts';

const merchant = newMerchant();
let server: FakeWechatPay;
let provider: PaymentProvider;
let counter = 0;

beforeAll(async () => {
  server = await startFakeWechatPay(merchant);
  provider = createWechatPayProvider({ ...merchant, baseUrl: server.baseUrl });
});
afterAll(() => server.close());

/** A payment created through the provider, so the fake server knows the trade it will notify about. */
async function createdPayment(amountFen = 9_900n) {
  const paymentId = `pay_notify_${Date.now()}_${++counter}`;
  const created = await provider.createPayment({
    paymentId,
    orderId: 'ord_01jx0000000000000000000001',
    amountFen,
    description: '测试',
    payerOpenId: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    expiresAt: new Date(Date.now() + 15 * 60_000),
    notifyUrl: 'https://shop.example.com/api/payments/wechatpay/notify',
  });
  if (!created.ok) throw new Error(created.code);
  return paymentId;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
/** Any body, correctly signed with the platform key, to test what happens after the signature holds. */
function signedByPlatform(body: string): NotificationRequest {
  const timestamp = String(nowSeconds());
  const signature = createSign('RSA-SHA256').update(`${timestamp}\nn1\n${body}\n`).sign(merchant.platformPrivateKey, 'base64');
  return { headers: { 'Wechatpay-Timestamp': timestamp, 'Wechatpay-Nonce': 'n1', 'Wechatpay-Signature': signature, 'Wechatpay-Serial': merchant.platformSerialNo }, body };
}
const codeOf = async (request: NotificationRequest) => {
  const result = await provider.parseNotification(request);
  return result.ok ? 'accepted' : result.code;
};

describe('WeChat Pay notifications', () => {
  it('verifies and decrypts TRANSACTION.SUCCESS, whatever the case of the header names', async () => {
    const paymentId = await createdPayment();
    const notification = server.pay(paymentId);
    const trade = server.trades.get(paymentId)!;
    const expected = {
      kind: 'payment',
      paymentId,
      providerTransactionId: trade.transactionId,
      amountFen: 9_900n,
      merchantId: merchant.merchantId,
      succeeded: true,
      paidAt: new Date(trade.successTime!),
    };
    expect(await provider.parseNotification(notification)).toEqual({ ok: true, value: expected });
    const lowerCased = Object.fromEntries(Object.entries(notification.headers).map(([name, value]) => [name.toLowerCase(), value]));
    expect(await provider.parseNotification({ headers: lowerCased, body: notification.body })).toEqual({ ok: true, value: expected });
  });

  it('verifies and decrypts REFUND.SUCCESS into the refund, its payment and the refunded amount', async () => {
    const paymentId = await createdPayment(20_000n);
    server.pay(paymentId);
    const transactionId = server.trades.get(paymentId)!.transactionId!;
    const refund = await provider.refund({ refundId: `rfd_notify_${counter}`, paymentId, providerTransactionId: transactionId, refundFen: 7_000n, totalFen: 20_000n, reason: '退货', notifyUrl: 'https://x/notify' });
    if (!refund.ok) throw new Error(refund.code);
    const parsed = await provider.parseNotification(server.completeRefund(`rfd_notify_${counter}`));
    expect(parsed).toMatchObject({
      ok: true,
      value: { kind: 'refund', refundId: `rfd_notify_${counter}`, paymentId, providerRefundId: refund.value.providerRefundId, providerTransactionId: transactionId, amountFen: 7_000n, succeeded: true },
    });
  });

  it('rejects a tampered body, a signature by another key and a missing signature as notification_signature_invalid', async () => {
    const genuine = server.pay(await createdPayment());
    expect(await codeOf({ headers: genuine.headers, body: genuine.body.replace('"event_type":"TRANSACTION.SUCCESS"', '"event_type":"TRANSACTION.SUCCESS" ') })).toBe('notification_signature_invalid');
    const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect(await codeOf(server.pay(await createdPayment(), { signingKey: attacker }))).toBe('notification_signature_invalid');
    const { ['Wechatpay-Signature']: _dropped, ...unsigned } = genuine.headers;
    expect(await codeOf({ headers: unsigned, body: genuine.body })).toBe('notification_signature_invalid');
    expect(await codeOf({ headers: { ...genuine.headers, 'Wechatpay-Signature': 'WECHATPAY/SIGNTEST/abc' }, body: genuine.body })).toBe('notification_signature_invalid');
  });

  it('rejects an unknown platform serial as notification_serial_unknown', async () => {
    expect(await codeOf(server.pay(await createdPayment(), { serial: 'PUB_KEY_ID_0000000000000000000000000000000000' }))).toBe('notification_serial_unknown');
  });

  it('accepts a notification up to 5 minutes from now and rejects older or later ones as stale', async () => {
    expect(await codeOf(server.pay(await createdPayment(), { timestampSeconds: nowSeconds() - 240 }))).toBe('accepted');
    expect(await codeOf(server.pay(await createdPayment(), { timestampSeconds: nowSeconds() - 301 }))).toBe('notification_timestamp_stale');
    expect(await codeOf(server.pay(await createdPayment(), { timestampSeconds: nowSeconds() - 86_400 }))).toBe('notification_timestamp_stale');
    expect(await codeOf(server.pay(await createdPayment(), { timestampSeconds: nowSeconds() + 360 }))).toBe('notification_timestamp_stale');
  });

  it('rejects a genuine notification for another merchant or another app', async () => {
    expect(await codeOf(server.pay(await createdPayment(), { mchid: '1230000109' }))).toBe('notification_merchant_mismatch');
    const paymentId = await createdPayment();
    server.pay(paymentId);
    const trade = server.trades.get(paymentId)!;
    const otherApp = server.notification('TRANSACTION.SUCCESS', 'transaction', {
      appid: 'wx0000000000000000',
      mchid: merchant.merchantId,
      out_trade_no: paymentId,
      transaction_id: trade.transactionId,
      trade_state: 'SUCCESS',
      amount: { total: trade.total },
    });
    expect(await codeOf(otherApp)).toBe('notification_merchant_mismatch');
  });

  it('rejects a signed notification it cannot decrypt: another APIv3 key, or ciphertext altered before signing', async () => {
    expect(await codeOf(server.pay(await createdPayment(), { apiV3Key: randomBytes(16).toString('hex') }))).toBe('notification_decrypt_failed');
    const genuine = server.pay(await createdPayment());
    const envelope = JSON.parse(genuine.body);
    const sealed = Buffer.from(envelope.resource.ciphertext, 'base64');
    sealed[0] = sealed[0]! ^ 0xff;
    envelope.resource.ciphertext = sealed.toString('base64');
    expect(await codeOf(signedByPlatform(JSON.stringify(envelope)))).toBe('notification_decrypt_failed');
  });

  it('rejects a signed body that is not a notification envelope as notification_malformed', async () => {
    expect(await codeOf(signedByPlatform('<xml><return_code>SUCCESS</return_code></xml>'))).toBe('notification_malformed');
    expect(await codeOf(signedByPlatform(JSON.stringify({ event_type: 'TRANSACTION.SUCCESS', resource: { algorithm: 'AEAD_AES_256_GCM' } })))).toBe('notification_malformed');
  });

  it('reports event types it does not handle as notification_unsupported', async () => {
    const other = server.notification('MCHTRANSFER.BILL.FINISHED', 'mch_payment', { mchid: merchant.merchantId });
    expect(await provider.parseNotification(other)).toEqual({ ok: false, code: 'notification_unsupported', details: { eventType: 'MCHTRANSFER.BILL.FINISHED' } });
  });

  it('acknowledges with 204 and no body, or 500 with {"code":"FAIL"} so WeChat retries', () => {
    expect(provider.acknowledge(true)).toEqual({ status: 204, headers: {}, body: '' });
    const failed = provider.acknowledge(false);
    expect(failed.status).toBe(500);
    expect(JSON.parse(failed.body)).toEqual({ code: 'FAIL', message: '失败' });
  });
});
