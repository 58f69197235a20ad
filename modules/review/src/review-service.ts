import { err, newId, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, isUniqueViolation, type Db, type PageRequest } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import { maskName } from './domain/mask-name.ts';
import type { ReviewErrorCode } from './review-errors.ts';
import { reviewEvent } from './review-events.ts';
import { reviewStore, type StaffFilter } from './review-store.ts';
import { auditSnapshot, toPublicView, toReviewView, type PublicReviewView, type ReviewView } from './review-view.ts';

/** One line's review as the buyer wrote it, with what the order says about that line. */
export interface NewReview {
  readonly orderLineId: string;
  readonly subOrderId: string;
  readonly supplierId: string;
  readonly productId: string;
  readonly skuId: string;
  readonly specs: string;
  readonly rating: number;
  readonly content: string;
  readonly photoUrls: readonly string[];
  readonly anonymous: boolean;
}

export interface ProductRatingSummary {
  /** Mean of visible ratings to one decimal, or null before the first review. */
  averageRating: number | null;
  count: number;
  /** How many visible reviews gave 1 … 5 stars. */
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
}

export function createReviewService(db: Db) {
  return {
    /**
     * Writes the buyer's reviews of some lines of one order, all or none. The caller (the review flow)
     * has checked with the order that the lines are the buyer's and received; this checks "once".
     */
    async create(ctx: RequestContext, input: { orderId: string; merchantId: string | null; reviews: readonly NewReview[] }): Promise<Result<ReviewView[], ReviewErrorCode>> {
      const actor = ctx.actor!;
      const now = ctx.clock.now();
      try {
        return await inTransaction(db, async (tx) => {
          const already = await reviewStore.reviewedLines(tx, input.reviews.map((review) => review.orderLineId));
          if (already.length > 0) return err('review_exists', { orderLineIds: already });
          const rows = await reviewStore.insert(
            tx,
            input.reviews.map((review) => ({
              id: newId('rvw', now.getTime()),
              order_id: input.orderId,
              sub_order_id: review.subOrderId,
              order_line_id: review.orderLineId,
              product_id: review.productId,
              sku_id: review.skuId,
              specs: review.specs,
              buyer_user_id: actor.userId,
              buyer_name_masked: maskName(actor.displayName),
              supplier_id: review.supplierId,
              merchant_id: input.merchantId,
              rating: review.rating,
              content: review.content,
              photo_urls: [...review.photoUrls],
              anonymous: review.anonymous,
              status: 'visible' as const,
              created_at: now,
            })),
          );
          for (const row of rows) {
            await publishEvent(
              tx,
              ctx,
              reviewEvent('review.created', row.id, { reviewId: row.id, orderId: row.order_id, orderLineId: row.order_line_id, productId: row.product_id, supplierId: row.supplier_id, merchantId: row.merchant_id, rating: row.rating }),
            );
          }
          return ok(rows.map((row) => toReviewView(row, ctx.locale)));
        });
      } catch (error) {
        // A concurrent request reviewed the same line between our check and our insert.
        if (isUniqueViolation(error, 'reviews_order_line_key')) return err('review_exists', { orderLineIds: [] });
        throw error;
      }
    },

    async summary(productId: string): Promise<ProductRatingSummary> {
      const counts = await reviewStore.summaryOfProduct(db, productId);
      const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
      let count = 0;
      let stars = 0;
      for (const { rating, count: n } of counts) {
        distribution[String(rating) as keyof typeof distribution] = n;
        count += n;
        stars += rating * n;
      }
      return { averageRating: count === 0 ? null : Math.round((stars / count) * 10) / 10, count, distribution };
    },

    /** Visible reviews of a product, newest first, for its detail page. */
    async listForProduct(ctx: RequestContext, productId: string, request: PageRequest): Promise<{ items: PublicReviewView[]; total: number }> {
      const { rows, total } = await reviewStore.visibleOfProduct(db, productId, request);
      return { items: rows.map((row) => toPublicView(row, ctx.locale)), total };
    },

    /** The buyer's own reviews, hidden ones included (with why), newest first. */
    async listMine(ctx: RequestContext, request: PageRequest): Promise<{ items: ReviewView[]; total: number }> {
      const { rows, total } = await reviewStore.listScoped(db, { kind: 'self', userId: ctx.actor!.userId }, {}, request);
      return { items: rows.map((row) => toReviewView(row, ctx.locale)), total };
    },

    /** Staff: reviews in their data scope (a supplier's products, a merchant's sales, or all). */
    async listForStaff(ctx: RequestContext, filter: StaffFilter & PageRequest): Promise<{ items: ReviewView[]; total: number }> {
      const scope = ctx.actor!.scope;
      if (scope.kind === 'self') return { items: [], total: 0 };
      const { rows, total } = await reviewStore.listScoped(db, scope, filter, filter);
      return { items: rows.map((row) => toReviewView(row, ctx.locale)), total };
    },

    /** The merchant who sold the item or the supplier who made it replies, once per review. Audited. */
    async reply(ctx: RequestContext, id: string, content: string): Promise<Result<ReviewView, ReviewErrorCode>> {
      const actor = ctx.actor!;
      return inTransaction(db, async (tx) => {
        const before = await reviewStore.find(tx, id, actor.scope, { forUpdate: true });
        if (!before || actor.scope.kind === 'self') return err('review_not_found');
        // Platform staff see every review but speak for no seller.
        if (actor.scope.kind === 'all') return err('review_reply_forbidden');
        const organizationId = actor.scope.kind === 'supplier' ? actor.scope.supplierId : actor.scope.merchantId;
        const after = await reviewStore.reply(tx, id, { content, by: actor.userId, organizationId, now: ctx.clock.now() });
        if (!after) return err('review_already_replied');
        await recordAudit(tx, ctx, { action: 'review.replied', entityType: 'review', entityId: id, organizationId, before: auditSnapshot(before), after: auditSnapshot(after) });
        await publishEvent(tx, ctx, reviewEvent('review.replied', id, { reviewId: id, productId: after.product_id, organizationId }));
        return ok(toReviewView(after, ctx.locale));
      });
    },

    /** The platform hides a review from the product page, with a reason the buyer sees. Audited. */
    async hide(ctx: RequestContext, id: string, reason: string): Promise<Result<ReviewView, ReviewErrorCode>> {
      const actor = ctx.actor!;
      return inTransaction(db, async (tx) => {
        // Only platform-wide staff moderate; to anyone else the review is simply not theirs to touch.
        if (actor.scope.kind !== 'all') return err('review_not_found');
        const before = await reviewStore.find(tx, id, actor.scope, { forUpdate: true });
        if (!before) return err('review_not_found');
        const after = await reviewStore.hide(tx, id, { reason, by: actor.userId, now: ctx.clock.now() });
        if (!after) return err('review_already_hidden');
        await recordAudit(tx, ctx, { action: 'review.hidden', entityType: 'review', entityId: id, organizationId: before.supplier_id, before: auditSnapshot(before), after: auditSnapshot(after) });
        await publishEvent(tx, ctx, reviewEvent('review.hidden', id, { reviewId: id, productId: after.product_id, reason }));
        return ok(toReviewView(after, ctx.locale));
      });
    },
  };
}
export type ReviewService = ReturnType<typeof createReviewService>;
