import { err, formatYuan, ok, systemClock, type Clock } from '@linkmall/kernel';
import type { PaymentProvider, PaymentStatus } from '@linkmall/payment';
import { verifySandboxNotification } from './sandbox-notification.ts';

/**
 * Where the sandbox reads payment state from. In the app this is the order side's own payments table
 * (what the sandbox pay page recorded), so the port stays one method and the provider keeps no state.
 */
export interface SandboxPaymentStore {
  get(paymentId: string): Promise<PaymentStatus | null>;
}

export interface SandboxPaymentOptions {
  /** SANDBOX_PAYMENT_SECRET: the HMAC key shared by the sandbox pay page and the notify route. */
  readonly secret: string;
  /** The shop's public origin, e.g. https://shop.example.com; the pay page lives under it. */
  readonly pageBaseUrl: string;
  readonly store: SandboxPaymentStore;
  /** Notifications must name this merchant, as WeChat's must name our mchid. */
  readonly merchantId?: string;
  readonly clock?: Clock;
}

export const SANDBOX_PROVIDER_NAME = 'sandbox';
export const SANDBOX_DEFAULT_MERCHANT_ID = 'sandbox-merchant';
const MIN_SECRET_LENGTH = 32;

/**
 * The demo and development provider: no money moves. createPayment returns the sandbox pay page URL,
 * the page (built later) signs a notification with signSandboxNotification, and parseNotification
 * verifies it exactly as a real provider's would be: forged, stale or foreign notifications are refused.
 */
export function createSandboxPaymentProvider(options: SandboxPaymentOptions): PaymentProvider {
  // A short or missing secret is a deployment bug, not an expected failure: refuse to start.
  if (options.secret.length < MIN_SECRET_LENGTH) throw new Error(`SANDBOX_PAYMENT_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
  const clock = options.clock ?? systemClock;
  const merchantId = options.merchantId ?? SANDBOX_DEFAULT_MERCHANT_ID;
  const pageBase = options.pageBaseUrl.replace(/\/+$/, '');

  return {
    name: SANDBOX_PROVIDER_NAME,

    async createPayment(input) {
      if (input.amountFen <= 0n) return err('payment_amount_invalid');
      return ok({
        provider: SANDBOX_PROVIDER_NAME,
        clientParams: {
          payUrl: `${pageBase}/shop/pay/sandbox/${encodeURIComponent(input.paymentId)}`,
          paymentId: input.paymentId,
          amountFen: input.amountFen.toString(),
          amountYuan: formatYuan(input.amountFen),
          expiresAt: input.expiresAt.toISOString(),
        },
      });
    },

    async parseNotification(request) {
      const parsed = verifySandboxNotification(options.secret, request, clock.now());
      if (!parsed.ok) return parsed;
      if (parsed.value.merchantId !== merchantId) return err('notification_merchant_mismatch', { merchantId: parsed.value.merchantId });
      return parsed;
    },

    acknowledge(accepted) {
      return accepted
        ? { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'SUCCESS' }) }
        : { status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'FAIL', message: 'notification not accepted' }) };
    },

    async refund(input) {
      if (input.refundFen <= 0n || input.refundFen > input.totalFen) return err('refund_amount_invalid');
      const payment = await options.store.get(input.paymentId);
      // Behave like a real provider: only a paid payment can be refunded, and only up to what was paid.
      if (!payment || payment.status !== 'succeeded') return err('payment_not_found');
      if (payment.amountFen !== input.totalFen) return err('payment_provider_rejected', { reason: 'total_mismatch' });
      return ok({ status: 'succeeded', providerRefundId: `sandbox_refund_${input.refundId}` });
    },

    async queryPayment(paymentId) {
      const payment = await options.store.get(paymentId);
      return payment ? ok(payment) : err('payment_not_found');
    },
  };
}

/** A store backed by a Map, for tests and a database-less demo. */
export function createInMemorySandboxPaymentStore(): SandboxPaymentStore & { set(paymentId: string, status: PaymentStatus): void } {
  const payments = new Map<string, PaymentStatus>();
  return {
    async get(paymentId) {
      return payments.get(paymentId) ?? null;
    },
    set(paymentId, status) {
      payments.set(paymentId, status);
    },
  };
}
