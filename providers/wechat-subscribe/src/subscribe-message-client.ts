import { systemClock, type Clock } from '@linkmall/kernel';
import type { Notifier, NotifierOutcome, OutgoingNotification } from '@linkmall/radar';

export interface WechatSubscribeOptions {
  readonly appId: string;
  readonly appSecret: string;
  /** https://api.weixin.qq.com in production; a local server in tests. */
  readonly baseUrl: string;
  /** The subscribe-message template (订阅消息模板) chosen in the mini-program's console. */
  readonly templateId: string;
  /** The owner's openid in this mini-program; null when they never signed in through it. */
  readonly openIdOf: (userId: string) => Promise<string | null>;
  /** Template keywords that carry the title, the body and the time (they differ per template). */
  readonly fields?: { readonly title: string; readonly body: string; readonly time: string };
  /** The mini-program page a tap opens (default: the notifications page). */
  readonly page?: (notification: OutgoingNotification) => string;
  readonly miniprogramState?: 'developer' | 'trial' | 'formal';
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  readonly clock?: Clock;
}

interface WechatAnswer {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
}

/** errcodes: 40001/42001/40014 the access token is invalid or expired: fetch a fresh one once. */
const TOKEN_EXPIRED = new Set([40001, 42001, 40014]);
/** -1 system busy, 45009 daily API quota, 45011 frequency limit: worth retrying later (the outbox does). */
const TRANSIENT = new Set([-1, 45009, 45011]);
/** 43101: the user has no subscription left for this template (refused or used up): never retried. */
const USER_REFUSED = 43101;
/** 40003: the openid is not a user of this app. */
const INVALID_OPENID = 40003;
/** Refresh a token five minutes before WeChat says it expires. */
const TOKEN_MARGIN_MS = 5 * 60_000;

export class WechatUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WechatUnavailable';
  }
}

/** `thing` keywords take at most 20 characters. */
const thing = (text: string) => (Array.from(text).length <= 20 ? text : `${Array.from(text).slice(0, 19).join('')}…`);
/** `time` keywords read as Beijing time, e.g. 2026-11-22 10:05. */
const beijingTime = (date: Date) => new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * The real WeChat subscribe-message client (订阅消息): an access token from POST /cgi-bin/stable_token
 * (cached until five minutes before it expires, shared by concurrent sends), then
 * POST /cgi-bin/message/subscribe/send. Tokens from stable_token stay valid when another process asks
 * for one too, unlike /cgi-bin/token, so several API processes can share one app.
 */
export function createWechatSubscribeNotifier(options: WechatSubscribeOptions): Notifier {
  const fetchImpl = options.fetch ?? fetch;
  const clock = options.clock ?? systemClock;
  const fields = options.fields ?? { title: 'thing1', body: 'thing2', time: 'time3' };
  let cached: { token: string; validUntilMs: number } | null = null;
  let pending: Promise<string> | null = null;

  async function call(path: string, body: object, query: Record<string, string> = {}): Promise<WechatAnswer> {
    const url = new URL(path, options.baseUrl);
    url.search = new URLSearchParams(query).toString();
    let response: Response;
    try {
      response = await fetchImpl(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(options.timeoutMs ?? 5_000) });
    } catch (error) {
      throw new WechatUnavailable(`WeChat ${path} unreachable: ${(error as Error).message}`);
    }
    if (!response.ok) throw new WechatUnavailable(`WeChat ${path} answered HTTP ${response.status}`);
    return (await response.json()) as WechatAnswer;
  }

  async function fetchToken(forceRefresh: boolean): Promise<string> {
    const answer = await call('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: options.appId, secret: options.appSecret, force_refresh: forceRefresh });
    if (!answer.access_token) throw new WechatUnavailable(`WeChat stable_token failed: ${answer.errcode} ${answer.errmsg ?? ''}`);
    cached = { token: answer.access_token, validUntilMs: clock.now().getTime() + (answer.expires_in ?? 7200) * 1000 - TOKEN_MARGIN_MS };
    return answer.access_token;
  }

  function accessToken(forceRefresh = false): Promise<string> {
    if (!forceRefresh && cached && cached.validUntilMs > clock.now().getTime()) return Promise.resolve(cached.token);
    pending ??= fetchToken(forceRefresh).finally(() => {
      pending = null;
    });
    return pending;
  }

  return {
    name: 'wechat-subscribe',
    async send(notification): Promise<NotifierOutcome> {
      const openId = await options.openIdOf(notification.userId);
      if (!openId) return 'no_recipient';
      const message = {
        touser: openId,
        template_id: options.templateId,
        page: options.page ? options.page(notification) : `pages/notifications/index?id=${notification.notificationId}`,
        data: {
          [fields.title]: { value: thing(notification.title['zh-CN']) },
          [fields.body]: { value: thing(notification.body['zh-CN'] || notification.title['zh-CN']) },
          [fields.time]: { value: beijingTime(notification.createdAt) },
        },
        miniprogram_state: options.miniprogramState ?? 'formal',
        lang: 'zh_CN',
      };
      let answer = await call('/cgi-bin/message/subscribe/send', message, { access_token: await accessToken() });
      if (answer.errcode !== undefined && TOKEN_EXPIRED.has(answer.errcode)) {
        answer = await call('/cgi-bin/message/subscribe/send', message, { access_token: await accessToken(true) });
      }
      const code = answer.errcode ?? 0;
      if (code === 0) return 'sent';
      if (code === USER_REFUSED) return 'refused';
      if (code === INVALID_OPENID) return 'no_recipient';
      if (TRANSIENT.has(code) || TOKEN_EXPIRED.has(code)) throw new WechatUnavailable(`WeChat subscribe/send: ${code} ${answer.errmsg ?? ''}`);
      return 'failed';
    },
  };
}
