import type { MiddlewareHandler } from 'hono';
import type { SharedLimits } from '@linkmall/events';
import { ApiFailure, type AppEnv } from '@linkmall/http';

/**
 * Limits per client address on the costly or scrapeable endpoints that have no limit of their own:
 * WeChat sign-in (each call reaches WeChat's code2session), revealing a card owner's phone, the
 * server-drawn share poster, and business-card OCR (seconds of CPU per photo). Login by password,
 * tracking (/t) and the assistant limit themselves in their modules. The counters are the platform's
 * shared limits, so with several API processes a client gets one budget, not one per process.
 * The machine itself (loopback: local tools, benchmarks, browser tests) is not limited; behind a
 * reverse proxy set TRUST_PROXY=true, or every client would share the proxy's address.
 */
const LIMITS: ReadonlyArray<{ readonly name: string; readonly matches: (method: string, path: string) => boolean; readonly max: number; readonly windowMs: number }> = [
  { name: 'wechat-login', matches: (method, path) => method === 'POST' && path === '/shop/auth/wechat', max: 20, windowMs: 100_000 },
  { name: 'card-phone', matches: (_method, path) => /^\/public\/cards\/[^/]+\/phone$/.test(path), max: 20, windowMs: 200_000 },
  { name: 'card-poster', matches: (_method, path) => /^\/public\/cards\/[^/]+\/poster$/.test(path), max: 10, windowMs: 50_000 },
  { name: 'scan', matches: (method, path) => method === 'POST' && path.startsWith('/shop/scan/'), max: 10, windowMs: 100_000 },
];

const isLoopback = (address: string) => address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');

export function edgeRateLimits(limits: SharedLimits, now: () => Date = () => new Date()): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const rule = LIMITS.find((candidate) => candidate.matches(c.req.method, c.req.path));
    const address = c.var.ctx.ip;
    if (rule && address && !isLoopback(address)) {
      const at = now();
      if ((await limits.hit(`edge.${rule.name}`, address, rule.windowMs, at)) > rule.max) {
        const windowEndMs = (Math.floor(at.getTime() / rule.windowMs) + 1) * rule.windowMs;
        c.header('Retry-After', String(Math.max(1, Math.ceil((windowEndMs - at.getTime()) / 1000))));
        throw new ApiFailure('rate_limited', { limit: rule.name });
      }
    }
    await next();
  };
}
