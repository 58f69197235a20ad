import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { pickLocale, systemClock, type Clock } from '@linkmall/kernel';
import { ApiFailure, describeIssues, type AppEnv, type RequestLogger } from '@linkmall/http';
import { auditAdminRoutes } from '@linkmall/audit';
import { identityErrors } from '@linkmall/identity';
import { storeAdminRoutes, storeErrors, storeShopRoutes } from '@linkmall/store';
import { CATALOG_IMPORT_BODY_LIMIT_BYTES, CATALOG_IMPORT_PATH, catalogAdminRoutes, catalogErrors, catalogShopRoutes } from '@linkmall/catalog';
import { afterSalesAdminRoutes, afterSalesShopRoutes, checkoutShopRoutes, pickupAdminRoutes, orderDetailAdminRoutes, simulationAdminRoutes, ledgerAdminRoutes, dashboardAdminRoutes, payNotifyRoutes, payShopRoutes, shopHomeRoutes, storefrontAdminRoutes, storefrontShopRoutes, reviewOrderShopRoutes } from '@linkmall/flows';
import { storefrontErrors } from '@linkmall/storefront';
import { promotionAdminRoutes, promotionErrors, promotionShopRoutes } from '@linkmall/promotion';
import { paymentErrors } from '@linkmall/payment';
import { sandboxPayRoutes } from './sandbox-pay-routes.ts';
import { fulfilmentAdminRoutes, fulfilmentShopRoutes, logisticsAdminRoutes, logisticsErrors, logisticsShopRoutes, orderErrors, settlementAdminRoutes, shippingImportAdminRoutes } from '@linkmall/order';
import { reviewAdminRoutes, reviewErrors, reviewShopRoutes } from '@linkmall/review';
import { payoutAdminRoutes, payoutErrors, payoutShopRoutes } from '@linkmall/payout';
import { radarAdminRoutes, radarErrors, radarShopRoutes, trackingRoutes } from '@linkmall/radar';
import { crmAdminRoutes, crmErrors, crmShopRoutes } from '@linkmall/crm';
import { recommendationShopRoutes } from '@linkmall/recommendation';
import { apiKeyAdminRoutes, exportAdminRoutes, integrationErrors, webhookAdminRoutes } from '@linkmall/integration';
import { growthAdminRoutes, growthErrors, growthShopRoutes } from '@linkmall/growth';
import { replenishmentAdminRoutes, replenishmentErrors } from '@linkmall/replenishment';
import { analyticsErrors } from '@linkmall/analytics';
import { analyticsRoutes } from './analytics-wiring.ts';
import { distributionAdminRoutes, distributionErrors, distributionShopRoutes } from '@linkmall/distribution';
import { assistantAdminRoutes, assistantErrors, assistantPublicRoutes, assistantShopRoutes } from '@linkmall/assistant';
import { commissionAdminRoutes, commissionShopRoutes } from '@linkmall/flows';
import { cardAdminRoutes, cardErrors, cardPublicRoutes, cardShopRoutes } from '@linkmall/card';
import { cardFlowShopRoutes, createCardBindFlow } from '@linkmall/flows';
import { scanSaveShopRoutes } from '@linkmall/flows';
import { personalDataAdminRoutes, personalDataErrors, personalDataShopRoutes } from '@linkmall/flows';
import { SCAN_BODY_LIMIT_BYTES, SCAN_PATH_PREFIX, scanErrors, scanShopRoutes } from '@linkmall/scan';
import { composeCatalog, createErrorHandler } from './error-handler.ts';
import { idempotency } from './idempotency.ts';
import { cors, securityHeaders } from './security-headers.ts';
import { edgeRateLimits } from './edge-rate-limits.ts';
import { openApiRoutes } from './open-routes.ts';
import type { Platform } from './platform.ts';
import { docsPage, openApiDocument } from './openapi-document.ts';
import { serveWebApps } from './web-apps.ts';
import { HttpMetrics, httpMetricsMiddleware } from './metrics.ts';
import { createMetricsRegistry, metricsHandler } from './metrics-endpoint.ts';

export interface AppOptions {
  readonly logger?: RequestLogger & { child?: (bindings: object) => RequestLogger };
  readonly bodyLimitBytes?: number;
  readonly openApiPartners?: ReadonlyMap<string, string>;
  readonly webRoot?: string;
  /** Take the client address from X-Forwarded-For; only behind a proxy that sets it, or anyone could pick their own. */
  readonly trustProxy?: boolean;
  /** Browser origins allowed to call the API cross-origin (CORS_ORIGINS); none by default: same origin only. */
  readonly corsOrigins?: readonly string[];
  /** METRICS_TOKEN: bearer token for GET /metrics; null or unset serves it to loopback clients only. */
  readonly metricsToken?: string | null;
}

