/** Published through the outbox with the change that caused them. */
export interface ReviewEvents {
  'review.created': { reviewId: string; orderId: string; orderLineId: string; productId: string; supplierId: string; merchantId: string | null; rating: number };
  'review.replied': { reviewId: string; productId: string; organizationId: string };
  'review.hidden': { reviewId: string; productId: string; reason: string };
}

export function reviewEvent<T extends keyof ReviewEvents>(type: T, aggregateId: string, payload: ReviewEvents[T]) {
  return { type, aggregateId, payload };
}
