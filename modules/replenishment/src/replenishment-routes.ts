import { defineRoute, idParam, jsonResponse, OpenAPIHono, pageOf, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import { suggestionsFile } from './replenishment-export.ts';
import {
  ForecastDetailSchema,
  ForecastQuerySchema,
  SkuSettingsBodySchema,
  SkuSettingsSchema,
  SuggestionExportQuerySchema,
  SuggestionQuerySchema,
  SuggestionSchema,
  SupplierSettingsBodySchema,
  SupplierSettingsSchema,
} from './replenishment-schemas.ts';
import type { ReplenishmentModule } from './replenishment-service.ts';

const TAGS = ['Replenishment'];
const read = requires('replenishment.read');
/** Settings are supply data: the supplier's admins (own SKUs only) and the platform's admins may change them. */
const write = requires('product.write');
const SkuParams = z.object({ id: idParam('sku') });
const SupplierParams = z.object({ id: idParam('org') });
const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

/** 补货建议: forecasts and purchase suggestions for the SKUs in the caller's supplier scope. */
export function replenishmentAdminRoutes(replenishment: ReplenishmentModule) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(read, {
        method: 'get',
        path: '/replenishment/suggestions',
        tags: TAGS,
        summary: 'Purchase suggestions of the on-sale SKUs in my scope, most urgent first, with the reasoning',
        request: { query: SuggestionQuerySchema },
        responses: { 200: jsonResponse(pageOf(SuggestionSchema, 'ReplenishmentSuggestionPage'), 'A page of suggestions') },
      }),
      async (c) => {
        const { page, pageSize, ...filter } = c.req.valid('query');
        return c.json({ ...(await replenishment.suggestions(c.var.ctx, filter, { page, pageSize })), page, pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(read, {
        method: 'get',
        path: '/replenishment/suggestions/export',
        tags: TAGS,
        summary: 'The same suggestions as a CSV (UTF-8 with BOM) or XLSX download, up to 10,000 rows',
        request: { query: SuggestionExportQuerySchema },
        responses: {
          200: {
            description: 'The file',
            content: { 'text/csv': { schema: z.string() }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) } },
          },
        },
      }),
      async (c) => {
        const { format, ...filter } = c.req.valid('query');
        const file = suggestionsFile(await replenishment.exportSuggestions(c.var.ctx, filter), format, c.var.ctx.locale);
        return c.body(file.body as never, 200, { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.fileName}"` });
      },
    )
    .openapi(
      defineRoute(read, {
        method: 'get',
        path: '/replenishment/skus/{id}/forecast',
        tags: TAGS,
        summary: 'One SKU: daily demand history, fitted values, forecast with 80 % / 95 % intervals, suggestion and backtest',
        request: { params: SkuParams, query: ForecastQuerySchema },
        responses: { 200: jsonResponse(ForecastDetailSchema, 'The forecast') },
      }),
      async (c) => c.json(unwrap(await replenishment.forecast(c.var.ctx, c.req.valid('param').id, c.req.valid('query'))), 200),
    )
    .openapi(
      defineRoute(write, {
        method: 'put',
        path: '/replenishment/skus/{id}/settings',
        tags: TAGS,
        summary: 'Set a SKU’s lead time, review period and service level (null inherits the supplier’s) and its stock on order (audited)',
        request: { params: SkuParams, ...jsonBody(SkuSettingsBodySchema) },
        responses: { 200: jsonResponse(SkuSettingsSchema, 'The SKU’s settings') },
      }),
      async (c) => c.json(unwrap(await replenishment.updateSkuSettings(c.var.ctx, c.req.valid('param').id, c.req.valid('json'))), 200),
    )
    .openapi(
      defineRoute(read, {
        method: 'get',
        path: '/replenishment/suppliers/{id}/settings',
        tags: TAGS,
        summary: 'A supplier’s default lead time, review period and service level (the platform’s until it sets its own)',
        request: { params: SupplierParams },
        responses: { 200: jsonResponse(SupplierSettingsSchema, 'The supplier’s defaults') },
      }),
      async (c) => c.json(unwrap(await replenishment.supplierSettings(c.var.ctx, c.req.valid('param').id)), 200),
    )
    .openapi(
      defineRoute(write, {
        method: 'put',
        path: '/replenishment/suppliers/{id}/settings',
        tags: TAGS,
        summary: 'Set a supplier’s default lead time, review period and service level for all its SKUs (audited)',
        request: { params: SupplierParams, ...jsonBody(SupplierSettingsBodySchema) },
        responses: { 200: jsonResponse(SupplierSettingsSchema, 'The supplier’s defaults') },
      }),
      async (c) => c.json(unwrap(await replenishment.updateSupplierSettings(c.var.ctx, c.req.valid('param').id, c.req.valid('json'))), 200),
    );
}
