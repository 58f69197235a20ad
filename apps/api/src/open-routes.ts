import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Clock } from '@linkmall/kernel';
import { ApiFailure, defineRoute, OpenAPIHono, signedByPartner, z, type AppEnv } from '@linkmall/http';

const MAX_SKEW_MS = 5 * 60_000;

/**
 * Partner calls on /open/* are signed: `X-Partner-Id`, `X-Timestamp` (ms), `X-Nonce` and
 * `X-Signature` = hex HMAC-SHA256(secret, METHOD \n PATH \n TIMESTAMP \n NONCE \n hex SHA-256(body)).
 * A stale timestamp or a reused nonce is refused, so a captured request cannot be replayed.
 */
export function verifyPartnerSignature(partners: ReadonlyMap<string, string>, clock: Clock): MiddlewareHandler<AppEnv> {
  const seenNonces = new Map<string, number>();
  return async (c, next) => {
    const partnerId = c.req.header('x-partner-id') ?? '';
    const timestamp = Number(c.req.header('x-timestamp'));
    const nonce = c.req.header('x-nonce') ?? '';
    const signature = c.req.header('x-signature') ?? '';
    const secret = partners.get(partnerId);
    const now = clock.now().getTime();
    if (!secret || !Number.isFinite(timestamp) || Math.abs(now - timestamp) > MAX_SKEW_MS || !/^[\w-]{8,64}$/.test(nonce)) {
      throw new ApiFailure('bad_signature');
    }
    const body = await c.req.raw.clone().text();
    const canonical = [c.req.method, c.req.path, String(timestamp), nonce, createHash('sha256').update(body).digest('hex')].join('\n');
    const expected = createHmac('sha256', secret).update(canonical).digest();
    const given = Buffer.from(signature, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new ApiFailure('bad_signature');
    const nonceKey = `${partnerId}:${nonce}`;
    if (seenNonces.has(nonceKey)) throw new ApiFailure('bad_signature');
    for (const [key, seenAt] of seenNonces) if (now - seenAt > MAX_SKEW_MS) seenNonces.delete(key);
    seenNonces.set(nonceKey, now);
    c.set('partnerId' as never, partnerId as never);
    await next();
  };
}

export function signPartnerRequest(secret: string, parts: { method: string; path: string; timestamp: number; nonce: string; body: string }): string {
  const canonical = [parts.method, parts.path, String(parts.timestamp), parts.nonce, createHash('sha256').update(parts.body).digest('hex')].join('\n');
  return createHmac('sha256', secret).update(canonical).digest('hex');
}

export function openApiRoutes(partners: ReadonlyMap<string, string>, clock: Clock) {
  const app = new OpenAPIHono<AppEnv>();
  // Only the partner API is signed with partner keys; payment providers sign their notifications their own way.
  app.use('/v1/*', verifyPartnerSignature(partners, clock));
  return app.openapi(
    defineRoute(signedByPartner, {
      method: 'get',
      path: '/v1/ping',
      tags: ['Open API'],
      summary: 'Checks the request signing of a partner (HMAC-SHA256 over method, path, timestamp, nonce and body hash)',
      responses: { 200: { description: 'Signature accepted', content: { 'application/json': { schema: z.object({ partnerId: z.string(), serverTime: z.string() }) } } } },
    }),
    (c) => c.json({ partnerId: c.req.header('x-partner-id') ?? '', serverTime: clock.now().toISOString() }, 200),
  );
}
