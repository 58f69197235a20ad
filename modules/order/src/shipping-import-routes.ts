import { defineRoute, jsonResponse, OpenAPIHono, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import type { ShippingImportService } from './shipping-import-service.ts';

const ShippingImportSchema = z
  .object({
    content: z.string().min(1).max(1_000_000).openapi({ example: 'subOrderId,carrierCode,trackingNumber\nsub_01jd3x7k9q2w8e5r4t6y1u3i0o,shunfeng,SF1234567890\n' }),
    dryRun: z.boolean().default(false),
  })
  .strict()
  .openapi('ShippingImport');

const ShippingImportReportSchema = z
  .object({
    importId: z.string().nullable(),
    dryRun: z.boolean(),
    rowCount: z.number().int(),
    shipped: z.array(
      z.object({ line: z.number().int(), subOrderId: z.string(), orderId: z.string(), carrierCode: z.string(), carrierName: z.string(), trackingNumber: z.string() }),
    ),
  })
  .openapi('ShippingImportReport');

export function shippingImportAdminRoutes(imports: ShippingImportService) {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(requires('order.fulfil'), {
      method: 'post',
      path: '/fulfilment/shipments/import',
      tags: ['Orders'],
      summary: 'Ship many sub-orders from a CSV (sub-order id, carrier code, tracking number): all rows or none (audited)',
      request: { body: { content: { 'application/json': { schema: ShippingImportSchema } }, required: true } },
      responses: {
        200: jsonResponse(ShippingImportReportSchema, 'What was shipped (or, with dryRun, what would be)'),
        413: jsonResponse(z.any(), 'Too many rows'),
        422: jsonResponse(z.any(), 'Row errors with line numbers; nothing was shipped'),
      },
    }),
    async (c) => c.json(unwrap(await imports.run(c.var.ctx, c.req.valid('json'))), 200),
  );
}