const silentLogger: RequestLogger = { info() {}, warn() {}, error() {} };

export const errorCatalog = composeCatalog(identityErrors, storeErrors, catalogErrors, orderErrors, paymentErrors, storefrontErrors, promotionErrors, logisticsErrors, reviewErrors, payoutErrors, distributionErrors, radarErrors, assistantErrors, cardErrors, scanErrors, crmErrors, integrationErrors, growthErrors, replenishmentErrors, analyticsErrors, personalDataErrors);

/** Builds the HTTP edge: context, errors, the three surfaces, OpenAPI and the web apps. */
export function createApp(platform: Platform, options: AppOptions = {}) {
  const clock: Clock = platform.clock ?? systemClock;
  const errors = createErrorHandler(errorCatalog);
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return errors.respond(c as never, 'validation_failed', { issues: describeIssues(result.error, c.var.ctx.locale) });
      return undefined;
    },
  });

  // First, so the latency histogram covers every other middleware too.
  const httpMetrics = new HttpMetrics();
  const metrics = createMetricsRegistry({ http: httpMetrics, database: platform.database });
  app.use('*', httpMetricsMiddleware(httpMetrics));
  app.use('*', requestContext(clock, options.logger ?? silentLogger, options.trustProxy ?? false));
  app.use('*', securityHeaders());
  app.use('*', cors(options.corsOrigins ?? []));
  app.use('*', edgeRateLimits(platform.sharedLimits, () => clock.now()));
  app.onError(errors.onError);
  app.notFound((c) => errors.respond(c, 'not_found'));

  const tooLarge = (c: Context) => errors.respond(c as never, 'payload_too_large');
  const defaultLimit = bodyLimit({ maxSize: options.bodyLimitBytes ?? 1024 * 1024, onError: tooLarge });
  // A catalog import carries a whole file (up to 2 MB, more once JSON-escaped), so it alone gets a larger limit.
  const importLimit = bodyLimit({ maxSize: CATALOG_IMPORT_BODY_LIMIT_BYTES, onError: tooLarge });
  // A scanned business card carries a photo (up to 4 MB, base64 in JSON).
  const scanLimit = bodyLimit({ maxSize: SCAN_BODY_LIMIT_BYTES, onError: tooLarge });
  for (const surface of ['/admin/*', '/shop/*', '/open/*'] as const) {
    app.use(surface, (c, next) => (c.req.path === CATALOG_IMPORT_PATH ? importLimit(c, next) : c.req.path.startsWith(SCAN_PATH_PREFIX) ? scanLimit(c, next) : defaultLimit(c, next)));
    app.use(surface, requireJsonBody());
  }
  app.use('/admin/*', platform.identity.authenticateConsole);
  app.use('/shop/*', platform.identity.authenticateShop);
  // Tracking is public; a shop session, when the card page sends one, names the visitor.
  app.use('/t/*', platform.identity.authenticateShop);
  app.use('/t/*', requireJsonBody());
  // The card page's public endpoints (no login): JSON bodies within the default size limit.
  app.use('/public/*', (c, next) => defaultLimit(c, next));
  app.use('/public/*', requireJsonBody());
  // A shopper's session, when the card page sends one, names the visitor (forwards, phone reveals).
  app.use('/public/*', platform.identity.authenticateShop);
  // After the body limits: those must see the raw stream before anything reads it.
  for (const surface of ['/admin/*', '/shop/*', '/open/*', '/public/*', '/t/*'] as const) app.use(surface, rejectUnstorableText());
  app.use('/admin/*', idempotency(platform.db));
  app.use('/shop/*', idempotency(platform.db));

  const organizationNames = platform.identity.users.organizationNames;
  app.route('/admin', platform.identity.adminRoutes);
  app.route('/admin', auditAdminRoutes(platform.db));
  app.route('/admin', storeAdminRoutes(platform.stores, organizationNames));
  app.route('/admin', catalogAdminRoutes(platform.catalog, organizationNames));
  app.route('/admin', dashboardAdminRoutes({ db: platform.db, users: platform.identity.users, stores: platform.stores, catalog: platform.catalog }));
  app.route('/shop', platform.identity.shopRoutes);
  app.route('/shop', shopHomeRoutes({ catalog: platform.catalog, stores: platform.stores }));
  app.route('/shop', storeShopRoutes(platform.stores));
  app.route('/shop', catalogShopRoutes(platform.catalog));
  app.route('/shop', checkoutShopRoutes(platform.checkout, platform.orders));
  app.route('/shop', payShopRoutes(platform.pay));
  app.route('/shop', fulfilmentShopRoutes(platform.fulfilment));
  app.route('/admin', fulfilmentAdminRoutes(platform.fulfilment));
  app.route('/admin', pickupAdminRoutes(platform.pickup));
  app.route('/admin', orderDetailAdminRoutes(platform.orderDetail));
  app.route('/admin', simulationAdminRoutes());
  app.route('/admin', ledgerAdminRoutes(platform.db));
  app.route('/admin', settlementAdminRoutes(platform.settlements));
  app.route('/admin', storefrontAdminRoutes(platform.storefronts, platform.storefront));
  app.route('/admin', afterSalesAdminRoutes(platform.afterSales, platform.refunds));
  app.route('/shop', afterSalesShopRoutes(platform.afterSales));
  app.route('/shop', storefrontShopRoutes(platform.storefronts));
  app.route('/admin', promotionAdminRoutes(platform.promotion));
  app.route('/shop', logisticsShopRoutes(platform.logistics));
  app.route('/admin', logisticsAdminRoutes(platform.logistics));
  app.route('/admin', shippingImportAdminRoutes(platform.shippingImports));
  app.route('/shop', reviewShopRoutes(platform.reviews));
  app.route('/shop', reviewOrderShopRoutes(platform.reviewFlow));
  app.route('/admin', reviewAdminRoutes(platform.reviews));
  app.route('/shop', promotionShopRoutes(platform.promotion));
  app.route('/shop', payoutShopRoutes(platform.payouts.withdrawals, platform.payouts.statements));
  app.route('/admin', payoutAdminRoutes(platform.payouts.withdrawals, platform.payouts.statements, platform.payouts.anomalies, (ids) => platform.identity.users.userNames(ids)));
  app.route('/admin', distributionAdminRoutes(platform.distribution, distributionUsers(platform)));
  app.route('/admin', commissionAdminRoutes(platform.db, platform.distribution, (ids) => platform.identity.users.userNames(ids)));
  app.route('/shop', distributionShopRoutes(platform.distribution, { publicBaseUrl: platform.publicBaseUrl, names: (ids) => platform.identity.users.userNames(ids) }));
  app.route('/shop', commissionShopRoutes(platform.db, platform.distribution, (ids) => platform.identity.users.userNames(ids)));
  if (platform.paymentConfig.provider === 'sandbox') app.route('/shop', sandboxPayRoutes(platform, platform.paymentConfig.sandboxSecret));
  app.route('/open', payNotifyRoutes(platform.pay, platform.paymentProvider.name));
  app.route('/open', openApiRoutes(options.openApiPartners ?? new Map(), clock, platform.integration, platform.sharedLimits));
  app.route('/admin', webhookAdminRoutes(platform.integration.webhooks));
  app.route('/admin', apiKeyAdminRoutes(platform.integration.keys));
  app.route('/admin', exportAdminRoutes(platform.integration.exports));

  app.route('/t', trackingRoutes(platform.radar));
  app.route('/shop', radarShopRoutes(platform.radar));
  app.route('/admin', radarAdminRoutes(platform.radar));
  app.route('/shop', crmShopRoutes(platform.crm));
  app.route('/shop', recommendationShopRoutes(platform.recommendations));
  app.route('/admin', crmAdminRoutes(platform.crm));
  app.route('/admin', analyticsRoutes(platform.analytics));
  app.route('/admin', growthAdminRoutes(platform.growth, { names: (ids) => platform.identity.users.userNames(ids) }));
  app.route('/shop', growthShopRoutes(platform.growth));
  app.route('/admin', replenishmentAdminRoutes(platform.replenishment));
  app.route('/shop', personalDataShopRoutes(platform.personalData));
  app.route('/admin', personalDataAdminRoutes(platform.personalData));

  app.route('/public', assistantPublicRoutes(platform.assistant));
  app.route('/shop', assistantShopRoutes(platform.assistant));
  app.route('/admin', assistantAdminRoutes(platform.assistant));

  app.route('/admin', cardAdminRoutes(platform.cards));
  app.route('/shop', cardShopRoutes(platform.cards));
  app.route('/shop', cardFlowShopRoutes(createCardBindFlow({ cards: platform.cards, distribution: platform.distribution })));
  app.route('/shop', scanShopRoutes(platform.scan.service));
  app.route('/shop', scanSaveShopRoutes(platform.scan.save));
  app.route('/public', cardPublicRoutes(platform.cards));

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/metrics', metricsHandler(metrics, options.metricsToken ?? null));
  app.get('/readyz', async (c) => {
    try {
      await platform.database.ping();
      return c.json({ status: 'ready', database: platform.database.driver });
    } catch {
      return errors.respond(c, 'service_unavailable');
    }
  });
  app.get('/openapi.json', (c) => c.json(openApiDocument(app)));
  app.get('/docs', (c) => c.html(docsPage()));
  serveWebApps(app, options.webRoot);
  return app;
}
export type App = ReturnType<typeof createApp>;

