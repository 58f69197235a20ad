import { authenticated, defineRoute, idParam, jsonResponse, OpenAPIHono, pageOf, PageQuerySchema, publicAccess, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import type { PromotionService } from './promotion-service.ts';
import {
  ChannelQuerySchema,
  ClaimableCouponSchema,
  CouponSchema,
  CouponTemplateSchema,
  FlashSaleSchema,
  GroupBuyActivitySchema,
  GroupSchema,
  MyGroupSchema,
  NewCouponTemplateSchema,
  NewFlashSaleSchema,
  NewGroupBuyActivitySchema,
  toNewCouponTemplate,
} from './promotion-schemas.ts';

const WRITE = requires('promotion.write');
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

/** Console: coupons, flash sales and group buys of the caller's scope (a merchant its own, the platform all). */
export function promotionAdminRoutes(promotion: PromotionService) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(WRITE, {
        method: 'post',
        path: '/promotions/coupons',
        tags: ['Promotions'],
        summary: 'Issue a coupon template (满减 / 折扣 / 无门槛); a merchant’s coupons work in its storefront only',
        request: body(NewCouponTemplateSchema),
        responses: { 201: jsonResponse(CouponTemplateSchema, 'The coupon template') },
      }),
      async (c) => c.json(unwrap(await promotion.coupons.createTemplate(c.var.ctx, toNewCouponTemplate(c.req.valid('json')))), 201),
    )
    .openapi(
      defineRoute(WRITE, {
        method: 'get',
        path: '/promotions/coupons',
        tags: ['Promotions'],
        summary: 'Coupon templates in the caller’s scope, newest first',
        request: { query: PageQuerySchema.extend({ status: z.enum(['active', 'ended']).optional() }) },
        responses: { 200: jsonResponse(pageOf(CouponTemplateSchema, 'CouponTemplatePage'), 'A page of coupon templates') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        return c.json({ ...(await promotion.coupons.listTemplates(c.var.ctx, query)), page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(WRITE, {
        method: 'post',
        path: '/promotions/coupons/{id}/end',
        tags: ['Promotions'],
        summary: 'Stop issuing a coupon; coupons already claimed stay usable until they expire',
        request: { params: z.object({ id: idParam('cpt') }) },
        responses: { 200: jsonResponse(CouponTemplateSchema, 'The ended template') },
      }),
      async (c) => c.json(unwrap(await promotion.coupons.endTemplate(c.var.ctx, c.req.valid('param').id)), 200),
    )
    .openapi(
      defineRoute(WRITE, {
        method: 'post',
        path: '/promotions/flash-sales',
        tags: ['Promotions'],
        summary: 'Create a flash sale (秒杀): a time window, per-SKU flash price, quota and per-user limit',
        request: body(NewFlashSaleSchema),
        responses: { 201: jsonResponse(FlashSaleSchema, 'The flash sale') },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const sale = {
          name: input.name,
          startsAt: new Date(input.startsAt),
          endsAt: new Date(input.endsAt),
          items: input.items.map((item) => ({ ...item, flashPriceFen: BigInt(item.flashPriceFen) })),
        };
        return c.json(unwrap(await promotion.flashSales.create(c.var.ctx, sale)), 201);
      },
    )
    .openapi(
      defineRoute(WRITE, {
        method: 'get',
        path: '/promotions/flash-sales',
        tags: ['Promotions'],
        summary: 'Flash sales in the caller’s scope, latest first, with quota left',
        request: { query: PageQuerySchema },
        responses: { 200: jsonResponse(pageOf(FlashSaleSchema, 'FlashSalePage'), 'A page of flash sales') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        return c.json({ ...(await promotion.flashSales.list(c.var.ctx, query)), page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(WRITE, {
        method: 'post',
        path: '/promotions/flash-sales/{id}/end',
        tags: ['Promotions'],
        summary: 'End a flash sale early',
        request: { params: z.object({ id: idParam('fls') }) },
        responses: { 200: jsonResponse(FlashSaleSchema, 'The ended flash sale') },
      }),
      async (c) => c.json(unwrap(await promotion.flashSales.end(c.var.ctx, c.req.valid('param').id)), 200),
    )
    .openapi(
      defineRoute(WRITE, {
        method: 'post',
        path: '/promotions/group-buys',
        tags: ['Promotions'],
        summary: 'Create a group-buy offer (拼团): a SKU at a group price for N buyers within a time limit',
        request: body(NewGroupBuyActivitySchema),
        responses: { 201: jsonResponse(GroupBuyActivitySchema, 'The group-buy offer') },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const activity = { ...input, groupPriceFen: BigInt(input.groupPriceFen), startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) };
        return c.json(unwrap(await promotion.groupBuys.createActivity(c.var.ctx, activity)), 201);
      },
    )
    .openapi(
      defineRoute(WRITE, {
        method: 'get',
        path: '/promotions/group-buys',
        tags: ['Promotions'],
        summary: 'Group-buy offers in the caller’s scope, newest first',
        request: { query: PageQuerySchema },
        responses: { 200: jsonResponse(pageOf(GroupBuyActivitySchema, 'GroupBuyActivityPage'), 'A page of group-buy offers') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        return c.json({ ...(await promotion.groupBuys.listActivities(c.var.ctx, query)), page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(WRITE, {
        method: 'post',
        path: '/promotions/group-buys/{id}/end',
        tags: ['Promotions'],
        summary: 'End a group-buy offer: no new groups open; running groups finish or fail as usual',
        request: { params: z.object({ id: idParam('gba') }) },
        responses: { 200: jsonResponse(GroupBuyActivitySchema, 'The ended offer') },
      }),
      async (c) => c.json(unwrap(await promotion.groupBuys.endActivity(c.var.ctx, c.req.valid('param').id)), 200),
    );
}

/** Shop: claim and list coupons, current flash sales, group-buy offers and groups. */
export function promotionShopRoutes(promotion: PromotionService) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(publicAccess, {
        method: 'get',
        path: '/coupons/claimable',
        tags: ['Promotions'],
        summary: 'Coupons that can be claimed now: the platform’s, plus a storefront’s own with ?merchantId=',
        request: { query: ChannelQuerySchema },
        responses: { 200: jsonResponse(z.object({ items: z.array(ClaimableCouponSchema) }), 'Claimable coupons') },
      }),
      async (c) => c.json({ items: await promotion.coupons.listClaimable(c.var.ctx, c.req.valid('query').merchantId ?? null) }, 200),
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'post',
        path: '/coupons/{templateId}/claim',
        tags: ['Promotions'],
        summary: 'Claim one coupon (limited per user and in total)',
        request: { params: z.object({ templateId: idParam('cpt') }) },
        responses: { 201: jsonResponse(CouponSchema, 'The claimed coupon') },
      }),
      async (c) => c.json(unwrap(await promotion.coupons.claim(c.var.ctx, c.req.valid('param').templateId)), 201),
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'get',
        path: '/coupons/mine',
        tags: ['Promotions'],
        summary: 'My coupons: available, used or expired',
        request: { query: PageQuerySchema.extend({ status: z.enum(['available', 'used', 'expired']).optional() }) },
        responses: { 200: jsonResponse(pageOf(CouponSchema, 'CouponPage'), 'A page of my coupons') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        return c.json({ ...(await promotion.coupons.listMine(c.var.ctx, query)), page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(publicAccess, {
        method: 'get',
        path: '/flash-sales',
        tags: ['Promotions'],
        summary: 'Flash sales running now or coming up, with their prices and quota left',
        request: { query: ChannelQuerySchema },
        responses: { 200: jsonResponse(z.object({ items: z.array(FlashSaleSchema) }), 'Flash sales') },
      }),
      async (c) => c.json({ items: await promotion.flashSales.current(c.var.ctx, c.req.valid('query').merchantId ?? null) }, 200),
    )
    .openapi(
      defineRoute(publicAccess, {
        method: 'get',
        path: '/group-buys',
        tags: ['Promotions'],
        summary: 'Group-buy offers running now, optionally for one product',
        request: { query: ChannelQuerySchema.extend({ productId: z.string().min(1).max(40).optional() }) },
        responses: { 200: jsonResponse(z.object({ items: z.array(GroupBuyActivitySchema) }), 'Group-buy offers') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        return c.json({ items: await promotion.groupBuys.running(c.var.ctx, query.merchantId ?? null, query.productId ?? null) }, 200);
      },
    )
    .openapi(
      defineRoute(publicAccess, {
        method: 'get',
        path: '/group-buys/{activityId}/groups',
        tags: ['Promotions'],
        summary: 'Open groups of an offer that still have a free seat',
        request: { params: z.object({ activityId: idParam('gba') }) },
        responses: { 200: jsonResponse(z.object({ items: z.array(GroupSchema) }), 'Joinable groups') },
      }),
      async (c) => c.json({ items: await promotion.groupBuys.joinableGroups(c.var.ctx, c.req.valid('param').activityId) }, 200),
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'get',
        path: '/group-buys/mine',
        tags: ['Promotions'],
        summary: 'Groups I opened or joined, with my seat',
        request: { query: PageQuerySchema },
        responses: { 200: jsonResponse(pageOf(MyGroupSchema, 'MyGroupPage'), 'A page of my groups') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        return c.json({ ...(await promotion.groupBuys.mine(c.var.ctx, query)), page: query.page, pageSize: query.pageSize }, 200);
      },
    );
}
