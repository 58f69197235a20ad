import { defineRoute, idParam, OpenAPIHono, pageOf, PageQuerySchema, publicAccess, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import type { StoreService, StoreView } from './store-service.ts';

const StoreSchema = z
  .object({
    id: z.string(),
    merchantId: z.string(),
    merchantName: z.string().nullable(),
    name: z.string(),
    province: z.string(),
    city: z.string(),
    district: z.string(),
    address: z.string(),
    latitude: z.number(),
    longitude: z.number(),
    phone: z.string().nullable(),
    status: z.enum(['open', 'closed']),
  })
  .openapi('Store');

/** Merchant names come from identity, which the composition root passes in (modules never read each other's tables). */
export type OrganizationNames = (ids: readonly string[]) => Promise<Map<string, string>>;

export function storeAdminRoutes(stores: StoreService, organizationNames: OrganizationNames) {
  const withNames = async (items: StoreView[]) => {
    const names = await organizationNames(items.map((item) => item.merchantId));
    return items.map((item) => ({ ...item, merchantName: names.get(item.merchantId) ?? null }));
  };
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(requires('store.read'), {
        method: 'get',
        path: '/stores',
        tags: ['Stores'],
        summary: 'Stores in the scope of the caller',
        request: { query: PageQuerySchema },
        responses: { 200: { description: 'A page of stores', content: { 'application/json': { schema: pageOf(StoreSchema, 'StorePage') } } } },
      }),
      async (c) => {
        const query = c.req.valid('query');
        const { items, total } = await stores.list(c.var.ctx, query);
        return c.json({ items: await withNames(items), total, page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(requires('store.read'), {
        method: 'get',
        path: '/stores/{id}',
        tags: ['Stores'],
        summary: 'One store (404 outside the scope of the caller)',
        request: { params: z.object({ id: idParam('sto') }) },
        responses: { 200: { description: 'The store', content: { 'application/json': { schema: StoreSchema } } } },
      }),
      async (c) => {
        const store = unwrap(await stores.get(c.var.ctx, c.req.valid('param').id));
        return c.json((await withNames([store]))[0]!, 200);
      },
    );
}

const NearbyQuerySchema = z.object({
  latitude: z.coerce.number().min(-90).max(90).openapi({ example: 31.2304 }),
  longitude: z.coerce.number().min(-180).max(180).openapi({ example: 121.4737 }),
  radiusKm: z.coerce.number().gt(0).max(50).default(3).openapi({ example: 3 }),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const NearbyStoreSchema = z
  .object({
    id: z.string(),
    merchantId: z.string(),
    name: z.string(),
    province: z.string(),
    city: z.string(),
    district: z.string(),
    address: z.string(),
    latitude: z.number(),
    longitude: z.number(),
    phone: z.string().nullable(),
    distanceMeters: z.number().int(),
  })
  .openapi('NearbyStore');

/** Consumer-facing store search: nearest open stores around a location (GCJ-02 from the mini-program). */
export function storeShopRoutes(stores: StoreService) {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(publicAccess, {
      method: 'get',
      path: '/stores/nearby',
      tags: ['Stores'],
      summary: 'Open stores near a location, nearest first (default within 3 km)',
      request: { query: NearbyQuerySchema },
      responses: { 200: { description: 'Stores by distance', content: { 'application/json': { schema: z.object({ items: z.array(NearbyStoreSchema) }) } } } },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const found = await stores.nearby(query, query.radiusKm * 1000, query.limit);
      return c.json({ items: found.map(({ status: _status, ...store }) => store) }, 200);
    },
  );
}
