import { err, ok } from '@linkmall/kernel';
import { newestFirst, type LogisticsTracker, type TrackingCheckpoint } from '@linkmall/order';
import { KUAIDI100_DEFAULT_BASE_URL, KUAIDI100_DEFAULT_TIMEOUT_MS, KUAIDI100_QUERY_PATH, type Kuaidi100Config } from './kuaidi100-config.ts';
import { kuaidi100Sign, stateOf, toCheckpoint } from './kuaidi100-protocol.ts';

/** Protocol failures the caller should not retry soon: bad account, bad signature, no balance. */
const REJECTED_CODES = new Set(['400', '503', '601']);

/**
 * Kuaidi100's real-time query (实时快递查询): a form POST of `customer`, `param` (JSON with the carrier
 * code `com` and number `num`, plus `phone` for carriers that need it) and `sign` = upper-case
 * MD5(param + key + customer). Success is `status: "200"` with `state` and `data`; failure is
 * `result: false` with a `returnCode` (500: nothing found yet, 501/502: busy, 503: bad signature,
 * 400: incomplete or unauthorised, 601: key expired or no balance).
 */
export function createKuaidi100Tracker(config: Kuaidi100Config): LogisticsTracker {
  if (!config.customer.trim() || !config.key.trim()) throw new Error('Kuaidi100 configuration: customer and key are required');
  const url = new URL(KUAIDI100_QUERY_PATH, config.baseUrl ?? KUAIDI100_DEFAULT_BASE_URL);
  const timeoutMs = config.timeoutMs ?? KUAIDI100_DEFAULT_TIMEOUT_MS;
  const fetchImpl = config.fetch ?? fetch;

  return {
    name: 'kuaidi100',
    async query(carrierCode, trackingNumber, phoneTail) {
      const param = JSON.stringify({ com: carrierCode, num: trackingNumber, ...(phoneTail ? { phone: phoneTail } : {}), resultv2: '1', show: '0', order: 'desc' });
      const form = new URLSearchParams({ customer: config.customer, sign: kuaidi100Sign(param, config.key, config.customer), param });
      let text: string;
      let httpStatus: number;
      try {
        const response = await fetchImpl(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', Accept: 'application/json' },
          body: form.toString(),
          redirect: 'error',
          signal: AbortSignal.timeout(timeoutMs),
        });
        httpStatus = response.status;
        text = await response.text();
      } catch (error) {
        const reason = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError') ? 'timeout' : 'network';
        return err('logistics_provider_unavailable', { reason });
      }
      if (httpStatus >= 500 || httpStatus === 429) return err('logistics_provider_unavailable', { reason: 'http_status', status: httpStatus });

      let body: Record<string, unknown>;
      try {
        const parsed: unknown = JSON.parse(text);
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        body = parsed as Record<string, unknown>;
      } catch {
        return err('logistics_provider_unavailable', { reason: 'malformed_body', status: httpStatus });
      }

      const returnCode = body.returnCode === undefined ? undefined : String(body.returnCode);
      const message = typeof body.message === 'string' ? body.message : undefined;
      if (body.result === false || (returnCode !== undefined && returnCode !== '200')) {
        if (returnCode === '500') return err('logistics_no_result', { providerCode: returnCode, message });
        if (returnCode && REJECTED_CODES.has(returnCode)) return err('logistics_provider_rejected', { providerCode: returnCode, message });
        return err('logistics_provider_unavailable', { reason: 'provider_error', providerCode: returnCode, message });
      }
      if (String(body.status) !== '200' || !Array.isArray(body.data)) return err('logistics_provider_unavailable', { reason: 'unexpected_body', status: httpStatus });

      const overall = stateOf(body.state) ?? 'in_transit';
      const checkpoints = (body.data as Record<string, unknown>[])
        .map((item) => toCheckpoint(item ?? {}, overall))
        .filter((checkpoint): checkpoint is TrackingCheckpoint => checkpoint !== null);
      return ok({ status: overall, checkpoints: newestFirst(checkpoints) });
    },
  };
}
