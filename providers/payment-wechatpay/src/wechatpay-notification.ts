import { err, ok, type Result } from '@linkmall/kernel';
import type { NotificationAcknowledgement, NotificationRequest, PaymentErrorCode, PaymentNotification } from '@linkmall/payment';
import type { WechatPayKeys } from './wechatpay-config.ts';
import { decryptResource, lowerCaseHeaders, verifyPlatformSignature, type EncryptedResource, type SignatureProblem } from './wechatpay-signature.ts';
import { fenFromProtocol } from './wechatpay-money.ts';

type ParseResult = Result<PaymentNotification, PaymentErrorCode>;

const PROBLEM_CODES: Record<SignatureProblem, PaymentErrorCode> = {
  missing_headers: 'notification_signature_invalid',
  bad_signature: 'notification_signature_invalid',
  unknown_serial: 'notification_serial_unknown',
  stale_timestamp: 'notification_timestamp_stale',
};

const record = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
const text = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
function optionalDate(value: unknown): Date | null {
  const date = typeof value === 'string' ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/**
 * Parses a WeChat Pay notification (TRANSACTION.* or REFUND.*): verify the platform signature over the
 * raw body, check freshness, decrypt `resource` with the APIv3 key, then check it is for our mchid
 * (and appid). Only after all of that is any field believed.
 */
export function parseWechatPayNotification(keys: WechatPayKeys, request: NotificationRequest): ParseResult {
  const problem = verifyPlatformSignature(keys, lowerCaseHeaders(request.headers), request.body, keys.clock.now().getTime());
  if (problem) return err(PROBLEM_CODES[problem], { reason: problem });

  let envelope: Record<string, unknown> | null;
  try {
    envelope = record(JSON.parse(request.body));
  } catch {
    envelope = null;
  }
  const resource = record(envelope?.resource);
  const { algorithm, ciphertext, nonce, associated_data: associatedData = '' } = resource ?? {};
  if (!envelope || !text(envelope.event_type) || !text(algorithm) || !text(ciphertext) || !text(nonce) || typeof associatedData !== 'string') {
    return err('notification_malformed');
  }
  const encrypted: EncryptedResource = { algorithm, ciphertext, nonce, associated_data: associatedData };
  const plaintext = decryptResource(keys.apiV3Key, encrypted);
  if (plaintext === null) return err('notification_decrypt_failed', { algorithm });
  let content: Record<string, unknown> | null;
  try {
    content = record(JSON.parse(plaintext));
  } catch {
    content = null;
  }
  if (!content) return err('notification_malformed');

  if (content.mchid !== keys.merchantId) return err('notification_merchant_mismatch', { field: 'mchid' });
  const eventType = envelope.event_type;
  if (eventType.startsWith('TRANSACTION.')) return transactionNotification(keys, content);
  if (eventType.startsWith('REFUND.')) return refundNotification(keys, content);
  return err('notification_unsupported', { eventType });
}

/** The decrypted `transaction` resource; `amount.total` is the order amount (coupons included). */
function transactionNotification(keys: WechatPayKeys, content: Record<string, unknown>): ParseResult {
  // appid is present on JSAPI transactions; a different one means another app's payment reached us.
  if (content.appid !== undefined && content.appid !== keys.appId) return err('notification_merchant_mismatch', { field: 'appid' });
  const amountFen = fenFromProtocol(record(content.amount)?.total);
  const { out_trade_no: paymentId, transaction_id: providerTransactionId, trade_state: tradeState } = content;
  if (amountFen === null || !text(paymentId) || !text(providerTransactionId) || !text(tradeState)) return err('notification_malformed');
  return ok({
    kind: 'payment',
    paymentId,
    providerTransactionId,
    amountFen,
    merchantId: keys.merchantId,
    succeeded: tradeState === 'SUCCESS',
    paidAt: optionalDate(content.success_time),
  });
}

/** The decrypted `refund` resource; `amount.refund` is the refunded amount. */
function refundNotification(keys: WechatPayKeys, content: Record<string, unknown>): ParseResult {
  const amountFen = fenFromProtocol(record(content.amount)?.refund);
  const { out_refund_no: refundId, out_trade_no: paymentId, refund_id: providerRefundId, transaction_id: providerTransactionId, refund_status: refundStatus } = content;
  if (amountFen === null || !text(refundId) || !text(paymentId) || !text(providerRefundId) || !text(providerTransactionId) || !text(refundStatus)) {
    return err('notification_malformed');
  }
  return ok({
    kind: 'refund',
    refundId,
    paymentId,
    providerRefundId,
    providerTransactionId,
    amountFen,
    merchantId: keys.merchantId,
    succeeded: refundStatus === 'SUCCESS',
    refundedAt: optionalDate(content.success_time),
  });
}

/**
 * What WeChat Pay expects back: 200 or 204 with no body means received; any 4xx/5xx with
 * `{ "code": "FAIL", "message": … }` makes it retry (15s, 15s, 30s, 3m, … for about 24 hours).
 */
export function wechatPayAcknowledgement(accepted: boolean): NotificationAcknowledgement {
  if (accepted) return { status: 204, headers: {}, body: '' };
  return { status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'FAIL', message: '失败' }) };
}
