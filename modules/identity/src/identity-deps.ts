import type { PiiCipher } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import type { WechatAuth } from './wechat-auth.ts';

export interface LoginPolicy {
  /** Failed attempts for one phone within the window before it is locked. */
  readonly maxFailuresPerPhone: number;
  /** Failed attempts from one client address within the window before it is throttled. */
  readonly maxFailuresPerIp: number;
  readonly windowMs: number;
}

export interface IdentityDeps {
  readonly db: Db;
  readonly pii: PiiCipher;
  readonly wechat: WechatAuth;
  readonly sessionTtlMs: { readonly console: number; readonly shop: number };
  readonly loginPolicy: LoginPolicy;
}

export const DEFAULT_LOGIN_POLICY: LoginPolicy = { maxFailuresPerPhone: 5, maxFailuresPerIp: 50, windowMs: 15 * 60_000 };
export const DEFAULT_SESSION_TTL_MS = { console: 12 * 3_600_000, shop: 30 * 24 * 3_600_000 };
