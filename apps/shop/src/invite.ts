import Taro from '@tarojs/taro'
import { distributionApi } from './distribution-api'
import { INVITE_CODE, inviteCodeFrom } from './invite-code'
import { getToken } from './session'

const PENDING_KEY = 'linkmall.pendingInvite'
/** Remembers the code until a logged-in user can be bound to it (a visitor logs in first). */
export function rememberInvite(code: string | null): void {
  if (code !== null) Taro.setStorageSync(PENDING_KEY, code)
}

export function pendingInvite(): string | null {
  const code: unknown = Taro.getStorageSync(PENDING_KEY)
  return typeof code === 'string' && INVITE_CODE.test(code) ? code : null
}

/** Picks the code up from the page the app was opened on (h5 URL, or the mini program's launch query). */
export function captureInviteFromLaunch(query?: Record<string, unknown>): void {
  rememberInvite(inviteCodeFrom(query))
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') rememberInvite(inviteCodeFrom(window.location.href))
}

let binding: Promise<boolean> | null = null

/**
 * Binds the remembered referrer once a user is logged in. The server keeps the first valid binding,
 * so a repeat or a refused code (self-referral, already bound) simply clears the memory.
 * Resolves true when this call made a new binding.
 */
export function bindPendingInvite(): Promise<boolean> {
  const code = pendingInvite()
  if (code === null || getToken() === undefined) return Promise.resolve(false)
  binding ??= distributionApi
    .bind(code)
    .then((result) => {
      Taro.removeStorageSync(PENDING_KEY)
      return !result.duplicate
    })
    .catch((error: unknown) => {
      // Network trouble keeps the code for the next try; a refusal by the server forgets it.
      const status = typeof error === 'object' && error !== null && 'status' in error ? (error as { status: number }).status : 0
      if (status >= 400 && status !== 401) Taro.removeStorageSync(PENDING_KEY)
      return false
    })
    .finally(() => {
      binding = null
    })
  return binding
}
