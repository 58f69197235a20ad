import { defineRoute, FenSchema, idParam, OpenAPIHono, publicAccess, unwrap, z, type AppEnv } from '@linkmall/http';
import type { CatalogService } from './catalog-service.ts';
import { categoryShopRoutes } from './category-routes.ts';

const ShopProductSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    subtitle: z.string(),
    category: z.string(),
    categoryId: z.string().nullable(),
    description: z.string().openapi({ description: 'Sanitised HTML' }),
    imageUrls: z.array(z.string()),
    origin: z.string().nullable(),
    hotProduct: z.boolean().openapi({ description: '爆品专享: checkout sells it only to members whose level grants hot-product access' }),
    skus: z.array(
      z.object({
        id: z.string(),
        specs: z.array(z.object({ name: z.string(), value: z.string() })),
        priceFen: FenSchema.openapi({ description: 'The platform’s fixed price where set, else the suggested retail price' }),
        stock: z.number().int(),
      }),
    ),
  })
  .openapi('ShopProduct');

/** Product pages for shoppers: on-sale products only, retail prices only. */
export function catalogShopRoutes(catalog: CatalogService) {
  return new OpenAPIHono<AppEnv>().route('/', categoryShopRoutes(catalog)).openapi(
    defineRoute(publicAccess, {
      method: 'get',
      path: '/products/{id}',
      tags: ['Shop'],
      summary: 'A product on sale with its SKUs, prices and stock',
      request: { params: z.object({ id: idParam('prd') }) },
      responses: { 200: { description: 'The product', content: { 'application/json': { schema: ShopProductSchema } } } },
    }),
    async (c) => c.json(unwrap(await catalog.getOnSale(c.req.valid('param').id)), 200),
  );
}
