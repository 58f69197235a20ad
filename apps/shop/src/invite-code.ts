export const INVITE_CODE = /^[A-Za-z0-9]{6,16}$/

/**
 * The invite code in a link or launch query: `?invite=CODE` (the share link the server hands out) or
 * `?inviteCode=CODE`; on h5 the code may sit before or after the router's `#`.
 */
export function inviteCodeFrom(source: string | Record<string, unknown> | undefined): string | null {
  if (source === undefined) return null
  if (typeof source !== 'string') {
    const value = source.invite ?? source.inviteCode ?? (typeof source.scene === 'string' ? decodeURIComponent(source.scene) : undefined)
    return typeof value === 'string' && INVITE_CODE.test(value.trim()) ? value.trim() : null
  }
  const match = /[?&#](?:invite|inviteCode)=([^&#]+)/.exec(source)
  if (match === null) return null
  const code = decodeURIComponent(match[1]!).trim()
  return INVITE_CODE.test(code) ? code : null
}

