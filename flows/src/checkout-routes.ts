import { authenticated, defineRoute, FenSchema, idParam, IsoDateTimeSchema, OpenAPIHono, pageOf, PageQuerySchema, PhoneSchema, unwrap, z, type AppEnv, jsonResponse } from '@linkmall/http';
import type { CheckoutDraft, OrderService } from '@linkmall/order';
import type { CheckoutFlow } from './checkout.ts';

const AddressSchema = z
  .object({
    recipientName: z.string().trim().min(1).max(30),
    phone: PhoneSchema,
    province: z.string().trim().min(2).max(20),
    city: z.string().trim().min(2).max(20),
    district: z.string().trim().min(1).max(20),
    detail: z.string().trim().min(2).max(120),
  })
  .strict()
  .openapi('ShippingAddress');

const CheckoutSchema = z
  .object({
    items: z
      .array(z.object({ skuId: z.string().min(1).max(40), quantity: z.number().int().min(1).max(999), flashSaleId: z.string().min(1).max(40).nullable().optional() }).strict())
      .min(1)
      .max(50),
    deliveryMethod: z.enum(['delivery', 'pickup']),
    pickupStoreId: z.string().max(40).nullable().optional(),
    shippingAddress: AddressSchema.nullable().optional(),
    merchantId: z.string().max(40).nullable().optional(),
    couponId: z.string().min(1).max(40).nullable().optional(),
    groupBuy: z.object({ activityId: z.string().min(1).max(40), groupId: z.string().min(1).max(40).nullable().optional() }).strict().nullable().optional(),
  })
  .strict()
  .refine((input) => input.deliveryMethod !== 'delivery' || input.shippingAddress, { message: 'A delivery needs a shipping address', path: ['shippingAddress'] })
  .refine((input) => input.deliveryMethod !== 'pickup' || input.pickupStoreId, { message: 'A pickup needs a store', path: ['pickupStoreId'] })
  .openapi('Checkout');

const OrderSchema = z
  .object({
    id: z.string(),
    paymentStatus: z.enum(['unpaid', 'paid', 'closed']),
    deliveryMethod: z.enum(['delivery', 'pickup']),
    pickupStoreId: z.string().nullable(),
    pickupCode: z.string().nullable(),
    collectedAt: IsoDateTimeSchema.nullable(),
    shippingAddress: z
      .object({ recipientName: z.string(), phoneMasked: z.string(), province: z.string(), city: z.string(), district: z.string(), detail: z.string() })
      .nullable(),
    goodsFen: FenSchema,
    discountFen: FenSchema,
    shippingFen: FenSchema,
    payableFen: FenSchema,
    expiresAt: IsoDateTimeSchema,
    createdAt: IsoDateTimeSchema,
    paidAt: IsoDateTimeSchema.nullable(),
    subOrders: z.array(
      z.object({
        id: z.string(),
        supplierId: z.string(),
        status: z.string(),
        payableFen: FenSchema,
        lines: z.array(
          z.object({ id: z.string(), skuId: z.string(), productId: z.string(), title: z.string(), specs: z.string(), quantity: z.number().int(), unitPriceFen: FenSchema, payableFen: FenSchema }),
        ),
      }),
    ),
  })
  .openapi('Order');

const OrderIdParams = z.object({ id: idParam('ord') });

/** A quote prices the same cart as checkout; where it goes is not needed yet. */
const QuoteSchema = z
  .object({
    items: z
      .array(z.object({ skuId: z.string().min(1).max(40), quantity: z.number().int().min(1).max(999), flashSaleId: z.string().min(1).max(40).nullable().optional() }).strict())
      .min(1)
      .max(50),
    merchantId: z.string().max(40).nullable().optional(),
    couponId: z.string().min(1).max(40).nullable().optional(),
    groupBuy: z.object({ activityId: z.string().min(1).max(40), groupId: z.string().min(1).max(40).nullable().optional() }).strict().nullable().optional(),
  })
  .strict()
  .openapi('CheckoutQuoteRequest');

