import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobScheduler, silentLogger } from '@linkmall/events';
import { createApp } from '../src/create-app.ts';
import { createMetricsRegistry, metricsAccess, startMetricsServer } from '../src/metrics-endpoint.ts';
import { concretePath, routeTable, startTestPlatform, type TestPlatform } from './harness.ts';

interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/**
 * A small parser of the Prometheus text format (0.0.4): it fails on any line that is neither a
 * comment nor a well-formed sample, and on a sample whose family has no TYPE line before it.
 */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.split('\n').slice(0, -1)) {
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      expect(types.has(type[1]!), `duplicate TYPE for ${type[1]}`).toBe(false);
      types.set(type[1]!, type[2]!);
      continue;
    }
    if (/^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .+$/.test(line)) continue;
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    expect(sample, `not a sample: ${line}`).not.toBeNull();
    const [, name, , labelText, rawValue] = sample!;
    const labels: Record<string, string> = {};
    if (labelText) {
      const labelPattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/y;
      let consumed = 0;
      for (let match = labelPattern.exec(labelText); match; match = labelPattern.exec(labelText)) {
        labels[match[1]!] = match[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
        consumed = labelPattern.lastIndex;
      }
      expect(consumed, `bad labels: ${line}`).toBe(labelText.length);
    }
    const value = rawValue === '+Inf' ? Infinity : rawValue === '-Inf' ? -Infinity : Number(rawValue);
    expect(Number.isNaN(value), `bad value: ${line}`).toBe(false);
    const family = types.has(name!) ? name! : name!.replace(/_(bucket|sum|count)$/, '');
    expect(types.has(family), `no TYPE before ${name}`).toBe(true);
    samples.push({ name: name!, labels, value });
  }
  return { samples, types };
}

const find = (samples: readonly Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));

const loopback = { incoming: { socket: { remoteAddress: '127.0.0.1' } } };

