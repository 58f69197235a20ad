import { authenticated, defineRoute, ErrorBodySchema, idParam, IsoDateTimeSchema, jsonResponse, OpenAPIHono, pageOf, PageQuerySchema, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import type { PersonalDataFlow } from './personal-data.ts';

const TAGS = ['Personal data (PIPL)'];

const RequestSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    status: z.enum(['pending', 'cancelled', 'completed']),
    requestedAt: IsoDateTimeSchema,
    dueAt: IsoDateTimeSchema,
    cancelledAt: IsoDateTimeSchema.nullable(),
    completedAt: IsoDateTimeSchema.nullable(),
    lastRefusal: z.string().nullable(),
  })
  .openapi('PersonalDataRequest');

const StaffRequestSchema = RequestSchema.extend({ userName: z.string().nullable(), phoneMasked: z.string().nullable() }).openapi('PersonalDataRequestStaffView');
const RequestQuerySchema = PageQuerySchema.extend({ status: z.enum(['pending', 'cancelled', 'completed']).optional() });
const RequestIdParams = z.object({ id: idParam('pdr') });
const blocked = { 409: jsonResponse(ErrorBodySchema, 'Refused: open orders, after-sales, withdrawals or balance (details.blockers says which), or still cooling off') };

/** JSON with bigint amounts as strings and dates as ISO text, so the download is plain JSON. */
const toJson = (value: unknown) => JSON.stringify(value, (_key, item) => (typeof item === 'bigint' ? item.toString() : item), 2);

export function personalDataShopRoutes(flow: PersonalDataFlow) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(authenticated, {
        method: 'get',
        path: '/me/personal-data',
        tags: TAGS,
        summary: 'Download everything held about me (profile, orders, reviews, points, distribution, card visits, leads, consents) as JSON (audited)',
        responses: { 200: { description: 'The export as a JSON attachment (amounts in fen as strings)', content: { 'application/json': { schema: z.string().openapi('PersonalDataExport') } } } },
      }),
      async (c) => {
        const data = await flow.exportMine(c.var.ctx);
        const day = data.exportedAt.slice(0, 10);
        // A download rather than a typed JSON answer: the body is pre-serialised (bigint amounts as strings).
        const download = c.body(toJson(data), 200, {
          'content-type': 'application/json; charset=utf-8',
          'content-disposition': `attachment; filename="personal-data-${day}.json"`,
          'cache-control': 'no-store',
        });
        return download as never;
      },
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'get',
        path: '/me/deletion-request',
        tags: TAGS,
        summary: 'My latest account deletion request, if any',
        responses: { 200: jsonResponse(z.object({ request: RequestSchema.nullable() }), 'The request or null') },
      }),
      async (c) => c.json({ request: await flow.myDeletionRequest(c.var.ctx) }, 200),
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'post',
        path: '/me/deletion-request',
        tags: TAGS,
        summary: 'Ask to delete my account: anonymised after the cooling-off period unless cancelled (asking again returns the pending request)',
        responses: { 200: jsonResponse(RequestSchema.extend({ created: z.boolean() }), 'The pending request'), ...blocked },
      }),
      async (c) => c.json(unwrap(await flow.requestDeletion(c.var.ctx)), 200),
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'post',
        path: '/me/deletion-request/cancel',
        tags: TAGS,
        summary: 'Cancel my pending deletion request',
        responses: { 200: jsonResponse(RequestSchema, 'Cancelled'), 404: jsonResponse(ErrorBodySchema, 'No pending request') },
      }),
      async (c) => c.json(unwrap(await flow.cancelDeletion(c.var.ctx)), 200),
    );
}

export function personalDataAdminRoutes(flow: PersonalDataFlow) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(requires('privacy.manage'), {
        method: 'get',
        path: '/personal-data/deletion-requests',
        tags: TAGS,
        summary: 'Account deletion requests, newest first',
        request: { query: RequestQuerySchema },
        responses: { 200: jsonResponse(pageOf(StaffRequestSchema, 'PersonalDataRequestPage'), 'A page of requests') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        const { items, total } = await flow.listRequests(query);
        return c.json({ items, total, page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(requires('privacy.manage'), {
        method: 'post',
        path: '/personal-data/deletion-requests/{id}/process',
        tags: TAGS,
        summary: 'Execute a deletion request whose cooling-off period has ended: anonymise the member (audited)',
        request: { params: RequestIdParams },
        responses: { 200: jsonResponse(RequestSchema, 'Completed'), 404: jsonResponse(ErrorBodySchema, 'No such request'), ...blocked },
      }),
      async (c) => c.json(unwrap(await flow.process(c.var.ctx, c.req.valid('param').id)), 200),
    );
}
