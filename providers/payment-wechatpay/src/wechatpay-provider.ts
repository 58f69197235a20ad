import { err, ok } from '@linkmall/kernel';
import type { PaymentProvider, ProviderPaymentState } from '@linkmall/payment';
import { loadWechatPayKeys, type WechatPayConfig, type WechatPayKeys } from './wechatpay-config.ts';
import { createWechatPayCall, providerError } from './wechatpay-call.ts';
import { fenFromProtocol, fenToProtocol } from './wechatpay-money.ts';
import { parseWechatPayNotification, wechatPayAcknowledgement } from './wechatpay-notification.ts';
import { newNonce, signWithMerchantKey } from './wechatpay-signature.ts';

export const WECHATPAY_PROVIDER_NAME = 'wechatpay';

// Field limits from the API reference; longer values are answered with PARAM_ERROR, so cut them here.
const DESCRIPTION_MAX_CHARS = 127;
const REFUND_REASON_MAX_CHARS = 80;
const truncate = (value: string, max: number) => [...value].slice(0, max).join('');

/** rfc3339 in Beijing time (`2025-06-01T12:30:00+08:00`), the form the API documents for time_expire. */
export function toWechatPayTime(date: Date): string {
  return `${new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

/**
 * trade_state → our state. REFUND means it was paid and a refund has since started, so it counts as
 * succeeded; NOTPAY/USERPAYING/ACCEPT may still turn into a payment.
 */
const TRADE_STATES: Record<string, ProviderPaymentState> = {
  SUCCESS: 'succeeded',
  REFUND: 'succeeded',
  NOTPAY: 'pending',
  USERPAYING: 'pending',
  ACCEPT: 'pending',
  CLOSED: 'closed',
  REVOKED: 'closed',
  PAYERROR: 'failed',
};

/** The mini-program payment sheet's parameters, paySign over `appId\ntimeStamp\nnonceStr\npackage\n`. */
function requestPaymentParams(keys: WechatPayKeys, prepayId: string): Record<string, string> {
  const timeStamp = Math.floor(keys.clock.now().getTime() / 1000).toString();
  const nonceStr = newNonce();
  const packageValue = `prepay_id=${prepayId}`;
  const paySign = signWithMerchantKey(keys.merchantPrivateKey, `${keys.appId}\n${timeStamp}\n${nonceStr}\n${packageValue}\n`);
  return { appId: keys.appId, timeStamp, nonceStr, package: packageValue, signType: 'RSA', paySign };
}

/**
 * WeChat Pay API v3 for JSAPI / mini-program payments (direct merchant). Our payment id is the
 * out_trade_no and our refund id the out_refund_no, so retrying a call with the same ids is safe:
 * WeChat pays and refunds each at most once.
 */
export function createWechatPayProvider(config: WechatPayConfig): PaymentProvider {
  const keys = loadWechatPayKeys(config);
  const call = createWechatPayCall(keys);

  return {
    name: WECHATPAY_PROVIDER_NAME,

    async createPayment(input) {
      const total = fenToProtocol(input.amountFen);
      if (total === null) return err('payment_amount_invalid');
      if (!input.payerOpenId) return err('payment_payer_required');
      const answer = await call('POST', '/v3/pay/transactions/jsapi', {
        appid: keys.appId,
        mchid: keys.merchantId,
        description: truncate(input.description, DESCRIPTION_MAX_CHARS),
        out_trade_no: input.paymentId,
        time_expire: toWechatPayTime(input.expiresAt),
        // Returned unchanged by queries and notifications, which helps when reconciling by hand.
        attach: input.orderId,
        notify_url: input.notifyUrl,
        amount: { total, currency: 'CNY' },
        payer: { openid: input.payerOpenId },
      });
      if (!answer.ok) return answer;
      if (answer.value.status >= 400) {
        const problem = providerError(answer.value);
        return err(problem.providerCode === 'ORDERPAID' ? 'payment_already_paid' : 'payment_provider_rejected', problem);
      }
      const prepayId = answer.value.json.prepay_id;
      if (typeof prepayId !== 'string' || prepayId === '') return err('payment_response_invalid', { reason: 'missing_prepay_id' });
      return ok({ provider: WECHATPAY_PROVIDER_NAME, providerPaymentId: prepayId, clientParams: requestPaymentParams(keys, prepayId) });
    },

    async parseNotification(request) {
      return parseWechatPayNotification(keys, request);
    },

    acknowledge: wechatPayAcknowledgement,

    async refund(input) {
      if (input.refundFen <= 0n || input.refundFen > input.totalFen) return err('refund_amount_invalid');
      const refund = fenToProtocol(input.refundFen);
      const total = fenToProtocol(input.totalFen);
      if (refund === null || total === null) return err('refund_amount_invalid');
      const answer = await call('POST', '/v3/refund/domestic/refunds', {
        // Either id names the payment; WeChat prefers transaction_id when both are known.
        ...(input.providerTransactionId ? { transaction_id: input.providerTransactionId } : { out_trade_no: input.paymentId }),
        out_refund_no: input.refundId,
        reason: truncate(input.reason, REFUND_REASON_MAX_CHARS),
        notify_url: input.notifyUrl,
        amount: { refund, total, currency: 'CNY' },
      });
      if (!answer.ok) return answer;
      if (answer.value.status >= 400) {
        const problem = providerError(answer.value);
        return err(problem.providerCode === 'RESOURCE_NOT_EXISTS' ? 'payment_not_found' : 'payment_provider_rejected', problem);
      }
      const { refund_id: providerRefundId, status } = answer.value.json;
      if (typeof providerRefundId !== 'string' || providerRefundId === '') return err('payment_response_invalid', { reason: 'missing_refund_id' });
      if (status === 'SUCCESS') return ok({ status: 'succeeded', providerRefundId });
      if (status === 'PROCESSING') return ok({ status: 'processing', providerRefundId });
      // CLOSED or ABNORMAL (e.g. the payer's card was cancelled): needs a person on the merchant platform.
      return err('refund_failed', { providerStatus: status, providerRefundId });
    },

    async queryPayment(paymentId) {
      const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(paymentId)}?mchid=${encodeURIComponent(keys.merchantId)}`;
      const answer = await call('GET', path);
      if (!answer.ok) return answer;
      if (answer.value.status >= 400) {
        const problem = providerError(answer.value);
        return err(problem.providerCode === 'ORDER_NOT_EXIST' || problem.providerCode === 'RESOURCE_NOT_EXISTS' ? 'payment_not_found' : 'payment_provider_rejected', problem);
      }
      const { trade_state: tradeState, transaction_id: transactionId, amount } = answer.value.json;
      const status = typeof tradeState === 'string' ? TRADE_STATES[tradeState] : undefined;
      const amountFen = fenFromProtocol((amount as { total?: unknown } | undefined)?.total);
      if (!status || amountFen === null) return err('payment_response_invalid', { reason: 'unexpected_transaction', tradeState });
      return ok(typeof transactionId === 'string' && transactionId !== '' ? { status, amountFen, providerTransactionId: transactionId } : { status, amountFen });
    },
  };
}
