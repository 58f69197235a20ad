import { bodyLimit } from 'hono/body-limit';
import { ApiFailure, authenticated, defineRoute, idParam, jsonResponse, OpenAPIHono, pageOf, PageQuerySchema, publicAccess, requires, unwrap, z, type AppEnv } from '@linkmall/http';
import type { RadarModule } from './radar-service.ts';
import {
  ConsentReceiptSchema,
  ConsentSchema,
  NotificationSchema,
  RadarVisitorSchema,
  TeamQuerySchema,
  TeamSchema,
  TimelineEntrySchema,
  toTrackedEvents,
  TrackBatchSchema,
  TrackReceiptSchema,
  TRACKING_BODY_LIMIT_BYTES,
  VisitorIdSchema,
} from './radar-schemas.ts';
import { streamRoutes } from './stream-routes.ts';

const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

/**
 * The public tracking endpoint the card page and the shop call (mounted at /t). No sign-in needed; a
 * shop session, when sent, names the visitor. Bodies are limited to 64 KB.
 */
export function trackingRoutes(radar: RadarModule) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', bodyLimit({ maxSize: TRACKING_BODY_LIMIT_BYTES, onError: () => { throw new ApiFailure('payload_too_large'); } }));
  return app
    .openapi(
      defineRoute(publicAccess, {
        method: 'post',
        path: '/events',
        tags: ['Radar'],
        summary: 'Report a batch of up to 100 card events (view, dwell, clicks, shares, contact form …); per person only with consent',
        request: body(TrackBatchSchema),
        responses: { 202: jsonResponse(TrackReceiptSchema, 'Accepted') },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const batch = {
          visitorId: input.visitorId,
          cardId: input.cardId,
          shareToken: input.shareToken ?? null,
          ...(input.profile ? { profile: input.profile } : {}),
          events: toTrackedEvents(input),
        };
        return c.json(unwrap(await radar.tracking.track(c.var.ctx, batch)), 202);
      },
    )
    .openapi(
      defineRoute(publicAccess, {
        method: 'post',
        path: '/consent',
        tags: ['Radar'],
        summary: 'Record the visitor’s consent to personal tracking on a card (PIPL), or its withdrawal (which erases what was kept)',
        request: body(ConsentSchema),
        responses: { 200: jsonResponse(ConsentReceiptSchema, 'The decision as recorded') },
      }),
      async (c) => c.json(unwrap(await radar.tracking.decideConsent(c.var.ctx, c.req.valid('json'))), 200),
    );
}

const VisitorParam = z.object({ visitorId: VisitorIdSchema.openapi({ param: { in: 'path', required: true } }) });

/** The card owner's radar and notifications in the shop (their own cards only). */
export function radarShopRoutes(radar: RadarModule) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(authenticated, {
        method: 'get',
        path: '/radar/visitors',
        tags: ['Radar'],
        summary: 'Who viewed my cards: consented visitors, latest first, with dwell, products viewed and forwards',
        request: { query: PageQuerySchema.extend({ cardId: z.string().max(64).optional() }) },
        responses: { 200: jsonResponse(pageOf(RadarVisitorSchema, 'RadarVisitorPage'), 'A page of visitors') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        return c.json({ ...(await radar.reads.visitors(c.var.ctx, query)), page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'get',
        path: '/radar/visitors/{visitorId}/timeline',
        tags: ['Radar'],
        summary: 'One visitor’s timeline on my cards, newest first',
        request: { params: VisitorParam, query: PageQuerySchema },
        responses: { 200: jsonResponse(pageOf(TimelineEntrySchema, 'RadarTimelinePage'), 'A page of the timeline') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        return c.json({ ...unwrap(await radar.reads.timeline(c.var.ctx, c.req.valid('param').visitorId, query)), page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'get',
        path: '/notifications',
        tags: ['Radar'],
        summary: 'My notifications, newest first, with the unread count',
        request: { query: PageQuerySchema.extend({ unread: z.enum(['true', 'false']).optional() }) },
        responses: { 200: jsonResponse(pageOf(NotificationSchema, 'NotificationPage').extend({ unread: z.number().int() }), 'A page of notifications') },
      }),
      async (c) => {
        const query = c.req.valid('query');
        const page = await radar.notifications.list(c.var.ctx, { page: query.page, pageSize: query.pageSize, unreadOnly: query.unread === 'true' });
        return c.json({ ...page, page: query.page, pageSize: query.pageSize }, 200);
      },
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'post',
        path: '/notifications/{id}/read',
        tags: ['Radar'],
        summary: 'Mark one notification read',
        request: { params: z.object({ id: idParam('ntf') }) },
        responses: { 200: jsonResponse(NotificationSchema, 'The notification') },
      }),
      async (c) => c.json(unwrap(await radar.notifications.markRead(c.var.ctx, c.req.valid('param').id)), 200),
    )
    .openapi(
      defineRoute(authenticated, {
        method: 'post',
        path: '/notifications/read-all',
        tags: ['Radar'],
        summary: 'Mark all my notifications read',
        responses: { 200: jsonResponse(z.object({ marked: z.number().int() }), 'How many were marked') },
      }),
      async (c) => c.json(await radar.notifications.markAllRead(c.var.ctx), 200),
    )
    .route('/', streamRoutes('shop', radar.bus, radar.tickets));
}

/** Console: the Boss radar (team totals) and the live stream. */
export function radarAdminRoutes(radar: RadarModule) {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(requires('radar.team'), {
        method: 'get',
        path: '/radar/team',
        tags: ['Radar'],
        summary: 'Boss radar: per card owner of the organisation, views, visitors, dwell, shares, forwards and leads over Beijing days',
        request: { query: TeamQuerySchema },
        responses: { 200: jsonResponse(TeamSchema, 'Team totals') },
      }),
      async (c) => c.json(unwrap(await radar.reads.team(c.var.ctx, c.req.valid('query'))), 200),
    )
    .route('/', streamRoutes('admin', radar.bus, radar.tickets));
}
