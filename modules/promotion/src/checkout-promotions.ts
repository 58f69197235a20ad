import { err, ok, type RequestContext, type Result } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import type { CouponService } from './coupon-service.ts';
import type { FlashSaleService } from './flash-sale-service.ts';
import type { GroupBuyService } from './group-buy-service.ts';
import type { PromotionErrorCode } from './promotion-errors.ts';

/** A cart line as checkout priced it from the catalog or the storefront. */
export interface PromotionCartLine {
  readonly skuId: string;
  readonly productId: string;
  readonly quantity: number;
  readonly unitPriceFen: bigint;
  /** Bought at this flash sale's price. */
  readonly flashSaleId?: string | null;
}

export interface CheckoutPromotionInput {
  readonly merchantId: string | null;
  readonly couponId?: string | null;
  /** Open a group (no groupId) or join one, for the offer's one SKU. */
  readonly groupBuy?: { readonly activityId: string; readonly groupId?: string | null } | null;
  readonly lines: readonly PromotionCartLine[];
}

/** The cart after promotions: a unit price per line (same order), the order discount and the lines it may be spread over. */
export interface PromotedCart {
  readonly unitPricesFen: bigint[];
  readonly discountFen: bigint;
  /** Weights to spread the coupon over: a line's total if the coupon covers it, else 0. */
  readonly discountWeights: bigint[];
}

/**
 * What checkout asks of promotions, in its transaction: `price` before the order is written (reads
 * only), `commit` after (guarded quota, limit, seat and coupon writes; a failure must roll the whole
 * checkout back), `release` when an unpaid order ends.
 */
export function createCheckoutPromotions(coupons: CouponService, flashSales: FlashSaleService, groupBuys: GroupBuyService) {
  return {
    async price(tx: Db, ctx: RequestContext, input: CheckoutPromotionInput): Promise<Result<PromotedCart, PromotionErrorCode>> {
      const unitPricesFen = input.lines.map((line) => line.unitPriceFen);
      const promoted = input.lines.map(() => false);
      if (input.groupBuy) {
        // A group-buy order is the offer's one SKU at the group price, nothing else.
        if (input.lines.length !== 1 || input.lines[0]!.flashSaleId) return err('group_buy_cart_invalid');
        const price = await groupBuys.priceFor(tx, ctx, input.groupBuy.activityId, input.lines[0]!.skuId, input.merchantId);
        if (!price.ok) return price;
        unitPricesFen[0] = price.value;
        promoted[0] = true;
      }
      for (const [index, line] of input.lines.entries()) {
        if (!line.flashSaleId) continue;
        const price = await flashSales.priceFor(tx, ctx, { flashSaleId: line.flashSaleId, skuId: line.skuId, quantity: line.quantity }, input.merchantId);
        if (!price.ok) return price;
        unitPricesFen[index] = price.value;
        promoted[index] = true;
      }
      const totals = input.lines.map((line, index) => unitPricesFen[index]! * BigInt(line.quantity));
      // Promotional prices do not stack with coupons: the coupon sees only the lines at their normal price.
      const discountWeights = totals.map((total, index) => (promoted[index] ? 0n : total));
      if (!input.couponId) return ok({ unitPricesFen, discountFen: 0n, discountWeights });
      const cart = input.lines.flatMap((line, index) => (promoted[index] ? [] : [{ productId: line.productId, lineTotalFen: totals[index]! }]));
      if (cart.length === 0) return err('coupon_not_applicable');
      const discount = await coupons.discountFor(tx, ctx, input.couponId, input.merchantId, cart);
      if (!discount.ok) return discount;
      // A product-scoped coupon is spread over the products it covers only.
      const scoped = discount.value.productIds;
      const weights = discountWeights.map((weight, index) => (scoped.length === 0 || scoped.includes(input.lines[index]!.productId) ? weight : 0n));
      return ok({ unitPricesFen, discountFen: discount.value.discountFen, discountWeights: weights });
    },

    async commit(tx: Db, ctx: RequestContext, orderId: string, input: CheckoutPromotionInput, cart: PromotedCart): Promise<Result<{ groupId: string | null }, PromotionErrorCode>> {
      // Sorted by SKU like the stock, so two flash-sale carts lock quota rows in the same order.
      const flashLines = input.lines.filter((line) => line.flashSaleId).sort((a, b) => a.skuId.localeCompare(b.skuId));
      for (const line of flashLines) {
        const taken = await flashSales.take(tx, ctx, orderId, { flashSaleId: line.flashSaleId!, skuId: line.skuId, quantity: line.quantity });
        if (!taken.ok) return taken;
      }
      let groupId: string | null = null;
      if (input.groupBuy) {
        const joined = await groupBuys.join(tx, ctx, orderId, input.groupBuy);
        if (!joined.ok) return joined;
        groupId = joined.value;
      }
      if (input.couponId && !(await coupons.redeem(tx, ctx, input.couponId, orderId, cart.discountFen))) return err('coupon_unavailable');
      return ok({ groupId });
    },

    async release(tx: Db, ctx: RequestContext, orderId: string): Promise<void> {
      await flashSales.releaseForOrder(tx, ctx, orderId);
      await groupBuys.releaseForOrder(tx, ctx, orderId);
      await coupons.returnForOrder(tx, ctx, orderId);
    },
  };
}
export type CheckoutPromotions = ReturnType<typeof createCheckoutPromotions>;
