import { authenticated, defineRoute, FenSchema, idParam, IsoDateTimeSchema, jsonResponse, OpenAPIHono, pageOf, PageQuerySchema, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import type { AfterSalesService } from '@linkmall/order';
import type { RefundOrderFlow } from './refund-order.ts';

const CaseSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    subOrderId: z.string(),
    supplierId: z.string(),
    merchantId: z.string().nullable(),
    kind: z.enum(['refund_only', 'return_and_refund']),
    reason: z.string(),
    photoUrls: z.array(z.string()),
    status: z.enum(['requested', 'refunded', 'rejected']),
    refundFen: FenSchema,
    decisionNote: z.string().nullable(),
    createdAt: IsoDateTimeSchema,
    decidedAt: IsoDateTimeSchema.nullable(),
  })
  .openapi('AfterSalesCase');

const RequestSchema = z
  .object({
    subOrderId: z.string().min(1).max(40),
    kind: z.enum(['refund_only', 'return_and_refund']),
    reason: z.string().trim().min(1).max(200),
    photoUrls: z.array(z.string().url().max(500)).max(9).optional(),
    lines: z.array(z.object({ orderLineId: z.string().min(1).max(40), quantity: z.number().int().min(1).max(999) }).strict()).min(1).max(50),
  })
  .strict()
  .openapi('AfterSalesRequest');

const CaseIdParams = z.object({ id: idParam('afs') });

export function afterSalesShopRoutes(afterSales: AfterSalesService) {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(authenticated, {
      method: 'post',
      path: '/orders/{id}/after-sales',
      tags: ['After-sales'],
      summary: 'Ask for a refund (or return and refund) of some lines of a sub-order',
      request: { params: z.object({ id: idParam('ord') }), body: { content: { 'application/json': { schema: RequestSchema } }, required: true } },
      responses: { 201: jsonResponse(CaseSchema, 'The open case'), 422: jsonResponse(z.any(), 'Quantities that cannot be refunded') },
    }),
    async (c) => c.json(unwrap(await afterSales.open(c.var.ctx, c.req.valid('param').id, c.req.valid('json'))), 201),
  );
}

export function afterSalesAdminRoutes(afterSales: AfterSalesService, refunds: RefundOrderFlow) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(requires('order.read'), {
        method: 'get',
        path: '/after-sales',
        tags: ['After-sales'],
        summary: 'After-sales cases in the scope of the caller',
        request: { query: PageQuerySchema.extend({ status: z.enum(['requested', 'refunded', 'rejected']).optional() }) },
        responses: { 200: jsonResponse(pageOf(CaseSchema, 'AfterSalesPage'), 'A page of cases') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        const { items, total } = await afterSales.list(c.var.ctx, query);
        return c.json({ items, total, page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(requires('after_sales.handle'), {
        method: 'post',
        path: '/after-sales/{id}/approve',
        tags: ['After-sales'],
        summary: 'Approve a case: refund through the payment provider, restock returned goods (audited)',
        request: { params: CaseIdParams },
        responses: { 200: jsonResponse(CaseSchema.extend({ refundStatus: z.enum(['processing', 'succeeded']) }), 'Approved'), 502: jsonResponse(z.any(), 'The provider refused the refund') },
      }),
      async (c) => c.json(unwrap(await refunds.approve(c.var.ctx, c.req.valid('param').id)), 200),
    )
    .openapi(
      defineRoute(requires('after_sales.handle'), {
        method: 'post',
        path: '/after-sales/{id}/reject',
        tags: ['After-sales'],
        summary: 'Reject a case with a note; the order continues where it was (audited)',
        request: { params: CaseIdParams, body: { content: { 'application/json': { schema: z.object({ note: z.string().trim().min(1).max(200) }).strict() } }, required: true } },
        responses: { 200: jsonResponse(CaseSchema, 'Rejected') },
      }),
      async (c) => c.json(unwrap(await afterSales.reject(c.var.ctx, c.req.valid('param').id, c.req.valid('json').note)), 200),
    );
}
