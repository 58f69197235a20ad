import { defineRoute, idParam, jsonResponse, OpenAPIHono, PageQuerySchema, pageOf, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import type { WebhookService } from './webhook-service.ts';
import { eventCatalog } from './webhook-views.ts';
import { DeliveryDetailSchema, DeliveryQuerySchema, DeliverySchema, EndpointPatchSchema, EndpointSchema, EndpointWithSecretSchema, EventCatalogSchema, NewEndpointSchema } from './integration-schemas.ts';

export const INTEGRATION_MANAGE = 'integration.manage';
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const manage = requires(INTEGRATION_MANAGE);
const TAGS = ['Integrations: webhooks'];
const EndpointParams = z.object({ id: idParam('whk') });
const DeliveryParams = z.object({ id: idParam('whd') });
// Once-shown secrets must not linger in a browser or proxy cache.
const NO_STORE = { 'cache-control': 'no-store' };

/** The console's webhook endpoints, their delivery log, test events and redelivery (platform staff). */
export function webhookAdminRoutes(webhooks: WebhookService) {
  return new OpenAPIHono<AppEnv>()
    .openapi(defineRoute(manage, { method: 'get', path: '/integrations/webhook-events', tags: TAGS, summary: 'The events a webhook endpoint may subscribe to, with their meaning', responses: { 200: jsonResponse(EventCatalogSchema, 'The event types') } }), (c) =>
      c.json({ items: eventCatalog(c.var.ctx.locale) }, 200),
    )
    .openapi(defineRoute(manage, { method: 'get', path: '/integrations/webhooks', tags: TAGS, summary: 'Webhook endpoints', request: { query: PageQuerySchema }, responses: { 200: jsonResponse(pageOf(EndpointSchema, 'WebhookEndpointPage'), 'A page of endpoints') } }), async (c) => {
      const page = c.req.valid('query');
      return c.json({ ...unwrap(await webhooks.list(c.var.ctx, page)), ...page }, 200);
    })
    .openapi(
      defineRoute(manage, { method: 'post', path: '/integrations/webhooks', tags: TAGS, summary: 'Add an endpoint; its signing secret is in this answer only (audited)', request: jsonBody(NewEndpointSchema), responses: { 201: jsonResponse(EndpointWithSecretSchema, 'The endpoint and its secret') } }),
      async (c) => c.json(unwrap(await webhooks.create(c.var.ctx, c.req.valid('json'))), 201, NO_STORE),
    )
    .openapi(defineRoute(manage, { method: 'get', path: '/integrations/webhooks/{id}', tags: TAGS, summary: 'One endpoint', request: { params: EndpointParams }, responses: { 200: jsonResponse(EndpointSchema, 'The endpoint') } }), async (c) =>
      c.json(unwrap(await webhooks.get(c.var.ctx, c.req.valid('param').id)), 200),
    )
    .openapi(
      defineRoute(manage, { method: 'patch', path: '/integrations/webhooks/{id}', tags: TAGS, summary: 'Rename, re-point, resubscribe, enable or disable an endpoint (audited)', request: { params: EndpointParams, ...jsonBody(EndpointPatchSchema) }, responses: { 200: jsonResponse(EndpointSchema, 'The endpoint') } }),
      async (c) => c.json(unwrap(await webhooks.update(c.var.ctx, c.req.valid('param').id, c.req.valid('json'))), 200),
    )
    .openapi(
      defineRoute(manage, { method: 'post', path: '/integrations/webhooks/{id}/rotate-secret', tags: TAGS, summary: 'Replace the signing secret; the new one is in this answer only (audited)', request: { params: EndpointParams }, responses: { 200: jsonResponse(EndpointWithSecretSchema, 'The endpoint and its new secret') } }),
      async (c) => c.json(unwrap(await webhooks.rotateSecret(c.var.ctx, c.req.valid('param').id)), 200, NO_STORE),
    )
    .openapi(defineRoute(manage, { method: 'delete', path: '/integrations/webhooks/{id}', tags: TAGS, summary: 'Delete an endpoint; its delivery log stays (audited)', request: { params: EndpointParams }, responses: { 200: jsonResponse(EndpointSchema, 'The deleted endpoint') } }), async (c) =>
      c.json(unwrap(await webhooks.remove(c.var.ctx, c.req.valid('param').id)), 200),
    )
    .openapi(
      defineRoute(manage, { method: 'post', path: '/integrations/webhooks/{id}/test', tags: TAGS, summary: 'Send a signed integration.test event now and return what the endpoint answered (audited)', request: { params: EndpointParams }, responses: { 200: jsonResponse(DeliveryDetailSchema, 'The test delivery with its attempt') } }),
      async (c) => c.json(unwrap(await webhooks.sendTest(c.var.ctx, c.req.valid('param').id)), 200),
    )
    .openapi(
      defineRoute(manage, { method: 'get', path: '/integrations/webhooks/{id}/deliveries', tags: TAGS, summary: 'The delivery log of an endpoint, newest first', request: { params: EndpointParams, query: DeliveryQuerySchema }, responses: { 200: jsonResponse(pageOf(DeliverySchema, 'WebhookDeliveryPage'), 'A page of deliveries') } }),
      async (c) => {
        const { status, page, pageSize } = c.req.valid('query');
        return c.json({ ...unwrap(await webhooks.deliveries(c.var.ctx, c.req.valid('param').id, status, { page, pageSize })), page, pageSize }, 200);
      },
    )
    .openapi(defineRoute(manage, { method: 'get', path: '/integrations/webhook-deliveries/{id}', tags: TAGS, summary: 'One delivery with its body and every attempt', request: { params: DeliveryParams }, responses: { 200: jsonResponse(DeliveryDetailSchema, 'The delivery') } }), async (c) =>
      c.json(unwrap(await webhooks.delivery(c.var.ctx, c.req.valid('param').id)), 200),
    )
    .openapi(
      defineRoute(manage, { method: 'post', path: '/integrations/webhook-deliveries/{id}/redeliver', tags: TAGS, summary: 'Send the same body again now, as a new delivery (audited)', request: { params: DeliveryParams }, responses: { 200: jsonResponse(DeliveryDetailSchema, 'The new delivery with its attempt') } }),
      async (c) => c.json(unwrap(await webhooks.redeliver(c.var.ctx, c.req.valid('param').id)), 200),
    );
}
