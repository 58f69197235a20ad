import { defineRoute, idParam, OpenAPIHono, pageOf, requires, unwrap, z, type AppEnv, jsonResponse } from '@linkmall/http';
import type { CatalogService } from './catalog-service.ts';
import { NewProductSchema, ProductDetailSchema, ProductPatchSchema, ProductQuerySchema, ProductSchema, ReviewSchema } from './catalog-schemas.ts';
import type { SkuInput } from './product-service.ts';
import type { ProductView } from './product-view.ts';

/** Supplier names come from identity, which the composition root passes in (modules never read each other's tables). */
export type OrganizationNames = (ids: readonly string[]) => Promise<Map<string, string>>;

const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const ProductIdParams = z.object({ id: idParam('prd') });
const HotProductSchema = z.object({ hotProduct: z.boolean() }).strict().openapi('HotProductFlag');
const problem = (description: string) => jsonResponse(z.any(), description);

/** JSON carries fen as integers; the services take bigint. */
export const toSkuInputs = (skus: readonly (Omit<SkuInput, 'supplyPriceFen' | 'minRetailPriceFen' | 'suggestedRetailPriceFen' | 'maxRetailPriceFen'> & Record<'supplyPriceFen' | 'minRetailPriceFen' | 'suggestedRetailPriceFen' | 'maxRetailPriceFen', number>)[]): SkuInput[] =>
  skus.map((sku) => ({
    ...sku,
    supplyPriceFen: BigInt(sku.supplyPriceFen),
    minRetailPriceFen: BigInt(sku.minRetailPriceFen),
    suggestedRetailPriceFen: BigInt(sku.suggestedRetailPriceFen),
    maxRetailPriceFen: BigInt(sku.maxRetailPriceFen),
  }));

const transitionRoute = (path: string, summary: string) =>
  defineRoute(requires('product.write'), {
    method: 'post',
    path,
    tags: ['Catalog'],
    summary,
    request: { params: ProductIdParams },
    responses: { 200: jsonResponse(ProductDetailSchema, 'The product'), 409: problem('Not allowed in the current status') },
  });

export function productAdminRoutes(catalog: CatalogService, organizationNames: OrganizationNames) {
  async function withNames<T extends ProductView>(items: T[]): Promise<(T & { supplierName: string | null })[]> {
    const names = await organizationNames(items.map((item) => item.supplierId));
    return items.map((item) => ({ ...item, supplierName: names.get(item.supplierId) ?? null }));
  }
  const named = async <T extends ProductView>(item: T) => (await withNames([item]))[0]!;

  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(requires('product.read'), {
        method: 'get',
        path: '/products',
        tags: ['Catalog'],
        summary: 'Supply catalog: a supplier sees its own products, a merchant the approved ones, platform staff all',
        request: { query: ProductQuerySchema },
        responses: { 200: jsonResponse(pageOf(ProductSchema, 'ProductPage'), 'A page of products') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        const { items, total } = await catalog.list(c.var.ctx, query);
        return c.json({ items: await withNames(items), total, page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(requires('product.write'), {
        method: 'post',
        path: '/products',
        tags: ['Catalog'],
        summary: 'Create a draft product with its SKUs (audited)',
        request: body(NewProductSchema),
        responses: { 201: jsonResponse(ProductDetailSchema, 'Created'), 422: problem('A price outside its band, or inconsistent specs') },
      }),
      async (c) => {
        const input = c.req.valid('json');
        return c.json(await named(unwrap(await catalog.create(c.var.ctx, { ...input, skus: toSkuInputs(input.skus) }))), 201);
      },
    )
    .openapi(
      defineRoute(requires('product.read'), {
        method: 'get',
        path: '/products/{id}',
        tags: ['Catalog'],
        summary: 'One product with its SKUs (404 outside the scope of the caller)',
        request: { params: ProductIdParams },
        responses: { 200: jsonResponse(ProductDetailSchema, 'The product') },
      }),
      async (c) => c.json(await named(unwrap(await catalog.get(c.var.ctx, c.req.valid('param').id))), 200),
    )
    .openapi(
      defineRoute(requires('product.write'), {
        method: 'patch',
        path: '/products/{id}',
        tags: ['Catalog'],
        summary: 'Edit a product; reviewed changes send it back to draft (audited)',
        request: { params: ProductIdParams, ...body(ProductPatchSchema) },
        responses: { 200: jsonResponse(ProductDetailSchema, 'Updated'), 409: problem('On sale or under review'), 422: problem('A price outside its band') },
      }),
      async (c) => {
        const { skus, ...patch } = c.req.valid('json');
        const result = await catalog.update(c.var.ctx, c.req.valid('param').id, { ...patch, ...(skus ? { skus: toSkuInputs(skus) } : {}) });
        return c.json(await named(unwrap(result)), 200);
      },
    )
    .openapi(transitionRoute('/products/{id}/submit', 'Submit a draft or rejected product for review (audited)'), async (c) =>
      c.json(await named(unwrap(await catalog.submit(c.var.ctx, c.req.valid('param').id))), 200),
    )
    .openapi(
      defineRoute(requires('catalog.review'), {
        method: 'post',
        path: '/products/{id}/review',
        tags: ['Catalog'],
        summary: 'Approve or reject a product under review (platform; audited)',
        request: { params: ProductIdParams, ...body(ReviewSchema) },
        responses: { 200: jsonResponse(ProductDetailSchema, 'Reviewed'), 409: problem('Not under review') },
      }),
      async (c) => c.json(await named(unwrap(await catalog.review(c.var.ctx, c.req.valid('param').id, c.req.valid('json')))), 200),
    )
    .openapi(
      defineRoute(requires('catalog.review'), {
        method: 'put',
        path: '/products/{id}/hot-product',
        tags: ['Catalog'],
        summary: 'Reserve a product for members whose level grants hot-product access (爆品专享), or release it (platform; audited)',
        request: { params: ProductIdParams, ...body(HotProductSchema) },
        responses: { 200: jsonResponse(ProductDetailSchema, 'The product'), 403: problem('Only the platform may do this') },
      }),
      async (c) => c.json(await named(unwrap(await catalog.hotProducts.setHotProduct(c.var.ctx, c.req.valid('param').id, c.req.valid('json').hotProduct))), 200),
    )
    .openapi(transitionRoute('/products/{id}/on-sale', 'Put an approved product on sale (audited)'), async (c) =>
      c.json(await named(unwrap(await catalog.putOnSale(c.var.ctx, c.req.valid('param').id))), 200),
    )
    .openapi(transitionRoute('/products/{id}/off-sale', 'Take a product off sale (audited)'), async (c) =>
      c.json(await named(unwrap(await catalog.takeOffSale(c.var.ctx, c.req.valid('param').id))), 200),
    );
}
