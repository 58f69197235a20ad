import { describe, expect, it } from 'vitest'
import type { CouponRule } from './api-types'
import { bestCouponId, couponFace, formatCountdown, previewCoupon } from './promotions'

const fullReduction: CouponRule = { kind: 'full_reduction', thresholdFen: 19_900, reductionFen: 2_000, rateBps: null, maxDiscountFen: null }
const tenPercentOff: CouponRule = { kind: 'discount', thresholdFen: 0, reductionFen: null, rateBps: 1_000, maxDiscountFen: 5_000 }
const fiveOff: CouponRule = { kind: 'no_threshold', thresholdFen: 0, reductionFen: 500, rateBps: null, maxDiscountFen: null }

describe('coupon preview', () => {
  it('follows the threshold, the rate (rounded down), the cap and the eligible products', () => {
    expect(previewCoupon(fullReduction, [], [{ productId: 'prd_a', lineTotalFen: 19_800 }])).toEqual({ usable: false, reason: 'threshold', thresholdFen: 19_900 })
    expect(previewCoupon(fullReduction, [], [{ productId: 'prd_a', lineTotalFen: 19_900 }])).toEqual({ usable: true, discountFen: 2_000 })
    expect(previewCoupon(tenPercentOff, [], [{ productId: 'prd_a', lineTotalFen: 19_899 }])).toEqual({ usable: true, discountFen: 1_989 })
    expect(previewCoupon(tenPercentOff, [], [{ productId: 'prd_a', lineTotalFen: 90_000 }])).toEqual({ usable: true, discountFen: 5_000 })
    expect(previewCoupon(fiveOff, [], [{ productId: 'prd_a', lineTotalFen: 300 }])).toEqual({ usable: true, discountFen: 300 })
    expect(previewCoupon(fiveOff, ['prd_b'], [{ productId: 'prd_a', lineTotalFen: 300 }])).toMatchObject({ usable: false, reason: 'products' })
  })

  it('picks the coupon that saves the most', () => {
    const coupons = [
      { id: 'a', rule: fullReduction, productIds: [], validUntil: '2026-12-01T00:00:00Z' },
      { id: 'b', rule: fiveOff, productIds: [], validUntil: '2026-12-01T00:00:00Z' },
    ]
    expect(bestCouponId(coupons, [{ productId: 'prd_a', lineTotalFen: 19_800 }])).toBe('b')
    expect(bestCouponId(coupons, [{ productId: 'prd_a', lineTotalFen: 36_800 }])).toBe('a')
  })
})

describe('coupon face and countdown', () => {
  it('words the rule in both languages', () => {
    expect(couponFace(tenPercentOff, 'zh-CN')).toBe('9折')
    expect(couponFace(tenPercentOff, 'en')).toBe('10% off')
    expect(couponFace(fullReduction, 'zh-CN')).toBe('¥20')
  })

  it('counts down in days, hours, minutes and seconds, never below zero', () => {
    expect(formatCountdown(3_723_000, 'zh-CN')).toBe('01:02:03')
    expect(formatCountdown(86_400_000 + 5_000, 'en')).toBe('1d 00:00:05')
    expect(formatCountdown(-5, 'zh-CN')).toBe('00:00:00')
  })
})
