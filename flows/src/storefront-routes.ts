import { defineRoute, FenSchema, OpenAPIHono, publicAccess, requires, unwrap, z, jsonResponse, type AppEnv } from '@linkmall/http';
import type { StorefrontService } from '@linkmall/storefront';
import type { StorefrontFlow } from './storefront.ts';

const ItemSchema = z.object({ skuId: z.string(), productId: z.string(), retailPriceFen: FenSchema, featured: z.boolean(), position: z.number().int() }).openapi('StorefrontItem');
const SkuParam = z.object({ skuId: z.string().min(1).max(40).openapi({ param: { in: 'path', required: true } }) });

export function storefrontAdminRoutes(flow: StorefrontFlow, storefront: StorefrontService) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(requires('storefront.write'), {
        method: 'put',
        path: '/storefront',
        tags: ['Storefront'],
        summary: 'Name, logo, banner and categories of the merchant’s storefront (audited)',
        request: {
          body: {
            content: {
              'application/json': {
                schema: z
                  .object({
                    name: z.string().trim().min(1).max(50),
                    logoUrl: z.string().url().max(500).nullable().optional(),
                    bannerUrl: z.string().url().max(500).nullable().optional(),
                    categories: z.array(z.string().trim().min(1).max(20)).max(30).optional(),
                  })
                  .strict(),
              },
            },
            required: true,
          },
        },
        responses: { 200: jsonResponse(z.object({ merchantId: z.string(), name: z.string() }), 'Saved') },
      }),
      async (c) => c.json(unwrap(await storefront.saveProfile(c.var.ctx, c.req.valid('json'))), 200),
    )
    .openapi(
      defineRoute(requires('storefront.write'), {
        method: 'put',
        path: '/storefront/items/{skuId}',
        tags: ['Storefront'],
        summary: 'Pick a supply SKU into the storefront at a price inside its band, or change that price (audited)',
        request: {
          params: SkuParam,
          body: { content: { 'application/json': { schema: z.object({ retailPriceFen: FenSchema.min(1), featured: z.boolean().optional() }).strict() } }, required: true },
        },
        responses: { 200: jsonResponse(ItemSchema, 'The storefront item'), 422: jsonResponse(z.any(), 'Price outside the band, or the SKU is not on sale') },
      }),
      async (c) => {
        const body = c.req.valid('json');
        const picked = unwrap(await flow.pick(c.var.ctx, c.req.valid('param').skuId, { retailPriceFen: BigInt(body.retailPriceFen), ...(body.featured !== undefined ? { featured: body.featured } : {}) }));
        return c.json(picked as z.infer<typeof ItemSchema>, 200);
      },
    )
    .openapi(
      defineRoute(requires('storefront.write'), {
        method: 'delete',
        path: '/storefront/items/{skuId}',
        tags: ['Storefront'],
        summary: 'Remove a SKU from the storefront (audited)',
        request: { params: SkuParam },
        responses: { 200: jsonResponse(z.object({ removed: z.literal(true) }), 'Removed') },
      }),
      async (c) => c.json(unwrap(await storefront.remove(c.var.ctx, c.req.valid('param').skuId)), 200),
    );
}

export function storefrontShopRoutes(flow: StorefrontFlow) {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(publicAccess, {
      method: 'get',
      path: '/storefronts/{merchantId}',
      tags: ['Storefront'],
      summary: 'A merchant’s storefront: its items on sale at the merchant’s prices',
      request: { params: z.object({ merchantId: z.string().min(1).max(40).openapi({ param: { in: 'path', required: true } }) }) },
      responses: {
        200: jsonResponse(
          z.object({
            merchantId: z.string(),
            name: z.string().nullable(),
            logoUrl: z.string().nullable(),
            bannerUrl: z.string().nullable(),
            categories: z.array(z.string()),
            items: z.array(ItemSchema.extend({ title: z.string(), specs: z.string() })),
          }),
          'The storefront',
        ),
      },
    }),
    async (c) => c.json(await flow.view(c.req.valid('param').merchantId), 200),
  );
}
