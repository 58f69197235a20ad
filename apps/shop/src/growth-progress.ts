import type { GrowthLevel, InviteTier } from './growth-api'

/** Basis points as a percentage without floating point: 800 → "8%", 150 → "1.5%", 5 → "0.05%". */
export function formatRateBps(rateBps: number): string {
  const whole = Math.floor(rateBps / 100)
  const fraction = String(rateBps % 100).padStart(2, '0').replace(/0+$/, '')
  return fraction === '' ? `${whole}%` : `${whole}.${fraction}%`
}

export interface NextLevelGap {
  pointsMissing: number
  invitesMissing: number
  /** 0–100: the slower of the two thresholds, since a level needs both. */
  percent: number
}

/** How far a member is from the next level; both thresholds must be met, so progress is the lower share. */
export function nextLevelGap(points: number, qualifiedInvites: number, next: Pick<GrowthLevel, 'minPoints' | 'minInvites'>): NextLevelGap {
  const share = (have: number, need: number) => (need <= 0 ? 100 : Math.min(100, Math.floor((Math.max(0, have) * 100) / need)))
  return {
    pointsMissing: Math.max(0, next.minPoints - points),
    invitesMissing: Math.max(0, next.minInvites - qualifiedInvites),
    percent: Math.min(share(points, next.minPoints), share(qualifiedInvites, next.minInvites)),
  }
}

/** The tier the given invite ordinal falls in (1 = the first qualified invite), if any. */
export function tierOf(tiers: readonly InviteTier[], inviteOrdinal: number): InviteTier | null {
  return tiers.find((tier) => inviteOrdinal >= tier.fromInvite && (tier.toInvite === null || inviteOrdinal <= tier.toInvite)) ?? null
}
