import { defineRoute, jsonResponse, OpenAPIHono, publicAccess, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import type { CatalogService } from './catalog-service.ts';
import { CategoryIdSchema, CategoryPatchSchema, CategorySchema, CategoryTreeSchema, NewCategorySchema } from './catalog-schemas.ts';

const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const CategoryParams = z.object({ id: CategoryIdSchema.openapi({ param: { in: 'path', required: true } }) });
const problem = (description: string) => jsonResponse(z.any(), description);

/** The platform manages the category tree; suppliers and merchants read it to file and browse products. */
export function categoryAdminRoutes(catalog: CatalogService) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(requires('product.read'), {
        method: 'get',
        path: '/categories',
        tags: ['Catalog'],
        summary: 'The two-level category tree',
        responses: { 200: jsonResponse(CategoryTreeSchema, 'Top-level categories with their children, in display order') },
      }),
      async (c) => c.json(await catalog.categories.tree(), 200),
    )
    .openapi(
      defineRoute(requires('catalog.review'), {
        method: 'post',
        path: '/categories',
        tags: ['Catalog'],
        summary: 'Create a category: top-level, or second-level under a top-level one (platform; audited)',
        request: body(NewCategorySchema),
        responses: { 201: jsonResponse(CategorySchema, 'Created'), 422: problem('A third level, or a missing parent') },
      }),
      async (c) => c.json(unwrap(await catalog.categories.create(c.var.ctx, c.req.valid('json'))), 201),
    )
    .openapi(
      defineRoute(requires('catalog.review'), {
        method: 'patch',
        path: '/categories/{id}',
        tags: ['Catalog'],
        summary: 'Rename, re-order or move a category; its products follow (platform; audited)',
        request: { params: CategoryParams, ...body(CategoryPatchSchema) },
        responses: { 200: jsonResponse(CategorySchema, 'Updated'), 422: problem('A third level, or a level change') },
      }),
      async (c) => c.json(unwrap(await catalog.categories.update(c.var.ctx, c.req.valid('param').id, c.req.valid('json'))), 200),
    )
    .openapi(
      defineRoute(requires('catalog.review'), {
        method: 'delete',
        path: '/categories/{id}',
        tags: ['Catalog'],
        summary: 'Delete an empty category (platform; audited)',
        request: { params: CategoryParams },
        responses: { 200: jsonResponse(z.object({ deleted: z.literal(true) }), 'Deleted'), 409: problem('It still has subcategories or products') },
      }),
      async (c) => c.json(unwrap(await catalog.categories.delete(c.var.ctx, c.req.valid('param').id)), 200),
    );
}

/** The tree as the shop shows it. */
export function categoryShopRoutes(catalog: CatalogService) {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(publicAccess, {
      method: 'get',
      path: '/categories',
      tags: ['Shop'],
      summary: 'The category tree',
      responses: { 200: jsonResponse(CategoryTreeSchema, 'Top-level categories with their children') },
    }),
    async (c) => c.json(await catalog.categories.tree(), 200),
  );
}
