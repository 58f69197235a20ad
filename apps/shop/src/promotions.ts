import type { CouponRule } from './api-types'
import type { Locale } from './i18n/locale'
import { formatFen } from './money'

/** A cart line as far as a coupon cares: which product, and what it costs in total. */
export interface CouponCartLine {
  productId: string
  lineTotalFen: number
}

export type CouponPreview = { usable: true; discountFen: number } | { usable: false; reason: 'threshold' | 'products'; thresholdFen: number }

/** "¥199" rather than "¥199.00" where the amount is whole yuan: coupon faces stay short. */
function shortYuan(amountFen: number): string {
  const text = formatFen(amountFen)
  return text.endsWith('.00') ? text.slice(0, -3) : text
}

/** The coupon's face: the big number on the left of the ticket ("¥20", "9折" / "10% off"). */
export function couponFace(rule: CouponRule, locale: Locale): string {
  if (rule.kind === 'discount' && rule.rateBps !== null) {
    const tenths = (10_000 - rule.rateBps) / 1000
    return locale === 'en' ? `${rule.rateBps / 100}% off` : `${Number.isInteger(tenths) ? tenths : tenths.toFixed(1)}折`
  }
  return shortYuan(rule.reductionFen ?? 0)
}

/** The rule in words: "满¥199可用", "无门槛", "最高减¥50". */
export function couponCondition(rule: CouponRule, locale: Locale): string {
  const en = locale === 'en'
  const parts: string[] = []
  if (rule.thresholdFen > 0) parts.push(en ? `Orders over ${shortYuan(rule.thresholdFen)}` : `满${shortYuan(rule.thresholdFen)}可用`)
  else parts.push(en ? 'No minimum spend' : '无门槛')
  if (rule.kind === 'discount' && rule.maxDiscountFen !== null) parts.push(en ? `up to ${shortYuan(rule.maxDiscountFen)} off` : `最高减${shortYuan(rule.maxDiscountFen)}`)
  return parts.join(en ? ', ' : '，')
}

/**
 * What the coupon would take off these lines, following the promotion module's rules (eligible
 * products only, threshold, rate rounded down, cap). Only a preview: the order the API prices is
 * what the shopper pays.
 */
export function previewCoupon(rule: CouponRule, productIds: readonly string[], lines: readonly CouponCartLine[]): CouponPreview {
  const eligible = productIds.length === 0 ? lines : lines.filter((line) => productIds.includes(line.productId))
  const eligibleFen = eligible.reduce((sum, line) => sum + line.lineTotalFen, 0)
  if (eligibleFen === 0) return { usable: false, reason: 'products', thresholdFen: rule.thresholdFen }
  if (eligibleFen < rule.thresholdFen) return { usable: false, reason: 'threshold', thresholdFen: rule.thresholdFen }
  switch (rule.kind) {
    case 'full_reduction':
      return { usable: true, discountFen: rule.reductionFen ?? 0 }
    case 'discount': {
      const discountFen = Math.floor((eligibleFen * (rule.rateBps ?? 0)) / 10_000)
      return { usable: true, discountFen: rule.maxDiscountFen !== null ? Math.min(discountFen, rule.maxDiscountFen) : discountFen }
    }
    case 'no_threshold':
      return { usable: true, discountFen: Math.min(rule.reductionFen ?? 0, eligibleFen) }
  }
}

/** The usable coupon that saves the most, if any (ties: the one expiring first). */
export function bestCouponId<T extends { id: string; rule: CouponRule; productIds: string[]; validUntil: string }>(
  coupons: readonly T[],
  lines: readonly CouponCartLine[],
): string | undefined {
  let best: { id: string; discountFen: number; validUntil: string } | undefined
  for (const coupon of coupons) {
    const preview = previewCoupon(coupon.rule, coupon.productIds, lines)
    if (!preview.usable || preview.discountFen <= 0) continue
    if (best === undefined || preview.discountFen > best.discountFen || (preview.discountFen === best.discountFen && coupon.validUntil < best.validUntil)) {
      best = { id: coupon.id, discountFen: preview.discountFen, validUntil: coupon.validUntil }
    }
  }
  return best?.id
}

/** "02:13:05" (or "1天 02:13:05" / "1d 02:13:05") until `targetMs`; never negative. */
export function formatCountdown(remainingMs: number, locale: Locale): string {
  const totalSeconds = Math.max(0, Math.floor(remainingMs / 1000))
  const days = Math.floor(totalSeconds / 86_400)
  const hours = Math.floor((totalSeconds % 86_400) / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const seconds = totalSeconds % 60
  const clock = [hours, minutes, seconds].map((part) => String(part).padStart(2, '0')).join(':')
  if (days === 0) return clock
  return locale === 'en' ? `${days}d ${clock}` : `${days}天 ${clock}`
}
