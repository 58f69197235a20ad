import { authenticated, defineRoute, idParam, jsonResponse, OpenAPIHono, unwrap, z, type AppEnv } from '@linkmall/http';
import { CreateReviewsSchema, ReviewSchema } from '@linkmall/review';
import type { ReviewFlow } from './review-flow.ts';

/** Buyers review the received lines of their order, each line once. */
export function reviewOrderShopRoutes(flow: ReviewFlow) {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(authenticated, {
      method: 'post',
      path: '/orders/{id}/reviews',
      tags: ['Reviews'],
      summary: 'Review received lines of one’s order (1–5 stars, up to 500 characters, up to 9 photos, optionally anonymous), all or none',
      request: { params: z.object({ id: idParam('ord') }), body: { content: { 'application/json': { schema: CreateReviewsSchema } }, required: true } },
      responses: { 201: jsonResponse(z.object({ items: z.array(ReviewSchema) }).openapi('CreatedReviews'), 'The reviews'), 422: jsonResponse(z.any(), 'A line not in the order, or listed twice') },
    }),
    async (c) => c.json({ items: unwrap(await flow.review(c.var.ctx, c.req.valid('param').id, c.req.valid('json'))) }, 201),
  );
}