function requestContext(clock: Clock, logger: AppOptions['logger'] & object, trustProxy: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    const forwarded = trustProxy ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
    const ip = forwarded || (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
    const userAgent = c.req.header('user-agent');
    c.set('ctx', {
      requestId,
      locale: pickLocale(c.req.header('accept-language')),
      clock,
      actor: null,
      ...(ip ? { ip } : {}),
      ...(userAgent ? { userAgent } : {}),
    });
    const log = logger.child ? logger.child({ requestId }) : logger;
    c.set('log', log);
    // Set before the handler: changing headers afterwards forces a slow streamed response.
    c.header('X-Request-Id', requestId);
    const startedAt = performance.now();
    await next();
    const status = c.res.status;
    const entry = {
      method: c.req.method,
      path: c.req.path,
      status,
      durationMs: Math.round((performance.now() - startedAt) * 10) / 10,
      userId: c.var.ctx.actor?.userId,
    };
    if (status >= 500) log.error(entry, 'request failed');
    else if (!c.req.path.startsWith('/console/') && !c.req.path.startsWith('/h5/')) log.info(entry, 'request');
  };
}

/** A write that sends a body must send JSON; anything else is a 415 rather than a confusing validation error. */
function requireJsonBody(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const type = c.req.header('content-type');
    if (['POST', 'PUT', 'PATCH'].includes(c.req.method) && type && !/^application\/json\b/i.test(type)) {
      throw new ApiFailure('unsupported_media_type');
    }
    await next();
  };
}

