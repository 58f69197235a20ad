/**
 * Turns what a member typed as yuan ("100", "99.5", "12.30") into integer fen by its digits, never
 * through a float; null when it is not a positive amount with at most two decimals.
 */
export function parseYuanToFen(text: string): number | null {
  const match = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(text.trim())
  if (match === null) return null
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
  return Number.isSafeInteger(fen) && fen > 0 ? fen : null
}

/**
 * The platform's published withdrawal fee: 0.6% of the amount rounded up, at least ¥1, on top of the
 * amount; the minimum withdrawal is ¥10. The server charges the real fee and returns it; this is only
 * the estimate shown before the member confirms.
 */
export const WITHDRAWAL_FEE_RATE_BPS = 60
export const WITHDRAWAL_MINIMUM_FEE_FEN = 100
export const WITHDRAWAL_MINIMUM_FEN = 1_000

export function estimateFeeFen(amountFen: number): number {
  const byRate = Math.ceil((amountFen * WITHDRAWAL_FEE_RATE_BPS) / 10_000)
  return Math.max(byRate, WITHDRAWAL_MINIMUM_FEE_FEN)
}

/** A short, stable tag for a member or order in lists, instead of the full id. */
export function shortTag(id: string): string {
  return id.slice(-6).toUpperCase()
}
