export { CouponRuleSchema, couponDiscount, bestCoupon, type CouponRule, type CouponTerms, type CouponRejection, type CartLine } from './domain/coupon.ts';
export { canJoin, recordPayment, expire, type Group, type GroupStatus, type GroupJoinRejection } from './domain/group-buy.ts';
export { mayBuy, type FlashSale, type FlashSaleRejection } from './domain/flash-sale.ts';
