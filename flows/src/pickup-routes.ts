import { defineRoute, idParam, jsonResponse, OpenAPIHono, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import type { PickupFlow } from './pickup.ts';

export function pickupAdminRoutes(pickup: PickupFlow) {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(requires('pickup.verify'), {
      method: 'post',
      path: '/pickups/verify',
      tags: ['Orders'],
      summary: 'Hand over a pickup order at a store against the buyer’s 6-digit code (audited)',
      request: {
        body: {
          content: { 'application/json': { schema: z.object({ storeId: idParam('sto'), code: z.string().regex(/^\d{6}$/) }).strict() } },
          required: true,
        },
      },
      responses: { 200: jsonResponse(z.object({ orderId: z.string(), collected: z.number().int() }), 'Collected') },
    }),
    async (c) => {
      const { storeId, code } = c.req.valid('json');
      return c.json(unwrap(await pickup.verify(c.var.ctx, storeId, code)), 200);
    },
  );
}
