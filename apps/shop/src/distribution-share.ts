import type { DistributionMe } from './distribution-api'

/**
 * The link a friend opens. On h5 it is this shop's own address with `?invite=`, which the app reads
 * at launch; elsewhere the server's share link is used as given.
 */
export function shareLinkOf(me: DistributionMe): string | null {
  if (me.inviteCode === null) return null
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
    return `${window.location.origin}${window.location.pathname}?invite=${encodeURIComponent(me.inviteCode)}`
  }
  return me.shareUrl
}
