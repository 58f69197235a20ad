import { err, ok } from '@linkmall/kernel';
import type { WechatAuth } from '@linkmall/identity';

export interface Code2SessionOptions {
  readonly appId: string;
  readonly appSecret: string;
  /** https://api.weixin.qq.com in production; a local server in tests. */
  readonly baseUrl: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

interface Code2SessionAnswer {
  openid?: string;
  unionid?: string;
  session_key?: string;
  errcode?: number;
  errmsg?: string;
}

// errcode 40029: invalid code; 40163: code already used; 40226: high-risk user blocked by WeChat.
const REJECTED_CODES = new Set([40029, 40163, 40226]);

/**
 * The real mini-program login: GET /sns/jscode2session with appid, secret, js_code and
 * grant_type=authorization_code. The session_key is not kept: nothing here decrypts user data yet.
 */
export function createCode2SessionClient(options: Code2SessionOptions): WechatAuth {
  const fetchImpl = options.fetch ?? fetch;
  return {
    appId: options.appId,
    async code2Session(code) {
      const url = new URL('/sns/jscode2session', options.baseUrl);
      url.search = new URLSearchParams({ appid: options.appId, secret: options.appSecret, js_code: code, grant_type: 'authorization_code' }).toString();
      let answer: Code2SessionAnswer;
      try {
        const response = await fetchImpl(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 5_000) });
        if (!response.ok) return err('wechat_unavailable');
        answer = (await response.json()) as Code2SessionAnswer;
      } catch {
        return err('wechat_unavailable');
      }
      if (answer.errcode && answer.errcode !== 0) {
        return err(REJECTED_CODES.has(answer.errcode) ? 'wechat_code_invalid' : 'wechat_unavailable');
      }
      if (!answer.openid) return err('wechat_unavailable');
      return ok({ openId: answer.openid, unionId: answer.unionid ?? null });
    },
  };
}
