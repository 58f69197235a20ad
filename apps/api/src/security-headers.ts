import type { MiddlewareHandler } from 'hono';

/**
 * The OWASP baseline response headers. They are set before the handler runs: touching `c.res` after
 * it (as Hono's `secureHeaders()` does) rebuilds the response around a stream and loses
 * @hono/node-server's fast path, which cost half the throughput of a trivial route in the
 * http-baseline benchmark.
 */
const HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

/** JSON surfaces never render: nothing may load, and no page may frame them. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
/** The console, the h5 shop and the docs page: no plugins, no foreign framing or base URL (scripts stay as built). */
const PAGE_CSP = "object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'";
const API_PREFIXES = ['/admin/', '/shop/', '/open/', '/t/', '/public/'];
/** The sandbox payment page is HTML with its own inline script, served under /shop. */
const isJsonSurface = (path: string) => API_PREFIXES.some((prefix) => path.startsWith(prefix)) && !path.startsWith('/shop/pay/sandbox/');

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    for (const [name, value] of HEADERS) c.header(name, value);
    c.header('Content-Security-Policy', isJsonSurface(c.req.path) ? API_CSP : PAGE_CSP);
    await next();
  };
}

const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, Accept-Language, X-Request-Id';

/**
 * CORS with an explicit allowlist (CORS_ORIGINS). The API authenticates with bearer tokens in the
 * Authorization header, never cookies, so credentials are not allowed cross-origin and a foreign
 * page cannot ride a session (no CSRF). An origin not on the list gets no CORS headers at all, so
 * the browser keeps the answer from it; with an empty list only same-origin pages can call.
 */
export function cors(origins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(origins);
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (!origin || !allowed.has(origin)) {
      if (allowed.size > 0) c.header('Vary', 'Origin');
      await next();
      return;
    }
    c.header('Vary', 'Origin');
    c.header('Access-Control-Allow-Origin', origin);
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      c.header('Access-Control-Allow-Methods', ALLOWED_METHODS);
      c.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    c.header('Access-Control-Expose-Headers', 'X-Request-Id, Content-Disposition, Retry-After');
    await next();
  };
}
