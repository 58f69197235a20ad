import { defineRoute, FenSchema, idParam, jsonResponse, OpenAPIHono, PageQuerySchema, pageOf, publicAccess, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import { CategoryIdSchema, FixedPricesSchema, ProductDetailSchema, ShopListItemSchema } from '@linkmall/catalog';
import type { StorefrontService } from '@linkmall/storefront';
import type { StorefrontFlow } from './storefront.ts';

const ItemSchema = z.object({ skuId: z.string(), productId: z.string(), retailPriceFen: FenSchema, featured: z.boolean(), position: z.number().int() }).openapi('StorefrontItem');
const SkuParam = z.object({ skuId: z.string().min(1).max(40).openapi({ param: { in: 'path', required: true } }) });
const MerchantIdSchema = z.string().regex(/^org_[0-9a-z]{26}$/).openapi({ example: 'org_01jd3x7k9q2w8e5r4t6y1u3i0o' });
const ProductIdSchema = z.string().regex(/^prd_[0-9a-z]{26}$/).openapi({ example: 'prd_01jd3x7k9q2w8e5r4t6y1u3i0o' });
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const problem = (description: string) => jsonResponse(z.any(), description);

export const MAX_BANNERS = 5;
export const MAX_FEATURED_PRODUCTS = 20;
export const MAX_STOREFRONT_CATEGORIES = 20;
export const MAX_PRODUCTS_PER_CATEGORY = 100;

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0 && !/\s/.test(value);
  } catch {
    return false;
  }
};
const HttpUrlSchema = z.string().trim().max(500).refine(isHttpUrl, { message: 'Must be an http(s) URL' }).openapi({ example: 'https://img.example.com/banner.jpg' });
const distinct = (ids: readonly string[]) => new Set(ids).size === ids.length;
const CategoryNameSchema = z.string().trim().min(1).max(20).openapi({ example: '春茶上新' });

const DecorationInputSchema = z
  .object({
    name: z.string().trim().min(1).max(50).openapi({ example: '悦享生活严选' }),
    logoUrl: HttpUrlSchema.nullable().optional(),
    bannerUrls: z.array(HttpUrlSchema).max(MAX_BANNERS).optional(),
    bannerUrl: HttpUrlSchema.nullable().optional().openapi({ description: 'One banner (older clients); ignored when bannerUrls is given' }),
    intro: z.string().trim().max(500).optional(),
    featuredProductIds: z
      .array(ProductIdSchema)
      .max(MAX_FEATURED_PRODUCTS)
      .refine(distinct, { message: 'Each product once' })
      .optional()
      .openapi({ description: 'In display order; only products the storefront sells' }),
    categories: z
      .array(
        z.union([
          CategoryNameSchema,
          z
            .object({
              name: CategoryNameSchema,
              productIds: z.array(ProductIdSchema).max(MAX_PRODUCTS_PER_CATEGORY).refine(distinct, { message: 'Each product once' }).default([]),
            })
            .strict(),
        ]),
      )
      .max(MAX_STOREFRONT_CATEGORIES)
      .optional()
      .openapi({ description: 'The storefront’s own categories in order, each an ordered group of products it sells (a bare name is an empty group)' }),
  })
  .strict()
  .openapi('StorefrontDecorationInput');

const DecorationSchema = z
  .object({
    merchantId: z.string(),
    name: z.string(),
    logoUrl: z.string().nullable(),
    bannerUrls: z.array(z.string()),
    intro: z.string(),
    featuredProductIds: z.array(z.string()),
    categories: z.array(z.object({ id: z.string(), name: z.string(), productIds: z.array(z.string()) })),
  })
  .openapi('StorefrontDecoration');

const StorefrontViewSchema = z
  .object({
    merchantId: z.string(),
    name: z.string().nullable(),
    logoUrl: z.string().nullable(),
    bannerUrl: z.string().nullable().openapi({ description: 'The first banner' }),
    bannerUrls: z.array(z.string()),
    intro: z.string(),
    featured: z.array(ShopListItemSchema),
    categories: z.array(z.object({ id: z.string(), name: z.string(), products: z.array(ShopListItemSchema) })),
    items: z.array(ItemSchema.extend({ title: z.string(), specs: z.string() })),
  })
  .openapi('StorefrontView');

const ProductsQuerySchema = PageQuerySchema.extend({
  merchantId: MerchantIdSchema.optional().openapi({ description: 'Only what this storefront sells, at its prices' }),
});

