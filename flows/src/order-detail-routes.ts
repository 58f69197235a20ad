import { defineRoute, FenSchema, idParam, IsoDateTimeSchema, jsonResponse, OpenAPIHono, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import type { OrderDetailFlow } from './order-detail.ts';

const SubOrderDetailSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    supplierId: z.string(),
    merchantId: z.string().nullable(),
    status: z.string(),
    payableFen: FenSchema,
    carrier: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    createdAt: IsoDateTimeSchema,
    shippedAt: IsoDateTimeSchema.nullable(),
    receivedAt: IsoDateTimeSchema.nullable(),
    afterSalesUntil: IsoDateTimeSchema.nullable(),
    completedAt: IsoDateTimeSchema.nullable(),
    deliveryMethod: z.enum(['delivery', 'pickup']),
    pickupStoreId: z.string().nullable(),
    shippingAddress: z
      .object({ recipientName: z.string(), phone: z.string().nullable(), phoneMasked: z.string(), province: z.string(), city: z.string(), district: z.string(), detail: z.string() })
      .nullable(),
    lines: z.array(
      z.object({
        id: z.string(),
        skuId: z.string(),
        productId: z.string(),
        title: z.string(),
        specs: z.string(),
        quantity: z.number().int(),
        refundedQuantity: z.number().int(),
        unitPriceFen: FenSchema,
        supplyPriceFen: FenSchema,
        payableFen: FenSchema,
      }),
    ),
    history: z.array(z.object({ from: z.string().nullable(), to: z.string(), event: z.string(), at: IsoDateTimeSchema })),
  })
  .openapi('SubOrderDetail');

/** Staff read one sub-order in their scope: lines, status history and where it ships. */
export function orderDetailAdminRoutes(detail: OrderDetailFlow) {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(requires('order.read'), {
      method: 'get',
      path: '/sub-orders/{id}',
      tags: ['Orders'],
      summary: 'One sub-order with its lines, status history and address (the phone in clear only for whoever ships it)',
      request: { params: z.object({ id: idParam('sub') }) },
      responses: { 200: jsonResponse(SubOrderDetailSchema, 'The sub-order') },
    }),
    async (c) => c.json(unwrap(await detail.subOrder(c.var.ctx, c.req.valid('param').id)), 200),
  );
}
