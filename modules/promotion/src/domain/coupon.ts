import { err, ok, type Result } from '@linkmall/kernel';
import { z } from 'zod';

/**
 * Coupon rules are data an operator composes, validated here:
 *  - full_reduction (满减): spend at least `thresholdFen`, get `reductionFen` off;
 *  - discount (折扣): `rateBps` off the goods (1000 = 10 % off, i.e. 9折), at most `maxDiscountFen`,
 *    optionally from a threshold;
 *  - no_threshold (无门槛): `reductionFen` off any order, never more than the goods.
 */
const fen = z.bigint().min(0n);
export const CouponRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('full_reduction'), thresholdFen: fen, reductionFen: fen.min(1n) }).refine((rule) => rule.reductionFen < rule.thresholdFen, {
    message: 'the reduction must be below the threshold',
  }),
  z.object({
    kind: z.literal('discount'),
    rateBps: z.number().int().min(1).max(9_999),
    maxDiscountFen: fen.min(1n).optional(),
    thresholdFen: fen.default(0n),
  }),
  z.object({ kind: z.literal('no_threshold'), reductionFen: fen.min(1n) }),
]);
export type CouponRule = z.infer<typeof CouponRuleSchema>;

export interface CouponTerms {
  readonly rule: CouponRule;
  readonly validFrom: Date;
  readonly validUntil: Date;
  /** Products the coupon applies to; empty means the whole order. */
  readonly productIds: readonly string[];
}

export type CouponRejection = 'coupon_not_started' | 'coupon_expired' | 'coupon_threshold_not_met' | 'coupon_not_applicable';

export interface CartLine {
  readonly productId: string;
  readonly lineTotalFen: bigint;
}

/** How much a coupon takes off this cart now, or why it cannot be used. */
export function couponDiscount(terms: CouponTerms, cart: readonly CartLine[], now: Date): Result<bigint, CouponRejection> {
  if (now < terms.validFrom) return err('coupon_not_started');
  if (now >= terms.validUntil) return err('coupon_expired');
  const eligible = terms.productIds.length === 0 ? cart : cart.filter((line) => terms.productIds.includes(line.productId));
  const eligibleFen = eligible.reduce((sum, line) => sum + line.lineTotalFen, 0n);
  if (eligibleFen === 0n) return err('coupon_not_applicable');
  const rule = terms.rule;
  switch (rule.kind) {
    case 'full_reduction':
      return eligibleFen >= rule.thresholdFen ? ok(rule.reductionFen) : err('coupon_threshold_not_met', { thresholdFen: Number(rule.thresholdFen) });
    case 'discount': {
      if (eligibleFen < rule.thresholdFen) return err('coupon_threshold_not_met', { thresholdFen: Number(rule.thresholdFen) });
      // Rounded down in the buyer's disfavour by at most one fen, never over the cap.
      const discount = (eligibleFen * BigInt(rule.rateBps)) / 10_000n;
      return ok(rule.maxDiscountFen !== undefined && discount > rule.maxDiscountFen ? rule.maxDiscountFen : discount);
    }
    case 'no_threshold':
      return ok(rule.reductionFen < eligibleFen ? rule.reductionFen : eligibleFen);
  }
}

/** Of several usable coupons, the one that saves the most (ties: the one expiring first). */
export function bestCoupon<T extends { terms: CouponTerms }>(coupons: readonly T[], cart: readonly CartLine[], now: Date): { coupon: T; discountFen: bigint } | null {
  let best: { coupon: T; discountFen: bigint } | null = null;
  for (const coupon of coupons) {
    const discount = couponDiscount(coupon.terms, cart, now);
    if (!discount.ok) continue;
    if (
      !best ||
      discount.value > best.discountFen ||
      (discount.value === best.discountFen && coupon.terms.validUntil < best.coupon.terms.validUntil)
    ) {
      best = { coupon, discountFen: discount.value };
    }
  }
  return best;
}
