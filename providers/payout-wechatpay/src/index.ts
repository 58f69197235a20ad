import { err, ok, type Result } from '@linkmall/kernel';
import type { PayoutOutcome, PayoutProvider, PayoutProviderErrorCode, PayoutTransfer } from '@linkmall/payout';

/**
 * A signed WeChat Pay API v3 call: the composition root passes the payment provider's signing client
 * (providers do not import each other), so requests are signed with the merchant key and answers
 * verified with the platform key exactly as for payments.
 */
export type SignedWechatPayCall = (method: 'GET' | 'POST', path: string, payload?: object) => Promise<Result<{ status: number; json: Record<string, unknown> }, string>>;

export const WECHAT_PAYOUT_PROVIDER_NAME = 'wechatpay_transfer';

/** out_batch_no / out_detail_no allow letters and digits only: `wdr_01…` becomes `wdr01…`. */
export const outBatchNo = (withdrawalId: string) => withdrawalId.replace(/[^A-Za-z0-9]/g, '');

/**
 * 商家转账到零钱 (POST /v3/transfer/batches): one batch per withdrawal, so the withdrawal id is the
 * batch's idempotency key and its detail's. Amounts are integer fen, as the API takes them.
 */
export function createWechatPayoutProvider(options: { appId: string; call: SignedWechatPayCall }): PayoutProvider {
  const { appId, call } = options;
  const unavailable = (code: string, details: Record<string, unknown> = {}): Result<PayoutOutcome, PayoutProviderErrorCode> =>
    err(code === 'payment_provider_unavailable' ? 'payout_provider_unavailable' : 'payout_provider_rejected', { providerError: code, ...details });

  async function queryDetail(withdrawalId: string): Promise<Result<PayoutOutcome, PayoutProviderErrorCode>> {
    const batch = outBatchNo(withdrawalId);
    const answer = await call('GET', `/v3/transfer/batches/out-batch-no/${batch}/details/out-detail-no/${batch}`);
    if (!answer.ok) return unavailable(answer.code);
    const { status, json } = answer.value;
    if (status === 404) return err('payout_provider_rejected', { notFound: true, providerCode: json.code });
    if (status >= 400) return err('payout_provider_rejected', { providerCode: json.code, message: json.message });
    const reference = typeof json.detail_id === 'string' ? json.detail_id : null;
    switch (json.detail_status) {
      case 'SUCCESS':
        return ok({ status: 'paid', providerReference: reference });
      case 'FAIL':
        return ok({ status: 'failed', providerReference: reference, reason: typeof json.fail_reason === 'string' ? json.fail_reason : 'FAIL' });
      default:
        return ok({ status: 'accepted', providerReference: reference });
    }
  }

  return {
    name: WECHAT_PAYOUT_PROVIDER_NAME,
    async pay(transfer: PayoutTransfer) {
      const batch = outBatchNo(transfer.withdrawalId);
      const amount = Number(transfer.amountFen);
      const answer = await call('POST', '/v3/transfer/batches', {
        appid: appId,
        out_batch_no: batch,
        batch_name: '佣金提现',
        batch_remark: transfer.remark.slice(0, 32),
        total_amount: amount,
        total_num: 1,
        transfer_detail_list: [{ out_detail_no: batch, transfer_amount: amount, transfer_remark: transfer.remark.slice(0, 32), openid: transfer.openId }],
      });
      if (!answer.ok) return unavailable(answer.code);
      const { status, json } = answer.value;
      // A repeated out_batch_no means our earlier call arrived: ask how that one went.
      if (status >= 400 && json.code === 'ALREADY_EXISTS') return queryDetail(transfer.withdrawalId);
      if (status >= 400) {
        // Business refusals (NOT_ENOUGH, INVALID_REQUEST, …) end the payout: the money returns to the member.
        return ok({ status: 'failed', providerReference: null, reason: `${String(json.code ?? 'REJECTED')}: ${String(json.message ?? '')}`.slice(0, 200) });
      }
      return ok({ status: 'accepted', providerReference: typeof json.batch_id === 'string' ? json.batch_id : null });
    },
    query: queryDetail,
  };
}
