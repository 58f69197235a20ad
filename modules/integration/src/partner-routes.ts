import type { MiddlewareHandler } from 'hono';
import { ApiFailure, defineRoute, idParam, jsonResponse, OpenAPIHono, signedByPartner, z, type AppEnv } from '@linkmall/http';
import { CHANGE_INSTANT, decodeCursor, encodeCursor } from './domain/feed-cursor.ts';
import type { PartnerScope } from './domain/partner-scopes.ts';
import type { ExportService } from './export-service.ts';
import type { PartnerFeed, PartnerFeeds } from './integration-ports.ts';
import type { ExportReport } from './integration-tables.ts';
import { feedPageOf, FeedQuerySchema, PartnerLeadSchema, PartnerMemberSchema, PartnerOrderSchema, PartnerRewardLineSchema } from './partner-schemas.ts';

/** The partner a signed /open call was verified for (set by the signature check). */
export interface PartnerIdentity {
  readonly id: string;
  readonly scopes: ReadonlySet<string>;
}
export type PartnerEnv = { Variables: AppEnv['Variables'] & { partner: PartnerIdentity } };

/**
 * Rows changed or created within this window are held back: a transaction that started earlier may
 * still commit a row with an earlier key, and a cursor that had moved past it would never return it.
 */
export const FEED_SETTLE_MS = 5_000;

const TAGS = ['Open API'];
const REPORT_SCOPES: Record<ExportReport, PartnerScope> = { orders: 'orders:read', reward_lines: 'rewards:read', leads: 'leads:read' };

export function requireScope(scope: PartnerScope): MiddlewareHandler<PartnerEnv> {
  return async (c, next) => {
    if (!c.var.partner?.scopes.has(scope)) throw new ApiFailure('partner_scope_missing', { scope });
    await next();
  };
}

async function feedPage<T>(feed: PartnerFeed<T>, query: { since?: string | undefined; limit: number }, now: Date) {
  let after: string[] | null = null;
  if (query.since) {
    after = decodeCursor(query.since, feed.keyParts);
    if (!after || (feed.keyParts === 2 && !CHANGE_INSTANT.test(after[0]!))) throw new ApiFailure('partner_cursor_invalid');
  }
  const rows = await feed.page(after, new Date(now.getTime() - FEED_SETTLE_MS), query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items: items.map((row) => row.item), nextCursor: last ? encodeCursor(last.key) : (query.since ?? null), hasMore: rows.length > query.limit };
}

const feedRoute = (path: string, scope: PartnerScope, summary: string, schema: z.ZodType, name: string) =>
  defineRoute(signedByPartner, {
    method: 'get',
    path,
    tags: TAGS,
    summary: `${summary} (scope ${scope})`,
    description: `Needs a key with the \`${scope}\` scope (403 partner_scope_missing otherwise). Start without \`since\`, then pass each answer's \`nextCursor\`; rows of the last ${FEED_SETTLE_MS / 1000} seconds appear on a later call.`,
    'x-partner-scope': scope,
    request: { query: FeedQuerySchema },
    responses: { 200: jsonResponse(feedPageOf(schema, name), 'A page of the feed') },
  });

/** The partner feeds under /open/v1, each behind its scope, and export files for ERP pick-up. */
export function partnerFeedRoutes(feeds: PartnerFeeds, exports: ExportService) {
  const app = new OpenAPIHono<PartnerEnv>();
  app.use('/v1/orders', requireScope('orders:read'));
  app.use('/v1/reward-lines', requireScope('rewards:read'));
  app.use('/v1/leads', requireScope('leads:read'));
  app.use('/v1/members', requireScope('members:read'));
  return app
    .openapi(feedRoute('/v1/orders', 'orders:read', 'Orders in the order they were placed, with their current state, sub-orders and lines', PartnerOrderSchema, 'PartnerOrderFeed'), async (c) =>
      c.json(await feedPage(feeds.orders, c.req.valid('query'), c.var.ctx.clock.now()), 200),
    )
    .openapi(feedRoute('/v1/reward-lines', 'rewards:read', 'Distribution reward lines as they are created and change status (pending, settled, reversed)', PartnerRewardLineSchema, 'PartnerRewardLineFeed'), async (c) =>
      c.json(await feedPage(feeds.rewardLines, c.req.valid('query'), c.var.ctx.clock.now()), 200),
    )
    .openapi(feedRoute('/v1/leads', 'leads:read', 'CRM leads as they are created and change (phones masked)', PartnerLeadSchema, 'PartnerLeadFeed'), async (c) =>
      c.json(await feedPage(feeds.leads, c.req.valid('query'), c.var.ctx.clock.now()), 200),
    )
    .openapi(feedRoute('/v1/members', 'members:read', 'Distribution members as they join and change role or referrer', PartnerMemberSchema, 'PartnerMemberFeed'), async (c) =>
      c.json(await feedPage(feeds.members, c.req.valid('query'), c.var.ctx.clock.now()), 200),
    )
    .openapi(
      defineRoute(signedByPartner, {
        method: 'get',
        path: '/v1/export-runs/{id}/file',
        tags: TAGS,
        summary: 'Download a scheduled export file (the integration.export_ready webhook names it); needs the scope of its report',
        request: { params: z.object({ id: idParam('exr') }) },
        responses: { 200: { description: 'The file', content: { 'text/csv': { schema: z.string() }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) } } } },
      }),
      async (c) => {
        const file = await exports.partnerFile(c.req.valid('param').id);
        if (!file) throw new ApiFailure('export_run_not_found');
        const scope = REPORT_SCOPES[file.report];
        if (!c.var.partner.scopes.has(scope)) throw new ApiFailure('partner_scope_missing', { scope });
        return c.body(Buffer.from(file.content) as never, 200, { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.fileName}"` });
      },
    );
}
