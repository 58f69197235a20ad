import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/create-app.ts';
import { corsOriginsFromEnv } from '../src/config.ts';
import { startTestPlatform, tableCounts, type TestPlatform } from './harness.ts';

/**
 * ASVS V14 (headers, CORS), V13 (rate limits on costly public endpoints), V7 (no stack traces) and
 * V12 (declared vs real file type) at the HTTP edge; see docs/security.md for the full checklist.
 */
let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.close());

describe('security headers', () => {
  it('sends a locked-down CSP on JSON surfaces and a framing/plugin policy on pages', async () => {
    const api = await t.request('GET', '/shop/home');
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const page = await t.request('GET', '/docs');
    expect(page.headers.get('content-security-policy')).toContain("object-src 'none'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  });
});

describe('CORS', () => {
  const preflight = (app: { request: (path: string, init: RequestInit) => Response | Promise<Response> }, origin: string) =>
    app.request('/shop/auth/login', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });

  it('allows no foreign origin by default (same origin only)', async () => {
    const response = await t.request('GET', '/shop/home', { headers: { origin: 'https://evil.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(t.app, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers exactly the origins in CORS_ORIGINS, never with credentials', async () => {
    const app = createApp(t.platform, { corsOrigins: corsOriginsFromEnv('https://shop.example.com, http://127.0.0.1:5173') });
    const allowed = await preflight(app, 'https://shop.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect(allowed.headers.get('vary')).toBe('Origin');
    const simple = await app.request('/shop/home', { headers: { origin: 'http://127.0.0.1:5173' } });
    expect(simple.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    const foreign = await app.request('/shop/home', { headers: { origin: 'https://shop.example.com.evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses wildcards and paths in CORS_ORIGINS', () => {
    expect(() => corsOriginsFromEnv('*')).toThrow(/CORS_ORIGINS/);
    expect(() => corsOriginsFromEnv('https://*.example.com')).toThrow(/CORS_ORIGINS/);
    expect(() => corsOriginsFromEnv('https://shop.example.com/h5')).toThrow(/CORS_ORIGINS/);
    expect(corsOriginsFromEnv(undefined)).toEqual([]);
  });
});

/** The limits count fixed windows; a clock held still keeps a test's requests inside one of them. */
const inOneWindow = (platform: TestPlatform['platform']) => ({ ...platform, clock: { now: () => new Date('2026-11-23T09:00:01+08:00') } });

describe('rate limits at the edge', () => {
  it('throttles WeChat sign-in per client address with 429 and Retry-After', async () => {
    const app = createApp(inOneWindow(t.platform), { trustProxy: true });
    const attempt = (address: string, index: number) =>
      app.request('/shop/auth/wechat', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify({ code: `rate-${address.replaceAll('.', '_')}-${index}` }) });
    const statuses: number[] = [];
    for (let index = 0; index < 22; index++) statuses.push((await attempt('203.0.113.7', index)).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(200));
    const limited = await attempt('203.0.113.7', 99);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // Another address is not affected.
    expect((await attempt('203.0.113.8', 0)).status).toBe(200);
    // The machine itself (local tools, benchmarks) is never throttled.
    for (let index = 0; index < 25; index++) expect((await attempt('127.0.0.1', index)).status).toBe(200);
  });

  it('throttles revealing a card owner’s phone', async () => {
    const app = createApp(inOneWindow(t.platform), { trustProxy: true });
    const statuses: number[] = [];
    for (let index = 0; index < 21; index++) {
      statuses.push((await app.request('/public/cards/crd_00000000000000000000000000/phone', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' }, body: JSON.stringify({ visitorId: 'v-rate-limit-test' }) })).status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, 20)).not.toContain(429);
  });
});

describe('errors', () => {
  it('never send a stack trace or internal detail', async () => {
    const app = createApp(t.platform);
    app.get('/shop/security-test-boom', () => {
      throw new Error('secret internal detail at /srv/linkmall/index.ts:42');
    });
    const response = await app.request('/shop/security-test-boom');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text).error.code).toBe('internal_error');
    expect(text).not.toMatch(/secret internal detail|\.ts:\d+|at \w+ \(/);
    const malformed = await t.request('POST', '/shop/auth/login', { rawBody: '{"phone":' });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).not.toMatch(/SyntaxError|at JSON\.parse/);
  });
});

describe('catalog import content checks', () => {
  it('names a spreadsheet or binary file declared as CSV, and writes nothing', async () => {
    const supplier = await t.login('13900000001');
    const before = await tableCounts(t);
    for (const [content, kind] of [
      ['PK\u0003\u0004\u0014\u0006xl/workbook.xml', 'xlsx/zip'],
      ['%PDF-1.7\n...', 'pdf'],
    ] as const) {
      const response = await t.json('POST', '/admin/catalog/imports', { token: supplier, body: { format: 'csv', mode: 'create', content } });
      expect(response.status, JSON.stringify(response.body)).toBe(422);
      expect(response.body.error.details.errors[0]).toMatchObject({ code: 'binary_content' });
      expect(response.body.error.details.errors[0].message).toContain(kind);
    }
    // NUL bytes (any binary file) are refused at the edge already, before the import reads them.
    const binary = await t.json('POST', '/admin/catalog/imports', { token: supplier, body: { format: 'csv', mode: 'create', content: 'spuCode,title\u0000\u0000' } });
    expect(binary.status).toBe(400);
    expect(await tableCounts(t)).toEqual(before);
  });
});
