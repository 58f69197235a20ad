import type { Result } from '@linkmall/kernel';
import type { PaymentErrorCode } from './payment-errors.ts';

export interface CreatePaymentInput {
  /** Our payment id (`pay_…`); providers use it as their merchant order number, so it is the idempotency key. */
  readonly paymentId: string;
  readonly orderId: string;
  readonly amountFen: bigint;
  /** What the payer sees in the payment sheet and bill. */
  readonly description: string;
  /** Required by WeChat JSAPI / mini-program payments; ignored by the sandbox. */
  readonly payerOpenId?: string;
  readonly expiresAt: Date;
  /** Where the provider posts the result; must be reachable from the internet and carry no query string. */
  readonly notifyUrl: string;
}

export interface CreatedPayment {
  readonly provider: string;
  /** The provider's handle for the pending payment (WeChat's prepay_id), when it has one. */
  readonly providerPaymentId?: string;
  /** Everything the client needs to start paying: `wx.requestPayment` params, or the sandbox page URL. */
  readonly clientParams: Record<string, string>;
}

/** The raw HTTP request a provider sent to our notify URL; the body must be the exact bytes received. */
export interface NotificationRequest {
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface PaymentResultNotification {
  readonly kind: 'payment';
  readonly paymentId: string;
  readonly providerTransactionId: string;
  /**
   * The amount the provider says was paid for the order. Never "corrected" here: the order side must
   * compare it with the amount it asked for and refuse to mark the order paid when they differ.
   */
  readonly amountFen: bigint;
  readonly merchantId: string;
  readonly succeeded: boolean;
  readonly paidAt: Date | null;
}

export interface RefundResultNotification {
  readonly kind: 'refund';
  readonly refundId: string;
  readonly paymentId: string;
  readonly providerRefundId: string;
  readonly providerTransactionId: string;
  readonly amountFen: bigint;
  readonly merchantId: string;
  readonly succeeded: boolean;
  readonly refundedAt: Date | null;
}

export type PaymentNotification = PaymentResultNotification | RefundResultNotification;

/** The exact HTTP answer the provider expects from our notify URL. */
export interface NotificationAcknowledgement {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface RefundInput {
  /** Our refund id (`rfd_…`); providers refund at most once per id, so retries with the same id are safe. */
  readonly refundId: string;
  readonly paymentId: string;
  readonly providerTransactionId: string;
  readonly refundFen: bigint;
  /** The whole amount of the original payment, which WeChat requires alongside the refund amount. */
  readonly totalFen: bigint;
  readonly reason: string;
  readonly notifyUrl: string;
}

export interface RefundAccepted {
  readonly status: 'processing' | 'succeeded';
  readonly providerRefundId: string;
}

export type ProviderPaymentState = 'pending' | 'succeeded' | 'closed' | 'failed';

export interface PaymentStatus {
  readonly status: ProviderPaymentState;
  readonly amountFen: bigint;
  readonly providerTransactionId?: string;
}

/**
 * The payment port. Implementations: providers/payment-wechatpay (WeChat Pay API v3, JSAPI) and
 * providers/payment-sandbox (demo and development). Every implementation passes
 * `runPaymentProviderContract`.
 */
export interface PaymentProvider {
  /** 'wechatpay' | 'sandbox'; stored with each payment so refunds and queries go to the same provider. */
  readonly name: string;
  createPayment(input: CreatePaymentInput): Promise<Result<CreatedPayment, PaymentErrorCode>>;
  /** Verifies the signature (and freshness, merchant) and decrypts; only then is anything trusted. */
  parseNotification(request: NotificationRequest): Promise<Result<PaymentNotification, PaymentErrorCode>>;
  /** ok=true once the notification was recorded (or was a duplicate); ok=false asks the provider to retry. */
  acknowledge(ok: boolean): NotificationAcknowledgement;
  refund(input: RefundInput): Promise<Result<RefundAccepted, PaymentErrorCode>>;
  /** For reconciliation when a notification never arrived. */
  queryPayment(paymentId: string): Promise<Result<PaymentStatus, PaymentErrorCode>>;
}
