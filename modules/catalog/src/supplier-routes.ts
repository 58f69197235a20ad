import { defineRoute, idParam, OpenAPIHono, pageOf, requires, unwrap, z, type AppEnv, jsonResponse } from '@linkmall/http';
import type { CatalogService } from './catalog-service.ts';
import { ReviewSchema, SupplierProfileInputSchema, SupplierProfileSchema, SupplierQuerySchema } from './catalog-schemas.ts';

const OrganizationParams = z.object({ organizationId: idParam('org') });

export function supplierAdminRoutes(catalog: CatalogService) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(requires('product.read'), {
        method: 'get',
        path: '/supplier-profiles',
        tags: ['Suppliers'],
        summary: 'Supplier profiles: platform staff see all (the review queue with ?status=pending_review), a supplier its own',
        request: { query: SupplierQuerySchema },
        responses: { 200: jsonResponse(pageOf(SupplierProfileSchema, 'SupplierProfilePage'), 'A page of supplier profiles') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        const { items, total } = await catalog.suppliers.list(c.var.ctx, query);
        return c.json({ items, total, page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(requires('product.read'), {
        method: 'get',
        path: '/supplier-profiles/{organizationId}',
        tags: ['Suppliers'],
        summary: 'One supplier profile (404 outside the scope of the caller); the account number is masked',
        request: { params: OrganizationParams },
        responses: { 200: jsonResponse(SupplierProfileSchema, 'The profile') },
      }),
      async (c) => c.json(unwrap(await catalog.suppliers.get(c.var.ctx, c.req.valid('param').organizationId)), 200),
    )
    .openapi(
      defineRoute(requires('supplier.write'), {
        method: 'put',
        path: '/supplier-profiles/{organizationId}',
        tags: ['Suppliers'],
        summary: 'Submit or update a supplier profile; company or account changes go (back) to review (audited)',
        request: { params: OrganizationParams, body: { content: { 'application/json': { schema: SupplierProfileInputSchema } }, required: true } },
        responses: { 200: jsonResponse(SupplierProfileSchema, 'Saved'), 422: jsonResponse(z.any(), 'Invalid unified social credit code') },
      }),
      async (c) => c.json(unwrap(await catalog.suppliers.submit(c.var.ctx, c.req.valid('param').organizationId, c.req.valid('json'))), 200),
    )
    .openapi(
      defineRoute(requires('catalog.review'), {
        method: 'post',
        path: '/supplier-profiles/{organizationId}/review',
        tags: ['Suppliers'],
        summary: 'Approve or reject a supplier profile (platform; audited)',
        request: { params: OrganizationParams, body: { content: { 'application/json': { schema: ReviewSchema } }, required: true } },
        responses: { 200: jsonResponse(SupplierProfileSchema, 'Reviewed'), 409: jsonResponse(z.any(), 'Not under review') },
      }),
      async (c) => c.json(unwrap(await catalog.suppliers.review(c.var.ctx, c.req.valid('param').organizationId, c.req.valid('json'))), 200),
    );
}
