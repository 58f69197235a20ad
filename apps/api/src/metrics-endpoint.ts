import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Handler } from 'hono';
import { ApiFailure, type AppEnv } from '@linkmall/http';
import type { Database } from '@linkmall/db';
import { HttpMetrics, monitorEventLoop, renderProcessMetrics } from './metrics.ts';
import { databaseMetrics, type DatabaseMetrics } from './metrics-database.ts';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export interface MetricsConfig {
  /** METRICS_TOKEN: scrapers send `Authorization: Bearer <token>`; without it only loopback clients may scrape. */
  readonly token: string | null;
  /** METRICS_PORT: the worker process serves /metrics on this port (the API serves it on its own port). */
  readonly port: number | null;
  /** METRICS_HOST: where the worker's metrics listener binds (default 0.0.0.0). */
  readonly host: string;
}

export function metricsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MetricsConfig {
  const token = env.METRICS_TOKEN?.trim() || null;
  if (token !== null && token.length < 16) throw new Error('METRICS_TOKEN must be at least 16 characters (openssl rand -hex 24)');
  const rawPort = env.METRICS_PORT?.trim();
  const port = rawPort ? Number(rawPort) : null;
  if (port !== null && (!Number.isInteger(port) || port < 1 || port > 65535)) throw new Error('METRICS_PORT must be an integer 1-65535');
  return { token, port, host: env.METRICS_HOST?.trim() || '0.0.0.0' };
}

export type MetricsAccess = 'allowed' | 'unauthenticated' | 'forbidden';

/**
 * With a token, only a matching bearer token scrapes. Without one, only loopback clients may, and a
 * request carrying proxy headers is refused even from loopback: a reverse proxy on the same host
 * would otherwise make every outside request look local.
 */
export function metricsAccess(token: string | null, request: { authorization?: string | undefined; remoteAddress?: string | undefined; proxied: boolean }): MetricsAccess {
  if (token !== null) {
    const presented = /^Bearer\s+(.+)$/i.exec(request.authorization ?? '')?.[1]?.trim();
    if (!presented) return 'unauthenticated';
    // Hashing first gives equal lengths, so the comparison takes the same time whatever was sent.
    const digest = (value: string) => createHash('sha256').update(value).digest();
    return timingSafeEqual(digest(presented), digest(token)) ? 'allowed' : 'unauthenticated';
  }
  if (request.proxied) return 'forbidden';
  return isLoopback(request.remoteAddress) ? 'allowed' : 'forbidden';
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const bare = address.startsWith('::ffff:') ? address.slice(7) : address;
  return bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const;

/** Everything one process reports: its HTTP traffic (the API only), the process and the database. */
export interface MetricsRegistry {
  readonly http: HttpMetrics | null;
  readonly database: DatabaseMetrics | null;
  render(): Promise<string>;
}

export function createMetricsRegistry(options: { http?: HttpMetrics | null; database?: Database | null }): MetricsRegistry {
  const http = options.http ?? null;
  const database = options.database ? databaseMetrics(options.database) : null;
  // Sample from start-up, so the first scrape already reports the delay.
  monitorEventLoop();
  return {
    http,
    database,
    async render() {
      const out: string[] = [];
      http?.render(out);
      renderProcessMetrics(out);
      await database?.render(out);
      return `${out.join('\n')}\n`;
    },
  };
}

/** GET /metrics on the API. */
export function metricsHandler(registry: MetricsRegistry, token: string | null): Handler<AppEnv> {
  return async (c) => {
    const socket = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket;
    const access = metricsAccess(token, {
      authorization: c.req.header('authorization'),
      remoteAddress: socket?.remoteAddress,
      proxied: PROXY_HEADERS.some((name) => c.req.header(name) !== undefined),
    });
    if (access !== 'allowed') throw new ApiFailure(access);
    return c.body(await registry.render(), 200, { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' });
  };
}

/** The worker's own listener on METRICS_PORT: /metrics only, same access rule as the API. */
export async function startMetricsServer(registry: MetricsRegistry, config: MetricsConfig & { port: number }): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' || path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'not_found', message: 'Not found', details: {} } }));
      return;
    }
    const access = metricsAccess(config.token, {
      authorization: request.headers.authorization,
      remoteAddress: request.socket.remoteAddress,
      proxied: PROXY_HEADERS.some((name) => request.headers[name] !== undefined),
    });
    if (access !== 'allowed') {
      const status = access === 'unauthenticated' ? 401 : 403;
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: access, message: access === 'unauthenticated' ? 'A valid metrics token is required' : 'Metrics are only served to loopback clients unless METRICS_TOKEN is set', details: {} } }));
      return;
    }
    registry.render().then(
      (body) => response.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' }).end(body),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  return server;
}