/** NUL, or a UTF-16 surrogate without its pair: PostgreSQL stores neither (text rejects 0x00, jsonb an unpaired \ud800 escape). */
const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Refuses, as a 400, text the database cannot store, wherever a request carries it (path, query, JSON
 * body), so it can never reach a query and fail there as a 500. Checked once at the edge rather than
 * in every schema: no field of any route can hold such text.
 */
function rejectUnstorableText(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (UNSTORABLE_TEXT.test(c.req.path)) throw new ApiFailure('validation_failed', { field: 'path' });
    for (const [name, value] of new URL(c.req.url).searchParams) {
      if (UNSTORABLE_TEXT.test(name) || UNSTORABLE_TEXT.test(value)) throw new ApiFailure('validation_failed', { field: name });
    }
    if (c.req.method !== 'GET' && /^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
      // A clone: a route's own body limit (tracking) must still find the stream unread.
      const text = await c.req.raw.clone().text();
      // JSON carries these only as \u escapes; parse (and walk) just the bodies that have one.
      if (/\\u(0000|d[89a-f])/i.test(text) && holdsUnstorableText(parseJsonOrNull(text))) throw new ApiFailure('validation_failed', { field: 'body' });
    }
    await next();
  };
}

function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null; // the route's own parsing answers malformed JSON
  }
}

function holdsUnstorableText(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') {
      if (UNSTORABLE_TEXT.test(item)) return true;
    } else if (item && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        if (UNSTORABLE_TEXT.test(key)) return true;
        pending.push(child);
      }
    }
  }
  return false;
}

/** The member explorer finds users through identity (phones are searched by their hash there). */
function distributionUsers(platform: Platform) {
  return {
    async search(ctx: Parameters<Platform['identity']['users']['listUsers']>[0], query: string) {
      const { items } = await platform.identity.users.listUsers(ctx, { q: query, page: 1, pageSize: 50 });
      return items.map((user) => ({ userId: user.id, displayName: user.displayName }));
    },
    names: (ids: readonly string[]) => platform.identity.users.userNames(ids),
  };
}
