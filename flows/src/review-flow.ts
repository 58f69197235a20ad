import { err, type RequestContext, type Result } from '@linkmall/kernel';
import type { FulfilmentService, OrderErrorCode } from '@linkmall/order';
import type { NewReview, ReviewErrorCode, ReviewService, ReviewView } from '@linkmall/review';

export interface LineReviewInput {
  readonly orderLineId: string;
  readonly rating: number;
  readonly content: string;
  readonly photoUrls: readonly string[];
  readonly anonymous: boolean;
}

/** Parcels the buyer has in hand: received, or completed once the after-sales window closed. */
const REVIEWABLE = new Set(['received', 'completed']);

/**
 * Reviewing spans two modules: the order says whose lines these are and whether they arrived; the
 * review module keeps each line to one review. A line moves only forward from received, so the check
 * cannot be invalidated by the time the review is written.
 */
export function createReviewFlow(deps: { fulfilment: FulfilmentService; reviews: ReviewService }) {
  return {
    async review(ctx: RequestContext, orderId: string, input: { reviews: readonly LineReviewInput[] }): Promise<Result<ReviewView[], OrderErrorCode | ReviewErrorCode>> {
      const order = await deps.fulfilment.linesForReview(ctx, orderId);
      if (!order.ok) return order;
      const lines = new Map(order.value.lines.map((line) => [line.id, line]));
      const seen = new Set<string>();
      const reviews: NewReview[] = [];
      for (const review of input.reviews) {
        if (seen.has(review.orderLineId)) return err('review_duplicate_line', { orderLineId: review.orderLineId });
        seen.add(review.orderLineId);
        const line = lines.get(review.orderLineId);
        if (!line) return err('review_line_not_in_order', { orderLineId: review.orderLineId });
        if (!REVIEWABLE.has(line.status)) return err('review_not_received', { orderLineId: line.id, status: line.status });
        reviews.push({ ...review, subOrderId: line.subOrderId, supplierId: line.supplierId, productId: line.productId, skuId: line.skuId, specs: line.specs });
      }
      return deps.reviews.create(ctx, { orderId, merchantId: order.value.merchantId, reviews });
    },
  };
}
export type ReviewFlow = ReturnType<typeof createReviewFlow>;
