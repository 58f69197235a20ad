import { err, ok, type Result } from '@linkmall/kernel';
import type { PaymentErrorCode } from '@linkmall/payment';
import type { WechatPayKeys } from './wechatpay-config.ts';
import { buildAuthorization, lowerCaseHeaders, newNonce, verifyPlatformSignature } from './wechatpay-signature.ts';

/** A verified answer: a 2xx, or a 4xx business error (`{ code, message }`) for the caller to map. */
export interface WechatPayAnswer {
  readonly status: number;
  readonly json: Record<string, unknown>;
}

export type WechatPayCall = (method: 'GET' | 'POST', path: string, payload?: object) => Promise<Result<WechatPayAnswer, PaymentErrorCode>>;

const USER_AGENT = 'linkmall-payment-wechatpay/0.1 (node)';

function parseJsonObject(text: string): Record<string, unknown> | null {
  if (text === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Signs each request with the merchant key and verifies each answer with the platform key. A 2xx
 * without a valid, fresh signature is treated as forged (the protocol says so); error answers are
 * verified when signed, since WeChat cannot sign its answer to a request it could not authenticate.
 */
export function createWechatPayCall(keys: WechatPayKeys): WechatPayCall {
  const fetchImpl = keys.fetch;
  return async (method, path, payload) => {
    const url = new URL(path, keys.baseUrl);
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const authorization = buildAuthorization({
      merchantId: keys.merchantId,
      merchantSerialNo: keys.merchantSerialNo,
      privateKey: keys.merchantPrivateKey,
      method,
      pathWithQuery: `${url.pathname}${url.search}`,
      body,
      timestampSeconds: Math.floor(keys.clock.now().getTime() / 1000),
      nonce: newNonce(),
    });
    const headers: Record<string, string> = { Authorization: authorization, Accept: 'application/json', 'User-Agent': USER_AGENT };
    if (method === 'POST') headers['Content-Type'] = 'application/json';

    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(url, {
        method,
        headers,
        body: method === 'POST' ? body : undefined,
        // A redirect would replay a signed request elsewhere; WeChat never sends one, so it is not followed.
        redirect: 'manual',
        signal: AbortSignal.timeout(keys.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const reason = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError') ? 'timeout' : 'network';
      return err('payment_provider_unavailable', { reason });
    }

    const responseHeaders = lowerCaseHeaders(response.headers);
    const signed = 'wechatpay-signature' in responseHeaders;
    const requestId = responseHeaders['request-id'];
    if (response.ok || signed) {
      const problem = verifyPlatformSignature(keys, responseHeaders, text, keys.clock.now().getTime());
      if (problem) return err('payment_response_invalid', { reason: problem, status: response.status, requestId });
    }
    const json = parseJsonObject(text);
    if (response.status === 401) return err('payment_provider_auth_failed', { providerCode: json?.code, message: json?.message, requestId });
    if (response.status === 429 || response.status >= 500) {
      return err('payment_provider_unavailable', { reason: 'provider_error', status: response.status, providerCode: json?.code, requestId });
    }
    if (!json) return err('payment_response_invalid', { reason: 'malformed_body', status: response.status, requestId });
    if (!response.ok && response.status < 400) return err('payment_response_invalid', { reason: 'unexpected_status', status: response.status, requestId });
    return ok({ status: response.status, json });
  };
}

/** The business error of a 4xx answer, for the caller's mapping. */
export function providerError(answer: WechatPayAnswer): { providerCode: string; message: string; status: number } {
  const { code, message } = answer.json;
  return { providerCode: typeof code === 'string' ? code : 'UNKNOWN', message: typeof message === 'string' ? message : '', status: answer.status };
}
