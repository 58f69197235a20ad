export { couponDiscount, bestCoupon, CouponRuleSchema, type CouponRule, type CouponTerms, type CartLine, type CouponRejection } from './domain/coupon.ts';
export { mayBuy, type FlashSale, type FlashSaleRejection } from './domain/flash-sale.ts';
export {
  canJoin,
  recordPayment,
  expire,
  transitionGroup,
  transitionMember,
  groupDeadline,
  type Group,
  type GroupStatus,
  type GroupJoinRejection,
  type GroupLifecycleStatus,
  type MemberStatus,
} from './domain/group-buy.ts';
export { createPromotionService, groupBuyPaymentSubscriber, type PromotionService } from './promotion-service.ts';
export type { CouponService, CouponTemplateView, CouponView, NewCouponTemplate } from './coupon-service.ts';
export type { FlashSaleService, FlashSaleView, NewFlashSale, SkuDirectory } from './flash-sale-service.ts';
export type { GroupBuyService, GroupBuyActivityView, GroupView, MyGroupView, DueRefund, NewGroupBuyActivity } from './group-buy-service.ts';
export type { CheckoutPromotions, CheckoutPromotionInput, PromotionCartLine, PromotedCart } from './checkout-promotions.ts';
export { promotionErrors, type PromotionErrorCode } from './promotion-errors.ts';
export type { PromotionEventPayloads, PromotionEventType } from './promotion-events.ts';
export type { PromotionTables } from './promotion-tables.ts';
export { promotionAdminRoutes, promotionShopRoutes } from './promotion-routes.ts';
