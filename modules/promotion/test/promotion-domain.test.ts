import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestCoupon, couponDiscount, CouponRuleSchema, type CouponTerms } from '../src/domain/coupon.ts';
import { canJoin, expire, groupDeadline, groupStatusesAccepting, memberStatusesAccepting, recordPayment, transitionGroup, transitionMember, type Group } from '../src/domain/group-buy.ts';
import { mayBuy } from '../src/domain/flash-sale.ts';

const now = new Date('2026-11-22T12:00:00+08:00');
const window = { validFrom: new Date('2026-11-01T00:00:00+08:00'), validUntil: new Date('2026-12-01T00:00:00+08:00'), productIds: [] };
const cart = [
  { productId: 'tea', lineTotalFen: 19800n },
  { productId: 'mask', lineTotalFen: 8900n },
];

describe('coupons', () => {
  it('applies 满减 only from the threshold', () => {
    const terms: CouponTerms = { ...window, rule: { kind: 'full_reduction', thresholdFen: 20000n, reductionFen: 3000n } };
    expect(couponDiscount(terms, cart, now)).toEqual({ ok: true, value: 3000n });
    const small = couponDiscount(terms, cart.slice(1), now);
    expect(small.ok).toBe(false);
    if (!small.ok) expect(small.code).toBe('coupon_threshold_not_met');
  });

  it('applies a 9折 discount with its cap, rounding down in fen', () => {
    const terms: CouponTerms = { ...window, rule: { kind: 'discount', rateBps: 1000, thresholdFen: 0n, maxDiscountFen: 2000n } };
    expect(couponDiscount(terms, [{ productId: 'x', lineTotalFen: 12345n }], now)).toEqual({ ok: true, value: 1234n });
    expect(couponDiscount(terms, cart, now)).toEqual({ ok: true, value: 2000n });
  });

  it('never takes off more than the goods with 无门槛', () => {
    const terms: CouponTerms = { ...window, rule: { kind: 'no_threshold', reductionFen: 5000n } };
    expect(couponDiscount(terms, [{ productId: 'x', lineTotalFen: 3000n }], now)).toEqual({ ok: true, value: 3000n });
  });

  it('respects the validity window and product scope', () => {
    const terms: CouponTerms = { ...window, productIds: ['tea'], rule: { kind: 'no_threshold', reductionFen: 500n } };
    expect(couponDiscount(terms, cart, new Date('2026-10-31T00:00:00+08:00'))).toMatchObject({ ok: false, code: 'coupon_not_started' });
    expect(couponDiscount(terms, cart, window.validUntil)).toMatchObject({ ok: false, code: 'coupon_expired' });
    expect(couponDiscount(terms, [{ productId: 'mask', lineTotalFen: 8900n }], now)).toMatchObject({ ok: false, code: 'coupon_not_applicable' });
  });

  it('never discounts more than the eligible goods, for any rule', () => {
    const ruleArbitrary = fc.oneof(
      fc.record({ kind: fc.constant('no_threshold' as const), reductionFen: fc.bigInt({ min: 1n, max: 10_000_000n }) }),
      fc.record({ kind: fc.constant('discount' as const), rateBps: fc.integer({ min: 1, max: 9_999 }), thresholdFen: fc.constant(0n) }),
    );
    fc.assert(
      fc.property(ruleArbitrary, fc.bigInt({ min: 1n, max: 100_000_000n }), (rule, totalFen) => {
        const result = couponDiscount({ ...window, rule }, [{ productId: 'x', lineTotalFen: totalFen }], now);
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.value >= 0n && result.value <= totalFen).toBe(true);
      }),
    );
  });

  it('validates operator-composed rules', () => {
    expect(CouponRuleSchema.safeParse({ kind: 'full_reduction', thresholdFen: 1000n, reductionFen: 1000n }).success).toBe(false);
    expect(CouponRuleSchema.safeParse({ kind: 'discount', rateBps: 10_000 }).success).toBe(false);
    expect(CouponRuleSchema.safeParse({ kind: 'discount', rateBps: 1500 }).success).toBe(true);
  });

  it('picks the coupon that saves the most', () => {
    const coupons = [
      { id: 'a', terms: { ...window, rule: { kind: 'no_threshold' as const, reductionFen: 1000n } } },
      { id: 'b', terms: { ...window, rule: { kind: 'full_reduction' as const, thresholdFen: 20000n, reductionFen: 3000n } } },
      { id: 'c', terms: { ...window, rule: { kind: 'full_reduction' as const, thresholdFen: 50000n, reductionFen: 9000n } } },
    ];
    expect(bestCoupon(coupons, cart, now)).toEqual({ coupon: coupons[1], discountFen: 3000n });
  });
});

