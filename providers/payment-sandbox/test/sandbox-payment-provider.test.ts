import { createHmac, randomBytes } from 'node:crypto';
import { fixedClock } from '@linkmall/kernel';
import { runPaymentProviderContract, type PaymentNotification, type PaymentProvider } from '@linkmall/payment';
import { describe, expect, it } from 'vitest';
import {
  createInMemorySandboxPaymentStore,
  createSandboxPaymentProvider,
  SANDBOX_DEFAULT_MERCHANT_ID,
  signSandboxNotification,
} from '../src/index.ts';

const secret = randomBytes(32).toString('base64');
const pageBaseUrl = 'https://shop.example.com/';

runPaymentProviderContract(
  'sandbox',
  async () => {
    const store = createInMemorySandboxPaymentStore();
    const sandbox = createSandboxPaymentProvider({ secret, pageBaseUrl, store });
    // The app records a pending payment row when it creates a payment; the sandbox reads that row back.
    const provider: PaymentProvider = {
      ...sandbox,
      async createPayment(input) {
        const created = await sandbox.createPayment(input);
        if (created.ok) store.set(input.paymentId, { status: 'pending', amountFen: input.amountFen });
        return created;
      },
    };
    return {
      provider,
      async completePayment({ paymentId, amountFen }) {
        const providerTransactionId = `sandbox_txn_${paymentId}`;
        store.set(paymentId, { status: 'succeeded', amountFen, providerTransactionId });
        const notification: PaymentNotification = { kind: 'payment', paymentId, providerTransactionId, amountFen, merchantId: SANDBOX_DEFAULT_MERCHANT_ID, succeeded: true, paidAt: new Date() };
        return signSandboxNotification({ secret, notification, now: new Date() });
      },
      async completeRefund({ refundId, paymentId, refundFen }) {
        const notification: PaymentNotification = {
          kind: 'refund',
          refundId,
          paymentId,
          providerRefundId: `sandbox_refund_${refundId}`,
          providerTransactionId: `sandbox_txn_${paymentId}`,
          amountFen: refundFen,
          merchantId: SANDBOX_DEFAULT_MERCHANT_ID,
          succeeded: true,
          refundedAt: new Date(),
        };
        return signSandboxNotification({ secret, notification, now: new Date() });
      },
      async close() {},
    };
  },
  { describe, it },
);

const start = new Date('2025-06-01T04:00:00Z');
const paid: PaymentNotification = {
  kind: 'payment',
  paymentId: 'pay_01jx0000000000000000000001',
  providerTransactionId: 'sandbox_txn_1',
  amountFen: 9_007_199_254_740_993n, // above 2^53: survives only because amounts travel as strings
  merchantId: SANDBOX_DEFAULT_MERCHANT_ID,
  succeeded: true,
  paidAt: start,
};

