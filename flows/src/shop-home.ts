import { CategoryTreeSchema, type CatalogService } from '@linkmall/catalog';
import type { StoreService } from '@linkmall/store';
import { defineRoute, FenSchema, OpenAPIHono, publicAccess, z, type AppEnv } from '@linkmall/http';

const ShopHomeSchema = z
  .object({
    products: z.array(
      z.object({ id: z.string(), title: z.string(), subtitle: z.string(), category: z.string(), imageUrl: z.string().nullable(), retailPriceFen: FenSchema, hotProduct: z.boolean() }),
    ),
    stores: z.array(z.object({ id: z.string(), name: z.string(), city: z.string(), district: z.string(), address: z.string() })),
    categories: CategoryTreeSchema.openapi({ description: 'The category tree, for the home page’s category entrances' }),
  })
  .openapi('ShopHome');

/** The shop's home page: products on sale, open stores and the category tree, readable without signing in. */
export function shopHomeRoutes(deps: { catalog: CatalogService; stores: StoreService }) {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(publicAccess, {
      method: 'get',
      path: '/home',
      tags: ['Shop'],
      summary: 'Home page: products on sale, stores and categories',
      responses: { 200: { description: 'Home', content: { 'application/json': { schema: ShopHomeSchema } } } },
    }),
    async (c) => {
      const [products, stores, categories] = await Promise.all([deps.catalog.listOnSale(20), deps.stores.listOpen(10), deps.catalog.categories.tree()]);
      return c.json(
        {
          products: products.map(({ id, title, subtitle, category, imageUrl, retailPriceFen, hotProduct }) => ({ id, title, subtitle, category, imageUrl, retailPriceFen, hotProduct })),
          stores: stores.map(({ id, name, city, district, address }) => ({ id, name, city, district, address })),
          categories,
        },
        200,
      );
    },
  );
}
