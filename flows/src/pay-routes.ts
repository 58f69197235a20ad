import { authenticated, defineRoute, FenSchema, idParam, OpenAPIHono, signedByPartner, unwrap, z, type AppEnv } from '@linkmall/http';
import { ApiFailure } from '@linkmall/http';
import type { PayOrderFlow } from './pay-order.ts';

const StartedPaymentSchema = z
  .object({
    paymentId: z.string(),
    provider: z.string(),
    amountFen: FenSchema,
    clientParams: z.record(z.string(), z.string()).openapi({ description: 'What wx.requestPayment (or the sandbox page) needs' }),
  })
  .openapi('StartedPayment');

/** The buyer starts paying an unpaid order; a retry reuses the pending payment. */
export function payShopRoutes(pay: PayOrderFlow) {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(authenticated, {
      method: 'post',
      path: '/orders/{id}/pay',
      tags: ['Orders'],
      summary: 'Start paying an unpaid order with the configured payment provider',
      request: { params: z.object({ id: idParam('ord') }) },
      responses: { 200: { description: 'Payment parameters for the client', content: { 'application/json': { schema: StartedPaymentSchema } } } },
    }),
    async (c) => c.json(unwrap(await pay.start(c.var.ctx, c.req.valid('param').id)), 200),
  );
}

/**
 * The provider's notify URL. Not signed by a partner key: the provider's own signature is checked
 * by the provider adapter, and the answer is exactly what that provider expects.
 */
export function payNotifyRoutes(pay: PayOrderFlow, providerName: string) {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(signedByPartner, {
      method: 'post',
      path: '/payments/{provider}/notify',
      tags: ['Payments'],
      summary: 'Payment provider notifications (WeChat Pay v3 or the sandbox), verified by the provider’s signature',
      request: { params: z.object({ provider: z.string().max(20).openapi({ param: { in: 'path', required: true } }) }) },
      responses: { 200: { description: 'Acknowledged in the provider’s format' }, 204: { description: 'Acknowledged (WeChat Pay)' } },
    }),
    async (c) => {
      if (c.req.valid('param').provider !== providerName) throw new ApiFailure('not_found');
      const headers: Record<string, string> = {};
      c.req.raw.headers.forEach((value, key) => {
        headers[key.toLowerCase()] = value;
      });
      const { acknowledgement } = await pay.handleNotification(c.var.ctx, { headers, body: await c.req.text() });
      return new Response(acknowledgement.body || null, { status: acknowledgement.status, headers: acknowledgement.headers });
    },
  );
}