export function storefrontAdminRoutes(flow: StorefrontFlow, storefront: StorefrontService) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(requires('storefront.write'), {
        method: 'get',
        path: '/storefront',
        tags: ['Storefront'],
        summary: 'The merchant’s storefront decoration (null before the first save)',
        responses: { 200: jsonResponse(DecorationSchema.nullable(), 'The decoration') },
      }),
      async (c) => c.json(unwrap(await storefront.ownDecoration(c.var.ctx)), 200),
    )
    .openapi(
      defineRoute(requires('storefront.write'), {
        method: 'put',
        path: '/storefront',
        tags: ['Storefront'],
        summary: 'Decorate the merchant’s storefront: name, logo, banners, intro, featured products and its own categories; replaces the whole decoration (audited)',
        request: body(DecorationInputSchema),
        responses: { 200: jsonResponse(DecorationSchema, 'Saved'), 422: problem('A featured or grouped product the storefront does not sell') },
      }),
      async (c) => {
        const { bannerUrl, bannerUrls, categories, ...input } = c.req.valid('json');
        const decoration = {
          ...input,
          bannerUrls: bannerUrls ?? (bannerUrl ? [bannerUrl] : []),
          categories: (categories ?? []).map((category) => (typeof category === 'string' ? { name: category, productIds: [] } : category)),
        };
        return c.json(unwrap(await flow.saveDecoration(c.var.ctx, decoration)), 200);
      },
    )
    .openapi(
      defineRoute(requires('storefront.write'), {
        method: 'put',
        path: '/storefront/items/{skuId}',
        tags: ['Storefront'],
        summary: 'Pick a supply SKU into the storefront at a price inside its band (the platform’s price where it fixed one), or change that price (audited)',
        request: {
          params: SkuParam,
          ...body(
            z
              .object({
                retailPriceFen: FenSchema.min(1).optional().openapi({ description: 'Defaults to the platform’s fixed price, else the suggested retail price' }),
                featured: z.boolean().optional(),
              })
              .strict(),
          ),
        },
        responses: { 200: jsonResponse(ItemSchema, 'The storefront item'), 422: problem('Price outside the band or not the fixed price, or the SKU is not on sale') },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const picked = unwrap(
          await flow.pick(c.var.ctx, c.req.valid('param').skuId, {
            ...(input.retailPriceFen !== undefined ? { retailPriceFen: BigInt(input.retailPriceFen) } : {}),
            ...(input.featured !== undefined ? { featured: input.featured } : {}),
          }),
        );
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
    )
    .openapi(
      defineRoute(requires('catalog.review'), {
        method: 'put',
        path: '/products/{id}/fixed-prices',
        tags: ['Catalog'],
        summary: 'Fix (or release, with null) the retail price of SKUs; every storefront selling them follows at once (platform; audited)',
        request: { params: z.object({ id: idParam('prd') }), ...body(FixedPricesSchema) },
        responses: {
          200: jsonResponse(ProductDetailSchema.extend({ storefrontItemsRepriced: z.number().int() }), 'The product with its fixed prices'),
          422: problem('A price outside the SKU’s band, or a SKU of another product'),
        },
      }),
      async (c) => {
        const changes = c.req.valid('json').skus.map((sku) => ({ skuId: sku.skuId, fixedRetailPriceFen: sku.fixedRetailPriceFen === null ? null : BigInt(sku.fixedRetailPriceFen) }));
        const fixed = unwrap(await flow.fixPrices(c.var.ctx, c.req.valid('param').id, changes));
        return c.json({ ...fixed, supplierName: null }, 200);
      },
    );
}

export function storefrontShopRoutes(flow: StorefrontFlow) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(publicAccess, {
        method: 'get',
        path: '/storefronts/{merchantId}',
        tags: ['Storefront'],
        summary: 'A merchant’s storefront: decoration, featured products, its categories with their products, and its SKUs on sale, at its prices',
        request: { params: z.object({ merchantId: z.string().min(1).max(40).openapi({ param: { in: 'path', required: true } }) }) },
        responses: { 200: jsonResponse(StorefrontViewSchema, 'The storefront') },
      }),
      async (c) => c.json(await flow.view(c.req.valid('param').merchantId), 200),
    )
    .openapi(
      defineRoute(publicAccess, {
        method: 'get',
        path: '/search',
        tags: ['Shop'],
        summary: 'Search products on sale (Chinese word segmentation), best match first; optionally within a storefront or a category',
        request: {
          query: ProductsQuerySchema.extend({
            q: z.string().trim().min(1).max(50).openapi({ example: '西湖龙井' }),
            categoryId: CategoryIdSchema.optional(),
          }),
        },
        responses: { 200: jsonResponse(pageOf(ShopListItemSchema, 'ShopSearchPage'), 'A page of matching products') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        const found = unwrap(await flow.products(query));
        return c.json({ ...found, page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(publicAccess, {
        method: 'get',
        path: '/categories/{id}/products',
        tags: ['Shop'],
        summary: 'Products on sale in a category (a top-level one covers its subcategories), newest first; optionally within a storefront',
        request: { params: z.object({ id: CategoryIdSchema.openapi({ param: { in: 'path', required: true } }) }), query: ProductsQuerySchema },
        responses: { 200: jsonResponse(pageOf(ShopListItemSchema, 'ShopCategoryPage'), 'A page of products') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        const found = unwrap(await flow.products({ ...query, categoryId: c.req.valid('param').id }));
        return c.json({ ...found, page: query.page, pageSize: query.pageSize }, 200);
      },
    );
}
