import { createHash } from 'node:crypto';
import type { Result } from '@linkmall/kernel';
import { err, ok } from '@linkmall/kernel';

export interface WechatSession {
  readonly openId: string;
  readonly unionId: string | null;
}

/**
 * The port for mini-program login: exchange the `code` from `wx.login()` for the user's openid.
 * Implementations: the real `jscode2session` client (providers/wechat) and an offline one for development.
 */
export interface WechatAuth {
  readonly appId: string;
  code2Session(code: string): Promise<Result<WechatSession, 'wechat_code_invalid' | 'wechat_unavailable'>>;
}

/**
 * Offline development login: the same code always yields the same openid, so a developer can sign in
 * from the h5 build or a test without WeChat. Never configured when WECHAT_APP_SECRET is set.
 */
export function createOfflineWechatAuth(appId = 'offline-dev'): WechatAuth {
  return {
    appId,
    async code2Session(code) {
      if (!/^[A-Za-z0-9_-]{1,128}$/.test(code)) return err('wechat_code_invalid');
      const digest = createHash('sha256').update(`${appId}:${code}`).digest('base64url');
      return ok({ openId: `o${digest.slice(0, 27)}`, unionId: null });
    },
  };
}
