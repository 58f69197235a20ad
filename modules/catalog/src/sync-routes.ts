import { defineRoute, OpenAPIHono, requires, unwrap, z, type AppEnv, jsonResponse } from '@linkmall/http';
import type { CatalogService } from './catalog-service.ts';
import {
  ImportBodySchema,
  ImportErrorSchema,
  ImportReportSchema,
  SkuCodeParamSchema,
  StockBodySchema,
  StockQuerySchema,
  StockResultSchema,
  StockSyncResultSchema,
  StockSyncSchema,
} from './sync-schemas.ts';


/** The path of the import route, which the app gives a larger body limit than other writes. */
export const CATALOG_IMPORT_PATH = '/admin/catalog/imports';
/** 2 MB of file content can grow when JSON-escaped (quotes, line breaks), so the request may be larger. */
export const CATALOG_IMPORT_BODY_LIMIT_BYTES = 6 * 1024 * 1024;

/** Bulk import and stock sync for suppliers' systems; retries are safe with an `Idempotency-Key`. */
export function catalogSyncAdminRoutes(catalog: CatalogService) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(requires('product.write'), {
        method: 'post',
        path: '/catalog/imports',
        tags: ['Catalog sync'],
        summary: 'Create or upsert products from CSV or JSON, all or nothing (audited)',
        request: { body: { content: { 'application/json': { schema: ImportBodySchema } }, required: true } },
        responses: {
          200: jsonResponse(ImportReportSchema, 'Applied'),
          413: jsonResponse(z.any(), 'Over 2 MB or 5,000 rows'),
          422: jsonResponse(ImportErrorSchema, 'Row errors; nothing was written'),
        },
      }),
      async (c) => c.json(unwrap(await catalog.imports.run(c.var.ctx, c.req.valid('json'))), 200),
    )
    .openapi(
      defineRoute(requires('product.write'), {
        method: 'put',
        path: '/catalog/skus/{skuCode}/stock',
        tags: ['Catalog sync'],
        summary: 'Set the stock of one SKU by code (404 for a code outside the caller’s scope; audited)',
        request: { params: SkuCodeParamSchema, query: StockQuerySchema, body: { content: { 'application/json': { schema: StockBodySchema } }, required: true } },
        responses: { 200: jsonResponse(StockResultSchema, 'Stock set') },
      }),
      async (c) => {
        const { supplierId } = c.req.valid('query');
        const input = { skuCode: c.req.valid('param').skuCode, stock: c.req.valid('json').stock, ...(supplierId ? { supplierId } : {}) };
        return c.json(unwrap(await catalog.stock.setStock(c.var.ctx, input)), 200);
      },
    )
    .openapi(
      defineRoute(requires('product.write'), {
        method: 'post',
        path: '/catalog/stock-sync',
        tags: ['Catalog sync'],
        summary: 'Set the stock of up to 1,000 SKUs at once, all or nothing (audited)',
        request: { body: { content: { 'application/json': { schema: StockSyncSchema } }, required: true } },
        responses: { 200: jsonResponse(StockSyncResultSchema, 'Stock set') },
      }),
      async (c) => c.json(unwrap(await catalog.stock.sync(c.var.ctx, c.req.valid('json'))), 200),
    );
}
