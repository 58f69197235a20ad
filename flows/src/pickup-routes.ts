import { defineRoute, idParam, jsonResponse, OpenAPIHono, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import type { PickupFlow } from './pickup.ts';

const PickupPreviewSchema = z
  .object({
    orderId: z.string(),
    paidAt: z.string().nullable(),
    payableFen: z.number().int(),
    lines: z.array(z.object({ title: z.string(), specs: z.string(), quantity: z.number().int() })),
  })
  .openapi('PickupPreview');

export function pickupAdminRoutes(pickup: PickupFlow) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(requires('pickup.verify'), {
        method: 'get',
        path: '/pickups/lookup',
        tags: ['Orders'],
        summary: 'What a pickup code would hand over at a store (lines and quantities), before confirming',
        request: { query: z.object({ storeId: idParam('sto').openapi({ param: { in: 'query', required: true } }), code: z.string().regex(/^\d{6}$/) }) },
        responses: { 200: jsonResponse(PickupPreviewSchema, 'The waiting order') },
      }),
      async (c) => {
        const { storeId, code } = c.req.valid('query');
        return c.json(unwrap(await pickup.preview(c.var.ctx, storeId, code)), 200);
      },
    )
    .openapi(
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