describe('sandbox payment provider', () => {
  const clock = fixedClock(start);
  const store = createInMemorySandboxPaymentStore();
  const provider = createSandboxPaymentProvider({ secret, pageBaseUrl, store, clock });

  it('builds the sandbox page URL from the configured base and hands over the amount', async () => {
    const created = await provider.createPayment({
      paymentId: 'pay_01jx0000000000000000000001',
      orderId: 'ord_01jx0000000000000000000001',
      amountFen: 12_345n,
      description: '测试',
      expiresAt: new Date('2025-06-01T04:30:00Z'),
      notifyUrl: 'https://shop.example.com/api/payments/notify',
    });
    expect(created).toEqual({
      ok: true,
      value: {
        provider: 'sandbox',
        clientParams: {
          payUrl: 'https://shop.example.com/shop/pay/sandbox/pay_01jx0000000000000000000001',
          paymentId: 'pay_01jx0000000000000000000001',
          amountFen: '12345',
          amountYuan: '123.45',
          expiresAt: '2025-06-01T04:30:00.000Z',
        },
      },
    });
  });

  it('accepts its own notification with lower-cased header names (as node:http delivers them) and keeps bigint precision', async () => {
    const signed = signSandboxNotification({ secret, notification: paid, now: start });
    const lowerCased = Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value]));
    expect(await provider.parseNotification({ headers: lowerCased, body: signed.body })).toEqual({ ok: true, value: paid });
  });

  it('rejects a notification signed with another secret', async () => {
    const forged = signSandboxNotification({ secret: randomBytes(32).toString('base64'), notification: paid, now: start });
    expect(await provider.parseNotification(forged)).toEqual({ ok: false, code: 'notification_signature_invalid' });
  });

  it('accepts a notification up to five minutes old or early and rejects one outside that window', async () => {
    const at = (offsetMs: number) => signSandboxNotification({ secret, notification: paid, now: new Date(start.getTime() + offsetMs) });
    expect((await provider.parseNotification(at(-4 * 60_000))).ok).toBe(true);
    expect((await provider.parseNotification(at(4 * 60_000))).ok).toBe(true);
    for (const offsetMs of [-5 * 60_000, -60 * 60_000, 6 * 60_000]) {
      const result = await provider.parseNotification(at(offsetMs));
      expect(result.ok === false && result.code).toBe('notification_timestamp_stale');
    }
  });

  it('rejects a correctly signed notification for another merchant', async () => {
    const foreign = signSandboxNotification({ secret, notification: { ...paid, merchantId: 'someone-else' }, now: start });
    expect(await provider.parseNotification(foreign)).toEqual({ ok: false, code: 'notification_merchant_mismatch', details: { merchantId: 'someone-else' } });
  });

  /** Signs by the documented format (HMAC-SHA256 over TIMESTAMP\nNONCE\nBODY, base64), independently of the helper. */
  function signRaw(body: string) {
    const timestamp = String(Math.floor(start.getTime() / 1000));
    const signature = createHmac('sha256', secret).update(`${timestamp}\nnonce-1\n${body}`).digest('base64');
    return { headers: { 'x-sandbox-timestamp': timestamp, 'x-sandbox-nonce': 'nonce-1', 'x-sandbox-signature': signature }, body };
  }

  it('follows the documented signature format and rejects signed bodies that are not notifications', async () => {
    const wire = { ...paid, amountFen: '500', paidAt: start.toISOString() };
    expect(await provider.parseNotification(signRaw(JSON.stringify(wire)))).toEqual({ ok: true, value: { ...paid, amountFen: 500n } });
    expect(await provider.parseNotification(signRaw('not json'))).toEqual({ ok: false, code: 'notification_malformed' });
    expect(await provider.parseNotification(signRaw(JSON.stringify({ ...wire, amountFen: 12.5 })))).toEqual({ ok: false, code: 'notification_malformed' });
    expect(await provider.parseNotification(signRaw(JSON.stringify({ ...wire, kind: 'chargeback' })))).toEqual({
      ok: false,
      code: 'notification_unsupported',
      details: { kind: 'chargeback' },
    });
  });

  it('refunds immediately, but only a paid payment and never more than its total', async () => {
    store.set('pay_paid', { status: 'succeeded', amountFen: 1_000n, providerTransactionId: 'sandbox_txn_paid' });
    store.set('pay_pending', { status: 'pending', amountFen: 1_000n });
    const refund = (paymentId: string, refundFen: bigint) =>
      provider.refund({ refundId: 'rfd_1', paymentId, providerTransactionId: 'x', refundFen, totalFen: 1_000n, reason: 'r', notifyUrl: 'https://x/notify' });
    expect(await refund('pay_paid', 1_000n)).toEqual({ ok: true, value: { status: 'succeeded', providerRefundId: 'sandbox_refund_rfd_1' } });
    expect(await refund('pay_pending', 500n)).toEqual({ ok: false, code: 'payment_not_found' });
    expect(await refund('pay_paid', 1_001n)).toEqual({ ok: false, code: 'refund_amount_invalid' });
  });

  it('refuses to start with a short secret', () => {
    expect(() => createSandboxPaymentProvider({ secret: 'short', pageBaseUrl, store })).toThrow(/at least 32/);
  });
});
