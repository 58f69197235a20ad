import { defineRoute, jsonResponse, OpenAPIHono, publicAccess, type AppEnv } from '@linkmall/http';
import type { RecommendationItem, RecommendationModule } from './recommendation-service.ts';
import { RecommendationListSchema, RecommendationQuerySchema } from './recommendation-schemas.ts';

const toJson = (item: RecommendationItem) => ({ ...item, retailPriceFen: Number(item.retailPriceFen) });

/** 猜你喜欢 on the shop home: for the signed-in member, a card visitor, or anyone with a region hint. */
export function recommendationShopRoutes(recommendations: RecommendationModule) {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(publicAccess, {
      method: 'get',
      path: '/recommendations',
      tags: ['Shop'],
      summary: 'You may also like: item-to-item from purchases and card clicks, else popular in the region, else popular; only products on sale and in stock in the scope',
      request: { query: RecommendationQuerySchema },
      responses: { 200: jsonResponse(RecommendationListSchema, 'Recommendations, best first') },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const items = await recommendations.recommend({
        userId: c.var.ctx.actor?.userId ?? null,
        visitorId: query.visitorId ?? null,
        region: query.province ? { province: query.province, city: query.city ?? '' } : null,
        storeId: query.storeId ?? null,
        scope: { merchantId: query.merchantId ?? null },
        limit: query.limit,
      });
      return c.json({ items: items.map(toJson) }, 200);
    },
  );
}
