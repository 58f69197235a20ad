/**
 * Facts promotions publish through the outbox (plain JSON, fen as integers), written in the
 * transaction that makes the change.
 */
export interface PromotionEventPayloads {
  'coupon_template.created': { templateId: string; merchantId: string | null };
  'coupon_template.ended': { templateId: string; merchantId: string | null };
  'coupon.claimed': { couponId: string; templateId: string; userId: string };
  'coupon.redeemed': { couponId: string; orderId: string; userId: string; discountFen: number };
  'coupon.returned': { couponId: string; orderId: string; userId: string };
  'flash_sale.created': { flashSaleId: string; merchantId: string | null };
  'flash_sale.ended': { flashSaleId: string; merchantId: string | null };
  'group_buy_activity.created': { activityId: string; merchantId: string | null };
  'group_buy_activity.ended': { activityId: string; merchantId: string | null };
  'group_buy.opened': { groupId: string; activityId: string; leaderUserId: string };
  'group_buy.succeeded': { groupId: string; activityId: string; orderIds: string[] };
  'group_buy.failed': { groupId: string; activityId: string; refundOrderIds: string[] };
  'group_buy.member_refunded': { groupId: string; orderId: string; userId: string };
}
export type PromotionEventType = keyof PromotionEventPayloads;

export interface PromotionEvent<T extends PromotionEventType = PromotionEventType> {
  readonly type: T;
  readonly aggregateId: string;
  readonly payload: PromotionEventPayloads[T];
}

/** Builds an event with its payload checked against the type. */
export const promotionEvent = <T extends PromotionEventType>(type: T, aggregateId: string, payload: PromotionEventPayloads[T]): PromotionEvent<T> => ({ type, aggregateId, payload });
