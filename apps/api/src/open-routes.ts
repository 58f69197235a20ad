import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Clock } from '@linkmall/kernel';
import { createInProcessLimits, type SharedLimits } from '@linkmall/events';
import { ApiFailure, defineRoute, OpenAPIHono, signedByPartner, z } from '@linkmall/http';
import { PARTNER_SCOPES, partnerFeedRoutes, type IntegrationModule, type PartnerCredentials, type PartnerEnv } from '@linkmall/integration';

const MAX_SKEW_MS = 5 * 60_000;

/** Where partner secrets come from: the keys created in the console (integration module). */
export interface PartnerKeyring {
  credentials(partnerId: string): Promise<PartnerCredentials | null>;
  touch(partnerId: string, now: Date): Promise<void>;
}

/** Partners configured in OPEN_API_PARTNERS (the older way) keep working, with every read scope; they cannot be revoked from the console. */
const ENV_PARTNER_SCOPES: ReadonlySet<string> = new Set(PARTNER_SCOPES);

/**
 * Partner calls on /open/* are signed: `X-Partner-Id` (an API key id, or an OPEN_API_PARTNERS id),
 * `X-Timestamp` (ms), `X-Nonce` and `X-Signature` = hex HMAC-SHA256(secret, METHOD \n PATH \n
 * TIMESTAMP \n NONCE \n hex SHA-256(body)), where PATH carries the query string as sent. A stale
 * timestamp or a reused nonce is refused, so a captured request cannot be replayed; a revoked key is
 * refused once its signature checks out.
 */
export function verifyPartnerSignature(partners: ReadonlyMap<string, string>, clock: Clock, keyring?: PartnerKeyring, nonces: SharedLimits = createInProcessLimits()): MiddlewareHandler<PartnerEnv> {
  return async (c, next) => {
    const partnerId = c.req.header('x-partner-id') ?? '';
    const timestamp = Number(c.req.header('x-timestamp'));
    const nonce = c.req.header('x-nonce') ?? '';
    const signature = c.req.header('x-signature') ?? '';
    const now = clock.now().getTime();
    if (!partnerId || !Number.isFinite(timestamp) || Math.abs(now - timestamp) > MAX_SKEW_MS || !/^[\w-]{8,64}$/.test(nonce)) {
      throw new ApiFailure('bad_signature');
    }
    const configured = partners.get(partnerId);
    const credentials: PartnerCredentials | null = configured ? { secret: configured, scopes: ENV_PARTNER_SCOPES, revoked: false } : ((await keyring?.credentials(partnerId)) ?? null);
    if (!credentials) throw new ApiFailure('bad_signature');
    const body = await c.req.raw.clone().text();
    const expected = Buffer.from(signPartnerRequest(credentials.secret, { method: c.req.method, path: `${c.req.path}${new URL(c.req.url).search}`, timestamp, nonce, body }), 'hex');
    const given = Buffer.from(signature, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new ApiFailure('bad_signature');
    // Shared by every API process (PostgreSQL or Redis): a request replayed to another process is refused too.
    // Kept for twice the skew: a timestamp up to 5 minutes ahead stays acceptable for 10 minutes.
    if (!(await nonces.claimOnce('open-api', `${partnerId}:${nonce}`, 2 * MAX_SKEW_MS, clock.now()))) throw new ApiFailure('bad_signature');
    if (credentials.revoked) throw new ApiFailure('partner_key_revoked');
    if (!configured) await keyring?.touch(partnerId, clock.now());
    c.set('partner', { id: partnerId, scopes: credentials.scopes });
    await next();
  };
}

export function signPartnerRequest(secret: string, parts: { method: string; path: string; timestamp: number; nonce: string; body: string }): string {
  const canonical = [parts.method, parts.path, String(parts.timestamp), parts.nonce, createHash('sha256').update(parts.body).digest('hex')].join('\n');
  return createHmac('sha256', secret).update(canonical).digest('hex');
}

/** The partner API: signed with console API keys (or OPEN_API_PARTNERS), each feed behind its scope. */
export function openApiRoutes(partners: ReadonlyMap<string, string>, clock: Clock, integration?: IntegrationModule, nonces?: SharedLimits) {
  const app = new OpenAPIHono<PartnerEnv>();
  // Only the partner API is signed with partner keys; payment providers sign their notifications their own way.
  app.use('/v1/*', verifyPartnerSignature(partners, clock, integration?.keys, nonces));
  const routes = app.openapi(
    defineRoute(signedByPartner, {
      method: 'get',
      path: '/v1/ping',
      tags: ['Open API'],
      summary: 'Checks the request signing of a partner (HMAC-SHA256 over method, path with query, timestamp, nonce and body hash)',
      responses: { 200: { description: 'Signature accepted', content: { 'application/json': { schema: z.object({ partnerId: z.string(), scopes: z.array(z.string()), serverTime: z.string() }) } } } },
    }),
    (c) => c.json({ partnerId: c.var.partner.id, scopes: [...c.var.partner.scopes].sort(), serverTime: clock.now().toISOString() }, 200),
  );
  if (integration) routes.route('/', partnerFeedRoutes(integration.feeds, integration.exports));
  return routes;
}
