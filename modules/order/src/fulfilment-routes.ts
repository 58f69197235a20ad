import { authenticated, defineRoute, FenSchema, idParam, IsoDateTimeSchema, OpenAPIHono, pageOf, PageQuerySchema, requires, unwrap, z, type AppEnv, jsonResponse } from '@linkmall/http';
import { ORDER_STATUSES } from './domain/order-status.ts';
import type { FulfilmentService } from './fulfilment-service.ts';

const PriorityShippingReasonSchema = z
  .object({
    kind: z.literal('member_level'),
    levelId: z.string(),
    levelNameZh: z.string(),
    levelNameEn: z.string(),
    points: z.number().int(),
    qualifiedInvites: z.number().int(),
  })
  .openapi('PriorityShippingReason');

/** `priority=true` lists only 优先发货 orders, `false` only the others; absent, both. */
const PriorityFilterSchema = z.enum(['true', 'false']).transform((value) => value === 'true');

const SubOrderStaffSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    supplierId: z.string(),
    merchantId: z.string().nullable(),
    status: z.enum(ORDER_STATUSES),
    payableFen: FenSchema,
    carrier: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    createdAt: IsoDateTimeSchema,
    paidAt: IsoDateTimeSchema.nullable(),
    shippedAt: IsoDateTimeSchema.nullable(),
    receivedAt: IsoDateTimeSchema.nullable(),
    afterSalesUntil: IsoDateTimeSchema.nullable(),
    completedAt: IsoDateTimeSchema.nullable(),
    priorityShipping: z.boolean().openapi({ description: '优先发货: marked when paid, because the buyer’s member level grants priority shipping' }),
    priorityShippingReason: PriorityShippingReasonSchema.nullable(),
  })
  .openapi('SubOrderForStaff');

const ShipmentSchema = z
  .object({
    carrier: z.string().trim().min(2).max(30).openapi({ example: '顺丰速运' }),
    trackingNumber: z.string().trim().regex(/^[A-Za-z0-9-]{6,40}$/).openapi({ example: 'SF1234567890' }),
    // From GET /admin/logistics/carriers; lets tracking ask the carrier. Looked up from the name when absent.
    carrierCode: z.string().trim().min(1).max(30).optional().openapi({ example: 'shunfeng' }),
  })
  .strict()
  .openapi('Shipment');


/** Staff: the sub-orders in their scope, and shipping (a supplier ships its own). */
export function fulfilmentAdminRoutes(fulfilment: FulfilmentService) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(requires('order.read'), {
        method: 'get',
        path: '/orders',
        tags: ['Orders'],
        summary: 'Sub-orders in the scope of the caller (a supplier sees what it ships), newest first; awaiting shipment (status paid): 优先发货 first, then oldest paid first',
        request: { query: PageQuerySchema.extend({ status: z.enum(ORDER_STATUSES).optional(), priority: PriorityFilterSchema.optional() }) },
        responses: { 200: jsonResponse(pageOf(SubOrderStaffSchema, 'SubOrderPage'), 'A page of sub-orders') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        const { items, total } = await fulfilment.listForStaff(c.var.ctx, query);
        return c.json({ items, total, page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(requires('order.fulfil'), {
        method: 'post',
        path: '/sub-orders/{id}/ship',
        tags: ['Orders'],
        summary: 'Ship a paid sub-order with carrier and tracking number (audited)',
        request: { params: z.object({ id: idParam('sub') }), body: { content: { 'application/json': { schema: ShipmentSchema } }, required: true } },
        responses: { 200: jsonResponse(SubOrderStaffSchema, 'The shipped sub-order') },
      }),
      async (c) => c.json(unwrap(await fulfilment.ship(c.var.ctx, c.req.valid('param').id, c.req.valid('json'))), 200),
    );
}

/** Buyers: confirm receipt of what was shipped. */
export function fulfilmentShopRoutes(fulfilment: FulfilmentService) {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(authenticated, {
      method: 'post',
      path: '/orders/{id}/confirm-receipt',
      tags: ['Orders'],
      summary: 'Confirm receipt of the shipped parts of an order; the after-sales window starts',
      request: { params: z.object({ id: idParam('ord') }) },
      responses: { 200: jsonResponse(z.object({ received: z.number().int() }), 'How many sub-orders were received') },
    }),
    async (c) => c.json(unwrap(await fulfilment.confirmReceipt(c.var.ctx, c.req.valid('param').id)), 200),
  );
}