describe('GET /metrics', () => {
  let t: TestPlatform;
  const scrape = async (app: TestPlatform['app'], init: RequestInit = {}, env: object = loopback) => app.request('/metrics', init, env);

  beforeAll(async () => {
    t = await startTestPlatform({ seed: false });
    // One subscriber with an event waiting for a minute, and one event not fanned out yet.
    await t.database.executeSql(
      `insert into outbox_events (id, type, payload, occurred_at, dispatched_at) values
         ('evt_metrics_1', 'metrics.tested', '{}', now() - interval '60 seconds', now()),
         ('evt_metrics_2', 'metrics.tested', '{}', now() - interval '30 seconds', null)`,
      [],
    );
    await t.database.executeSql(
      `insert into outbox_deliveries (event_id, subscriber, status, next_attempt_at, event_position)
       select id, 'metrics-test-subscriber', 'pending', now(), position from outbox_events where id = 'evt_metrics_1'`,
      [],
    );
  });
  afterAll(async () => t?.close());

  it('serves the text format with HTTP, process and outbox figures', async () => {
    const response = await scrape(t.app);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const { samples, types } = parseExposition(await response.text());
    expect(types.get('linkmall_http_request_duration_seconds')).toBe('histogram');
    expect(types.get('linkmall_http_requests_total')).toBe('counter');
    for (const name of ['linkmall_process_resident_memory_bytes', 'linkmall_process_heap_used_bytes', 'linkmall_process_uptime_seconds', 'linkmall_http_requests_in_flight']) {
      expect(find(samples, name).length, name).toBe(1);
    }
    expect(find(samples, 'linkmall_nodejs_eventloop_lag_seconds').length).toBe(3);
    // The scrape itself is in flight while it renders.
    expect(find(samples, 'linkmall_http_requests_in_flight')[0]!.value).toBeGreaterThanOrEqual(1);
    expect(find(samples, 'linkmall_metrics_database_up')[0]!.value).toBe(1);
    expect(find(samples, 'linkmall_outbox_pending_deliveries', { subscriber: 'metrics-test-subscriber' })[0]!.value).toBe(1);
    expect(find(samples, 'linkmall_outbox_oldest_pending_age_seconds', { subscriber: 'metrics-test-subscriber' })[0]!.value).toBeGreaterThanOrEqual(59);
    expect(find(samples, 'linkmall_outbox_undispatched_events')[0]!.value).toBe(1);
    expect(find(samples, 'linkmall_outbox_oldest_undispatched_age_seconds')[0]!.value).toBeGreaterThanOrEqual(29);
    if (t.database.driver === 'postgres') {
      expect(find(samples, 'linkmall_db_pool_connections', { state: 'total' })[0]!.value).toBeGreaterThanOrEqual(1);
      expect(find(samples, 'linkmall_db_pool_waiting_requests').length).toBe(1);
    }
  });

  it('counts requests by route pattern, never by raw path, and moves after each request', async () => {
    const operation = (await routeTable(t)).find((op) => op.method === 'GET' && op.path.startsWith('/admin/') && op.pathParams.length > 0)!;
    const pattern = operation.path.replace(/\{(\w+)\}/g, ':$1');
    const before = parseExposition(await (await scrape(t.app)).text()).samples;
    const countOf = (samples: Sample[], labels: Record<string, string>) => find(samples, 'linkmall_http_requests_total', labels).reduce((sum, sample) => sum + sample.value, 0);

    for (const id of ['a', 'b', 'c']) {
      const path = concretePath(operation).replace(/_0{26}/, `_${id.repeat(26)}`);
      expect((await t.request('GET', path)).status).toBe(401);
    }
    expect((await t.request('GET', '/healthz')).status).toBe(200);
    expect((await t.request('GET', '/no/such/path/12345')).status).toBe(404);
    expect((await t.request('GET', '/no/such/path/67890')).status).toBe(404);

    const { samples } = parseExposition(await (await scrape(t.app)).text());
    expect(countOf(samples, { method: 'GET', route: pattern, status_class: '4xx' }) - countOf(before, { method: 'GET', route: pattern, status_class: '4xx' })).toBe(3);
    expect(countOf(samples, { route: '/healthz', status_class: '2xx' }) - countOf(before, { route: '/healthz', status_class: '2xx' })).toBe(1);
    expect(countOf(samples, { route: 'unmatched', status_class: '4xx' }) - countOf(before, { route: 'unmatched', status_class: '4xx' })).toBe(2);
    // No label carries a concrete id or path.
    const routes = new Set(find(samples, 'linkmall_http_requests_total').map((sample) => sample.labels.route));
    for (const route of routes) expect(route).not.toMatch(/_(a{26}|b{26}|c{26})|12345|67890/);

    // Histogram: cumulative buckets, +Inf equal to the count.
    const buckets = find(samples, 'linkmall_http_request_duration_seconds_bucket', { method: 'GET', route: pattern, status_class: '4xx' });
    const values = buckets.map((bucket) => bucket.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(buckets.at(-1)!.labels.le).toBe('+Inf');
    expect(buckets.at(-1)!.value).toBe(find(samples, 'linkmall_http_request_duration_seconds_count', { method: 'GET', route: pattern, status_class: '4xx' })[0]!.value);
  });

  it('without METRICS_TOKEN answers loopback clients only, and not through a proxy', async () => {
    expect((await scrape(t.app, {}, {})).status).toBe(403);
    expect((await scrape(t.app, {}, { incoming: { socket: { remoteAddress: '10.0.0.7' } } })).status).toBe(403);
    const proxied = await scrape(t.app, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(proxied.status).toBe(403);
    expect(((await proxied.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    expect((await scrape(t.app, {}, { incoming: { socket: { remoteAddress: '::ffff:127.0.0.1' } } })).status).toBe(200);
    expect((await scrape(t.app, {}, { incoming: { socket: { remoteAddress: '::1' } } })).status).toBe(200);
  });

  it('with METRICS_TOKEN asks every client for the bearer token', async () => {
    const token = 'metrics-token-0123456789abcdef';
    const app = createApp(t.platform, { metricsToken: token });
    const missing = await scrape(app);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    expect((await scrape(app, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const remote = { incoming: { socket: { remoteAddress: '10.0.0.7' } } };
    expect((await scrape(app, { headers: { authorization: `Bearer ${token}` } }, remote)).status).toBe(200);
    expect(metricsAccess(token, { authorization: `bearer ${token}`, proxied: true })).toBe('allowed');
  });

  it('reports pg-boss queue depth once a worker has created its tables', async () => {
    const scheduler = new JobScheduler({ connection: { database: t.database }, logger: silentLogger, stopTimeoutMs: 1_000 });
    await scheduler.handle('metrics.later', async () => {});
    await scheduler.start();
    try {
      await scheduler.send('metrics.later', {}, { startAfterSeconds: 3_600 });
      // A fresh registry: the app's caches its database figures for a few seconds.
      const { samples } = parseExposition(await createMetricsRegistry({ database: t.database }).render());
      expect(find(samples, 'linkmall_job_queue_jobs', { queue: 'metrics.later', state: 'created' })[0]!.value).toBe(1);
      expect(find(samples, 'linkmall_metrics_database_up')[0]!.value).toBe(1);
    } finally {
      await scheduler.stop();
    }
  });

  it('the worker serves the same figures on its own port', async () => {
    const token = 'worker-token-0123456789abcdef';
    const server = await startMetricsServer(createMetricsRegistry({ database: t.database }), { token, port: 0, host: '127.0.0.1' });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      expect((await fetch(`${url}/other`)).status).toBe(404);
      const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      const { samples } = parseExposition(await response.text());
      expect(find(samples, 'linkmall_http_requests_total')).toEqual([]);
      expect(find(samples, 'linkmall_process_resident_memory_bytes')[0]!.value).toBeGreaterThan(0);
      expect(find(samples, 'linkmall_outbox_pending_deliveries', { subscriber: 'metrics-test-subscriber' })[0]!.value).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