describe('group buy', () => {
  const group: Group = { status: 'open', requiredMembers: 3, paidMemberIds: ['leader'], expiresAt: new Date(now.getTime() + 3_600_000) };

  it('succeeds when the last seat is paid', () => {
    const two = recordPayment(group, 'b', now);
    expect(two.ok && two.value.status).toBe('open');
    const three = two.ok ? recordPayment(two.value, 'c', now) : two;
    expect(three.ok && three.value.status).toBe('succeeded');
    if (three.ok) expect(recordPayment(three.value, 'd', now)).toMatchObject({ ok: false, code: 'group_closed' });
  });

  it('refuses a second seat for one member and late joiners', () => {
    expect(canJoin(group, 'leader', now)).toMatchObject({ ok: false, code: 'group_already_joined' });
    expect(canJoin(group, 'x', group.expiresAt)).toMatchObject({ ok: false, code: 'group_expired' });
  });

  it('fails at the deadline and refunds everyone who paid', () => {
    expect(expire(group, now).refundMemberIds).toEqual([]);
    const expired = expire(group, group.expiresAt);
    expect(expired.group.status).toBe('failed');
    expect(expired.refundMemberIds).toEqual(['leader']);
  });
});

describe('flash sale', () => {
  const sale = { startsAt: new Date(now.getTime() - 60_000), endsAt: new Date(now.getTime() + 60_000), quotaRemaining: 5, perBuyerLimit: 2 };
  it('lets a buyer in within the window, quota and limit', () => {
    expect(mayBuy(sale, 0, 2, now).ok).toBe(true);
    expect(mayBuy(sale, 1, 2, now)).toMatchObject({ ok: false, code: 'flash_sale_limit_reached' });
    expect(mayBuy({ ...sale, quotaRemaining: 1 }, 0, 2, now)).toMatchObject({ ok: false, code: 'flash_sale_sold_out' });
    expect(mayBuy(sale, 0, 1, sale.endsAt)).toMatchObject({ ok: false, code: 'flash_sale_ended' });
    expect(mayBuy(sale, 0, 1, new Date(sale.startsAt.getTime() - 1))).toMatchObject({ ok: false, code: 'flash_sale_not_started' });
  });
});

describe('group-buy lifecycle tables', () => {
  it('opens on the leader’s payment, succeeds when filled, fails or is abandoned otherwise', () => {
    expect(transitionGroup('pending', 'leader_paid')).toEqual({ ok: true, value: 'open' });
    expect(transitionGroup('open', 'filled')).toEqual({ ok: true, value: 'succeeded' });
    expect(transitionGroup('open', 'expire')).toEqual({ ok: true, value: 'failed' });
    expect(transitionGroup('pending', 'leader_left')).toEqual({ ok: true, value: 'abandoned' });
    expect(transitionGroup('succeeded', 'expire')).toMatchObject({ ok: false, code: 'invalid_group_transition' });
    expect(transitionGroup('pending', 'filled')).toMatchObject({ ok: false, code: 'invalid_group_transition' });
    expect(groupStatusesAccepting('expire').sort()).toEqual(['open', 'pending']);
  });

  it('moves a seat from pending to paid to refunded, and never refunds an unpaid one', () => {
    expect(transitionMember('pending', 'pay')).toEqual({ ok: true, value: 'paid' });
    expect(transitionMember('paid', 'group_failed')).toEqual({ ok: true, value: 'refund_due' });
    expect(transitionMember('refund_due', 'refunded')).toEqual({ ok: true, value: 'refunded' });
    expect(transitionMember('pending', 'group_failed')).toMatchObject({ ok: false });
    expect(transitionMember('refunded', 'refunded')).toMatchObject({ ok: false });
    expect(memberStatusesAccepting('leave')).toEqual(['pending']);
  });

  it('gives a group the time limit, but never past the offer’s end', () => {
    const end = new Date(now.getTime() + 30 * 60_000);
    expect(groupDeadline(now, 20, end)).toEqual(new Date(now.getTime() + 20 * 60_000));
    expect(groupDeadline(now, 60, end)).toEqual(end);
  });
});
