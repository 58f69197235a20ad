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
 * Refusals that say "not now" rather than "no": the transfer may succeed if asked again, so it is
 * retried, and if it still does not go through the withdrawal stays in flight for the sync job.
 */
export const TRANSIENT_TRANSFER_CODES: ReadonlySet<string> = new Set(['FREQUENCY_LIMITED', 'SYSTEM_ERROR', 'SYSTEMERROR', 'FREQ_LIMIT']);

export interface TransferRetry {
  /** Pauses before each retry; their count is the number of retries (default 250 ms, then 1 s). */
  readonly delaysMs: readonly number[];
  /** Injected in tests so that backoff costs no wall time. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_RETRY: TransferRetry = { delaysMs: [250, 1_000] };
type Answer = Awaited<ReturnType<SignedWechatPayCall>>;

/** A transport failure (network, timeout, 429, 5xx) or a transient business code: worth asking again. */
function isTransient(answer: Answer): boolean {
  if (!answer.ok) return answer.code === 'payment_provider_unavailable';
  const { status, json } = answer.value;
  return status === 429 || status >= 500 || (status >= 400 && TRANSIENT_TRANSFER_CODES.has(String(json.code)));
}

/**
 * 商家转账到零钱 (POST /v3/transfer/batches): one batch per withdrawal, so the withdrawal id is the
 * batch's idempotency key and its detail's (a retried call cannot pay twice). Amounts are integer fen.
 */
export function createWechatPayoutProvider(options: { appId: string; call: SignedWechatPayCall; retry?: TransferRetry }): PayoutProvider {
  const { appId } = options;
  const retry = options.retry ?? DEFAULT_RETRY;
  const sleep = retry.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  /** The call, asked again with backoff while the answer is transient; the last answer either way. */
  async function call(method: 'GET' | 'POST', path: string, payload?: object): Promise<Answer> {
    let answer = await options.call(method, path, payload);
    for (const delayMs of retry.delaysMs) {
      if (!isTransient(answer)) return answer;
      await sleep(delayMs);
      answer = await options.call(method, path, payload);
    }
    return answer;
  }
  const unavailable = (code: string, details: Record<string, unknown> = {}): Result<PayoutOutcome, PayoutProviderErrorCode> =>
    err(code === 'payment_provider_unavailable' ? 'payout_provider_unavailable' : 'payout_provider_rejected', { providerError: code, ...details });
  const stillTransient = (answer: Answer): Result<PayoutOutcome, PayoutProviderErrorCode> =>
    err('payout_provider_unavailable', answer.ok ? { status: answer.value.status, providerCode: answer.value.json.code } : { providerError: answer.code });

  async function queryDetail(withdrawalId: string): Promise<Result<PayoutOutcome, PayoutProviderErrorCode>> {
    const batch = outBatchNo(withdrawalId);
    const answer = await call('GET', `/v3/transfer/batches/out-batch-no/${batch}/details/out-detail-no/${batch}`);
    if (isTransient(answer)) return stillTransient(answer);
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
      // Still busy or down after the retries: nothing was decided, so the withdrawal stays in flight and
      // the sync job asks again later (a batch that never arrived is handed over again).
      if (isTransient(answer)) return stillTransient(answer);
      if (!answer.ok) return unavailable(answer.code);
      const { status, json } = answer.value;
      // A repeated out_batch_no means our earlier call arrived: ask how that one went.
      if (status >= 400 && json.code === 'ALREADY_EXISTS') return queryDetail(transfer.withdrawalId);
      if (status >= 400) {
        // Final business refusals (NOT_ENOUGH, INVALID_REQUEST, PARAM_ERROR, NO_AUTH, …) end the payout:
        // the money returns to the member.
        return ok({ status: 'failed', providerReference: null, reason: `${String(json.code ?? 'REJECTED')}: ${String(json.message ?? '')}`.slice(0, 200) });
      }
      return ok({ status: 'accepted', providerReference: typeof json.batch_id === 'string' ? json.batch_id : null });
    },
    query: queryDetail,
  };
}
