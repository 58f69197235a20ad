import { authenticated, defineRoute, idParam, jsonResponse, OpenAPIHono, pageOf, PageQuerySchema, publicAccess, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import type { ReviewService } from './review-service.ts';
import { HideSchema, PublicReviewSchema, RatingSummarySchema, ReplySchema, ReviewSchema } from './review-schemas.ts';

const ReviewIdParams = z.object({ id: idParam('rvw') });

/** Shoppers: a product's rating and visible reviews (anyone), and one's own reviews. */
export function reviewShopRoutes(reviews: ReviewService) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(publicAccess, {
        method: 'get',
        path: '/products/{id}/reviews',
        tags: ['Reviews'],
        summary: 'A product’s average rating and count, and a page of its visible reviews (buyer names masked), newest first',
        request: { params: z.object({ id: idParam('prd') }), query: PageQuerySchema },
        responses: {
          200: jsonResponse(
            z.object({ summary: RatingSummarySchema, items: z.array(PublicReviewSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }).openapi('ProductReviews'),
            'The rating and a page of reviews',
          ),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const query = c.req.valid('query');
        const [summary, { items, total }] = await Promise.all([reviews.summary(id), reviews.listForProduct(c.var.ctx, id, query)]);
        return c.json({ summary, items, total, page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'get',
        path: '/me/reviews',
        tags: ['Reviews'],
        summary: 'The signed-in buyer’s reviews, hidden ones included, newest first',
        request: { query: PageQuerySchema },
        responses: { 200: jsonResponse(pageOf(ReviewSchema, 'ReviewPage'), 'A page of reviews') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        const { items, total } = await reviews.listMine(c.var.ctx, query);
        return c.json({ items, total, page: query.page, pageSize: query.pageSize }, 200);
      },
    );
}

/** Staff: reviews in their scope; sellers reply once; the platform hides. */
export function reviewAdminRoutes(reviews: ReviewService) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(requires('order.read'), {
        method: 'get',
        path: '/reviews',
        tags: ['Reviews'],
        summary: 'Reviews in the caller’s scope (a supplier’s products, a merchant’s sales, all for the platform), newest first',
        request: {
          query: PageQuerySchema.extend({
            productId: z.string().regex(/^prd_[0-9a-z]{26}$/).optional(),
            rating: z.coerce.number().int().min(1).max(5).optional(),
            status: z.enum(['visible', 'hidden']).optional(),
            replied: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
          }),
        },
        responses: { 200: jsonResponse(pageOf(ReviewSchema, 'StaffReviewPage'), 'A page of reviews') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        const { items, total } = await reviews.listForStaff(c.var.ctx, query);
        return c.json({ items, total, page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(requires('after_sales.handle'), {
        method: 'post',
        path: '/reviews/{id}/reply',
        tags: ['Reviews'],
        summary: 'Reply to a review, once, as the merchant who sold or the supplier who supplied the item (audited)',
        request: { params: ReviewIdParams, body: { content: { 'application/json': { schema: ReplySchema } }, required: true } },
        responses: { 200: jsonResponse(ReviewSchema, 'The review with its reply') },
      }),
      async (c) => c.json(unwrap(await reviews.reply(c.var.ctx, c.req.valid('param').id, c.req.valid('json').content)), 200),
    )
    .openapi(
      defineRoute(requires('catalog.review'), {
        method: 'post',
        path: '/reviews/{id}/hide',
        tags: ['Reviews'],
        summary: 'Hide a review from the product page, with a reason (platform only, audited)',
        request: { params: ReviewIdParams, body: { content: { 'application/json': { schema: HideSchema } }, required: true } },
        responses: { 200: jsonResponse(ReviewSchema, 'The hidden review') },
      }),
      async (c) => c.json(unwrap(await reviews.hide(c.var.ctx, c.req.valid('param').id, c.req.valid('json').reason)), 200),
    );
}
