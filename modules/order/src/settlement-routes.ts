import { defineRoute, FenSchema, jsonResponse, OpenAPIHono, requires, z, type AppEnv } from '@linkmall/http';
import { settlementCsv, type SettlementService } from './settlement-service.ts';

const QuerySchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).openapi({ example: '2026-11' }),
  party: z.enum(['supplier', 'merchant']).default('supplier'),
});

const StatementSchema = z
  .object({
    month: z.string(),
    party: z.enum(['supplier', 'merchant']),
    rows: z.array(z.object({ partyId: z.string(), partyName: z.string().nullable(), subOrders: z.number().int(), salesFen: FenSchema, supplyCostFen: FenSchema, payableFen: z.number().int() })),
    totalPayableFen: z.number().int(),
  })
  .openapi('SettlementStatement');

export function settlementAdminRoutes(settlements: SettlementService) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(requires('settlement.read'), {
        method: 'get',
        path: '/settlements',
        tags: ['Settlement'],
        summary: 'What the platform owes each supplier or merchant for sub-orders completed in a month',
        request: { query: QuerySchema },
        responses: { 200: jsonResponse(StatementSchema, 'The statement') },
      }),
      async (c) => c.json(await settlements.statement(c.var.ctx, c.req.valid('query')), 200),
    )
    .openapi(
      defineRoute(requires('settlement.read'), {
        method: 'get',
        path: '/settlements.csv',
        tags: ['Settlement'],
        summary: 'The same statement as CSV (UTF-8 with BOM, amounts in yuan)',
        request: { query: QuerySchema },
        responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } } },
      }),
      async (c) => {
        const query = c.req.valid('query');
        const csv = settlementCsv(await settlements.statement(c.var.ctx, query));
        return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="settlement-${query.party}-${query.month}.csv"` });
      },
    );
}
