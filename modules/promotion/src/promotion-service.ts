import type { Db } from '@linkmall/db';
import type { Subscriber } from '@linkmall/events';
import { createCheckoutPromotions } from './checkout-promotions.ts';
import { createCouponService } from './coupon-service.ts';
import { createFlashSaleService, type SkuDirectory } from './flash-sale-service.ts';
import { createGroupBuyService } from './group-buy-service.ts';

/** The promotion module: coupons, flash sales and group buys over one database, plus what checkout needs of them. */
export function createPromotionService(db: Db, dependencies: { skus: SkuDirectory }) {
  const coupons = createCouponService(db);
  const flashSales = createFlashSaleService(db, dependencies.skus);
  const groupBuys = createGroupBuyService(db, dependencies.skus);
  return { coupons, flashSales, groupBuys, checkout: createCheckoutPromotions(coupons, flashSales, groupBuys) };
}
export type PromotionService = ReturnType<typeof createPromotionService>;

/**
 * A paid order takes its group-buy seat. It listens to `order.paid` from the outbox, so the seat
 * changes exactly once per payment, in the delivery's transaction, without the payment flow knowing
 * about group buys.
 */
export function groupBuyPaymentSubscriber(promotion: PromotionService): Subscriber {
  return {
    name: 'promotion.group-buy-payments',
    eventTypes: ['order.paid'],
    handle: async (tx, event, ctx) => {
      const { orderId } = event.payload as { orderId: string };
      await promotion.groupBuys.recordPayment(tx, ctx, orderId);
    },
  };
}
