import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from '@linkmall/kernel';
import type { NotificationRequest, PaymentErrorCode, PaymentNotification } from '@linkmall/payment';

export const SANDBOX_TIMESTAMP_HEADER = 'X-Sandbox-Timestamp';
export const SANDBOX_NONCE_HEADER = 'X-Sandbox-Nonce';
export const SANDBOX_SIGNATURE_HEADER = 'X-Sandbox-Signature';
/** The same replay window WeChat Pay uses, so the sandbox exercises the same failure path. */
export const SANDBOX_MAX_CLOCK_SKEW_MS = 5 * 60_000;

export interface SignSandboxNotificationOptions {
  readonly secret: string;
  readonly notification: PaymentNotification;
  readonly now: Date;
  /** Only tests pass one; production uses 16 random bytes. */
  readonly nonce?: string;
}

function hmacBase64(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('base64');
}

/** Dates as ISO strings and amounts as decimal strings, so no precision is lost in JSON. */
function toWire(notification: PaymentNotification): Record<string, unknown> {
  if (notification.kind === 'payment') {
    return { ...notification, amountFen: notification.amountFen.toString(), paidAt: notification.paidAt?.toISOString() ?? null };
  }
  return { ...notification, amountFen: notification.amountFen.toString(), refundedAt: notification.refundedAt?.toISOString() ?? null };
}

/**
 * Builds the HTTP request the sandbox "provider" sends to our notify URL: a JSON body and an
 * HMAC-SHA256 over `TIMESTAMP\nNONCE\nBODY` in headers. The sandbox pay page uses this so a demo payment
 * travels the same parseNotification path as a real one.
 */
export function signSandboxNotification(options: SignSandboxNotificationOptions): NotificationRequest {
  const timestamp = Math.floor(options.now.getTime() / 1000).toString();
  const nonce = options.nonce ?? randomBytes(16).toString('hex');
  const body = JSON.stringify(toWire(options.notification));
  return {
    headers: {
      'Content-Type': 'application/json',
      [SANDBOX_TIMESTAMP_HEADER]: timestamp,
      [SANDBOX_NONCE_HEADER]: nonce,
      [SANDBOX_SIGNATURE_HEADER]: hmacBase64(options.secret, `${timestamp}\n${nonce}\n${body}`),
    },
    body,
  };
}

type ParseResult = Result<PaymentNotification, PaymentErrorCode>;

/** Checks signature, then freshness, then shape; nothing in the body is read before the signature holds. */
export function verifySandboxNotification(secret: string, request: NotificationRequest, now: Date): ParseResult {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]));
  const timestamp = headers[SANDBOX_TIMESTAMP_HEADER.toLowerCase()];
  const nonce = headers[SANDBOX_NONCE_HEADER.toLowerCase()];
  const signature = headers[SANDBOX_SIGNATURE_HEADER.toLowerCase()];
  if (!timestamp || !nonce || !signature) return err('notification_signature_invalid', { reason: 'missing_headers' });
  const expected = Buffer.from(hmacBase64(secret, `${timestamp}\n${nonce}\n${request.body}`), 'base64');
  const given = Buffer.from(signature, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return err('notification_signature_invalid');
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now.getTime() - Number(timestamp) * 1000) >= SANDBOX_MAX_CLOCK_SKEW_MS) {
    return err('notification_timestamp_stale', { timestamp });
  }
  let wire: Record<string, unknown>;
  try {
    wire = JSON.parse(request.body) as Record<string, unknown>;
  } catch {
    return err('notification_malformed');
  }
  return fromWire(wire);
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const parseFen = (value: unknown) => (typeof value === 'string' && /^\d{1,18}$/.test(value) ? BigInt(value) : null);
function parseDate(value: unknown): Date | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function fromWire(wire: Record<string, unknown>): ParseResult {
  const { paymentId, providerTransactionId, merchantId, succeeded } = wire;
  const amountFen = parseFen(wire.amountFen);
  if (amountFen === null || !isText(paymentId) || !isText(providerTransactionId) || !isText(merchantId) || typeof succeeded !== 'boolean') {
    return err('notification_malformed');
  }
  if (wire.kind === 'payment') {
    const paidAt = parseDate(wire.paidAt);
    if (paidAt === undefined) return err('notification_malformed');
    return ok({ kind: 'payment', paymentId, providerTransactionId, amountFen, merchantId, succeeded, paidAt });
  }
  if (wire.kind === 'refund') {
    const { refundId, providerRefundId } = wire;
    const refundedAt = parseDate(wire.refundedAt);
    if (refundedAt === undefined || !isText(refundId) || !isText(providerRefundId)) return err('notification_malformed');
    return ok({ kind: 'refund', refundId, paymentId, providerRefundId, providerTransactionId, amountFen, merchantId, succeeded, refundedAt });
  }
  return err('notification_unsupported', { kind: String(wire.kind) });
}