const QuoteLineSchema = z.object({ skuId: z.string(), productId: z.string(), title: z.string(), specs: z.string(), quantity: z.number().int(), unitPriceFen: FenSchema, discountFen: FenSchema, payableFen: FenSchema });
const QuoteResponseSchema = z
  .object({
    goodsFen: FenSchema,
    discountFen: FenSchema,
    shippingFen: FenSchema,
    payableFen: FenSchema,
    subOrders: z.array(z.object({ supplierId: z.string(), goodsFen: FenSchema, discountFen: FenSchema, shippingFen: FenSchema, payableFen: FenSchema, lines: z.array(QuoteLineSchema) })),
  })
  .openapi('CheckoutQuote');

function quoteView(draft: CheckoutDraft) {
  return {
    goodsFen: Number(draft.goodsFen),
    discountFen: Number(draft.discountFen),
    shippingFen: Number(draft.shippingFen),
    payableFen: Number(draft.payableFen),
    subOrders: draft.subOrders.map((subOrder) => ({
      supplierId: subOrder.supplierId,
      goodsFen: Number(subOrder.goodsFen),
      discountFen: Number(subOrder.discountFen),
      shippingFen: Number(subOrder.shippingFen),
      payableFen: Number(subOrder.payableFen),
      lines: subOrder.lines.map((line) => ({
        skuId: line.skuId,
        productId: line.productId,
        title: line.title,
        specs: line.specs,
        quantity: line.quantity,
        unitPriceFen: Number(line.unitPriceFen),
        discountFen: Number(line.discountFen),
        payableFen: Number(line.payableFen),
      })),
    })),
  };
}

/** The buyer's side of orders: checkout, my orders, one order, cancel while unpaid. */
export function checkoutShopRoutes(checkout: CheckoutFlow, orders: OrderService) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(authenticated, {
        method: 'post',
        path: '/checkout/quote',
        tags: ['Orders'],
        summary: 'Price a cart as checkout would (prices, promotions, coupon discount, split per supplier) without placing an order',
        request: { body: { content: { 'application/json': { schema: QuoteSchema } }, required: true } },
        responses: {
          200: jsonResponse(QuoteResponseSchema, 'What the order would cost'),
          422: jsonResponse(z.any(), 'A SKU is not on sale or listed twice, or a coupon / flash sale / group buy does not apply'),
        },
      }),
      async (c) => c.json(quoteView(unwrap(await checkout.quote(c.var.ctx, c.req.valid('json')))), 200),
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'post',
        path: '/orders',
        tags: ['Orders'],
        summary: 'Checkout: one order, a sub-order per supplier, stock reserved until paid or closed',
        request: { body: { content: { 'application/json': { schema: CheckoutSchema } }, required: true } },
        responses: {
          201: jsonResponse(OrderSchema, 'The unpaid order'),
          422: jsonResponse(z.any(), 'A SKU is not on sale, listed twice, the pickup store is closed, or a coupon / flash sale / group buy does not apply'),
        },
      }),
      async (c) => c.json(unwrap(await checkout.checkout(c.var.ctx, c.req.valid('json'))), 201),
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'get',
        path: '/orders',
        tags: ['Orders'],
        summary: 'My orders, newest first',
        request: { query: PageQuerySchema },
        responses: { 200: jsonResponse(pageOf(OrderSchema, 'OrderPage'), 'A page of orders') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        const { items, total } = await orders.listMine(c.var.ctx, query);
        return c.json({ items, total, page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'get',
        path: '/orders/{id}',
        tags: ['Orders'],
        summary: 'One of my orders',
        request: { params: OrderIdParams },
        responses: { 200: jsonResponse(OrderSchema, 'The order') },
      }),
      async (c) => c.json(unwrap(await orders.get(c.var.ctx, c.req.valid('param').id)), 200),
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'post',
        path: '/orders/{id}/cancel',
        tags: ['Orders'],
        summary: 'Cancel an unpaid order; its stock is released',
        request: { params: OrderIdParams },
        responses: { 200: jsonResponse(OrderSchema, 'The cancelled order') },
      }),
      async (c) => c.json(unwrap(await checkout.cancel(c.var.ctx, c.req.valid('param').id)), 200),
    );
}
