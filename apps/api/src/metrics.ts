import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';

/**
 * Prometheus metrics without a client library: a handful of counters and one histogram, rendered in
 * the text exposition format (version 0.0.4). The request path only does a Map lookup and a few
 * additions, so measuring every request stays far below the cost of the request itself.
 */

/** Latency buckets in seconds: fine below 100 ms, where most API calls land, coarse above. */
export const DURATION_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The route label of a request that matched no endpoint (404s, scanners): one series, not one per path. */
export const UNMATCHED_ROUTE = 'unmatched';

interface HttpSeries {
  readonly method: string;
  readonly route: string;
  readonly statusClass: string;
  count: number;
  sumSeconds: number;
  /** Per-bucket (not cumulative) counts; the last slot is +Inf. */
  readonly buckets: number[];
}

/** Request counters of one API process, labelled by method, route pattern and status class. */
export class HttpMetrics {
  readonly #series = new Map<string, HttpSeries>();
  inFlight = 0;

  observe(method: string, route: string, status: number, seconds: number): void {
    const safeMethod = KNOWN_METHODS.has(method) ? method : 'OTHER';
    const statusClass = `${Math.floor(status / 100)}xx`;
    const key = `${safeMethod} ${statusClass} ${route}`;
    let series = this.#series.get(key);
    if (!series) {
      series = { method: safeMethod, route, statusClass, count: 0, sumSeconds: 0, buckets: new Array(DURATION_BUCKETS_SECONDS.length + 1).fill(0) };
      this.#series.set(key, series);
    }
    series.count++;
    series.sumSeconds += seconds;
    let index = 0;
    while (index < DURATION_BUCKETS_SECONDS.length && seconds > DURATION_BUCKETS_SECONDS[index]!) index++;
    series.buckets[index]!++;
  }

  render(out: string[]): void {
    out.push('# HELP linkmall_http_requests_total HTTP requests answered, by method, route pattern and status class.');
    out.push('# TYPE linkmall_http_requests_total counter');
    for (const series of this.#series.values()) out.push(`linkmall_http_requests_total${labels(series)} ${series.count}`);
    out.push('# HELP linkmall_http_request_duration_seconds Time from receiving a request to handing its response to Node.');
    out.push('# TYPE linkmall_http_request_duration_seconds histogram');
    for (const series of this.#series.values()) {
      let cumulative = 0;
      DURATION_BUCKETS_SECONDS.forEach((bound, index) => {
        cumulative += series.buckets[index]!;
        out.push(`linkmall_http_request_duration_seconds_bucket${labels(series, String(bound))} ${cumulative}`);
      });
      out.push(`linkmall_http_request_duration_seconds_bucket${labels(series, '+Inf')} ${series.count}`);
      out.push(`linkmall_http_request_duration_seconds_sum${labels(series)} ${series.sumSeconds}`);
      out.push(`linkmall_http_request_duration_seconds_count${labels(series)} ${series.count}`);
    }
    out.push('# HELP linkmall_http_requests_in_flight Requests being handled right now.');
    out.push('# TYPE linkmall_http_requests_in_flight gauge');
    out.push(`linkmall_http_requests_in_flight ${this.inFlight}`);
  }
}

function labels(series: HttpSeries, bucket?: string): string {
  const le = bucket === undefined ? '' : `,le="${bucket}"`;
  return `{method="${series.method}",route="${escapeLabel(series.route)}",status_class="${series.statusClass}"${le}}`;
}

export function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/**
 * The pattern of the endpoint a request matched (`/admin/orders/:id`), never the raw path, so the
 * number of series is bounded by the route table. Middleware (`app.use`, method ALL) is skipped so a
 * 401 from the session check still counts against the endpoint; a request no endpoint matched is
 * labelled by the middleware that answered it (static files) or, for a 404, `unmatched`.
 */
export function routeLabel(c: Context, status: number): string {
  const routes = matchedRoutes(c);
  for (let index = routes.length - 1; index >= 0; index--) {
    const route = routes[index]!;
    if (route.method !== 'ALL') return route.path;
  }
  if (status === 404) return UNMATCHED_ROUTE;
  return routes[c.req.routeIndex]?.path ?? UNMATCHED_ROUTE;
}

/**
 * Records each request. It only reads `c.res.status` after the handler: setting a header or touching
 * the body there would rebuild the response and lose @hono/node-server's fast path (see
 * security-headers.ts).
 */
export function httpMetricsMiddleware(metrics: HttpMetrics): MiddlewareHandler {
  return async (c, next) => {
    const startedAt = performance.now();
    metrics.inFlight++;
    try {
      await next();
    } finally {
      metrics.inFlight--;
      const status = c.res.status;
      metrics.observe(c.req.method, routeLabel(c, status), status, (performance.now() - startedAt) / 1000);
    }
  };
}

let eventLoopDelay: IntervalHistogram | undefined;

/** Starts sampling the event loop's delay (every 20 ms); once per process, however many registries. */
export function monitorEventLoop(): IntervalHistogram {
  if (!eventLoopDelay) {
    eventLoopDelay = monitorEventLoopDelay({ resolution: 20 });
    eventLoopDelay.enable();
  }
  return eventLoopDelay;
}

/** Process-wide figures: memory, CPU, uptime and event-loop delay. */
export function renderProcessMetrics(out: string[]): void {
  const eventLoopDelay = monitorEventLoop();
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  gauge(out, 'linkmall_process_resident_memory_bytes', 'Resident set size.', memory.rss);
  gauge(out, 'linkmall_process_heap_used_bytes', 'V8 heap in use.', memory.heapUsed);
  gauge(out, 'linkmall_process_heap_total_bytes', 'V8 heap reserved.', memory.heapTotal);
  gauge(out, 'linkmall_process_external_memory_bytes', 'Memory of C++ objects bound to JavaScript (buffers).', memory.external);
  out.push('# HELP linkmall_process_cpu_seconds_total User and system CPU time spent.');
  out.push('# TYPE linkmall_process_cpu_seconds_total counter');
  out.push(`linkmall_process_cpu_seconds_total ${(cpu.user + cpu.system) / 1e6}`);
  gauge(out, 'linkmall_process_uptime_seconds', 'Seconds since the process started.', process.uptime());
  out.push('# HELP linkmall_nodejs_eventloop_lag_seconds Event-loop delay since the previous scrape (quantile 1 = maximum).');
  out.push('# TYPE linkmall_nodejs_eventloop_lag_seconds gauge');
  // The histogram reports nanoseconds; with no sample yet it reports NaN, shown as 0.
  const seconds = (nanoseconds: number) => (Number.isFinite(nanoseconds) ? nanoseconds / 1e9 : 0);
  out.push(`linkmall_nodejs_eventloop_lag_seconds{quantile="0.5"} ${seconds(eventLoopDelay.percentile(50))}`);
  out.push(`linkmall_nodejs_eventloop_lag_seconds{quantile="0.99"} ${seconds(eventLoopDelay.percentile(99))}`);
  out.push(`linkmall_nodejs_eventloop_lag_seconds{quantile="1"} ${seconds(eventLoopDelay.max)}`);
  // Each scrape reports the delay since the last one, not since start-up.
  eventLoopDelay.reset();
}

export function gauge(out: string[], name: string, help: string, value: number, labelText = ''): void {
  out.push(`# HELP ${name} ${help}`);
  out.push(`# TYPE ${name} gauge`);
  out.push(`${name}${labelText} ${value}`);
}
