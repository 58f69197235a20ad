import { z } from '@linkmall/http';
import { CodeSchema, OrganizationIdSchema, StockSchema } from './catalog-schemas.ts';
import { MAX_STOCK_SYNC_ITEMS } from './stock-service.ts';

export const ImportBodySchema = z
  .object({
    format: z.enum(['csv', 'json']),
    content: z.string().min(1).openapi({ description: 'The file as text: CSV with a header row, or a JSON array of row objects (see docs/catalog-import.md); at most 2 MB and 5,000 rows' }),
    mode: z.enum(['create', 'upsert']),
    supplierId: OrganizationIdSchema.optional().openapi({ description: 'Required for platform staff' }),
  })
  .strict()
  .openapi('CatalogImport');

export const ImportReportSchema = z
  .object({
    importId: z.string(),
    format: z.enum(['csv', 'json']),
    mode: z.enum(['create', 'upsert']),
    rowCount: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    products: z.array(z.object({ productId: z.string(), spuCode: z.string(), action: z.enum(['created', 'updated', 'unchanged']) })),
  })
  .openapi('CatalogImportReport');

export const ImportErrorSchema = z
  .object({
    error: z.object({
      code: z.literal('import_invalid'),
      message: z.string(),
      details: z.object({
        errorCount: z.number().int(),
        errors: z.array(
          z.object({
            row: z.number().int().openapi({ description: '1 = first data row (after the CSV header, or items[0]); 0 = the header or the whole file' }),
            column: z.string().nullable(),
            code: z.string(),
            message: z.string(),
          }),
        ),
      }),
    }),
  })
  .openapi('CatalogImportErrors');

export const SkuCodeParamSchema = z.object({ skuCode: CodeSchema.openapi({ param: { in: 'path', required: true }, example: 'LJ-250G' }) });

export const StockBodySchema = z.object({ stock: StockSchema }).strict().openapi('StockUpdate');

export const StockQuerySchema = z.object({
  supplierId: OrganizationIdSchema.optional().openapi({ description: 'Platform staff: the supplier owning the code (needed only when two suppliers use it)' }),
});

export const StockSyncSchema = z
  .object({
    supplierId: OrganizationIdSchema.optional(),
    items: z.array(z.object({ skuCode: CodeSchema, stock: StockSchema }).strict()).min(1).max(MAX_STOCK_SYNC_ITEMS),
  })
  .strict()
  .refine((body) => new Set(body.items.map((item) => item.skuCode)).size === body.items.length, { path: ['items'], message: 'Each SKU code once' })
  .openapi('StockSync');

export const StockResultSchema = z
  .object({
    skuId: z.string(),
    skuCode: z.string(),
    productId: z.string(),
    supplierId: z.string(),
    previousStock: z.number().int(),
    stock: z.number().int(),
    changed: z.boolean(),
  })
  .openapi('StockResult');

export const StockSyncResultSchema = z.object({ items: z.array(StockResultSchema), changedCount: z.number().int() }).openapi('StockSyncResult');
